// Only re-exports. Each module holds one concept.
export * from './cluster/cluster';
export * from './common/quantity';
export * from './common/warnings';
export * from './components/component';
export * from './components/options';
export * from './config/config';
export * from './fe-proxy/fe-proxy';
export * from './storage/storage';
export * from './operator';
export * from './disruption/budget';
export * from './disruption/disruption-budgets';
export * from './warehouse/warehouse';
