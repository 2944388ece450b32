import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import { expectedManifests, loadConformanceCases, parseManifestStream } from './conformance';
import {
  expectValidManifests,
  formatPath,
  hasSchema,
  kubernetesModel,
  structuralToJsonSchema,
  validateManifests,
  validateObject,
} from './schema';
import { describeShared, readShared, SHARED_DIR } from './shared';

const meta = (name: string, extra: any = {}): any => ({ name, namespace: 'starrocks', ...extra });

const pod = { containers: [{ name: 'app', image: 'nginx:1.25' }] };
const selector = { matchLabels: { app: 'x' } };
const template = { metadata: { labels: { app: 'x' } }, spec: pod };

/** One minimal valid object of each built-in kind the library renders. */
const VALID_CORE: any[] = [
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('cm', { labels: { 'app.kubernetes.io/name': 'x' } }), data: { 'fe.conf': 'a = 1\n' } },
  { apiVersion: 'v1', kind: 'Secret', metadata: meta('s'), type: 'Opaque', data: { password: Buffer.from('pw').toString('base64') }, stringData: { user: 'root' } },
  { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta('sa', { annotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::1:role/x' } }) },
  { apiVersion: 'v1', kind: 'Service', metadata: meta('svc'), spec: { selector: { app: 'x' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] } },
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'starrocks' } },
  { apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta('d'), spec: { replicas: 1, selector, template } },
  { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: meta('sts'), spec: { serviceName: 'svc', selector, template } },
  { apiVersion: 'batch/v1', kind: 'Job', metadata: meta('job'), spec: { backoffLimit: 3, template: { spec: { ...pod, restartPolicy: 'Never' } } } },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: meta('role'), rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }] },
  {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: meta('rb'),
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'role' },
    subjects: [{ kind: 'ServiceAccount', name: 'sa', namespace: 'starrocks' }],
  },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'system:starrocks' }, rules: [{ apiGroups: ['starrocks.com'], resources: ['*'], verbs: ['*'] }] },
  {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name: 'crb' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'system:starrocks' },
    subjects: [{ kind: 'ServiceAccount', name: 'sa', namespace: 'starrocks' }],
  },
  { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: meta('pdb'), spec: { maxUnavailable: 1, selector } },
  {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: meta('hpa'),
    spec: {
      scaleTargetRef: { apiVersion: 'starrocks.com/v1', kind: 'StarRocksCluster', name: 'sr' },
      minReplicas: 1,
      maxReplicas: 3,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } } }],
    },
  },
  {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'things.example.com' },
    spec: {
      group: 'example.com',
      names: { kind: 'Thing', plural: 'things' },
      scope: 'Namespaced',
      versions: [{
        name: 'v1',
        served: true,
        storage: true,
        additionalPrinterColumns: [{ name: 'Phase', type: 'string', jsonPath: '.status.phase', description: 'phase' }],
        schema: {
          openAPIV3Schema: {
            type: 'object',
            description: 'a thing',
            externalDocs: { url: 'https://example.com', description: 'docs' },
            properties: {
              spec: {
                'type': 'object',
                'default': { size: { value: 1 } },
                'x-kubernetes-preserve-unknown-fields': true,
                'x-kubernetes-validations': [{ rule: 'self.size >= 0' }],
                'properties': {
                  port: { 'x-kubernetes-int-or-string': true },
                  ports: { 'type': 'array', 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name'], 'items': { type: 'object' } },
                },
              },
            },
          },
        },
      }],
    },
  },
  { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: meta('np'), spec: { podSelector: {}, policyTypes: ['Egress'], egress: [{ ports: [{ port: 9030, protocol: 'TCP' }] }] } },
  { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value: 1000000, globalDefault: false, description: 'for StarRocks' },
];

describe('formatPath', () => {
  test('dots, indexes and quoted keys', () => {
    expect(formatPath(['spec', 'template', 'spec', 'containers', 0, 'image'])).toBe('spec.template.spec.containers[0].image');
    expect(formatPath(['metadata', 'labels', 'app.kubernetes.io/name'])).toBe('metadata.labels["app.kubernetes.io/name"]');
    expect(formatPath([])).toBe('');
  });
});

describe('built-in kinds (kubernetes-models)', () => {
  test.each(VALID_CORE.map(o => [`${o.apiVersion} ${o.kind}`, o]))('valid %s has no errors', (_name, obj) => {
    expect(validateObject(obj)).toEqual([]);
  });

  test('every kind of the list resolves to a kubernetes-models class', () => {
    for (const o of VALID_CORE) expect(kubernetesModel(o.apiVersion, o.kind)).toBeDefined();
    expect(kubernetesModel('apps/v1', 'DeploymentSpec')).toBeUndefined();
    expect(kubernetesModel('../../x', 'Deployment')).toBeUndefined();
  });

  test('kubernetes-models alone does not reject undeclared fields; validateObject does', () => {
    const dep = JSON.parse(JSON.stringify(VALID_CORE.find(o => o.kind === 'Deployment')));
    dep.spec.template.spec.containers[0].imagePullPolicies = 'Always';
    dep.spec.strategi = { type: 'Recreate' };
    dep.metadata.label = { a: 'b' };
    dep.status2 = {};
    const Model: any = kubernetesModel('apps/v1', 'Deployment');
    expect(() => new Model(dep).validate()).not.toThrow();
    expect(validateObject(dep)).toEqual([
      'apps/v1/Deployment starrocks/d: metadata.label: field not declared in the schema (the API server would reject or drop it)',
      'apps/v1/Deployment starrocks/d: spec.strategi: field not declared in the schema (the API server would reject or drop it)',
      'apps/v1/Deployment starrocks/d: spec.template.spec.containers[0].imagePullPolicies: field not declared in the schema (the API server would reject or drop it)',
      'apps/v1/Deployment starrocks/d: status2: field not declared in the schema (the API server would reject or drop it)',
    ]);
  });

  test('maps accept any key (labels, nodeSelector, resources, ConfigMap data)', () => {
    const dep = JSON.parse(JSON.stringify(VALID_CORE.find(o => o.kind === 'Deployment')));
    dep.spec.template.spec.nodeSelector = { 'kubernetes.io/os': 'linux', 'anything': 'x' };
    dep.spec.template.spec.containers[0].resources = { limits: { 'cpu': 2, 'memory': '4Gi', 'nvidia.com/gpu': 1 } };
    expect(validateObject(dep)).toEqual([]);
  });

  test('wrong types', () => {
    const dep = JSON.parse(JSON.stringify(VALID_CORE.find(o => o.kind === 'Deployment')));
    dep.spec.replicas = 'x';
    expect(validateObject(dep)).toEqual(['apps/v1/Deployment starrocks/d: spec.replicas: must be integer, got string "x"']);
    expect(validateObject({ apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('cm'), data: { a: 1 } })).toEqual([
      'v1/ConfigMap starrocks/cm: data.a: must be string, got number 1',
    ]);
  });

  test('label and annotation values must be strings', () => {
    const errors = validateObject({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta('sa', { labels: { a: 1 }, annotations: { b: true } }) });
    expect(errors).toEqual([
      'v1/ServiceAccount starrocks/sa: metadata.annotations.b: must be string, got boolean true',
      'v1/ServiceAccount starrocks/sa: metadata.labels.a: must be string, got number 1',
    ]);
  });

  test('names, namespaces, label syntax', () => {
    expect(validateObject({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { namespace: 'x' } })).toEqual([
      'v1/ConfigMap x/<no name>: metadata.name: required field is missing',
    ]);
    expect(validateObject({ apiVersion: 'v1', kind: 'ConfigMap' })).toEqual(['v1/ConfigMap <no name>: metadata: required field is missing']);
    const errors = validateObject({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: '9svc', namespace: 'Star_Rocks', labels: { 'bad key!': 'x', 'ok': 'a b' } },
      spec: { ports: [{ port: 80 }] },
    });
    expect(errors).toHaveLength(4);
    expect(errors.join('\n')).toMatch(/metadata\.name: must be a DNS-1035 label/);
    expect(errors.join('\n')).toMatch(/metadata\.namespace: must be a DNS-1123 label/);
    expect(errors.join('\n')).toMatch(/metadata\.labels\["bad key!"\]: key must be a qualified name/);
    expect(errors.join('\n')).toMatch(/metadata\.labels\.ok: label value must be/);
    expect(validateObject({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'Upper_Case' } })[0]).toMatch(/DNS-1123 subdomain/);
  });

  test('ConfigMap and Secret keys, Secret data base64', () => {
    expect(validateObject({ apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('cm'), data: { 'a/b': 'x' } })[0]).toMatch(/data\["a\/b"\]: key must/);
    expect(validateObject({ apiVersion: 'v1', kind: 'Secret', metadata: meta('s'), data: { a: 'not base64' } })).toEqual([
      'v1/Secret starrocks/s: data.a: must match format "byte", got string "not base64"',
    ]);
  });

  test('unknown kinds have no schema: an error, never a silent pass', () => {
    expect(validateObject({ apiVersion: 'v1', kind: 'Widget', metadata: { name: 'w' } })).toEqual([
      'v1/Widget w: no schema for apiVersion "v1" kind "Widget" (not a mapped CRD kind nor a kubernetes-models kind)',
    ]);
    expect(validateObject({ apiVersion: 'example.com/v1', kind: 'Thing', metadata: { name: 'w' } })[0]).toMatch(/no schema for/);
    expect(validateObject({ apiVersion: 'v1', kind: 'List', metadata: { name: 'l' }, items: [] })[0]).toMatch(/no schema for/);
    expect(validateObject({ kind: 'ConfigMap', metadata: { name: 'x' } })).toEqual([
      '<no apiVersion>/ConfigMap x: apiVersion: must be a non-empty string, got undefined',
    ]);
    expect(validateObject('nope')).toEqual(['<no apiVersion>/<no kind> <no name>: not an object: string "nope"']);
    expect(hasSchema('v1', 'Widget')).toBe(false);
    expect(hasSchema('v1', 'ConfigMap')).toBe(true);
  });

  test('fields left out by the kubernetes-models validators are still checked', () => {
    const pc = { ...VALID_CORE.find(o => o.kind === 'PriorityClass'), description: 42 };
    expect(validateObject(pc)).toEqual(['scheduling.k8s.io/v1/PriorityClass high: description: must be string, got number 42']);
    const crd = JSON.parse(JSON.stringify(VALID_CORE.find(o => o.kind === 'CustomResourceDefinition')));
    crd.spec.versions[0].schema.openAPIV3Schema.properties.spec.propertys = {};
    crd.spec.versions[0].schema.openAPIV3Schema['x-kubernetes-preserve-unknown-fields'] = 'yes';
    expect(validateObject(crd)).toEqual([
      'apiextensions.k8s.io/v1/CustomResourceDefinition things.example.com: spec.versions[0].schema.openAPIV3Schema.properties.spec.propertys: field not declared in the schema (the API server would reject or drop it)',
      'apiextensions.k8s.io/v1/CustomResourceDefinition things.example.com: spec.versions[0].schema.openAPIV3Schema.x-kubernetes-preserve-unknown-fields: must be boolean, got string "yes"',
    ]);
  });

  test('validateManifests and expectValidManifests', () => {
    expect(validateManifests(VALID_CORE)).toEqual([]);
    expectValidManifests(VALID_CORE);
    const bad = [...VALID_CORE, { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('cm2'), data: { a: 1 } }];
    expect(validateManifests(bad)).toHaveLength(1);
    expect(() => expectValidManifests(bad)).toThrow(/data\.a: must be string/);
  });

  test('the input is not modified', () => {
    const obj = { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('cm', { labels: null }), data: { a: 'b' } };
    const before = JSON.stringify(obj);
    validateObject(obj, { nullAsAbsent: true });
    validateObject(obj);
    expect(JSON.stringify(obj)).toBe(before);
  });
});

describe('structuralToJsonSchema', () => {
  const ajv = new Ajv({ strict: false, allErrors: true });
  const check = (schema: any, data: unknown): boolean => ajv.validate(structuralToJsonSchema(schema), data) as boolean;

  test('objects with properties are closed unless x-kubernetes-preserve-unknown-fields', () => {
    const s = { type: 'object', properties: { a: { type: 'string' } } };
    expect(check(s, { a: 'x' })).toBe(true);
    expect(check(s, { a: 'x', b: 1 })).toBe(false);
    expect(check({ ...s, 'x-kubernetes-preserve-unknown-fields': true }, { a: 'x', b: 1 })).toBe(true);
    expect(check({ type: 'object', additionalProperties: { type: 'string' } }, { any: 'x' })).toBe(true);
    // Branches of anyOf only add value validations: they must not close the object.
    expect(check({ type: 'object', properties: { a: { type: 'string' }, b: { type: 'string' } }, anyOf: [{ required: ['a'] }, { required: ['b'] }] }, { a: 'x' }))
      .toBe(true);
  });

  test('int-or-string, int32, nullable, embedded resources, list types', () => {
    const ios = { 'x-kubernetes-int-or-string': true };
    expect(check(ios, 1)).toBe(true);
    expect(check(ios, '50%')).toBe(true);
    expect(check(ios, 1.5)).toBe(false);
    expect(check(ios, true)).toBe(false);
    expect(check({ type: 'integer', format: 'int32' }, 2147483647)).toBe(true);
    expect(check({ type: 'integer', format: 'int32' }, 2147483648)).toBe(false);
    expect(check({ type: 'integer', format: 'int64' }, 2147483648)).toBe(true);
    expect(check({ type: 'string', format: 'date-time' }, 'whenever')).toBe(true);
    expect(check({ type: 'string' }, null)).toBe(false);
    expect(check({ type: 'string', nullable: true }, null)).toBe(true);
    const embedded = { 'type': 'object', 'x-kubernetes-embedded-resource': true, 'properties': { spec: { type: 'object' } } };
    expect(check(embedded, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' } })).toBe(true);
    expect(check({ 'type': 'array', 'items': { type: 'string' }, 'x-kubernetes-list-type': 'set' }, ['a', 'a'])).toBe(false);
    expect(check({ type: 'integer', minimum: 0, exclusiveMinimum: true }, 0)).toBe(false);
  });
});

describeShared('custom resources (../shared/crds)', () => {
  const cluster = (spec: any, metadata: any = meta('sr')): any => ({ apiVersion: 'starrocks.com/v1', kind: 'StarRocksCluster', metadata, spec });
  const fe = (extra: any = {}): any => cluster({ starRocksFeSpec: { image: 'starrocks/fe-ubuntu:3.3.5', replicas: 1, ...extra } });

  test('a minimal cluster is valid', () => {
    expect(validateObject(fe())).toEqual([]);
  });

  test('an undeclared field is an error (the API server would prune it)', () => {
    expect(validateObject(fe({ resources: { requests: { cpu: 1 } } }))).toEqual([
      'starrocks.com/v1/StarRocksCluster starrocks/sr: spec.starRocksFeSpec.resources: field not declared in the schema (the API server would prune it)',
    ]);
    expect(validateObject({ ...fe(), data: {} })).toEqual([
      'starrocks.com/v1/StarRocksCluster starrocks/sr: data: field not declared in the schema (the API server would prune it)',
    ]);
  });

  test('wrong type, minimum, pattern, int32 range', () => {
    expect(validateObject(fe({ replicas: 'x' }))).toEqual([
      'starrocks.com/v1/StarRocksCluster starrocks/sr: spec.starRocksFeSpec.replicas: must be integer, got string "x"',
    ]);
    expect(validateObject(fe({ replicas: -1 }))).toEqual([
      'starrocks.com/v1/StarRocksCluster starrocks/sr: spec.starRocksFeSpec.replicas: must be >= 0, got number -1',
    ]);
    const errors = validateObject(fe({ storageVolumes: [{ name: 'fe-meta', mountPath: '/opt/starrocks/fe/meta', storageSize: '10G' }] }));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^starrocks\.com\/v1\/StarRocksCluster starrocks\/sr: spec\.starRocksFeSpec\.storageVolumes\[0\]\.storageSize: must match pattern .*, got string "10G"$/);
    expect(validateObject(fe({ storageVolumes: [{ name: 'fe-meta', mountPath: '/opt/starrocks/fe/meta', storageSize: '10Gi' }] }))).toEqual([]);
    expect(validateObject(fe({ replicas: 2 ** 31 }))).toEqual([
      'starrocks.com/v1/StarRocksCluster starrocks/sr: spec.starRocksFeSpec.replicas: must be <= 2147483647, got number 2147483648',
    ]);
    expect(validateObject(fe({ storageVolumes: [{ name: 'x' }] }))).toEqual([
      'starrocks.com/v1/StarRocksCluster starrocks/sr: spec.starRocksFeSpec.storageVolumes[0].mountPath: required field is missing',
    ]);
  });

  test('int-or-string quantities', () => {
    expect(validateObject(fe({ limits: { cpu: 2, memory: '4Gi' }, requests: { cpu: '500m' } }))).toEqual([]);
    expect(validateObject(fe({ limits: { cpu: true } }))).toEqual([
      'starrocks.com/v1/StarRocksCluster starrocks/sr: spec.starRocksFeSpec.limits.cpu: must be integer or string, got boolean true',
    ]);
    expect(validateObject(fe({ limits: { cpu: 'lots' } }))[0]).toMatch(/limits\.cpu: must match pattern/);
  });

  test('list-type map keys must be unique (after defaulting)', () => {
    const sidecar = (ports: any[]): any => fe({ sidecars: [{ name: 's', image: 'busybox', ports }] });
    expect(validateObject(sidecar([{ containerPort: 80 }, { containerPort: 80, protocol: 'UDP' }]))).toEqual([]);
    const errors = validateObject(sidecar([{ containerPort: 80 }, { containerPort: 80, protocol: 'TCP' }]));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/spec\.starRocksFeSpec\.sidecars\[0\]\.ports: duplicate entry: items 0 and 1 have the same containerPort \+ protocol/);
  });

  test('null is reported unless nullAsAbsent', () => {
    const obj = fe({ storageVolumes: [{ name: 'fe-meta', mountPath: '/m', storageClassName: null }] });
    expect(validateObject(obj)).toEqual([
      'starrocks.com/v1/StarRocksCluster starrocks/sr: spec.starRocksFeSpec.storageVolumes[0].storageClassName: must be string, got null (leave the field out instead)',
    ]);
    expect(validateObject(obj, { nullAsAbsent: true })).toEqual([]);
  });

  test('metadata is validated as ObjectMeta', () => {
    expect(validateObject(cluster({}, { name: 'sr', labels: { a: 1 }, annotation: {} }))).toEqual([
      'starrocks.com/v1/StarRocksCluster sr: metadata.annotation: field not declared in the schema (the API server would reject or drop it)',
      'starrocks.com/v1/StarRocksCluster sr: metadata.labels.a: must be string, got number 1',
    ]);
    expect(validateObject(cluster({}, { namespace: 'x' }))).toEqual(['starrocks.com/v1/StarRocksCluster x/<no name>: metadata.name: required field is missing']);
    expect(validateObject(cluster({}, { name: 'SR' }))[0]).toMatch(/metadata\.name: must be a DNS-1123 subdomain/);
  });

  test('StarRocksWarehouse requires spec.starRocksCluster', () => {
    const wh = { apiVersion: 'starrocks.com/v1', kind: 'StarRocksWarehouse', metadata: meta('wh'), spec: { template: { image: 'starrocks/cn-ubuntu:3.3.5' } } };
    expect(validateObject(wh)).toEqual(['starrocks.com/v1/StarRocksWarehouse starrocks/wh: spec.starRocksCluster: required field is missing']);
    expect(validateObject({ ...wh, spec: { ...wh.spec, starRocksCluster: 'kube-starrocks' } })).toEqual([]);
  });

  test('Prometheus operator kinds', () => {
    const sm = {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'ServiceMonitor',
      metadata: meta('sm'),
      spec: { selector: { matchLabels: { app: 'x' } }, endpoints: [{ port: 'http', path: '/metrics', interval: '15s' }] },
    };
    expect(validateObject(sm)).toEqual([]);
    expect(validateObject({ ...sm, spec: { ...sm.spec, endpoints: [{ port: 'http', interval: 'often' }] } })[0]).toMatch(/spec\.endpoints\[0\]\.interval: must match pattern/);
    expect(validateObject({ ...sm, spec: { selector: {} } })).toEqual([
      'monitoring.coreos.com/v1/ServiceMonitor starrocks/sm: spec.endpoints: required field is missing',
    ]);
    const pm = { apiVersion: 'monitoring.coreos.com/v1', kind: 'PodMonitor', metadata: meta('pm'), spec: { selector: {}, podMetricsEndpoints: [{ port: 'http' }] } };
    expect(validateObject(pm)).toEqual([]);
    const rule = { apiVersion: 'monitoring.coreos.com/v1', kind: 'PrometheusRule', metadata: meta('r'), spec: { groups: [{ name: 'g', rules: [{ alert: 'A', expr: 'up == 0' }] }] } };
    expect(validateObject(rule)).toEqual([]);
    expect(validateObject({ ...rule, spec: { groups: [{ name: 'g', rules: [{ alert: 'A' }] }] } })).toEqual([
      'monitoring.coreos.com/v1/PrometheusRule starrocks/r: spec.groups[0].rules[0].expr: required field is missing',
    ]);
  });

  test('an unserved version or an unmapped kind of a known group is an error', () => {
    expect(validateObject({ ...fe(), apiVersion: 'starrocks.com/v2' })).toEqual([
      'starrocks.com/v2/StarRocksCluster starrocks/sr: version v2 is not served by the CRD starrocksclusters.starrocks.com',
    ]);
    expect(validateObject({ apiVersion: 'monitoring.coreos.com/v1', kind: 'Prometheus', metadata: meta('p') })[0]).toMatch(/no schema for/);
  });
});

describeShared('official examples (../shared/examples)', () => {
  const files = fs.readdirSync(path.join(SHARED_DIR, 'examples')).filter(f => f.endsWith('.yaml')).sort();

  test('there are examples', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  test.each(files)('%s validates', (file) => {
    const objs = parseManifestStream(readShared(`examples/${file}`));
    expect(objs.length).toBeGreaterThan(0);
    for (const o of objs) expect(['StarRocksCluster', 'ConfigMap']).toContain(o.kind);
    expect(validateManifests(objs)).toEqual([]);
  });
});

describeShared('conformance outputs (../shared/conformance)', () => {
  const cases = loadConformanceCases().filter(c => c.expectedYaml !== undefined);

  // Helm prints unset optional fields as null; the API server prunes those (CRDs) or reads them as
  // absent (built-in kinds), and the comparison treats them as absent: validate with nullAsAbsent.
  test.each(cases.filter(c => c.name !== '02-warehouse-default').map(c => [c.name, c] as [string, any]))('%s: every object validates', (_name, c) => {
    expect(validateManifests(expectedManifests(c), { nullAsAbsent: true })).toEqual([]);
  });

  test('02-warehouse-default: the chart prints a StarRocksWarehouse without spec.starRocksCluster, which is reported', () => {
    const c = loadConformanceCases().find(x => x.name === '02-warehouse-default')!;
    const objs = expectedManifests(c);
    expect(validateManifests(objs, { nullAsAbsent: true })).toEqual([
      `starrocks.com/v1/StarRocksWarehouse ${c.namespace}/wh-default: spec.starRocksCluster: required field is missing`,
    ]);
    expect(validateManifests(objs)).toEqual([
      `starrocks.com/v1/StarRocksWarehouse ${c.namespace}/wh-default: spec.starRocksCluster: must be string, got null (leave the field out instead)`,
    ]);
  });

  test('every kind in the conformance outputs has a schema', () => {
    const kindsSeen = new Set(cases.flatMap(c => expectedManifests(c).map(o => `${o.apiVersion} ${o.kind}`)));
    expect([...kindsSeen].sort()).toEqual([
      'apps/v1 Deployment',
      'batch/v1 Job',
      'monitoring.coreos.com/v1 ServiceMonitor',
      'networking.k8s.io/v1 NetworkPolicy',
      'policy/v1 PodDisruptionBudget',
      'rbac.authorization.k8s.io/v1 ClusterRole',
      'rbac.authorization.k8s.io/v1 ClusterRoleBinding',
      'rbac.authorization.k8s.io/v1 Role',
      'rbac.authorization.k8s.io/v1 RoleBinding',
      'scheduling.k8s.io/v1 PriorityClass',
      'starrocks.com/v1 StarRocksCluster',
      'starrocks.com/v1 StarRocksWarehouse',
      'v1 ConfigMap',
      'v1 Secret',
      'v1 ServiceAccount',
    ]);
    for (const k of kindsSeen) {
      const [apiVersion, kind] = k.split(' ');
      expect(hasSchema(apiVersion, kind)).toBe(true);
    }
  });
});
