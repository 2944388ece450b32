/**
 * The validation rules of FEATURES.md section 3 that concern StarRocksCluster.
 *
 * E rules: the error names the property and shows the value. Rules on the input alone throw in the
 * constructor; rules that depend on later calls (ports and volumes after addConfig, ConfigMap
 * names, V30) are node validations, reported together at synthesis; rules on Services and the FE
 * proxy are checked when the spec is rendered. Tests of those accept either.
 * W rules: the warning is recorded as construct metadata (`warningsOf`).
 */
import { Duration, Size, Testing } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';
import { StarRocksCluster, StarRocksClusterProps } from '../../src/cluster/cluster';
import { StarRocksPort } from '../../src/cluster/component-kind';
import { mountVolumeHash } from '../../src/common/hash';
import { ResourceQuantity } from '../../src/common/quantity';
import { warningsOf } from '../../src/common/warnings';
import { HpaVersion, ImagePullPolicy, PodManagementPolicy, ServiceType } from '../../src/components/options';
import { StarRocksConfig } from '../../src/config/config';
import { synthValid } from '../util/synth';

// warnings are asserted through construct metadata; keep them off stderr
process.env.CDK8S_STARROCKS_SILENCE_WARNINGS = '1';

/** The CR's spec of a valid cluster `sr`, checked against the schemas. */
function specOf(props: StarRocksClusterProps): any {
  const chart = Testing.chart();
  new StarRocksCluster(chart, 'Sr', props);
  const found = synthValid(chart).filter((o) => o.kind === 'StarRocksCluster' && o.metadata.name === (props.name ?? 'sr'));
  expect(found).toHaveLength(1);
  return found[0].spec;
}

/** The constructor refuses the props. */
function expectConstructorError(props: StarRocksClusterProps, message: RegExp): void {
  const chart = Testing.chart();
  expect(() => new StarRocksCluster(chart, 'Sr', props)).toThrow(message);
}

/** The constructor accepts the props, synthesis refuses them. */
function expectSynthError(props: StarRocksClusterProps, message: RegExp): void {
  const chart = Testing.chart();
  new StarRocksCluster(chart, 'Sr', props);
  expect(() => Testing.synth(chart)).toThrow(message);
}

/** The props are refused, in the constructor or at synthesis. */
function expectRejected(props: StarRocksClusterProps, message: RegExp): void {
  const chart = Testing.chart();
  expect(() => {
    new StarRocksCluster(chart, 'Sr', props);
    Testing.synth(chart);
  }).toThrow(message);
}

/** The warnings recorded for a valid cluster (whose output is checked against the schemas). */
function warningsFor(props: StarRocksClusterProps): string[] {
  const chart = Testing.chart();
  new StarRocksCluster(chart, 'Sr', props);
  synthValid(chart);
  return warningsOf(chart);
}

function expectWarning(props: StarRocksClusterProps, message: RegExp): void {
  expect(warningsFor(props)).toContainEqual(expect.stringMatching(message));
}

function expectNoWarnings(props: StarRocksClusterProps): void {
  expect(warningsFor(props)).toStrictEqual([]);
}

describe('V01 replicas are whole numbers >= 0', () => {
  test('fails for negative FE replicas', () => {
    expectConstructorError({ fe: { replicas: -1 } }, /'fe.replicas' must be a whole number .*>?.*0.* got -1/);
  });

  test('fails for fractional BE replicas', () => {
    expectConstructorError({ be: { replicas: 1.5 } }, /'be.replicas' must be a whole number .* got 1.5/);
  });

  test('fails for negative CN replicas', () => {
    expectConstructorError({ cn: { replicas: -2 } }, /'cn.replicas' must be .* got -2/);
  });

  test('fails for negative FE proxy replicas', () => {
    expectRejected({ feProxy: { replicas: -1 } }, /'feProxy.replicas' must be a whole number .* got -1/);
  });

  test('0 replicas are allowed', () => {
    expect(specOf({ be: { replicas: 0 } }).starRocksBeSpec.replicas).toBe(0);
  });
});

describe('V02 storage volume names are DNS-1123 labels', () => {
  test('fails for an emptyDir name with upper case and underscore', () => {
    expectConstructorError({ fe: { emptyDirs: [{ name: 'Bad_Name', mountPath: '/scratch' }] } }, /'fe.emptyDirs\[0\].name' must be a DNS-1123 label .* got "Bad_Name"/);
  });

  test('fails for a hostPath volume name', () => {
    expectConstructorError({ be: { hostPaths: [{ name: 'disk.1', mountPath: '/disk', path: '/mnt/disk1' }] } }, /'be.hostPaths\[0\].name' must be a DNS-1123 label .* got "disk.1"/);
  });

  test('fails for a raw storage volume name longer than 63 characters', () => {
    const name = 'v'.repeat(64);
    expectConstructorError(
      { cn: { storageVolumes: [{ name, mountPath: '/cache', storageClassName: 'emptyDir' }] } },
      new RegExp(`'cn.storageVolumes\\[0\\].name' must be a DNS-1123 label .* got "${name}"`),
    );
  });

  test('fails for a volume name prefix that is not a DNS label', () => {
    expectConstructorError({ fe: { volumeNamePrefix: 'Meta' } }, /'fe.volumeNamePrefix' must be a DNS-1123 label .* got "Meta"/);
  });
});

describe('V03 storage sizes use binary units', () => {
  test('fails for a Ki size', () => {
    expectConstructorError({ be: { dataStorage: { size: Size.kibibytes(512) } } }, /'be.dataStorage.size' must be .*Mi, Gi, Ti, Pi or Ei.* got "512Ki"/);
  });

  test('fails for a Ki size on a raw storage volume', () => {
    expectConstructorError(
      { fe: { storageVolumes: [{ name: 'extra', mountPath: '/extra', storageSize: Size.kibibytes(1) }] } },
      /'fe.storageVolumes\[0\].storageSize' must be .* got "1Ki"/,
    );
  });

  test('Mi, Gi and Ti sizes are kept as written', () => {
    const spec = specOf({ be: { dataStorage: { size: Size.tebibytes(2) }, logStorage: { size: Size.mebibytes(512) } } });
    expect(spec.starRocksBeSpec.storageVolumes).toStrictEqual([
      { name: 'be-data', mountPath: '/opt/starrocks/be/storage', storageSize: '2Ti' },
      { name: 'be-log', mountPath: '/opt/starrocks/be/log', storageSize: '512Mi' },
    ]);
  });
});

describe('V04 a hostPath needs a path', () => {
  test('fails for a hostPaths entry with an empty path', () => {
    expectConstructorError({ be: { hostPaths: [{ name: 'disk', mountPath: '/disk', path: '' }] } }, /'be.hostPaths\[0\].path' must be a non-empty node path, got ""/);
  });

  test('fails for a raw storage volume with an empty hostPath.path', () => {
    expectConstructorError(
      { be: { storageVolumes: [{ name: 'disk', mountPath: '/disk', hostPath: { path: '' } }] } },
      /'be.storageVolumes\[0\].hostPath.path' must be a non-empty node path, got ""/,
    );
  });
});

describe('V05 autoscaling needs maxReplicas', () => {
  test('fails without maxReplicas (untyped input)', () => {
    expectConstructorError({ cn: { autoScaling: {} as any } }, /'cn.autoScaling.maxReplicas' must be a whole number .* got nothing \(it is not set\)/);
  });
});

describe('V07 resources are Kubernetes quantities', () => {
  test('fails for a plain string instead of a ResourceQuantity (untyped input)', () => {
    expectRejected({ be: { resources: { limits: { memory: '8Gi' as any } } } }, /'be.resources.limits.memory' must be a ResourceQuantity .* got "8Gi"/);
  });

  test('fails for "unlimited" (V18: the library has no helm-style unlimited; leave the limit out)', () => {
    expect(() => ResourceQuantity.of('unlimited')).toThrow(/must be a Kubernetes quantity .* got "unlimited"/);
  });

  test('quantities are rendered inline as requests and limits', () => {
    const spec = specOf({
      fe: {
        resources: {
          requests: { cpu: ResourceQuantity.fromNumber(4), memory: ResourceQuantity.of('4Gi') },
          limits: { cpu: ResourceQuantity.of('8'), memory: ResourceQuantity.size(Size.gibibytes(8)) },
        },
      },
    });
    expect(spec.starRocksFeSpec).toMatchObject({ requests: { cpu: 4, memory: '4Gi' }, limits: { cpu: '8', memory: '8Gi' } });
  });
});

describe('V08 embedded Kubernetes types keep their required fields', () => {
  test('fails for an environment variable without a name', () => {
    expectConstructorError({ fe: { envVars: [{ name: '', value: 'x' }] } }, /'fe.envVars\[\].name' must be a non-empty string, got ""/);
  });

  test('fails for a sidecar without a name (untyped input)', () => {
    expectConstructorError({ be: { sidecars: [{ image: 'busybox:1.36' } as any] } }, /'be.sidecars\[0\].name' must be a container name, got nothing \(it is not set\)/);
  });

  test('fails for an init container whose name is not a DNS label', () => {
    expectConstructorError({ be: { initContainers: [{ name: 'Init_1', image: 'busybox:1.36' }] } }, /'be.initContainers\[0\].name' must be a DNS-1123 label .* got "Init_1"/);
  });

  test('fails for two sidecars with the same name', () => {
    expectConstructorError(
      { fe: { sidecars: [{ name: 'logger', image: 'busybox:1.36' }, { name: 'logger', image: 'fluent-bit:3' }] } },
      /'fe.sidecars' already has a container named "logger"/,
    );
  });

  test('fails for two init containers with the same name', () => {
    expectConstructorError(
      { cn: { initContainers: [{ name: 'prep', image: 'busybox:1.36' }, { name: 'prep', image: 'busybox:1.36' }] } },
      /'cn.initContainers' already has a container named "prep"/,
    );
  });

  test('fails for two environment variables with the same name', () => {
    expectConstructorError({ fe: { envVars: [{ name: 'A', value: '1' }, { name: 'A', value: '2' }] } }, /'fe.envVars' already has a variable named "A"/);
  });

  test('fails for an environment variable named TZ when timeZone sets it', () => {
    expectConstructorError({ timeZone: 'UTC', be: { envVars: [{ name: 'TZ', value: 'Asia/Shanghai' }] } }, /'be.envVars' already has a variable named "TZ"/);
  });
});

describe('V09 unknown keys are an error (the API server prunes them silently)', () => {
  test('fails for a sidecar with a misspelled field (untyped input)', () => {
    expectRejected(
      { fe: { sidecars: [{ name: 'logger', image: 'busybox:1.36', imagepullPolicy: 'Always' } as any] } },
      /'fe.sidecars.*imagepullPolicy/,
    );
  });
});

describe('V14 service options without a type default to ClusterIP', () => {
  test('annotations alone give a ClusterIP service', () => {
    const spec = specOf({ fe: { service: { annotations: { 'service.beta.kubernetes.io/aws-load-balancer-internal': 'true' } } } });
    expect(spec.starRocksFeSpec.service).toStrictEqual({
      type: 'ClusterIP',
      annotations: { 'service.beta.kubernetes.io/aws-load-balancer-internal': 'true' },
    });
  });

  test('FE proxy service options without a type also default to ClusterIP', () => {
    const spec = specOf({ feProxy: { service: { labels: { team: 'data' } } } });
    expect(spec.starRocksFeProxySpec.service).toStrictEqual({ type: 'ClusterIP', labels: { team: 'data' } });
  });
});

describe('V15 load balancer settings need type LoadBalancer', () => {
  test('fails for loadBalancerIp on a NodePort service', () => {
    expectRejected({ fe: { service: { type: ServiceType.NODE_PORT, loadBalancerIp: '10.1.2.3' } } }, /'fe.service.loadBalancerIp' must be set only with service type LoadBalancer, got "10.1.2.3"/);
  });

  test('fails for loadBalancerSourceRanges on a default (ClusterIP) service', () => {
    expectRejected({ be: { service: { loadBalancerSourceRanges: ['10.0.0.0/8'] } } }, /'be.service.loadBalancerSourceRanges' must be set only with service type LoadBalancer.* got \["10.0.0.0\/8"\]/);
  });

  test('fails for loadBalancerSourceRanges on a ClusterIP FE proxy service', () => {
    expectRejected(
      { feProxy: { service: { type: ServiceType.CLUSTER_IP, loadBalancerSourceRanges: ['10.0.0.0/8'] } } },
      /'feProxy.service.loadBalancerSourceRanges' must be set only with service type LoadBalancer.* got \["10.0.0.0\/8"\]/,
    );
  });

  test('fails for a source range that is not a CIDR', () => {
    expectRejected(
      { fe: { service: { type: ServiceType.LOAD_BALANCER, loadBalancerSourceRanges: ['10.0.0.1'] } } },
      /'fe.service.loadBalancerSourceRanges\[0\]' must be a CIDR .* got "10.0.0.1"/,
    );
  });
});

describe('V16 a persistent storage option is not a hostPath', () => {
  test('fails for storage class "hostPath" on metaStorage', () => {
    expectConstructorError({ fe: { metaStorage: { storageClassName: 'hostPath' } } }, /'fe.metaStorage.storageClassName' must be a real storage class .* got "hostPath"/);
  });

  test('fails for storage class "HostPath" (any case) on dataStorage', () => {
    expectConstructorError({ be: { dataStorage: { storageClassName: 'HostPath' } } }, /'be.dataStorage.storageClassName' must be .* got "HostPath"/);
  });
});

describe('V17 autoscaling needs CN', () => {
  test('fails for autoScaling on a disabled CN', () => {
    expectConstructorError({ cn: { enabled: false, autoScaling: { maxReplicas: 4 } } }, /'cn.autoScaling' must be set only when CN is enabled, got \{"maxReplicas":4\}/);
  });
});

describe('V26 storage class hostPath needs hostPath.path, spelled exactly', () => {
  test('fails for storage class hostPath without a hostPath', () => {
    expectConstructorError(
      { be: { storageVolumes: [{ name: 'disk', mountPath: '/disk', storageClassName: 'hostPath' }] } },
      /'be.storageVolumes\[0\].hostPath.path' must be set when the storage class is "hostPath", got nothing \(it is not set\)/,
    );
  });

  test('fails for storage class "HostPath" (the operator checks it case-sensitively)', () => {
    expectConstructorError(
      { be: { storageVolumes: [{ name: 'disk', mountPath: '/disk', storageClassName: 'HostPath', hostPath: { path: '/mnt/disk' } }] } },
      /'be.storageVolumes\[0\].storageClassName' must be "hostPath" spelled exactly so .* got "HostPath"/,
    );
  });
});

describe('V27 maxUnavailable > 0', () => {
  test('fails for maxUnavailable 0', () => {
    expectConstructorError(
      { be: { updateStrategy: { rollingUpdate: { maxUnavailable: k8s.IntOrString.fromNumber(0) } } } },
      /'be.updateStrategy.rollingUpdate.maxUnavailable' must be .*> 0.* got 0$/,
    );
  });

  test('fails for maxUnavailable "0%"', () => {
    expectConstructorError(
      { cn: { updateStrategy: { rollingUpdate: { maxUnavailable: k8s.IntOrString.fromString('0%') } } } },
      /'cn.updateStrategy.rollingUpdate.maxUnavailable' must be .* got "0%"/,
    );
  });

  test('fails for maxUnavailable "05" (the operator refuses any value starting with 0)', () => {
    expectConstructorError(
      { cn: { updateStrategy: { rollingUpdate: { maxUnavailable: k8s.IntOrString.fromString('05') } } } },
      /'cn.updateStrategy.rollingUpdate.maxUnavailable' must be .* got "05"/,
    );
  });

  test('25% is rendered', () => {
    const spec = specOf({ be: { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: k8s.IntOrString.fromString('25%'), partition: 0 } } } });
    expect(spec.starRocksBeSpec.updateStrategy).toStrictEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', partition: 0 } });
  });
});

describe('V28 autoscaling bounds', () => {
  test('fails for minReplicas 0', () => {
    expectConstructorError({ cn: { autoScaling: { minReplicas: 0, maxReplicas: 3 } } }, /'cn.autoScaling.minReplicas' must be a whole number from 1 .* got 0/);
  });

  test('fails for maxReplicas below minReplicas', () => {
    expectConstructorError({ cn: { autoScaling: { minReplicas: 3, maxReplicas: 2 } } }, /'cn.autoScaling.maxReplicas' must be at least minReplicas \(3\), got 2/);
  });

  test('fails for maxReplicas 0', () => {
    expectConstructorError({ cn: { autoScaling: { maxReplicas: 0 } } }, /'cn.autoScaling.maxReplicas' must be .* got 0/);
  });
});

describe('V29 HPA version', () => {
  test('fails for v2beta1 (untyped input)', () => {
    expectConstructorError({ cn: { autoScaling: { maxReplicas: 3, version: 'v2beta1' as HpaVersion } } }, /'cn.autoScaling.version' must be one of "v1", "v2beta2", "v2", got "v2beta1"/);
  });

  test('warns for v2beta2 (removed in Kubernetes 1.26)', () => {
    expectWarning({ cn: { autoScaling: { maxReplicas: 3, version: HpaVersion.V2BETA2 } } }, /'cn.autoScaling.version' v2beta2 .*1\.26/);
  });

  test('warns for v1 with metrics', () => {
    expectWarning(
      {
        cn: {
          autoScaling: {
            maxReplicas: 3,
            version: HpaVersion.V1,
            metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } } }],
          },
        },
      },
      /'cn.autoScaling' metrics and behavior are ignored by the v1 HPA API/,
    );
  });

  test('warns for v1 with behavior', () => {
    expectWarning(
      { cn: { autoScaling: { maxReplicas: 3, version: HpaVersion.V1, behavior: { scaleDown: { stabilizationWindowSeconds: 300 } } } } },
      /'cn.autoScaling' metrics and behavior are ignored by the v1 HPA API/,
    );
  });

  test('v2 and v1 without a policy are quiet', () => {
    expectNoWarnings({ cn: { autoScaling: { maxReplicas: 3, version: HpaVersion.V2 } } });
    expectNoWarnings({ cn: { autoScaling: { maxReplicas: 3, version: HpaVersion.V1 } } });
  });
});

describe('V30 unique mount paths and volume names', () => {
  test('fails for two storage volumes mounted at the same path', () => {
    expectSynthError(
      { fe: { emptyDirs: [{ name: 'a', mountPath: '/scratch' }, { name: 'b', mountPath: '/scratch' }] } },
      /'fe mount paths' must be unique .*storage volume a and storage volume b.* got "\/scratch"/,
    );
  });

  test('fails for two storage volumes with the same name', () => {
    expectSynthError(
      { be: { emptyDirs: [{ name: 'tmp', mountPath: '/tmp1' }], hostPaths: [{ name: 'tmp', mountPath: '/tmp2', path: '/var/tmp' }] } },
      /'be volume names' must be unique .* got "tmp"/,
    );
  });

  test('fails for a ConfigMap mounted where the config ConfigMap goes (/etc/starrocks/<x>/conf)', () => {
    expectSynthError(
      { fe: { config: StarRocksConfig.fromEntries({ a: 'b' }), configMaps: [{ name: 'extra', mountPath: '/etc/starrocks/fe/conf' }] } },
      /'fe mount paths' must be unique .*the config ConfigMap.* got "\/etc\/starrocks\/fe\/conf"/,
    );
  });

  test('fails for a Secret mounted where an existing config ConfigMap goes', () => {
    expectSynthError(
      { cn: { existingConfig: { configMapName: 'cn-conf', resolveKey: 'cn.conf' }, secrets: [{ name: 'creds', mountPath: '/etc/starrocks/cn/conf' }] } },
      /'cn mount paths' must be unique .* got "\/etc\/starrocks\/cn\/conf"/,
    );
  });

  test('fails for a storage volume named like the config ConfigMap (its volume has no hash)', () => {
    expectSynthError(
      { be: { config: StarRocksConfig.fromEntries({ a: 'b' }), emptyDirs: [{ name: 'sr-be-cm', mountPath: '/scratch' }] } },
      /'be volume names' must be unique .* got "sr-be-cm"/,
    );
  });

  test('fails for a ConfigMap mounted at the entrypoint script path', () => {
    expectSynthError(
      { fe: { entrypointScript: '#!/bin/bash\nexec /opt/starrocks/fe_entrypoint.sh', configMaps: [{ name: 'other', mountPath: '/etc/starrocks/entrypoint.sh' }] } },
      /'fe mount paths' must be unique .* got "\/etc\/starrocks\/entrypoint.sh"/,
    );
  });

  test('fails for a storage volume named like the hashed volume of a mounted ConfigMap', () => {
    const hashed = `extra-${mountVolumeHash('extra', '/extra', '')}`;
    expectSynthError(
      { fe: { configMaps: [{ name: 'extra', mountPath: '/extra' }], emptyDirs: [{ name: hashed, mountPath: '/scratch' }] } },
      new RegExp(`'fe volume names' must be unique .* got "${hashed}"`),
    );
  });

  test('fails for a ConfigMap and a Secret of the same name when volume names are not hashed', () => {
    expectSynthError(
      { volumeNameWithHash: false, fe: { configMaps: [{ name: 'extra', mountPath: '/a' }], secrets: [{ name: 'extra', mountPath: '/b' }] } },
      /'fe volume names' must be unique .*ConfigMap extra.*Secret extra.* got "extra"/,
    );
  });

  test('a ConfigMap and a Secret of the same name get different hashed volume names', () => {
    const spec = specOf({ fe: { configMaps: [{ name: 'extra', mountPath: '/a' }], secrets: [{ name: 'extra', mountPath: '/b' }] } });
    expect(spec.starRocksFeSpec).toMatchObject({
      configMaps: [{ name: 'extra', mountPath: '/a' }],
      secrets: [{ name: 'extra', mountPath: '/b' }],
    });
  });

  test('fails for a ConfigMap name longer than 58 characters with hashed volume names (V51)', () => {
    const name = 'c'.repeat(59);
    expectConstructorError({ fe: { configMaps: [{ name, mountPath: '/a' }] } }, new RegExp(`'fe.configMaps\\[0\\].name' must be .* at most 58 characters, got "${name}"`));
  });

  test('fails for a Secret name longer than 63 characters without hashed volume names (V51)', () => {
    const name = 's'.repeat(64);
    expectConstructorError({ volumeNameWithHash: false, be: { secrets: [{ name, mountPath: '/a' }] } }, new RegExp(`'be.secrets\\[0\\].name' must be .* at most 63 characters, got "${name}"`));
  });

  test('a 59-character ConfigMap name is fine without hashed volume names', () => {
    const name = 'c'.repeat(59);
    expect(specOf({ volumeNameWithHash: false, fe: { configMaps: [{ name, mountPath: '/a' }] } }).starRocksFeSpec.configMaps).toStrictEqual([{ name, mountPath: '/a' }]);
  });
});

describe('V31 FE replicas', () => {
  test('warns for 2 FE replicas', () => {
    expectWarning({ fe: { replicas: 2 } }, /'fe.replicas' is 2; .*odd number/);
  });

  test('warns for 4 FE replicas', () => {
    expectWarning({ fe: { replicas: 4 } }, /'fe.replicas' is 4/);
  });

  test('1 and 3 FE replicas are quiet', () => {
    expectNoWarnings({ fe: { replicas: 1 } });
    expectNoWarnings({ fe: { replicas: 3 } });
  });
});

describe('V34 disaster recovery', () => {
  test('fails without an FE ConfigMap holding cluster_snapshot.yaml', () => {
    expectConstructorError({ disasterRecovery: { generation: 1 } }, /'fe.configMaps' must be to mount a ConfigMap with cluster_snapshot.yaml .* got \[\]/);
  });

  test('fails when the only FE ConfigMap mount is elsewhere', () => {
    expectConstructorError(
      { disasterRecovery: { generation: 1 }, fe: { configMaps: [{ name: 'hooks', mountPath: '/etc/hooks' }] } },
      /'fe.configMaps' must be .*cluster_snapshot.yaml.* got \[\{"name":"hooks","mountPath":"\/etc\/hooks"\}\]/,
    );
  });

  test('fails for omitEnabled beside enabled', () => {
    expectConstructorError(
      { disasterRecovery: { enabled: false, omitEnabled: true, generation: 1 } },
      /'disasterRecovery.omitEnabled' must be unset when disasterRecovery.enabled is given, got true/,
    );
  });

  test('snapshotMountedElsewhere still warns when the cluster is not shared-data', () => {
    expectWarning(
      { disasterRecovery: { generation: 1, snapshotMountedElsewhere: true }, fe: { config: StarRocksConfig.fromEntries({ a: 'b' }) } },
      /disasterRecovery only works for shared-data clusters/,
    );
  });

  test('fails for a negative generation', () => {
    expectConstructorError(
      { disasterRecovery: { generation: -1 }, fe: { configMaps: [{ name: 'snap', mountPath: '/opt/starrocks/fe/conf' }] } },
      /'disasterRecovery.generation' must be a whole number from 0 .* got -1/,
    );
  });

  test('a mount whose path ends with fe/conf is enough; warns when the cluster is not shared-data', () => {
    expectWarning(
      { disasterRecovery: { generation: 1 }, fe: { config: StarRocksConfig.fromEntries({ a: 'b' }), configMaps: [{ name: 'snap', mountPath: '/opt/starrocks/fe/conf' }] } },
      /disasterRecovery only works for shared-data clusters/,
    );
  });

  test('a shared-data cluster with a cluster_snapshot.yaml subPath is quiet', () => {
    expectNoWarnings({
      disasterRecovery: { generation: 1 },
      fe: {
        config: StarRocksConfig.fromEntries({ run_mode: 'shared_data' }),
        configMaps: [{ name: 'snap', mountPath: '/opt/starrocks/fe/conf/cluster_snapshot.yaml', subPath: 'cluster_snapshot.yaml' }],
      },
      be: { enabled: false },
      cn: {},
    });
  });
});

describe('V35 zero-size volumes', () => {
  test('warns for a data volume of size 0', () => {
    expectWarning({ be: { dataStorage: { size: Size.gibibytes(0) } } }, /'be.dataStorage.size' is 0Gi: the operator skips a volume of size 0/);
  });

  test('warns for an FE log volume of size 0', () => {
    expectWarning({ fe: { logStorage: { size: Size.gibibytes(0) } } }, /'fe.logStorage.size' is 0Gi/);
  });

  test('the default spill size 0Gi is quiet', () => {
    expectNoWarnings({ be: { spillStorage: {} } });
  });
});

describe('V36 a volume claim needs a size', () => {
  test('fails for a raw storage volume without a size and without emptyDir/hostPath', () => {
    expectConstructorError(
      { be: { storageVolumes: [{ name: 'extra', mountPath: '/extra', storageClassName: 'fast-ssd' }] } },
      /'be.storageVolumes\[0\].storageSize' must be set for a volume claim .* got nothing \(it is not set\)/,
    );
  });

  test('emptyDir and hostPath storage volumes need no size', () => {
    const spec = specOf({
      be: {
        storageVolumes: [
          { name: 'scratch', mountPath: '/scratch', storageClassName: 'emptyDir' },
          { name: 'disk', mountPath: '/disk', hostPath: { path: '/mnt/disk' } },
        ],
      },
    });
    expect(spec.starRocksBeSpec.storageVolumes).toStrictEqual([
      { name: 'scratch', mountPath: '/scratch', storageClassName: 'emptyDir' },
      { name: 'disk', mountPath: '/disk', hostPath: { path: '/mnt/disk' } },
    ]);
  });
});

describe('V37 pod labels keep the selector labels', () => {
  test('fails for app.kubernetes.io/component in podLabels', () => {
    expectConstructorError(
      { fe: { podLabels: { 'app.kubernetes.io/component': 'frontend' } } },
      /'fe.podLabels' must be free of the selector labels .* got \{"app.kubernetes.io\/component":"frontend"\}/,
    );
  });

  test('fails for app.starrocks.ownerreference/name in podLabels', () => {
    expectConstructorError(
      { cn: { podLabels: { 'app.starrocks.ownerreference/name': 'sr' } } },
      /'cn.podLabels' must be free of the selector labels .* got \{"app.starrocks.ownerreference\/name":"sr"\}/,
    );
  });

  test('fails for a selector label in shared.podLabels, naming shared.podLabels', () => {
    expectConstructorError(
      { shared: { podLabels: { 'app.kubernetes.io/component': 'x' } } },
      /'shared.podLabels' must be free of the selector labels .* got \{"app.kubernetes.io\/component":"x"\}/,
    );
  });

  test('fails for a selector label in the FE proxy podLabels', () => {
    expectRejected(
      { feProxy: { podLabels: { 'app.kubernetes.io/component': 'proxy' } } },
      /'feProxy.podLabels' must be free of the selector label "app.kubernetes.io\/component" .* got \{"app.kubernetes.io\/component":"proxy"\}/,
    );
  });
});

describe('V38 service labels', () => {
  test('warns when service labels redefine app.kubernetes.io/component', () => {
    expectWarning(
      { be: { service: { labels: { 'app.kubernetes.io/component': 'storage' } } } },
      /'be.service.labels' redefines "app.kubernetes.io\/component"/,
    );
  });

  test('warns when service labels redefine app.starrocks.ownerreference/name', () => {
    expectWarning(
      { fe: { service: { labels: { 'app.starrocks.ownerreference/name': 'other' } } } },
      /'fe.service.labels' redefines "app.starrocks.ownerreference\/name"/,
    );
  });

  test('other service labels are quiet', () => {
    expectNoWarnings({ fe: { service: { labels: { team: 'data' } } } });
  });
});

describe('V39 service ports match a component port', () => {
  test('fails for a port name the component does not have', () => {
    expectRejected(
      { fe: { service: { ports: [{ name: 'mysql', port: 3306 }] } } },
      /'fe.service.ports\[0\]' must be to match one of the component's ports .*query=9030.* got \{"name":"mysql","port":3306\}/,
    );
  });

  test('fails for a containerPort the component does not have', () => {
    expectRejected(
      { be: { service: { ports: [{ containerPort: 9999, port: 19999 }] } } },
      /'be.service.ports\[0\]' must be to match one of the component's ports .* got \{"containerPort":9999,"port":19999\}/,
    );
  });

  test('fails for the arrow-flight port when the config does not set it', () => {
    expectRejected({ cn: { service: { ports: [{ name: 'arrow-flight', port: 9408 }] } } }, /'cn.service.ports\[0\]' must be to match .* got \{"name":"arrow-flight","port":9408\}/);
  });

  test('fails for a nodePort below 30000', () => {
    expectRejected(
      { fe: { service: { type: ServiceType.NODE_PORT, ports: [{ name: 'query', nodePort: 80 }] } } },
      /'fe.service.ports\[0\].nodePort' must be a whole number from 30000 to 32767, got 80/,
    );
  });

  test('fails for a nodePort on a ClusterIP service', () => {
    expectRejected(
      { fe: { service: { ports: [{ name: 'query', nodePort: 30030 }] } } },
      /'fe.service.ports\[0\].nodePort' must be set only with service type NodePort or LoadBalancer, got 30030/,
    );
  });

  test('fails for a service port above 65535', () => {
    expectRejected(
      { be: { service: { ports: [{ name: 'webserver', port: 70000 }] } } },
      /'be.service.ports\[0\].port' must be a whole number from 1 to 65535, got 70000/,
    );
  });

  test('fails for an FE proxy port other than http-port/8080', () => {
    expectRejected(
      { feProxy: { service: { ports: [{ name: 'http', port: 80 }] } } },
      /'feProxy.service.ports\[0\]' must be to match the proxy's port .* got \{"name":"http","port":80\}/,
    );
  });

  test('a port matched by name, one by containerPort from the config, and a node port are rendered', () => {
    const spec = specOf({
      fe: {
        config: StarRocksConfig.fromEntries({ query_port: '9031' }),
        service: { type: ServiceType.NODE_PORT, ports: [{ name: 'http', port: 80 }, { containerPort: 9031, nodePort: 30031 }] },
      },
    });
    expect(spec.starRocksFeSpec.service).toStrictEqual({
      type: 'NodePort',
      ports: [{ name: 'http', port: 80 }, { containerPort: 9031, nodePort: 30031 }],
    });
  });
});

describe('V40 unique config ports', () => {
  test('fails for two FE ports with the same number', () => {
    expectConstructorError(
      { fe: { config: StarRocksConfig.fromEntries({ http_port: '9030' }) } },
      /'fe.config' must be to give each port its own number .*http and query.* got 9030/,
    );
  });

  test('fails for a BE port clashing with the arrow flight port', () => {
    expectConstructorError(
      { be: { config: StarRocksConfig.fromText('arrow_flight_port = 8060\n') } },
      /'be.config' must be .*brpc and arrow-flight.* got 8060/,
    );
  });

  test('fails for a port that is not a number', () => {
    expectConstructorError({ cn: { config: StarRocksConfig.fromEntries({ thrift_port: 'nine' }) } }, /'cn.config.thrift_port' must be a port number from 1 to 65535, got "nine"/);
  });

  test('fails for a port above 65535', () => {
    expectConstructorError({ fe: { config: StarRocksConfig.fromEntries({ query_port: '90300' }) } }, /'fe.config.query_port' must be a port number from 1 to 65535, got "90300"/);
  });

  test('fails when addConfig later gives a port the number of another', () => {
    const chart = Testing.chart();
    const cluster = new StarRocksCluster(chart, 'Sr');
    expect(() => {
      cluster.fe.addConfig('http_port', '9030');
      Testing.synth(chart);
    }).toThrow(/'fe.config' must be to give each port its own number .* got 9030/);
  });

  test('fails when addConfig later sets a port that is not a number', () => {
    const chart = Testing.chart();
    const cluster = new StarRocksCluster(chart, 'Sr');
    expect(() => {
      cluster.be?.addConfig('webserver_port', 'eighty');
      Testing.synth(chart);
    }).toThrow(/'be.config.webserver_port' must be a port number from 1 to 65535, got "eighty"/);
  });
});

describe('V41 default-volume heuristic', () => {
  test('warns when an extra volume named *-log replaces the default log volume', () => {
    expectWarning({ be: { emptyDirs: [{ name: 'tmp-log', mountPath: '/tmp' }] } }, /tmp-log/);
  });

  test('warns when an extra volume mounted below a default path replaces the default volume', () => {
    expectWarning({ fe: { emptyDirs: [{ name: 'scratch', mountPath: '/opt/starrocks/fe/meta/tmp' }] } }, /scratch/);
  });
});

describe('V42 PVC retention policy', () => {
  test('warns for whenScaled on BE', () => {
    expectWarning({ be: { persistentVolumeClaimRetentionPolicy: { whenScaled: 'Delete' } } }, /'be.persistentVolumeClaimRetentionPolicy.whenScaled' is ignored by the operator for BE/);
  });

  test('warns for whenScaled on FE', () => {
    expectWarning({ fe: { persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete', whenScaled: 'Retain' } } }, /'fe.persistentVolumeClaimRetentionPolicy.whenScaled' is ignored .* FE/);
  });

  test('whenScaled on CN is quiet and rendered', () => {
    expectNoWarnings({ cn: { persistentVolumeClaimRetentionPolicy: { whenScaled: 'Delete' } } });
    expect(specOf({ cn: { persistentVolumeClaimRetentionPolicy: { whenScaled: 'Delete' } } }).starRocksCnSpec.persistentVolumeClaimRetentionPolicy)
      .toStrictEqual({ whenScaled: 'Delete' });
  });

  test('fails for a value other than Retain or Delete', () => {
    expectConstructorError({ cn: { persistentVolumeClaimRetentionPolicy: { whenScaled: 'Keep' } } }, /'cn.persistentVolumeClaimRetentionPolicy.whenScaled' must be one of "Retain", "Delete", got "Keep"/);
  });
});

describe('V43 minReady', () => {
  test('warns for minReady with the default Parallel pod management', () => {
    expectWarning({ be: { minReady: Duration.seconds(30) } }, /'be.minReady' is 30 seconds/);
  });

  test('minReady with OrderedReady is quiet', () => {
    expectNoWarnings({ be: { minReady: Duration.seconds(30), podManagementPolicy: PodManagementPolicy.ORDERED_READY } });
  });

  test('fails for a minReady that is not a Duration', () => {
    expectConstructorError({ be: { minReady: -1 as unknown as Duration } }, /'be.minReady' must be a Duration .* got -1/);
  });

  test('fails for a minReady that is not whole seconds', () => {
    expectConstructorError({ be: { minReady: Duration.millis(1500) } }, /'be.minReady' must be a whole number of seconds, got "1 second 500 millis"/);
  });

  test('renders minReady as whole seconds', () => {
    expect(specOf({ be: { minReady: Duration.minutes(2) } }).starRocksBeSpec).toMatchObject({ minReadySeconds: 120 });
  });
});

describe('V45/V46 images need a tag', () => {
  test('fails for an FE image without a tag', () => {
    expectConstructorError({ fe: { image: 'starrocks/fe-ubuntu' } }, /'fe.image' must be an image reference with a tag or digest.* got "starrocks\/fe-ubuntu"/);
  });

  test('fails for an image whose only colon is the registry port', () => {
    expectConstructorError({ be: { image: 'registry.local:5000/starrocks/be-ubuntu' } }, /'be.image' must be .* got "registry.local:5000\/starrocks\/be-ubuntu"/);
  });

  test('fails for an image ending in a colon', () => {
    expectConstructorError({ cn: { image: 'starrocks/cn-ubuntu:' } }, /'cn.image' must be .* got "starrocks\/cn-ubuntu:"/);
  });

  test('fails for an FE proxy image without a tag', () => {
    expectRejected({ feProxy: { image: 'nginx' } }, /'feProxy.image' must be an image reference with a tag or digest.* got "nginx"/);
  });

  test('fails for an empty shared image tag, naming shared.imageTag', () => {
    expectConstructorError({ shared: { imageTag: '' } }, /'shared.imageTag' must be an image tag .* got ""/);
  });

  test('fails for an image tag with a colon', () => {
    expectConstructorError({ be: { imageTag: '3.3:10' } }, /'be.imageTag' must be an image tag .* got "3.3:10"/);
  });

  test('a registry with a port and a tag, and a digest, are accepted', () => {
    const digest = `starrocks/be-ubuntu@sha256:${'a'.repeat(64)}`;
    const spec = specOf({ fe: { image: 'registry.local:5000/starrocks/fe-ubuntu:3.3.10' }, be: { image: digest } });
    expect(spec.starRocksFeSpec.image).toBe('registry.local:5000/starrocks/fe-ubuntu:3.3.10');
    expect(spec.starRocksBeSpec.image).toBe(digest);
  });
});

describe('V47 read-only root filesystem', () => {
  test('warns without STARROCKS_ROOT', () => {
    expectWarning({ fe: { readOnlyRootFilesystem: true } }, /'fe.readOnlyRootFilesystem' is set without a STARROCKS_ROOT environment variable/);
  });

  test('is quiet with STARROCKS_ROOT in envVars', () => {
    expectNoWarnings({ be: { readOnlyRootFilesystem: true, envVars: [{ name: 'STARROCKS_ROOT', value: '/data/starrocks' }] } });
  });

  test('is quiet when STARROCKS_ROOT is added with addEnvVar after construction', () => {
    const chart = Testing.chart();
    const cluster = new StarRocksCluster(chart, 'Sr', { fe: { readOnlyRootFilesystem: true } });
    cluster.fe.addEnvVar({ name: 'STARROCKS_ROOT', value: '/data/starrocks' });
    synthValid(chart);
    expect(warningsOf(chart)).toStrictEqual([]);
  });
});

describe('V49 non-default mount paths need the matching StarRocks key', () => {
  test('warns for a config given as text without storage_root_path', () => {
    expectWarning(
      { be: { config: StarRocksConfig.fromText('be_port = 9060\n'), dataStorage: { mountPath: '/data' } } },
      /'be.dataStorage.mountPath' is \/data, which is not the default; set storage_root_path = \/data in be.conf/,
    );
  });

  test('warns for a config given as text without meta_dir', () => {
    expectWarning(
      { fe: { config: StarRocksConfig.fromText('query_port = 9030\n'), metaStorage: { mountPath: '/meta' } } },
      /'fe.metaStorage.mountPath' is \/meta, .*set meta_dir = \/meta in fe.conf/,
    );
  });

  test('warns when the config sets the key to another path', () => {
    expectWarning(
      { cn: { config: StarRocksConfig.fromEntries({ spill_local_storage_dir: '/elsewhere' }), spillStorage: { mountPath: '/spill', size: Size.gibibytes(100) } } },
      /'cn.spillStorage.mountPath' is \/spill but the config sets spill_local_storage_dir = \/elsewhere/,
    );
  });

  test('a text config that already sets the key is quiet', () => {
    expectNoWarnings({ be: { config: StarRocksConfig.fromText('storage_root_path = /data\n'), dataStorage: { mountPath: '/data' } } });
  });

  test('an entries config gets the key added, quietly', () => {
    expectNoWarnings({ be: { config: StarRocksConfig.fromEntries({ be_port: '9060' }), dataStorage: { mountPath: '/data' } } });
  });
});

describe('V50 FE meta volume size', () => {
  test('warns below 10Gi', () => {
    expectWarning({ fe: { metaStorage: { size: Size.gibibytes(5) } } }, /'fe.metaStorage.size' is 5Gi; FE stops when less than 5Gi is free, keep at least 10Gi/);
  });

  test('warns for a size in Mi below 10Gi', () => {
    expectWarning({ fe: { metaStorage: { size: Size.mebibytes(512) } } }, /'fe.metaStorage.size' is 512Mi/);
  });

  test('the default 10Gi and larger sizes are quiet', () => {
    expectNoWarnings({ fe: { metaStorage: {} } });
    expectNoWarnings({ fe: { metaStorage: { size: Size.tebibytes(1) } } });
  });

  test('20480Mi (20Gi) is quiet', () => {
    expectNoWarnings({ fe: { metaStorage: { size: Size.mebibytes(20480) } } });
  });
});

describe('V51 name lengths', () => {
  test('49 characters fit', () => {
    const name = 'a'.repeat(49);
    expect(specOf({ name, cn: {} })).toHaveProperty('starRocksFeSpec');
  });

  test('fails for 50 characters (<c>-fe must fit 52)', () => {
    const name = 'a'.repeat(50);
    expectConstructorError({ name }, new RegExp(`'name' must be at most 49 characters, so that "${name}-fe" fits 52, got "${name}"`));
  });

  test('46 characters fit with the FE proxy', () => {
    const name = 'a'.repeat(46);
    expect(specOf({ name, feProxy: {} })).toHaveProperty('starRocksFeProxySpec');
  });

  test('fails for 47 characters with the FE proxy', () => {
    const name = 'a'.repeat(47);
    expectConstructorError({ name, feProxy: {} }, new RegExp(`'name' must be at most 46 characters, so that "${name}-fe-proxy-service" fits 63, got "${name}"`));
  });

  test('37 characters fit with an entrypoint script', () => {
    const name = 'a'.repeat(37);
    expect(specOf({ name, fe: { entrypointScript: 'exec /opt/starrocks/fe_entrypoint.sh' } }).starRocksFeSpec.command).toStrictEqual(['bash', '-c']);
  });

  test('fails for 38 characters with an entrypoint script on CN', () => {
    const name = 'a'.repeat(38);
    expectConstructorError(
      { name, cn: { entrypointScript: 'exec /opt/starrocks/cn_entrypoint.sh' } },
      new RegExp(`'name' must be at most 37 characters, so that "${name}-cn-entrypoint-script-NNNN" fits 63, got "${name}"`),
    );
  });

  test('fails for a name starting with a digit', () => {
    expectConstructorError({ name: '1cluster' }, /'name' must be a DNS-1035 label .*starting with a letter.* got "1cluster"/);
  });

  test('fails for an id that gives a name starting with a digit', () => {
    const chart = Testing.chart();
    expect(() => new StarRocksCluster(chart, '2ndCluster')).toThrow(/'name' must be a DNS-1035 label .* got "2nd-cluster"/);
  });

  test('fails for an id without any letter or digit', () => {
    const chart = Testing.chart();
    expect(() => new StarRocksCluster(chart, '___')).toThrow(/'name' must be set explicitly: the construct id gives no DNS label, got "___"/);
  });

  test('fails for an upper-case name', () => {
    expectConstructorError({ name: 'MyCluster' }, /'name' must be a DNS-1035 label .* got "MyCluster"/);
  });

  test('fails for a namespace that is not a DNS label', () => {
    expectConstructorError({ namespace: 'Data_Warehouse' }, /'namespace' must be a DNS-1123 label .* got "Data_Warehouse"/);
  });
});

describe('V56 configMapInfo needs a name and a key', () => {
  test('fails for an existingConfig without resolveKey', () => {
    expectConstructorError({ fe: { existingConfig: { configMapName: 'fe-conf', resolveKey: '' } } }, /'fe.existingConfig.resolveKey' must be the ConfigMap key of the config file.* got ""/);
  });

  test('fails for an existingConfig without configMapName', () => {
    expectConstructorError({ be: { existingConfig: { configMapName: '', resolveKey: 'be.conf' } } }, /'be.existingConfig.configMapName' must be a DNS-1123 label .* got ""/);
  });

  test('fails for existingConfig together with config', () => {
    expectConstructorError(
      { cn: { existingConfig: { configMapName: 'cn-conf', resolveKey: 'cn.conf' }, config: StarRocksConfig.fromEntries({ a: 'b' }) } },
      /'cn.existingConfig' must be unset when config or configMapName is set .* got \{"configMapName":"cn-conf","resolveKey":"cn.conf"\}/,
    );
  });

  test('fails for a configMapName that is not a DNS label', () => {
    expectConstructorError({ fe: { configMapName: 'FE.conf', config: StarRocksConfig.fromEntries({}) } }, /'fe.configMapName' must be a DNS-1123 label .* got "FE.conf"/);
  });
});

describe('unique names of the ConfigMaps the cluster creates', () => {
  test('fails for two components whose config ConfigMaps have the same name', () => {
    expectRejected(
      { fe: { config: StarRocksConfig.fromEntries({}), configMapName: 'conf' }, be: { config: StarRocksConfig.fromEntries({}), configMapName: 'conf' } },
      /'(fe|be)\.configMapName' must be .*got "conf"/,
    );
  });

  test('fails for a configMapName equal to another component\'s default ConfigMap name', () => {
    expectRejected(
      { fe: { config: StarRocksConfig.fromEntries({}) }, be: { config: StarRocksConfig.fromEntries({}), configMapName: 'sr-fe-cm' } },
      /'be\.configMapName' must be .*got "sr-fe-cm"/,
    );
  });

  test('fails for a configMapName equal to the name of an entrypoint ConfigMap', () => {
    expectRejected(
      { fe: { config: StarRocksConfig.fromEntries({}), configMapName: 'sr-fe-entrypoint-script', entrypointScript: 'exec /opt/starrocks/fe_entrypoint.sh' } },
      /'fe\.configMapName' must be .*got "sr-fe-entrypoint-script"/,
    );
  });
});

describe('V57 probe budgets', () => {
  test('fails for a startup budget that is not a Duration', () => {
    expectConstructorError({ fe: { startupProbeFailureTime: -5 as unknown as Duration } }, /'fe.startupProbeFailureTime' must be a Duration .* got -5/);
  });

  test('fails for a liveness budget that is not whole seconds', () => {
    expectConstructorError({ be: { livenessProbeFailureTime: Duration.millis(500) } }, /'be.livenessProbeFailureTime' must be a whole number of seconds, got "500 millis"/);
  });

  test('fails for an FE proxy readiness budget that is not whole seconds', () => {
    expectRejected({ feProxy: { readinessProbeFailureTime: Duration.millis(1500) } }, /'feProxy.readinessProbeFailureTime' must be a whole number of seconds, got "1 second 500 millis"/);
  });

  test('warns when a budget is rounded up to a multiple of 5', () => {
    expectWarning({ cn: { readinessProbeFailureTime: Duration.seconds(7) } }, /'cn.readinessProbeFailureTime' is 7 seconds; the operator probes every 5 seconds, so it allows 10/);
  });

  test('0 (no probe) and multiples of 5 are quiet and rendered', () => {
    expectNoWarnings({ fe: { startupProbeFailureTime: Duration.seconds(0), livenessProbeFailureTime: Duration.seconds(30) } });
    expect(specOf({ fe: { startupProbeFailureTime: Duration.seconds(0), livenessProbeFailureTime: Duration.seconds(30) } }).starRocksFeSpec)
      .toMatchObject({ startupProbeFailureSeconds: 0, livenessProbeFailureSeconds: 30 });
  });
});

describe('V58 service type', () => {
  test('fails for ExternalName (untyped input)', () => {
    expectRejected({ fe: { service: { type: 'ExternalName' as ServiceType } } }, /'fe.service.type' must be one of "ClusterIP", "NodePort", "LoadBalancer", got "ExternalName"/);
  });

  test('fails for an FE proxy service of type ExternalName', () => {
    expectRejected({ feProxy: { service: { type: 'ExternalName' as ServiceType } } }, /'feProxy.service.type' must be one of .* got "ExternalName"/);
  });
});

describe('V59 enumerations', () => {
  test('fails for an unknown imagePullPolicy', () => {
    expectConstructorError({ fe: { imagePullPolicy: 'Sometimes' as ImagePullPolicy } }, /'fe.imagePullPolicy' must be one of "Always", "IfNotPresent", "Never", got "Sometimes"/);
  });

  test('fails for an unknown FE proxy imagePullPolicy', () => {
    expectRejected({ feProxy: { imagePullPolicy: 'Sometimes' as ImagePullPolicy } }, /'feProxy.imagePullPolicy' must be one of .* got "Sometimes"/);
  });

  test('fails for an unknown podManagementPolicy', () => {
    expectConstructorError({ be: { podManagementPolicy: 'Random' as PodManagementPolicy } }, /'be.podManagementPolicy' must be one of "OrderedReady", "Parallel", got "Random"/);
  });

  test('fails for an unknown updateStrategy type', () => {
    expectConstructorError({ cn: { updateStrategy: { type: 'Recreate' } } }, /'cn.updateStrategy.type' must be one of "RollingUpdate", "OnDelete", got "Recreate"/);
  });
});

describe('V60 autoscaling and replicas', () => {
  test('warns for CN replicas together with autoScaling', () => {
    expectWarning({ cn: { replicas: 2, autoScaling: { maxReplicas: 5 } } }, /'cn.replicas' is set together with autoScaling/);
  });

  test('autoScaling without replicas is quiet', () => {
    expectNoWarnings({ cn: { autoScaling: { maxReplicas: 5 } } });
  });
});

describe('V61 shared-data prerequisites', () => {
  test('warns for a CN-only cluster whose fe.conf lacks run_mode = shared_data', () => {
    expectWarning(
      { fe: { config: StarRocksConfig.fromEntries({ query_port: '9030' }) }, be: { enabled: false }, cn: {} },
      /the cluster has CN but no BE; a shared-data cluster needs run_mode = shared_data/,
    );
  });

  test('warns for run_mode = shared_data with BE', () => {
    expectWarning({ fe: { config: StarRocksConfig.fromEntries({ run_mode: 'shared_data' }) } }, /fe.conf sets run_mode = shared_data but the cluster has BE/);
  });

  test('a CN-only shared-data cluster is quiet', () => {
    expectNoWarnings({ fe: { config: StarRocksConfig.fromText('run_mode = shared_data\n') }, be: { enabled: false }, cn: {} });
  });
});

describe('other inputs', () => {
  test('fails for an empty time zone', () => {
    expectConstructorError({ timeZone: '' }, /'timeZone' must be a time zone name .* got ""/);
  });

  test('fails for a terminationGracePeriod that is not a Duration', () => {
    expectConstructorError({ be: { terminationGracePeriod: -1 as unknown as Duration } }, /'be.terminationGracePeriod' must be a Duration .* got -1/);
  });

  test('fails for replicas in shared (untyped input)', () => {
    expectConstructorError({ shared: { replicas: 3 } as any }, /'shared.replicas' must be set per component, got 3/);
  });

  test('fails for a relative mount path', () => {
    expectConstructorError({ fe: { emptyDirs: [{ name: 'scratch', mountPath: 'scratch' }] } }, /'fe.emptyDirs\[0\].mountPath' must be an absolute path .* got "scratch"/);
  });

  test('fails for an entrypoint script together with command', () => {
    expectConstructorError({ be: { entrypointScript: 'echo', command: ['sh'] } }, /'be.command' must be unset when entrypointScript is set .* got \["sh"\]/);
  });

  test('fails for an empty entrypoint script', () => {
    expectConstructorError({ cn: { entrypointScript: '' } }, /'cn.entrypointScript' must be a non-empty script, got ""/);
  });
});

describe('complete reports and order-independent output', () => {
  test('fails with two independent problems reported together in one synth error', () => {
    // GIVEN
    const chart = Testing.chart();
    const cluster = new StarRocksCluster(chart, 'Sr', {
      be: { emptyDirs: [{ name: 'a', mountPath: '/scratch' }, { name: 'b', mountPath: '/scratch' }] },
    });

    // WHEN
    cluster.fe.addConfig('http_port', '9030');

    // THEN
    let message = '';
    try {
      Testing.synth(chart);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/'fe.config' must be to give each port its own number .*http and query.* got 9030/);
    expect(message).toMatch(/'be mount paths' must be unique .*storage volume a and storage volume b.* got "\/scratch"/);
  });

  test('fails with the problems of FE and of a ConfigMap name clash added later, together', () => {
    // GIVEN
    const chart = Testing.chart();
    const cluster = new StarRocksCluster(chart, 'Sr', { be: { configMapName: 'sr-fe-cm' } });

    // WHEN
    cluster.fe.addConfig('query_port', 'x');
    cluster.be?.addConfig('a', 'b');

    // THEN
    expect(() => Testing.synth(chart)).toThrow(/'fe.config.query_port' must be a port number[^]*'be.configMapName' must be unique among the ConfigMaps/);
  });

  test('adding config after reading a port gives the same output as adding it first', () => {
    // GIVEN
    const props: StarRocksClusterProps = { fe: { service: { ports: [{ name: 'http', port: 80 }] } } };
    const readFirst = Testing.chart();
    const addFirst = Testing.chart();
    const a = new StarRocksCluster(readFirst, 'Sr', props);
    const b = new StarRocksCluster(addFirst, 'Sr', props);

    // WHEN
    expect(a.feHttpPort).toBe(8030);
    expect(a.fe.port(StarRocksPort.HTTP)).toBe(8030);
    a.fe.addConfig('http_port', '8031');
    b.fe.addConfig('http_port', '8031');

    // THEN
    expect(a.feHttpPort).toBe(8031);
    expect(Testing.synth(readFirst)).toStrictEqual(Testing.synth(addFirst));
  });

  test('warns about run_mode set with addConfig after the cluster is defined', () => {
    // GIVEN
    const chart = Testing.chart();
    const cluster = new StarRocksCluster(chart, 'Sr');

    // WHEN
    cluster.fe.addConfig('run_mode', 'shared_data');
    synthValid(chart);

    // THEN
    expect(warningsOf(chart)).toContainEqual(expect.stringMatching(/fe.conf sets run_mode = shared_data but the cluster has BE/));
  });

  test('rendering does not throw for a problem a validation reports', () => {
    // GIVEN
    const chart = Testing.chart();
    const cluster = new StarRocksCluster(chart, 'Sr', {
      be: { emptyDirs: [{ name: 'a', mountPath: '/x' }, { name: 'b', mountPath: '/x' }], service: { ports: [{ name: 'webserver', port: 80 }] } },
    });

    // WHEN
    cluster.fe.addConfig('http_port', '9030');
    cluster.be?.addConfig('webserver_port', 'eighty');

    // THEN
    expect(() => cluster._renderSpec()).not.toThrow();
    expect(() => Testing.synth(chart)).toThrow(/'be.config.webserver_port' must be a port number/);
  });
});

describe('issue 12: newcomer bugs', () => {
  test('fails for labels.cluster other than the cluster name (the ConfigMaps keep cluster: <name>)', () => {
    expectConstructorError(
      { name: 'sr', labels: { cluster: 'x' } },
      /'labels.cluster' must be the cluster's name "sr" or unset .* got "x"/,
    );
  });

  test('labels may repeat cluster: <name>; other keys go on the resource and its ConfigMaps alike', () => {
    const chart = Testing.chart();
    new StarRocksCluster(chart, 'Sr', { name: 'sr', labels: { cluster: 'sr', team: 'data' }, fe: { config: StarRocksConfig.fromEntries({ a: 'b' }) } });
    const manifests = synthValid(chart);
    const cr = manifests.find((o) => o.kind === 'StarRocksCluster');
    const cm = manifests.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'sr-fe-cm');
    for (const o of [cr, cm]) {
      expect(o.metadata.labels).toMatchObject({ cluster: 'sr', team: 'data' });
    }
    expect(cm.metadata.labels.app).toBe('fe');
  });

  test('a CN-only cluster without fe.conf warns as one whose fe.conf lacks run_mode does', () => {
    expectWarning({ be: { enabled: false }, cn: {} }, /the cluster has CN but no BE; a shared-data cluster needs run_mode = shared_data/);
  });

  test('disasterRecovery without fe.conf warns as with an fe.conf lacking run_mode', () => {
    expectWarning(
      { disasterRecovery: { generation: 1, snapshotMountedElsewhere: true } },
      /disasterRecovery only works for shared-data clusters/,
    );
  });

  test('fails for a circular object in affinity, naming the prop and where it refers back', () => {
    const term: any = { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] };
    term.self = term;
    expectConstructorError(
      { fe: { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [term] } } } } },
      /'fe.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms\[0\].self' must be plain data without cycles: it refers back to 'fe.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms\[0\]'/,
    );
  });

  test('the same object twice (not inside itself) is fine', () => {
    const tolerations = [{ key: 'k', operator: 'Exists', effect: 'NoSchedule' }];
    const chart = Testing.chart();
    new StarRocksCluster(chart, 'Sr', { fe: { tolerations }, be: { tolerations } });
    expect(() => synthValid(chart)).not.toThrow();
  });
});

describe('issue 12: what the API server accepts for labels and annotations', () => {
  test('fails for a pod label key that is not a qualified name', () => {
    expectConstructorError({ fe: { podLabels: { 'bad key': 'x' } } }, /'fe.podLabels' must be keys that are each a qualified name .* got "bad key"/);
  });
  test('fails for a pod label value over 63 characters, from addPodLabel too', () => {
    expectConstructorError({ shared: { podLabels: { team: 'x'.repeat(64) } } }, /'shared.podLabels.team' must be a label value/);
    const cluster = new StarRocksCluster(Testing.chart(), 'Sr', {});
    expect(() => cluster.fe.addPodLabel('team', 'not ok')).toThrow(/'fe.podLabels.team' must be a label value .* got "not ok"/);
  });
  test('fails for a pod annotation key that is not a qualified name, from addPodAnnotation too', () => {
    expectConstructorError({ be: { podAnnotations: { 'a/b/c': 'x' } } }, /'be.podAnnotations' must be keys .* got "a\/b\/c"/);
    const cluster = new StarRocksCluster(Testing.chart(), 'Sr', {});
    expect(() => cluster.fe.addPodAnnotation('-x', 'v')).toThrow(/'fe.podAnnotations' must be keys .* got "-x"/);
  });
  test('fails for pod annotations over 256 KiB in total, at synthesis', () => {
    const chart = Testing.chart();
    const cluster = new StarRocksCluster(chart, 'Sr', { fe: { podAnnotations: { a: 'x'.repeat(200 * 1024) } } });
    cluster.fe.addPodAnnotation('b', 'x'.repeat(100 * 1024));
    expect(() => Testing.synth(chart)).toThrow(/'fe.podAnnotations' must be at most 262144 bytes in total/);
  });
  test('fails for the cluster\'s labels and annotations the API server refuses', () => {
    expectConstructorError({ labels: { team: 'a b' } }, /'labels.team' must be a label value .* got "a b"/);
    expectConstructorError({ labels: { 'Example.com/x': 'a' } }, /'labels' must be keys .* got "Example.com\/x"/);
    expectConstructorError({ annotations: { 'a b': 'x' } }, /'annotations' must be keys .* got "a b"/);
    expectConstructorError({ annotations: { a: 'x'.repeat(256 * 1024) } }, /'annotations' must be at most 262144 bytes in total/);
  });
  test('fails for nodeSelector keys and values, naming the property they come from', () => {
    expectConstructorError({ shared: { nodeSelector: { 'disk type': 'ssd' } } }, /'shared.nodeSelector' must be keys .* got "disk type"/);
    expectConstructorError({ cn: { nodeSelector: { disk: 'fast ssd' } } }, /'cn.nodeSelector.disk' must be a label value .* got "fast ssd"/);
  });
  test('accepts the usual labels, annotations and nodeSelector', () => {
    const spec = specOf({
      labels: { 'example.com/team': 'data' },
      annotations: { 'example.com/Note': 'any text: {}' },
      shared: { nodeSelector: { 'kubernetes.io/arch': 'amd64', 'empty': '' } },
      fe: { podLabels: { tier: 'db' }, podAnnotations: { 'prometheus.io/scrape': 'true' } },
    });
    expect(spec.starRocksFeSpec.nodeSelector).toEqual({ 'kubernetes.io/arch': 'amd64', 'empty': '' });
  });
});

describe('issue 12: names of other objects are DNS subdomains, never empty', () => {
  test('fails for an empty schedulerName or serviceAccount (written as "" before)', () => {
    expectConstructorError({ shared: { schedulerName: '' } }, /'shared.schedulerName' must be a DNS-1123 subdomain .* got ""/);
    expectConstructorError({ be: { serviceAccount: '' } }, /'be.serviceAccount' must be a DNS-1123 subdomain .* got ""/);
  });
  test('fails for a schedulerName or serviceAccount that is not a DNS subdomain', () => {
    expectConstructorError({ fe: { schedulerName: 'My Scheduler' } }, /'fe.schedulerName' must be a DNS-1123 subdomain .* got "My Scheduler"/);
    expectConstructorError({ shared: { serviceAccount: 'sa_1' } }, /'shared.serviceAccount' must be a DNS-1123 subdomain .* got "sa_1"/);
  });
  test('fails for a storageClassName that is not a DNS subdomain', () => {
    expectConstructorError({ be: { dataStorage: { storageClassName: 'Fast SSD' } } }, /'be.dataStorage.storageClassName' must be a DNS-1123 subdomain .* got "Fast SSD"/);
    expectConstructorError({ fe: { storageVolumes: [{ name: 'x', mountPath: '/x', storageClassName: '', storageSize: Size.gibibytes(1) }] } },
      /'fe.storageVolumes\[0\].storageClassName' must be a DNS-1123 subdomain .* got ""/);
  });
  test('accepts DNS-subdomain names and the emptyDir and hostPath storage classes', () => {
    const spec = specOf({
      shared: { schedulerName: 'volcano', serviceAccount: 'starrocks.sa' },
      fe: { metaStorage: { storageClassName: 'gp3' }, storageVolumes: [{ name: 'tmp', mountPath: '/tmp/x', storageClassName: 'emptyDir' }] },
    });
    expect(spec.starRocksFeSpec.schedulerName).toBe('volcano');
    expect(spec.starRocksFeSpec.serviceAccount).toBe('starrocks.sa');
  });
});

describe('issue 12: tolerations, sysctls, host paths and IPs the API server accepts', () => {
  test('fails for toleration operator Maybe, Exists with a value, tolerationSeconds without NoExecute', () => {
    expectConstructorError({ shared: { tolerations: [{ key: 'k', operator: 'Maybe' }] } }, /'shared.tolerations\[0\].operator' must be one of "Exists", "Equal", got "Maybe"/);
    expectConstructorError({ be: { tolerations: [{ key: 'k', operator: 'Equal' }, { key: 'k', operator: 'Exists', value: 'v' }] } }, /'be.tolerations\[1\].value' must be empty when the operator is "Exists", got "v"/);
    expectConstructorError({ fe: { tolerations: [{ key: 'k', effect: 'NoSchedule', tolerationSeconds: 60 }] } }, /'fe.tolerations\[0\].tolerationSeconds' must be set only with effect "NoExecute", got 60/);
  });
  test('fails for a sysctl name the API server refuses', () => {
    expectConstructorError({ be: { sysctls: [{ name: 'net.core.somaxconn', value: '1024' }, { name: 'Net Core', value: '1' }] } }, /'be.sysctls\[1\].name' must be a sysctl name .* got "Net Core"/);
  });
  test('fails for a hostPath type that is not one of Kubernetes\'s', () => {
    expectConstructorError({ be: { hostPaths: [{ name: 'h', mountPath: '/h', path: '/data', type: 'Dir' }] } }, /'be.hostPaths\[0\].type' must be one of "", "DirectoryOrCreate", .* got "Dir"/);
    expectConstructorError({ cn: { storageVolumes: [{ name: 'h', mountPath: '/h', storageClassName: 'hostPath', hostPath: { path: '/d', type: 'directory' } }] } },
      /'cn.storageVolumes\[0\].hostPath.type' must be one of .* got "directory"/);
  });
  test('fails for a host alias that is not an IP, or a host name that is not a DNS subdomain', () => {
    expectConstructorError({ shared: { hostAliases: [{ ip: 'nope', hostnames: ['a'] }] } }, /'shared.hostAliases\[0\].ip' must be an IPv4 or IPv6 address, got "nope"/);
    expectConstructorError({ fe: { hostAliases: [{ ip: '10.0.0.1', hostnames: ['Bad Host'] }] } }, /'fe.hostAliases\[0\].hostnames\[0\]' must be a DNS-1123 subdomain/);
  });
  test('fails for a loadBalancerIp that is not an IP', () => {
    expectRejected({ fe: { service: { type: ServiceType.LOAD_BALANCER, loadBalancerIp: 'nope' } } }, /'fe.service.loadBalancerIp' must be an IPv4 or IPv6 address, got "nope"/);
    expectRejected({ fe: { service: { type: ServiceType.LOAD_BALANCER, loadBalancerIp: '' } } }, /'fe.service.loadBalancerIp' must be an IPv4 or IPv6 address, got ""/);
  });
  test('accepts the usual forms', () => {
    const spec = specOf({
      shared: {
        tolerations: [{ operator: 'Exists' }, { key: 'dedicated', operator: 'Equal', value: 'sr', effect: 'NoExecute', tolerationSeconds: 30 }],
        hostAliases: [{ ip: 'fe80::1', hostnames: ['meta.local'] }],
      },
      be: { sysctls: [{ name: 'net.ipv4.ip_local_port_range', value: '1024 65000' }], hostPaths: [{ name: 'h', mountPath: '/h', path: '/d', type: 'DirectoryOrCreate' }] },
      fe: { service: { type: ServiceType.LOAD_BALANCER, loadBalancerIp: '10.1.2.3' } },
    });
    expect(spec.starRocksFeSpec.service.loadBalancerIP).toBe('10.1.2.3');
    expect(spec.starRocksBeSpec.tolerations).toHaveLength(2);
  });
});

describe('issue 12: update-strategy percentages and HPA metric types', () => {
  test('fails for maxUnavailable 200%', () => {
    expectConstructorError(
      { be: { updateStrategy: { rollingUpdate: { maxUnavailable: k8s.IntOrString.fromString('200%') } } } },
      /'be.updateStrategy.rollingUpdate.maxUnavailable' must be a number of pods > 0 or a percentage from 1% to 100% .* got "200%"/,
    );
  });
  test('fails for an HPA metric type Bogus, or a metric without the source of its type', () => {
    expectConstructorError({ cn: { autoScaling: { maxReplicas: 3, metrics: [{ type: 'Bogus' }] } } }, /'cn.autoScaling.metrics\[0\].type' must be one of "Object", "Pods", "Resource", "ContainerResource", "External", got "Bogus"/);
    expectConstructorError({ cn: { autoScaling: { maxReplicas: 3, metrics: [{ type: 'Pods', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } } }] } } },
      /'cn.autoScaling.metrics\[0\]' must be a metric of type Pods with only its pods source, got \["resource"\]/);
  });
  test('accepts a Resource metric', () => {
    const spec = specOf({ cn: { autoScaling: { maxReplicas: 3, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } } }] } } });
    expect(spec.starRocksCnSpec.autoScalingPolicy.hpaPolicy.metrics[0].type).toBe('Resource');
  });
});
