// A kube-starrocks Helm release, moved into a cdk8s app with its values unchanged.
// README:begin
import { App, Chart } from 'cdk8s';
import { KubeStarRocks } from '../src';

export function build(app: App): Chart {
  const chart = new Chart(app, 'helm-migration', { namespace: 'starrocks' });
  new KubeStarRocks(chart, 'Release', {
    releaseName: 'kube-starrocks',
    releaseNamespace: 'starrocks',
    // The output of `helm get values kube-starrocks -n starrocks -o yaml`,
    // unchanged: only what differs from the chart's defaults.
    values: {
      operator: {
        starrocksOperator: { watchNamespace: 'starrocks' },
      },
      starrocks: {
        initPassword: { enabled: true, passwordSecret: 'starrocks-root' },
        metrics: { serviceMonitor: { enabled: true } },
        starrocksFESpec: {
          replicas: 3,
          storageSpec: { name: 'fe', storageSize: '20Gi' },
        },
        starrocksBeSpec: {
          replicas: 3,
          storageSpec: { name: 'be', storageSize: '1Ti' },
          config: 'sys_log_level = INFO\ndefault_rowset_type = beta\n',
        },
      },
    },
  });
  return chart;
}
// README:end
