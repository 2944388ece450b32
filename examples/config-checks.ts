// Config files checked against StarRocks' own keys, and run-time changes that need no rolling restart.
// README:begin
import { App, Chart } from 'cdk8s';
import { ComponentKind, StarRocksCluster, StarRocksConfig } from '../src';

// Numbers and booleans are written as StarRocks reads them (4096, not 4.096e+03).
export const feConfig = StarRocksConfig.fromEntries({
  qe_max_connection: 4096, // read at start only
  max_routine_load_task_num_per_be: 16, // changeable at run time
  enable_udf: false, // read at start only
});
export const beConfig = StarRocksConfig.fromEntries({
  max_compaction_concurrency: 4, // changeable at run time
  sys_log_level: 'INFO', // changeable at run time
});

export function build(app: App): Chart {
  const chart = new Chart(app, 'config-checks', { namespace: 'starrocks' });
  new StarRocksCluster(chart, 'Analytics', {
    // A changed config updates the ConfigMap but does not roll the pods: apply the
    // run-time keys by hand (below); the others apply at the next restart.
    fe: { config: feConfig, rollOnConfigChange: false },
    be: { config: beConfig, rollOnConfigChange: false },
  });
  return chart;
}

// The run-time keys to apply by hand to running pods: on FE with
// ADMIN SET FRONTEND CONFIG ("<key>" = "<value>"), on BE with
// curl -XPOST "http://<be-pod>:8040/api/update_config?<key>=<value>".
export const feRuntimeKeys = feConfig.runtimeMutableKeys(ComponentKind.FE);
export const beRuntimeKeys = beConfig.runtimeMutableKeys(ComponentKind.BE);
// README:end
