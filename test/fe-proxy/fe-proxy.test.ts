/**
 * The FE proxy (`starRocksFeProxySpec`): every option, its Service, and the checks on its input.
 */
import { Duration, Testing } from 'cdk8s';
import * as YAML from 'yaml';
import { StarRocksCluster, StarRocksClusterProps } from '../../src/cluster/cluster';
import { ResourceQuantity } from '../../src/common/quantity';
import { ImagePullPolicy, ServiceType } from '../../src/components/options';
import { FeProxyOptions } from '../../src/fe-proxy/fe-proxy';
import { describeShared, readShared } from '../util/shared';
import { find, synthValid } from '../util/synth';

// warnings are asserted through construct metadata; keep them off stderr
process.env.CDK8S_STARROCKS_SILENCE_WARNINGS = '1';

/** The FE proxy spec of cluster `sr` with these options. */
function proxySpec(feProxy: FeProxyOptions, props: StarRocksClusterProps = {}): any {
  const chart = Testing.chart();
  new StarRocksCluster(chart, 'Sr', { ...props, feProxy });
  return find(synthValid(chart), 'StarRocksCluster', props.name ?? 'sr').spec.starRocksFeProxySpec;
}

/** The options are refused, in the constructor or at synthesis. */
function expectRejected(feProxy: FeProxyOptions, message: RegExp): void {
  const chart = Testing.chart();
  expect(() => {
    new StarRocksCluster(chart, 'Sr', { feProxy });
    Testing.synth(chart);
  }).toThrow(message);
}

describe('rendering', () => {
  test('no options give an empty spec: the operator\'s defaults (nginx:1.24.0, one replica)', () => {
    // GIVEN
    const chart = Testing.chart();

    // WHEN
    const cluster = new StarRocksCluster(chart, 'Sr', { feProxy: {} });

    // THEN
    expect(find(synthValid(chart), 'StarRocksCluster', 'sr').spec.starRocksFeProxySpec).toStrictEqual({});
    expect(cluster.feProxyServiceName).toBe('sr-fe-proxy-service');
  });

  test('every option', () => {
    // GIVEN / WHEN
    const spec = proxySpec({
      replicas: 2,
      image: 'nginx:1.25.3',
      imagePullPolicy: ImagePullPolicy.IF_NOT_PRESENT,
      imagePullSecrets: ['proxy-pull-secret'],
      resources: { requests: { cpu: ResourceQuantity.of('500m'), memory: ResourceQuantity.of('512Mi') }, limits: { cpu: ResourceQuantity.fromNumber(1) } },
      resolver: 'kube-dns.kube-system.svc.cluster.local valid=10s',
      service: { type: ServiceType.NODE_PORT, ports: [{ name: 'http-port', nodePort: 30080 }] },
      nodeSelector: { 'node-type': 'edge' },
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'edge', operator: 'Exists' }] }] } } },
      tolerations: [{ key: 'edge', operator: 'Exists', effect: 'NoSchedule' }],
      topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule' }],
      schedulerName: 'edge-scheduler',
      serviceAccount: 'proxy-sa',
      livenessProbeFailureTime: Duration.seconds(30),
      readinessProbeFailureTime: Duration.seconds(0),
      emptyDirs: [{ name: 'nginx-cache', mountPath: '/var/cache/nginx' }],
      podLabels: { component: 'proxy' },
      podAnnotations: { 'example.com/owner': 'data' },
      shareProcessNamespace: true,
    });

    // THEN
    expect(spec).toStrictEqual({
      replicas: 2,
      image: 'nginx:1.25.3',
      imagePullPolicy: 'IfNotPresent',
      imagePullSecrets: [{ name: 'proxy-pull-secret' }],
      requests: { cpu: '500m', memory: '512Mi' },
      limits: { cpu: 1 },
      resolver: 'kube-dns.kube-system.svc.cluster.local valid=10s',
      service: { type: 'NodePort', ports: [{ name: 'http-port', nodePort: 30080 }] },
      nodeSelector: { 'node-type': 'edge' },
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'edge', operator: 'Exists' }] }] } } },
      tolerations: [{ key: 'edge', operator: 'Exists', effect: 'NoSchedule' }],
      topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule' }],
      schedulerName: 'edge-scheduler',
      serviceAccount: 'proxy-sa',
      livenessProbeFailureSeconds: 30,
      readinessProbeFailureSeconds: 0,
      storageVolumes: [{ name: 'nginx-cache', mountPath: '/var/cache/nginx', storageClassName: 'emptyDir' }],
      podLabels: { component: 'proxy' },
      annotations: { 'example.com/owner': 'data' },
      shareProcessNamespace: true,
    });
  });

  test('a LoadBalancer service with IP, source ranges, annotations, labels and a port by containerPort', () => {
    // GIVEN / WHEN
    const spec = proxySpec({
      service: {
        type: ServiceType.LOAD_BALANCER,
        loadBalancerIp: '198.51.100.20',
        loadBalancerSourceRanges: ['10.0.0.0/8'],
        annotations: { 'service.beta.kubernetes.io/azure-load-balancer-internal': 'true' },
        labels: { exposure: 'proxy' },
        ports: [{ containerPort: 8080, port: 80 }],
      },
    });

    // THEN
    expect(spec.service).toStrictEqual({
      type: 'LoadBalancer',
      loadBalancerIP: '198.51.100.20',
      loadBalancerSourceRanges: ['10.0.0.0/8'],
      annotations: { 'service.beta.kubernetes.io/azure-load-balancer-internal': 'true' },
      labels: { exposure: 'proxy' },
      ports: [{ containerPort: 8080, port: 80 }],
    });
  });

  test('shared component settings do not reach the proxy', () => {
    // GIVEN / WHEN
    const spec = proxySpec({ replicas: 1 }, { shared: { nodeSelector: { pool: 'starrocks' }, imagePullSecrets: ['regcred'], podLabels: { team: 'data' } } });

    // THEN
    expect(spec).toStrictEqual({ replicas: 1 });
  });

  test('empty lists are left out', () => {
    // GIVEN / WHEN
    const spec = proxySpec({ imagePullSecrets: [], emptyDirs: [], tolerations: [], podLabels: {}, podAnnotations: {} });

    // THEN
    expect(spec).toStrictEqual({});
  });

  test('the caller\'s lists are copied on the way in, not read at synthesis (STYLE 4)', () => {
    // GIVEN
    const emptyDirs = [{ name: 'nginx-cache', mountPath: '/var/cache/nginx' }];
    const chart = Testing.chart();
    new StarRocksCluster(chart, 'Sr', { feProxy: { emptyDirs } });

    // WHEN
    emptyDirs.push({ name: 'Not_Checked', mountPath: 'relative' });

    // THEN
    expect(find(synthValid(chart), 'StarRocksCluster', 'sr').spec.starRocksFeProxySpec.storageVolumes).toStrictEqual([
      { name: 'nginx-cache', mountPath: '/var/cache/nginx', storageClassName: 'emptyDir' },
    ]);
  });
});

describe('checks', () => {
  test('fails at construction, not only at synthesis, for invalid input (STYLE 6)', () => {
    // GIVEN
    const chart = Testing.chart();

    // WHEN / THEN
    expect(() => new StarRocksCluster(chart, 'Sr', { feProxy: { replicas: -1 } })).toThrow(/'feProxy.replicas' must be a whole number .* got -1/);
  });

  test('fails for negative replicas', () => {
    expectRejected({ replicas: -1 }, /'feProxy.replicas' must be a whole number from 0 .* got -1/);
  });

  test('fails for an image without a tag (V45)', () => {
    expectRejected({ image: 'nginx' }, /'feProxy.image' must be an image reference with a tag or digest.* got "nginx"/);
  });

  test('fails for an image with an empty tag (the chart renders "<repo>:" for a repository without tag)', () => {
    expectRejected({ image: 'registry.local/nginx:' }, /'feProxy.image' must be .* got "registry.local\/nginx:"/);
  });

  test('fails for an unknown imagePullPolicy (V59)', () => {
    expectRejected({ imagePullPolicy: 'Sometimes' as ImagePullPolicy }, /'feProxy.imagePullPolicy' must be one of "Always", "IfNotPresent", "Never", got "Sometimes"/);
  });

  test('fails for a liveness budget that is not a Duration (V57)', () => {
    expectRejected({ livenessProbeFailureTime: -5 as unknown as Duration }, /'feProxy.livenessProbeFailureTime' must be a Duration .* got -5/);
  });

  test('fails for an emptyDir name that is not a DNS label (V02)', () => {
    expectRejected({ emptyDirs: [{ name: 'Cache', mountPath: '/cache' }] }, /'feProxy.emptyDirs\[0\].name' must be a DNS-1123 label .* got "Cache"/);
  });

  test('fails for a relative emptyDir mount path', () => {
    expectRejected({ emptyDirs: [{ name: 'cache', mountPath: 'cache' }] }, /'feProxy.emptyDirs\[0\].mountPath' must be an absolute path .* got "cache"/);
  });

  test('fails for a selector label in podLabels (V37)', () => {
    expectRejected(
      { podLabels: { 'app.starrocks.ownerreference/name': 'x' } },
      /'feProxy.podLabels' must be free of the selector label "app.starrocks.ownerreference\/name" .*sr-fe-proxy.* got \{"app.starrocks.ownerreference\/name":"x"\}/,
    );
  });

  test('fails for a service type other than ClusterIP, NodePort, LoadBalancer (V58)', () => {
    expectRejected({ service: { type: 'ExternalName' as ServiceType } }, /'feProxy.service.type' must be one of "ClusterIP", "NodePort", "LoadBalancer", got "ExternalName"/);
  });

  test('fails for loadBalancerIp on a ClusterIP service (V15)', () => {
    expectRejected({ service: { loadBalancerIp: '10.0.0.1' } }, /'feProxy.service.loadBalancerIp' must be set only with service type LoadBalancer, got "10.0.0.1"/);
  });

  test('fails for a port that does not match http-port / 8080 (V39)', () => {
    expectRejected({ service: { ports: [{ containerPort: 80, port: 80 }] } }, /'feProxy.service.ports\[0\]' must be to match the proxy's port by containerPort 8080 or name "http-port", got \{"containerPort":80,"port":80\}/);
  });

  test('fails for a nodePort on a ClusterIP service (V39)', () => {
    expectRejected({ service: { ports: [{ name: 'http-port', nodePort: 30080 }] } }, /'feProxy.service.ports\[0\].nodePort' must be set only with service type NodePort or LoadBalancer, got 30080/);
  });

  test('fails for a nodePort outside 30000-32767 (V39)', () => {
    expectRejected(
      { service: { type: ServiceType.NODE_PORT, ports: [{ name: 'http-port', nodePort: 8080 }] } },
      /'feProxy.service.ports\[0\].nodePort' must be a whole number from 30000 to 32767, got 8080/,
    );
  });

  test('fails for a service port above 65535, as for the components', () => {
    expectRejected({ service: { ports: [{ name: 'http-port', port: 80800 }] } }, /'feProxy.service.ports\[0\].port' must be a whole number from 1 to 65535, got 80800/);
  });

  test('fails for a source range that is not a CIDR, as for the components', () => {
    expectRejected(
      { service: { type: ServiceType.LOAD_BALANCER, loadBalancerSourceRanges: ['10.0.0.1'] } },
      /'feProxy.service.loadBalancerSourceRanges\[0\]' must be a CIDR .* got "10.0.0.1"/,
    );
  });

  test('fails for a resource given as a plain string (untyped input)', () => {
    expectRejected({ resources: { limits: { memory: '2Gi' as any } } }, /'feProxy.resources.limits.memory' must be a ResourceQuantity .* got "2Gi"/);
  });
});

describeShared('parity with the kube-starrocks chart (conformance case 22-fe-proxy)', () => {
  test('the same settings give the chart\'s starRocksFeProxySpec', () => {
    // GIVEN
    const expected = YAML.parseAllDocuments(readShared('conformance/cases/22-fe-proxy/expected.yaml')).map((d) => d.toJS()).filter((d) => d);
    const theirs = find(expected, 'StarRocksCluster', 'kube-starrocks').spec.starRocksFeProxySpec;

    // WHEN
    const ours = proxySpec({
      replicas: 2,
      image: 'nginx:1.25.3',
      imagePullPolicy: ImagePullPolicy.ALWAYS,
      imagePullSecrets: ['proxy-pull-secret'],
      resources: {
        requests: { cpu: ResourceQuantity.of('500m'), memory: ResourceQuantity.of('512Mi') },
        limits: { cpu: ResourceQuantity.fromNumber(2), memory: ResourceQuantity.of('1Gi') },
      },
      resolver: 'coredns.kube-system.svc.cluster.local valid=10s',
      service: {
        type: ServiceType.LOAD_BALANCER,
        loadBalancerIp: '198.51.100.20',
        annotations: { 'service.beta.kubernetes.io/azure-load-balancer-internal': 'true' },
        labels: { exposure: 'proxy' },
        ports: [{ containerPort: 8080, port: 80 }],
        loadBalancerSourceRanges: ['10.0.0.0/8'],
      },
      nodeSelector: { 'node-type': 'edge' },
      affinity: {
        podAntiAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: [{
            labelSelector: { matchExpressions: [{ key: 'app.kubernetes.io/component', operator: 'In', values: ['fe-proxy'] }] },
            topologyKey: 'kubernetes.io/hostname',
          }],
        },
      },
      tolerations: [{ key: 'edge', operator: 'Exists', effect: 'NoSchedule' }],
      livenessProbeFailureTime: Duration.seconds(30),
      readinessProbeFailureTime: Duration.seconds(20),
      emptyDirs: [{ name: 'nginx-cache', mountPath: '/var/cache/nginx' }, { name: 'nginx-run', mountPath: '/var/run' }],
      podLabels: { component: 'proxy' },
    }, { name: 'kube-starrocks' });

    // THEN
    expect(ours).toStrictEqual(theirs);
  });
});
