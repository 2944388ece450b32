/**
 * A StarRocks component (FE, BE, CN) inside its cluster: pod and container settings, mounted
 * ConfigMaps and Secrets, the entrypoint script, the external Service, CN autoscaling, and the
 * mutators (`addEnvVar`, `addPodAnnotation`, `addPodLabel`, `addSidecar`, `addInitContainer`,
 * `addConfig`, ...) before and after the cluster is constructed.
 */
import { Chart, Duration, Testing } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import * as YAML from 'yaml';
import { StarRocksCluster, StarRocksClusterProps } from '../../src/cluster/cluster';
import { StarRocksPort } from '../../src/cluster/component-kind';
import { contributeEnvVar } from '../../src/common/env-contributions';
import { helmValueHash } from '../../src/common/hash';
import { HpaVersion, ImagePullPolicy, PodManagementPolicy, ServiceType } from '../../src/components/options';
import { StarRocksConfig } from '../../src/config/config';
import { describeShared, readShared } from '../util/shared';
import { find, synthValid } from '../util/synth';

// warnings are asserted through construct metadata; keep them off stderr
process.env.CDK8S_STARROCKS_SILENCE_WARNINGS = '1';

function newCluster(props: StarRocksClusterProps = {}): { chart: Chart; cluster: StarRocksCluster } {
  const chart = Testing.chart();
  const cluster = new StarRocksCluster(chart, 'Sr', props);
  return { chart, cluster };
}

/** The CR spec `sr` of a chart, after checking the whole output against the schemas. */
function specOf(chart: Chart): any {
  return find(synthValid(chart), 'StarRocksCluster', 'sr').spec;
}

describe('pod and container settings', () => {
  test('every scalar and pass-through setting lands in the component spec', () => {
    // GIVEN
    const { chart } = newCluster({
      be: {
        replicas: 3,
        imagePullPolicy: ImagePullPolicy.ALWAYS,
        readOnlyRootFilesystem: true,
        envVars: [{ name: 'STARROCKS_ROOT', value: '/data/starrocks' }],
        capabilities: { add: ['SYS_ADMIN'], drop: ['NET_RAW'] },
        sysctls: [{ name: 'net.ipv4.tcp_keepalive_time', value: '600' }],
        terminationGracePeriod: Duration.seconds(300),
        startupProbeFailureTime: Duration.seconds(600),
        livenessProbeFailureTime: Duration.seconds(30),
        readinessProbeFailureTime: Duration.seconds(20),
        minReady: Duration.seconds(0),
        podManagementPolicy: PodManagementPolicy.ORDERED_READY,
        lifecycle: { postStart: { exec: { command: ['/bin/sh', '-c', 'echo started'] } } },
        updateStrategy: { type: 'OnDelete' },
        shareProcessNamespace: true,
        command: ['/opt/starrocks/be_entrypoint.sh'],
        args: ['$(FE_SERVICE_NAME)'],
        persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete' },
      },
    });

    // WHEN
    const spec = specOf(chart);

    // THEN
    expect(spec.starRocksBeSpec).toStrictEqual({
      image: 'starrocks/be-ubuntu:4.1-latest',
      replicas: 3,
      imagePullPolicy: 'Always',
      readOnlyRootFilesystem: true,
      beEnvVars: [{ name: 'STARROCKS_ROOT', value: '/data/starrocks' }],
      capabilities: { add: ['SYS_ADMIN'], drop: ['NET_RAW'] },
      sysctls: [{ name: 'net.ipv4.tcp_keepalive_time', value: '600' }],
      terminationGracePeriodSeconds: 300,
      startupProbeFailureSeconds: 600,
      livenessProbeFailureSeconds: 30,
      readinessProbeFailureSeconds: 20,
      minReadySeconds: 0,
      podManagementPolicy: 'OrderedReady',
      lifecycle: { postStart: { exec: { command: ['/bin/sh', '-c', 'echo started'] } } },
      updateStrategy: { type: 'OnDelete' },
      shareProcessNamespace: true,
      command: ['/opt/starrocks/be_entrypoint.sh'],
      args: ['$(FE_SERVICE_NAME)'],
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete' },
    });
  });

  test('IntOrString values of Kubernetes types are rendered as their value', () => {
    // GIVEN
    const { chart } = newCluster({
      fe: {
        lifecycle: { preStop: { httpGet: { path: '/api/stop', port: k8s.IntOrString.fromNumber(8030) } } },
      },
    });

    // WHEN
    const spec = specOf(chart);

    // THEN
    expect(spec.starRocksFeSpec.lifecycle).toStrictEqual({ preStop: { httpGet: { path: '/api/stop', port: 8030 } } });
  });

  test('the caller\'s arrays are copied on the way in, not read at synthesis (STYLE 4)', () => {
    // GIVEN
    const command = ['/bin/run'];
    const envVars: k8s.EnvVar[] = [{ name: 'A', value: '1' }];
    const { chart } = newCluster({ cn: { command, envVars } });

    // WHEN
    command.push('--changed');
    envVars.push({ name: 'B', value: '2' });

    // THEN
    expect(specOf(chart).starRocksCnSpec).toMatchObject({ command: ['/bin/run'], cnEnvVars: [{ name: 'A', value: '1' }] });
  });

  test('a mount pushed into the caller\'s array after construction is not picked up unchecked', () => {
    // GIVEN
    const configMaps = [{ name: 'hooks', mountPath: '/etc/hooks' }];
    const { chart } = newCluster({ fe: { configMaps } });

    // WHEN
    configMaps.push({ name: 'Not_A_Name', mountPath: 'relative' });

    // THEN
    expect(specOf(chart).starRocksFeSpec.configMaps).toStrictEqual([{ name: 'hooks', mountPath: '/etc/hooks' }]);
  });
});

describe('ConfigMap and Secret mounts', () => {
  test('configMaps and secrets are rendered with their subPath when given', () => {
    // GIVEN
    const { chart } = newCluster({
      fe: {
        configMaps: [{ name: 'fe-hooks', mountPath: '/etc/fe-hooks' }, { name: 'log4j', mountPath: '/opt/starrocks/fe/conf/log4j2.xml', subPath: 'log4j2.xml' }],
        secrets: [{ name: 's3-credentials', mountPath: '/etc/s3' }],
      },
      cn: { secrets: [{ name: 'cn-keytab', mountPath: '/etc/krb5.keytab', subPath: 'krb5.keytab' }] },
    });

    // WHEN
    const spec = specOf(chart);

    // THEN
    expect(spec.starRocksFeSpec.configMaps).toStrictEqual([
      { name: 'fe-hooks', mountPath: '/etc/fe-hooks' },
      { name: 'log4j', mountPath: '/opt/starrocks/fe/conf/log4j2.xml', subPath: 'log4j2.xml' },
    ]);
    expect(spec.starRocksFeSpec.secrets).toStrictEqual([{ name: 's3-credentials', mountPath: '/etc/s3' }]);
    expect(spec.starRocksCnSpec.secrets).toStrictEqual([{ name: 'cn-keytab', mountPath: '/etc/krb5.keytab', subPath: 'krb5.keytab' }]);
    expect(spec.starRocksBeSpec).not.toHaveProperty('configMaps');
  });

  test('fails for a mount path with ".." segments', () => {
    // GIVEN / WHEN / THEN
    expect(() => newCluster({ be: { secrets: [{ name: 'creds', mountPath: '/etc/../root' }] } })).toThrow(/'be.secrets\[0\].mountPath' must be an absolute path without ":" or ".." segments, got "\/etc\/..\/root"/);
  });

  test('fails for a Secret name that is not a DNS label', () => {
    // GIVEN / WHEN / THEN
    expect(() => newCluster({ fe: { secrets: [{ name: 'S3_Creds', mountPath: '/etc/s3' }] } })).toThrow(/'fe.secrets\[0\].name' must be a DNS-1123 label .* got "S3_Creds"/);
  });
});

describe('entrypoint script', () => {
  const script = '#!/bin/bash\nulimit -n 655350\nexec /opt/starrocks/be_entrypoint.sh $FE_SERVICE_NAME\n';

  test('creates <c>-<x>-entrypoint-script, runs it with bash -c, mounts it after the user\'s ConfigMaps and adds its hash', () => {
    // GIVEN
    const chart = new Chart(Testing.app(), 'test', { namespace: 'db' });

    // WHEN
    new StarRocksCluster(chart, 'Sr', { be: { entrypointScript: script, configMaps: [{ name: 'be-hooks', mountPath: '/etc/be-hooks' }] } });

    // THEN
    const manifests = synthValid(chart);
    const cm = find(manifests, 'ConfigMap', 'sr-be-entrypoint-script');
    expect(cm.data).toStrictEqual({ 'entrypoint.sh': script });
    expect(cm.metadata).toMatchObject({ namespace: 'db', labels: { cluster: 'sr', app: 'be' } });
    const be = find(manifests, 'StarRocksCluster', 'sr').spec.starRocksBeSpec;
    expect(be).toMatchObject({
      command: ['bash', '-c'],
      args: ['/etc/starrocks/entrypoint.sh'],
      configMaps: [
        { name: 'be-hooks', mountPath: '/etc/be-hooks' },
        { name: 'sr-be-entrypoint-script', mountPath: '/etc/starrocks/entrypoint.sh', subPath: 'entrypoint.sh' },
      ],
      annotations: { 'app.starrocks.io/be-entrypoint-hash': helmValueHash(script) },
    });
  });

  test('the entrypoint hash sits beside the config hash', () => {
    // GIVEN
    const config = StarRocksConfig.fromEntries({ sys_log_level: 'INFO' });

    // WHEN
    const { chart } = newCluster({ fe: { entrypointScript: 'exec /opt/starrocks/fe_entrypoint.sh', config } });

    // THEN
    expect(specOf(chart).starRocksFeSpec.annotations).toStrictEqual({
      'app.starrocks.io/fe-config-hash': config.hash,
      'app.starrocks.io/fe-entrypoint-hash': helmValueHash('exec /opt/starrocks/fe_entrypoint.sh'),
    });
  });

  describeShared('hash parity with the kube-starrocks chart (conformance case 19-entrypoint)', () => {
    const values = YAML.parse(readShared('conformance/cases/19-entrypoint/values.yaml')).starrocks;
    const expected = YAML.parseAllDocuments(readShared('conformance/cases/19-entrypoint/expected.yaml')).map((d) => d.toJS()).filter((d) => d);

    test('FE, BE and CN scripts hash as the chart does; the FE and BE ConfigMaps hold the same scripts', () => {
      // GIVEN
      const chart = Testing.chart();

      // WHEN
      new StarRocksCluster(chart, 'Sr', {
        name: 'kube-starrocks',
        fe: { entrypointScript: values.starrocksFESpec.entrypoint.script },
        be: { entrypointScript: values.starrocksBeSpec.entrypoint.script },
        cn: { entrypointScript: values.starrocksCnSpec.entrypoint.script },
      });

      // THEN
      const manifests = synthValid(chart);
      const ours = find(manifests, 'StarRocksCluster', 'kube-starrocks').spec;
      const theirs = find(expected, 'StarRocksCluster', 'kube-starrocks').spec;
      expect(ours.starRocksFeSpec.annotations['app.starrocks.io/fe-entrypoint-hash']).toBe(theirs.starRocksFeSpec.annotations['app.starrocks.io/fe-entrypoint-hash']);
      expect(ours.starRocksBeSpec.annotations['app.starrocks.io/be-entrypoint-hash']).toBe(theirs.starRocksBeSpec.annotations['app.starrocks.io/be-entrypoint-hash']);
      expect(ours.starRocksCnSpec.annotations['app.starrocks.io/cn-entrypoint-hash']).toBe(theirs.starRocksCnSpec.annotations['app.starrocks.io/cn-entrypoint-hash']);
      expect(ours.starRocksFeSpec.annotations['app.starrocks.io/fe-entrypoint-hash']).toBe('e2a4bf69');
      // (the CN script is a YAML `|-` block without a final newline, which the chart's `|` ConfigMap block adds back)
      expect(find(manifests, 'ConfigMap', 'kube-starrocks-fe-entrypoint-script').data)
        .toStrictEqual(find(expected, 'ConfigMap', 'kube-starrocks-fe-entrypoint-script').data);
      expect(find(manifests, 'ConfigMap', 'kube-starrocks-be-entrypoint-script').data)
        .toStrictEqual(find(expected, 'ConfigMap', 'kube-starrocks-be-entrypoint-script').data);
    });

    test('CN: the ConfigMap holds the script with its final line break, the annotation keeps the hash given in entrypointScriptHash', () => {
      // GIVEN
      const chart = Testing.chart();
      const cnScript: string = values.starrocksCnSpec.entrypoint.script;

      // WHEN
      new StarRocksCluster(chart, 'Sr', {
        name: 'kube-starrocks',
        cn: { entrypointScript: `${cnScript}\n`, entrypointScriptHash: helmValueHash(cnScript) },
      });

      // THEN
      const manifests = synthValid(chart);
      const theirs = find(expected, 'StarRocksCluster', 'kube-starrocks').spec;
      expect(find(manifests, 'StarRocksCluster', 'kube-starrocks').spec.starRocksCnSpec.annotations)
        .toStrictEqual({ 'app.starrocks.io/cn-entrypoint-hash': theirs.starRocksCnSpec.annotations['app.starrocks.io/cn-entrypoint-hash'] });
      expect(find(manifests, 'ConfigMap', 'kube-starrocks-cn-entrypoint-script').data)
        .toStrictEqual(find(expected, 'ConfigMap', 'kube-starrocks-cn-entrypoint-script').data);
    });
  });

  test('fails for entrypointScriptHash without a script, or empty', () => {
    expect(() => newCluster({ be: { entrypointScriptHash: 'abc' } })).toThrow(/'be.entrypointScriptHash' must be set only with entrypointScript, got "abc"/);
    expect(() => newCluster({ be: { entrypointScript: script, entrypointScriptHash: '' } }))
      .toThrow(/'be.entrypointScriptHash' must be a non-empty annotation value, got ""/);
  });
});

describe('external Service', () => {
  test('LoadBalancer with IP, source ranges, annotations and labels', () => {
    // GIVEN
    const { chart } = newCluster({
      fe: {
        service: {
          type: ServiceType.LOAD_BALANCER,
          loadBalancerIp: '10.1.2.3',
          loadBalancerSourceRanges: ['10.0.0.0/8', '192.168.0.0/16'],
          annotations: { 'service.beta.kubernetes.io/aws-load-balancer-type': 'nlb' },
          labels: { team: 'data' },
          ports: [{ name: 'query', port: 3306, nodePort: 30306 }],
        },
      },
    });

    // WHEN
    const spec = specOf(chart);

    // THEN
    expect(spec.starRocksFeSpec.service).toStrictEqual({
      type: 'LoadBalancer',
      loadBalancerIP: '10.1.2.3',
      loadBalancerSourceRanges: ['10.0.0.0/8', '192.168.0.0/16'],
      annotations: { 'service.beta.kubernetes.io/aws-load-balancer-type': 'nlb' },
      labels: { team: 'data' },
      ports: [{ name: 'query', port: 3306, nodePort: 30306 }],
    });
  });

  test.each([
    [ServiceType.CLUSTER_IP, 'ClusterIP'],
    [ServiceType.NODE_PORT, 'NodePort'],
    [ServiceType.LOAD_BALANCER, 'LoadBalancer'],
  ])('type %s is rendered as %s', (type, wire) => {
    // GIVEN
    const { chart } = newCluster({ cn: { service: { type } } });

    // WHEN
    const spec = specOf(chart);

    // THEN
    expect(spec.starRocksCnSpec.service).toStrictEqual({ type: wire });
  });

  test('BE and CN ports are matched by their names and config-derived container ports', () => {
    // GIVEN
    const { chart } = newCluster({
      be: { service: { type: ServiceType.NODE_PORT, ports: [{ name: 'webserver', nodePort: 30040 }, { containerPort: 9050, port: 19050 }] } },
      cn: {
        config: StarRocksConfig.fromEntries({ thrift_port: '9070' }),
        service: { type: ServiceType.NODE_PORT, ports: [{ name: 'thrift', nodePort: 30070 }, { containerPort: 9070, port: 19070 }] },
      },
    });

    // WHEN
    const spec = specOf(chart);

    // THEN
    expect(spec.starRocksBeSpec.service.ports).toStrictEqual([{ name: 'webserver', nodePort: 30040 }, { containerPort: 9050, port: 19050 }]);
    expect(spec.starRocksCnSpec.service.ports).toStrictEqual([{ name: 'thrift', nodePort: 30070 }, { containerPort: 9070, port: 19070 }]);
  });

  test('addServiceAnnotation creates a ClusterIP service and merges with the given annotations', () => {
    // GIVEN
    const { chart, cluster } = newCluster({ be: { service: { annotations: { a: '1' } } } });

    // WHEN
    cluster.be?.addServiceAnnotation('prometheus.io/scrape', 'true');
    cluster.fe.addServiceAnnotation('prometheus.io/port', '8030');

    // THEN
    const spec = specOf(chart);
    expect(spec.starRocksBeSpec.service).toStrictEqual({ type: 'ClusterIP', annotations: { 'a': '1', 'prometheus.io/scrape': 'true' } });
    expect(spec.starRocksFeSpec.service).toStrictEqual({ type: 'ClusterIP', annotations: { 'prometheus.io/port': '8030' } });
  });

  test('fails when addServiceAnnotation conflicts with a given annotation', () => {
    // GIVEN
    const { chart, cluster } = newCluster({ fe: { service: { annotations: { 'prometheus.io/port': '8030' } } } });

    // WHEN
    cluster.fe.addServiceAnnotation('prometheus.io/port', '9999');

    // THEN
    expect(() => Testing.synth(chart)).toThrow(/'fe.service.annotations.prometheus.io\/port' is already set to "8030"; cannot set it to "9999"/);
  });

  test('fails when addServiceAnnotation is called twice with different values', () => {
    // GIVEN
    const { cluster } = newCluster();
    cluster.fe.addServiceAnnotation('a', '1');

    // WHEN / THEN
    expect(() => cluster.fe.addServiceAnnotation('a', '2')).toThrow(/'fe.service.annotations.a' is already set to "1"; cannot set it to "2"/);
  });
});

describe('CN autoscaling', () => {
  test('the policy carries min, max, version, metrics and behavior; replicas stay unset', () => {
    // GIVEN
    const { chart } = newCluster({
      cn: {
        autoScaling: {
          minReplicas: 2,
          maxReplicas: 10,
          version: HpaVersion.V2,
          metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } } }],
          behavior: { scaleDown: { stabilizationWindowSeconds: 300, policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }] } },
        },
      },
    });

    // WHEN
    const spec = specOf(chart);

    // THEN
    expect(spec.starRocksCnSpec).toStrictEqual({
      image: 'starrocks/cn-ubuntu:4.1-latest',
      autoScalingPolicy: {
        minReplicas: 2,
        maxReplicas: 10,
        version: 'v2',
        hpaPolicy: {
          metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } } }],
          behavior: { scaleDown: { stabilizationWindowSeconds: 300, policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }] } },
        },
      },
    });
  });

  test('only maxReplicas gives the smallest policy', () => {
    // GIVEN
    const { chart } = newCluster({ cn: { autoScaling: { maxReplicas: 3 } } });

    // WHEN
    const spec = specOf(chart);

    // THEN
    expect(spec.starRocksCnSpec.autoScalingPolicy).toStrictEqual({ maxReplicas: 3 });
  });
});

describe('capabilities', () => {
  test('addCapability adds once and keeps the given capabilities', () => {
    // GIVEN
    const { chart, cluster } = newCluster({ be: { capabilities: { add: ['SYS_ADMIN'], drop: ['ALL'] } } });

    // WHEN
    cluster.be?.addCapability('SYS_PTRACE');
    cluster.be?.addCapability('SYS_PTRACE');
    cluster.be?.addCapability('SYS_ADMIN');
    cluster.cn?.addCapability('PERFMON');
    cluster.fe.addCapability('PERFMON');

    // THEN
    const spec = specOf(chart);
    expect(spec.starRocksBeSpec.capabilities).toStrictEqual({ add: ['SYS_ADMIN', 'SYS_PTRACE'], drop: ['ALL'] });
    expect(spec.starRocksFeSpec.capabilities).toStrictEqual({ add: ['PERFMON'] });
  });

  test('fails for a capability that is not upper-case', () => {
    // GIVEN
    const { cluster } = newCluster();

    // WHEN / THEN
    expect(() => cluster.fe.addCapability('sys_ptrace')).toThrow(/'fe.capabilities.add' must be a capability name such as "SYS_PTRACE", got "sys_ptrace"/);
  });
});

describe('mutators', () => {
  test('addEnvVar after construction appears after the given variables and TZ', () => {
    // GIVEN
    const { chart, cluster } = newCluster({ timeZone: 'UTC', fe: { envVars: [{ name: 'A', value: '1' }] } });

    // WHEN
    cluster.fe.addEnvVar({ name: 'MYSQL_PWD', valueFrom: { secretKeyRef: { name: 'root-pwd', key: 'password' } } });
    cluster.be?.addEnvVar({ name: 'LOG_CONSOLE', value: '1' });

    // THEN
    const spec = specOf(chart);
    expect(spec.starRocksFeSpec.feEnvVars).toStrictEqual([
      { name: 'TZ', value: 'UTC' },
      { name: 'A', value: '1' },
      { name: 'MYSQL_PWD', valueFrom: { secretKeyRef: { name: 'root-pwd', key: 'password' } } },
    ]);
    expect(spec.starRocksBeSpec.beEnvVars).toStrictEqual([{ name: 'TZ', value: 'UTC' }, { name: 'LOG_CONSOLE', value: '1' }]);
    expect(cluster.fe.hasEnvVar('MYSQL_PWD')).toBe(true);
    expect(cluster.fe.hasEnvVar('TZ')).toBe(true);
    expect(cluster.fe.hasEnvVar('NOPE')).toBe(false);
  });

  test('variables other constructs contribute keep their place; the user\'s variable of that name wins', () => {
    // GIVEN
    const { chart, cluster } = newCluster({ fe: { envVars: [{ name: 'A', value: '1' }] } });
    const other = new Construct(chart, 'Other');

    // WHEN
    expect(contributeEnvVar(cluster.fe, other, { name: 'C', value: 'contributed' })).toBe(true);
    cluster.fe.addEnvVar({ name: 'B', value: '2' });
    contributeEnvVar(cluster.fe, other, { name: 'A', value: 'contributed' });
    contributeEnvVar(cluster.fe, other, { name: 'C', value: 'contributed' });

    // THEN
    expect(cluster.fe.hasEnvVar('C')).toBe(true);
    expect(specOf(chart).starRocksFeSpec.feEnvVars).toStrictEqual([{ name: 'A', value: '1' }, { name: 'C', value: 'contributed' }, { name: 'B', value: '2' }]);
  });

  test('fails at synthesis when two constructs contribute different values of one variable, naming both', () => {
    // GIVEN
    const { chart, cluster } = newCluster();

    // WHEN
    contributeEnvVar(cluster.fe, new Construct(chart, 'First'), { name: 'X', value: '1' });
    contributeEnvVar(cluster.fe, new Construct(chart, 'Second'), { name: 'X', value: '2' });

    // THEN
    expect(() => Testing.synth(chart)).toThrow(/'fe.envVars' must have one "X", but test\/First and test\/Second contribute different ones/);
  });

  test('fails when addEnvVar repeats a variable', () => {
    // GIVEN
    const { cluster } = newCluster({ fe: { envVars: [{ name: 'A', value: '1' }] } });

    // WHEN / THEN
    expect(() => cluster.fe.addEnvVar({ name: 'A', value: '2' })).toThrow(/'fe.envVars' already has a variable named "A"/);
  });

  test('fails when addEnvVar adds TZ to a cluster with a time zone', () => {
    // GIVEN
    const { cluster } = newCluster({ timeZone: 'UTC' });

    // WHEN / THEN
    expect(() => cluster.be?.addEnvVar({ name: 'TZ', value: 'Asia/Shanghai' })).toThrow(/'be.envVars' already has a variable named "TZ"/);
  });

  test('addPodAnnotation and addPodLabel after construction are merged with the given ones', () => {
    // GIVEN
    const { chart, cluster } = newCluster({
      fe: { podAnnotations: { a: '1' }, podLabels: { team: 'data' }, config: StarRocksConfig.fromEntries({ x: 'y' }) },
    });

    // WHEN
    cluster.fe.addPodAnnotation('ad.datadoghq.com/fe.logs', '[{"service":"starrocks"}]');
    cluster.fe.addPodAnnotation('a', '1');
    cluster.fe.addPodLabel('tier', 'frontend');
    cluster.be?.addPodLabel('tier', 'backend');

    // THEN
    const spec = specOf(chart);
    expect(spec.starRocksFeSpec.annotations).toStrictEqual({
      'a': '1',
      'ad.datadoghq.com/fe.logs': '[{"service":"starrocks"}]',
      'app.starrocks.io/fe-config-hash': StarRocksConfig.fromEntries({ x: 'y' }).hash,
    });
    expect(spec.starRocksFeSpec.podLabels).toStrictEqual({ team: 'data', tier: 'frontend' });
    expect(spec.starRocksBeSpec.podLabels).toStrictEqual({ tier: 'backend' });
  });

  test('fails when addPodAnnotation changes an annotation', () => {
    // GIVEN
    const { cluster } = newCluster({ cn: { podAnnotations: { a: '1' } } });

    // WHEN / THEN
    expect(() => cluster.cn?.addPodAnnotation('a', '2')).toThrow(/'cn.podAnnotations.a' is already set to "1"; cannot set it to "2"/);
  });

  test('fails when addPodLabel changes a label', () => {
    // GIVEN
    const { cluster } = newCluster({ fe: { podLabels: { team: 'data' } } });

    // WHEN / THEN
    expect(() => cluster.fe.addPodLabel('team', 'ops')).toThrow(/'fe.podLabels.team' is already set to "data"; cannot set it to "ops"/);
  });

  test('fails when addPodLabel sets a selector label', () => {
    // GIVEN
    const { cluster } = newCluster();

    // WHEN / THEN
    expect(() => cluster.be?.addPodLabel('app.starrocks.ownerreference/name', 'x')).toThrow(/'be.podLabels' must be free of the selector labels .* got \{"app.starrocks.ownerreference\/name":"x"\}/);
  });

  test('fails when an annotation sets the config hash the library computes', () => {
    // GIVEN
    const { chart, cluster } = newCluster({ fe: { config: StarRocksConfig.fromEntries({ a: 'b' }) } });

    // WHEN
    cluster.fe.addPodAnnotation('app.starrocks.io/fe-config-hash', 'deadbeef');

    // THEN
    expect(() => Testing.synth(chart)).toThrow(/'fe.podAnnotations' must be free of "app.starrocks.io\/fe-config-hash" when the component has a config .* got "deadbeef"/);
  });

  test('the config-hash annotation may be set by hand with rollOnConfigChange: false', () => {
    // GIVEN
    const { chart } = newCluster({
      fe: { config: StarRocksConfig.fromEntries({ a: 'b' }), rollOnConfigChange: false, podAnnotations: { 'app.starrocks.io/fe-config-hash': 'fa8499a9' } },
    });

    // WHEN
    const spec = specOf(chart);

    // THEN
    expect(spec.starRocksFeSpec.annotations).toStrictEqual({ 'app.starrocks.io/fe-config-hash': 'fa8499a9' });
  });

  test('addSidecar and addInitContainer after construction come after the given containers', () => {
    // GIVEN
    const { chart, cluster } = newCluster({
      be: {
        sidecars: [{ name: 'logger', image: 'busybox:1.36', args: ['tail', '-F', '/opt/starrocks/be/log/be.INFO'] }],
        initContainers: [{ name: 'sysctl', image: 'busybox:1.36', command: ['sysctl', '-w', 'vm.max_map_count=262144'] }],
      },
    });

    // WHEN
    cluster.be?.addSidecar({ name: 'exporter', image: 'prom/node-exporter:v1.8.0', ports: [{ containerPort: 9100, name: 'metrics' }] });
    cluster.be?.addInitContainer({ name: 'chown', image: 'busybox:1.36', command: ['chown', '-R', '1000:1000', '/opt/starrocks/be/storage'] });
    cluster.fe.addSidecar({ name: 'logger', image: 'busybox:1.36' });

    // THEN
    const spec = specOf(chart);
    expect(spec.starRocksBeSpec.sidecars).toStrictEqual([
      { name: 'logger', image: 'busybox:1.36', args: ['tail', '-F', '/opt/starrocks/be/log/be.INFO'] },
      { name: 'exporter', image: 'prom/node-exporter:v1.8.0', ports: [{ containerPort: 9100, name: 'metrics' }] },
    ]);
    expect(spec.starRocksBeSpec.initContainers).toStrictEqual([
      { name: 'sysctl', image: 'busybox:1.36', command: ['sysctl', '-w', 'vm.max_map_count=262144'] },
      { name: 'chown', image: 'busybox:1.36', command: ['chown', '-R', '1000:1000', '/opt/starrocks/be/storage'] },
    ]);
    expect(spec.starRocksFeSpec.sidecars).toStrictEqual([{ name: 'logger', image: 'busybox:1.36' }]);
  });

  test('fails when addSidecar repeats a container name', () => {
    // GIVEN
    const { cluster } = newCluster({ fe: { sidecars: [{ name: 'logger', image: 'busybox:1.36' }] } });

    // WHEN / THEN
    expect(() => cluster.fe.addSidecar({ name: 'logger', image: 'fluent-bit:3' })).toThrow(/'fe.sidecars' already has a container named "logger"/);
  });

  test('fails when addInitContainer repeats a container name', () => {
    // GIVEN
    const { cluster } = newCluster();
    cluster.fe.addInitContainer({ name: 'wait', image: 'busybox:1.36' });

    // WHEN / THEN
    expect(() => cluster.fe.addInitContainer({ name: 'wait', image: 'busybox:1.36' })).toThrow(/'fe.initContainers' already has a container named "wait"/);
  });

  test('fails for a sidecar given as a class instance instead of plain data', () => {
    // GIVEN
    class NotPlain {
      public readonly name = 'x';
    }
    const { cluster } = newCluster();

    // WHEN / THEN
    expect(() => cluster.fe.addSidecar(new NotPlain() as any)).toThrow(/'fe.sidecars' must be plain data \(an object literal\), got an instance of NotPlain/);
  });
});

describe('addConfig', () => {
  test('on a component without config: creates the ConfigMap, configMapInfo and hash (lazily)', () => {
    // GIVEN
    const { chart, cluster } = newCluster({ cn: {} });

    // WHEN
    cluster.cn?.addConfig('thrift_port', '9060');
    cluster.cn?.addConfig('sys_log_level', 'WARN');

    // THEN
    const manifests = synthValid(chart);
    expect(find(manifests, 'ConfigMap', 'sr-cn-cm').data).toStrictEqual({ 'cn.conf': 'sys_log_level = WARN\nthrift_port = 9060\n' });
    const cn = find(manifests, 'StarRocksCluster', 'sr').spec.starRocksCnSpec;
    expect(cn).toMatchObject({
      configMapInfo: { configMapName: 'sr-cn-cm', resolveKey: 'cn.conf' },
      annotations: { 'app.starrocks.io/cn-config-hash': StarRocksConfig.fromEntries({ thrift_port: '9060', sys_log_level: 'WARN' }).hash },
    });
    expect(cluster.cn?.config?.get('thrift_port')).toBe('9060');
  });

  test('on an entries config: merged and sorted, the hash follows', () => {
    // GIVEN
    const { chart, cluster } = newCluster({ fe: { config: StarRocksConfig.fromEntries({ query_port: '9030' }) } });

    // WHEN
    cluster.fe.addConfig('enable_udf', 'true');
    cluster.fe.addConfig('query_port', '9030');

    // THEN
    const manifests = synthValid(chart);
    expect(find(manifests, 'ConfigMap', 'sr-fe-cm').data).toStrictEqual({ 'fe.conf': 'enable_udf = true\nquery_port = 9030\n' });
    expect(find(manifests, 'StarRocksCluster', 'sr').spec.starRocksFeSpec.annotations).toStrictEqual({
      'app.starrocks.io/fe-config-hash': StarRocksConfig.fromEntries({ query_port: '9030', enable_udf: 'true' }).hash,
    });
  });

  test('on a text config: appended, the text before kept byte for byte', () => {
    // GIVEN
    const text = '# my be.conf\nbe_port = 9060';
    const { chart, cluster } = newCluster({ be: { config: StarRocksConfig.fromText(text) } });

    // WHEN
    cluster.be?.addConfig('sys_log_level', 'INFO');

    // THEN
    const manifests = synthValid(chart);
    const expectedText = `${text}\nsys_log_level = INFO\n`;
    expect(find(manifests, 'ConfigMap', 'sr-be-cm').data).toStrictEqual({ 'be.conf': expectedText });
    expect(find(manifests, 'StarRocksCluster', 'sr').spec.starRocksBeSpec.annotations).toStrictEqual({
      'app.starrocks.io/be-config-hash': StarRocksConfig.fromText(expectedText).hash,
    });
  });

  test('fails when addConfig changes an entry', () => {
    // GIVEN
    const { cluster } = newCluster({ fe: { config: StarRocksConfig.fromEntries({ query_port: '9030' }) } });

    // WHEN / THEN
    expect(() => cluster.fe.addConfig('query_port', '9031')).toThrow(/'fe.config.query_port' is already set to "9030"; cannot set it to "9031"/);
  });

  test('fails when addConfig changes an entry of a text config', () => {
    // GIVEN
    const { cluster } = newCluster({ be: { config: StarRocksConfig.fromText('be_port = 9060\n') } });

    // WHEN / THEN
    expect(() => cluster.be?.addConfig('be_port', '9061')).toThrow(/'be.config.be_port' is already set to "9060"; cannot set it to "9061"/);
  });

  test('fails for addConfig on a component with existingConfig', () => {
    // GIVEN
    const { cluster } = newCluster({ fe: { existingConfig: { configMapName: 'fe-conf', resolveKey: 'fe.conf' } } });

    // WHEN / THEN
    expect(() => cluster.fe.addConfig('query_port', '9030')).toThrow(/'fe.config.query_port' must be set in the existing ConfigMap .* got "9030"/);
  });

  test('fails for an invalid key', () => {
    // GIVEN
    const { cluster } = newCluster();

    // WHEN / THEN
    expect(() => cluster.fe.addConfig('bad key', 'x')).toThrow(/'fe.config key' must be a StarRocks configuration item .* got "bad key"/);
  });

  test('fails for a multi-line value', () => {
    // GIVEN
    const { cluster } = newCluster();

    // WHEN / THEN
    expect(() => cluster.fe.addConfig('JAVA_OPTS', '-Xmx8g\n-Xms8g')).toThrow(/'fe.config.JAVA_OPTS' must be a single line, got "-Xmx8g\\n-Xms8g"/);
  });
});

describe('addServiceAnnotationFromPort', () => {
  test('the value is the port number as the config gives it when the manifest is synthesized', () => {
    // GIVEN
    const { chart, cluster } = newCluster();
    cluster.be!.addServiceAnnotationFromPort('example.com/port', StarRocksPort.HEARTBEAT);

    // WHEN
    cluster.be!.addConfig('heartbeat_service_port', '9051');

    // THEN
    expect(specOf(chart).starRocksBeSpec.service).toEqual({ type: 'ClusterIP', annotations: { 'example.com/port': '9051' } });
  });

  test('fails for a port name that is not a StarRocksPort, and for another port under the same key', () => {
    // GIVEN
    const { cluster } = newCluster();
    cluster.fe.addServiceAnnotationFromPort('example.com/port', StarRocksPort.HTTP);

    // WHEN / THEN
    expect(() => cluster.fe.addServiceAnnotationFromPort('a', 'metrics' as StarRocksPort)).toThrow(/'fe.service.annotations.a' must be one of "http", .* got "metrics"/);
    expect(() => cluster.fe.addServiceAnnotationFromPort('example.com/port', StarRocksPort.QUERY)).toThrow(/'fe.service.annotations.example.com\/port' must be the http port, as already added, got "query"/);
    expect(() => cluster.fe.addServiceAnnotationFromPort('example.com/port', StarRocksPort.HTTP)).not.toThrow();
  });

  test('fails at synth for a port the component does not have', () => {
    // GIVEN
    const { chart, cluster } = newCluster();

    // WHEN
    cluster.fe.addServiceAnnotationFromPort('example.com/flight', StarRocksPort.ARROW_FLIGHT);

    // THEN
    expect(() => Testing.synth(chart)).toThrow(/'fe port' must be a port the component has: arrow-flight needs "arrow_flight_port" in the fe config/);
  });
});

describe('issue 12: env vars the API server accepts', () => {
  test('fails for env var names with "=", a space or a leading digit', () => {
    expect(() => newCluster({ fe: { envVars: [{ name: 'OK', value: '1' }, { name: 'A=B', value: 'x' }] } })).toThrow(/'fe.envVars\[1\].name' must be an environment variable name .* got "A=B"/);
    const { cluster } = newCluster({ be: { envVars: [{ name: 'OK', value: '1' }] } });
    expect(() => cluster.be!.addEnvVar({ name: 'MY VAR', value: 'x' })).toThrow(/'be.envVars\[1\].name' .* got "MY VAR"/);
    expect(() => cluster.fe.addEnvVar({ name: '1ST', value: 'x' })).toThrow(/'fe.envVars\[0\].name' .* got "1ST"/);
  });
  test('fails for value together with valueFrom, without showing the value', () => {
    const make = () => newCluster({ fe: { envVars: [{ name: 'PW', value: 'hunter2', valueFrom: { secretKeyRef: { name: 's', key: 'pw' } } }] } });
    expect(make).toThrow(/'fe.envVars\[0\]' must set either value or valueFrom, not both \(variable "PW"\)/);
    expect(make).not.toThrow(/hunter2/);
  });
  test('fails for an empty valueFrom and a secretKeyRef key that is not a key', () => {
    expect(() => newCluster({ fe: { envVars: [{ name: 'A', valueFrom: {} }] } })).toThrow(/'fe.envVars\[0\].valueFrom' must be exactly one of .* got \[\]/);
    expect(() => newCluster({ cn: { envVars: [{ name: 'A', valueFrom: { secretKeyRef: { name: 's', key: 'a/b' } } }] } }))
      .toThrow(/'cn.envVars\[0\].valueFrom.secretKeyRef.key' must be a ConfigMap or Secret key .* got "a\/b"/);
  });
  test('fails for a bad env var of a sidecar or an init container', () => {
    const { cluster } = newCluster();
    expect(() => cluster.fe.addSidecar({ name: 'logger', image: 'busybox', env: [{ name: 'A B', value: '1' }] }))
      .toThrow(/'fe.sidecars\[logger\].env\[0\].name' must be an environment variable name .* got "A B"/);
    expect(() => newCluster({ be: { initContainers: [{ name: 'init', image: 'busybox', env: [{ name: 'X', valueFrom: {} }] }] } }))
      .toThrow(/'be.initContainers\[init\].env\[0\].valueFrom' must be exactly one of/);
  });
  test('accepts dotted names and one source each', () => {
    const { chart } = newCluster({
      fe: {
        envVars: [
          { name: 'my.env-name', value: 'x' },
          { name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
          { name: 'PW', valueFrom: { secretKeyRef: { name: 'root-pw', key: 'password' } } },
        ],
      },
    });
    expect(specOf(chart).starRocksFeSpec.feEnvVars.map((e: any) => e.name)).toEqual(['my.env-name', 'POD', 'PW']);
  });
});

describe('issue 12: container names and ports the API server accepts', () => {
  test('fails for a sidecar or init container named like the main container', () => {
    expect(() => newCluster({ fe: { sidecars: [{ name: 'fe', image: 'busybox' }] } })).toThrow(/'fe.sidecars\[0\].name' must be a name other than "fe", the StarRocks container's .* got "fe"/);
    const { cluster } = newCluster({ cn: {} });
    expect(() => cluster.cn!.addInitContainer({ name: 'cn', image: 'busybox' })).toThrow(/'cn.initContainers\[0\].name' must be a name other than "cn"/);
    expect(() => cluster.be!.addSidecar({ name: 'be', image: 'busybox' })).toThrow(/'be.sidecars\[0\].name' must be a name other than "be"/);
  });
  test('fails for a sidecar and an init container with one name, in either order', () => {
    expect(() => newCluster({ be: { sidecars: [{ name: 'x', image: 'busybox' }], initContainers: [{ name: 'x', image: 'busybox' }] } }))
      .toThrow(/'be.initContainers' already has a container named "x"/);
    const { cluster } = newCluster();
    cluster.fe.addInitContainer({ name: 'prep', image: 'busybox' });
    expect(() => cluster.fe.addSidecar({ name: 'prep', image: 'busybox' })).toThrow(/'fe.sidecars' already has a container named "prep"/);
  });
  test('fails for a container port outside 1-65535', () => {
    expect(() => newCluster({ fe: { sidecars: [{ name: 'exporter', image: 'busybox', ports: [{ containerPort: 70000 }] }] } }))
      .toThrow(/'fe.sidecars\[exporter\].ports\[0\].containerPort' must be a port number from 1 to 65535, got 70000/);
    const { cluster } = newCluster();
    expect(() => cluster.fe.addSidecar({ name: 's', image: 'busybox', ports: [{ containerPort: 80, hostPort: 0 }, { containerPort: 81, hostPort: 65536 }] }))
      .toThrow(/'fe.sidecars\[s\].ports\[1\].hostPort' must be a port number from 1 to 65535, got 65536/);
  });
});

describe('issue 12: the 1 MiB ConfigMap limit', () => {
  test('fails for a config over 1 MiB, at synthesis (addConfig may grow it)', () => {
    const { chart, cluster } = newCluster({ fe: { config: StarRocksConfig.fromText(`# ${'x'.repeat(1024 * 1024 - 100)}\n`) } });
    expect(() => Testing.synth(chart)).not.toThrow();
    cluster.fe.addConfig('sys_log_level', 'INFO');
    cluster.fe.addConfig('sys_log_verbose_modules', 'org.apache.starrocks.'.repeat(5));
    expect(() => Testing.synth(chart)).toThrow(/'fe.config' must be at most 1048576 bytes \(1 MiB, the API server's limit of a ConfigMap\), got 10486\d\d bytes/);
  });
  test('fails for an entrypoint script over 1 MiB', () => {
    expect(() => newCluster({ be: { entrypointScript: `#!/bin/bash\n# ${'x'.repeat(1024 * 1024)}` } }))
      .toThrow(/'be.entrypointScript' must be at most 1048576 bytes .* got 1048590 bytes/);
  });
});
