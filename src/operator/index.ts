export * from './crds';
export * from './operator';
export * from './props';
