export * from './gitops';
