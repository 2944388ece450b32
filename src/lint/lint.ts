/**
 * The lint engine: reads manifest streams, finds every StarRocksCluster and StarRocksWarehouse and
 * checks each with what the library knows: the CRD schema (./structural.ts over the generated
 * ./crd-schemas.ts), the name budgets of what the operator derives (V51), the API server's rules
 * for what the operator builds and the operator's own rules (./component-rules.ts), and the
 * config-file checks over the ConfigMaps they refer to (./config-rules.ts). Other objects are
 * passed over and counted.
 *
 * @internal
 */
import { checkComponent, LintComponent } from './component-rules';
import { checkConfigText } from './config-rules';
import { DEFS, STARROCKS_CLUSTER, STARROCKS_CLUSTER_API_VERSION, STARROCKS_WAREHOUSE, STARROCKS_WAREHOUSE_API_VERSION } from './crd-schemas';
import { readStream, StreamError, StreamObject } from './documents';
import { Finding, FindingSink, LintResult, ObjectFinding } from './findings';
import { DataMap, isMap, mapOf, stringMapOf, strOf } from './read';
import { CompactSchema } from './schema-types';
import { formatPath, validateStructural } from './structural';
import { ComponentKind } from '../cluster/component-kind';
import { DERIVED_NAMES, NAME_BUDGET, WAREHOUSE_ALIAS_SUFFIX } from '../common/constants';
import { checkAnnotations, checkDnsLabel, checkDnsSubdomain, checkLabels } from '../common/k8s-rules';
import { show } from '../common/validate';
import type { ConfigAssignment } from '../config/check';

/** One input: a file name for messages (`-` for standard input) and its text. @internal */
export interface LintInput {
  readonly file: string;
  readonly text: string;
}

interface Located {
  readonly file: string;
  readonly object: StreamObject;
}

const KINDS: { readonly [kind: string]: { readonly apiVersion: string; readonly schema: CompactSchema } } = {
  StarRocksCluster: { apiVersion: STARROCKS_CLUSTER_API_VERSION, schema: STARROCKS_CLUSTER },
  StarRocksWarehouse: { apiVersion: STARROCKS_WAREHOUSE_API_VERSION, schema: STARROCKS_WAREHOUSE },
};

/** The cluster's component specs. */
const COMPONENTS: ReadonlyArray<{ readonly field: string; readonly component: LintComponent }> = [
  { field: 'starRocksFeSpec', component: 'fe' },
  { field: 'starRocksBeSpec', component: 'be' },
  { field: 'starRocksCnSpec', component: 'cn' },
  { field: 'starRocksFeProxySpec', component: 'fe-proxy' },
];

/** `Kind/namespace/name` (`Kind/name` without a namespace). @internal */
export function objectName(value: unknown): string {
  const obj = mapOf(value);
  const md = mapOf(obj.metadata);
  const kind = strOf(obj.kind) ?? '<no kind>';
  const name = strOf(md.name) ?? '<no name>';
  const ns = strOf(md.namespace);
  return ns ? `${kind}/${ns}/${name}` : `${kind}/${name}`;
}

/** Whether an object is a StarRocks custom resource this engine checks. */
function isChecked(value: unknown): value is DataMap {
  return isMap(value) && typeof value.kind === 'string' && KINDS[value.kind] !== undefined
    && typeof value.apiVersion === 'string' && value.apiVersion.startsWith('starrocks.com/');
}

/** Lints the objects of several inputs together (a ConfigMap in one file serves a cluster in another). @internal */
export function lint(inputs: readonly LintInput[]): LintResult {
  const findings: Finding[] = [];
  const objects: Located[] = [];
  for (const input of inputs) {
    try {
      for (const object of readStream(input.text)) objects.push({ file: input.file, object });
    } catch (e) {
      if (!(e instanceof StreamError)) throw e;
      findings.push({ file: input.file, object: '', path: '', rule: 'file', severity: 'error', message: e.message });
    }
  }
  const configMaps = new Map<string, Located[]>();
  for (const o of objects) {
    const v = mapOf(o.object.value);
    if (v.kind === 'ConfigMap' && v.apiVersion === 'v1') {
      const md = mapOf(v.metadata);
      const id = `${strOf(md.namespace) ?? ''}/${strOf(md.name) ?? ''}`;
      configMaps.set(id, [...configMaps.get(id) ?? [], o]);
    }
  }
  let checked = 0;
  const configs = new ConfigChecks(configMaps);
  for (const o of objects) {
    const value = o.object.value;
    if (!isChecked(value)) continue;
    checked++;
    const sink = new FindingSink();
    checkObject(value, sink);
    const ns = strOf(mapOf(value.metadata).namespace) ?? '';
    const spec = mapOf(value.spec);
    if (value.kind === 'StarRocksWarehouse') {
      configs.check(o, ns, mapOf(spec.template), 'envVars', ComponentKind.CN);
    } else {
      const fe = configs.check(o, ns, mapOf(spec.starRocksFeSpec), 'feEnvVars', ComponentKind.FE);
      configs.check(o, ns, mapOf(spec.starRocksBeSpec), 'beEnvVars', ComponentKind.BE);
      configs.check(o, ns, mapOf(spec.starRocksCnSpec), 'cnEnvVars', ComponentKind.CN);
      if (fe !== undefined) checkRunMode(spec, fe, sink);
    }
    findings.push(...located(o, sink.items));
  }
  const configSinks = configs.sinks;
  for (const [cm, sink] of configSinks) findings.push(...located(cm, sink.items));
  const errors = findings.filter((f) => f.severity === 'error').length;
  return {
    findings,
    summary: { checked, passedOver: objects.length - checked, errors, warnings: findings.length - errors },
  };
}

/** The config checks of the ConfigMaps the checked objects refer to, each file once. */
class ConfigChecks {
  public readonly sinks = new Map<Located, FindingSink>();
  private readonly done = new Map<string, ConfigAssignment[] | undefined>();

  constructor(private readonly configMaps: ReadonlyMap<string, readonly Located[]>) {}

  /** Checks the config file of a component spec when its ConfigMap was read; returns its assignments. */
  public check(from: Located, ns: string, spec: DataMap, envField: string, kind: ComponentKind): ConfigAssignment[] | undefined {
    const info = mapOf(spec.configMapInfo);
    const name = strOf(info.configMapName);
    const key = strOf(info.resolveKey);
    if (!name || !key) return undefined;
    // a ConfigMap of the same namespace (one without a namespace goes wherever it is applied), of
    // the same file when several files have one of that name
    const candidates = [...this.configMaps.get(`${ns}/${name}`) ?? [], ...ns === '' ? [] : this.configMaps.get(`/${name}`) ?? []];
    const cm = candidates.find((c) => c.file === from.file) ?? candidates[0];
    if (cm === undefined) return undefined;
    const id = `${cm.file}|${cm.object.where}|${key}|${kind}`;
    if (!this.done.has(id)) {
      const sink = this.sinks.get(cm) ?? new FindingSink();
      this.sinks.set(cm, sink);
      this.done.set(id, checkConfigText(mapOf(cm.object.value), key, kind, spec[envField], sink, cm.object.helmRendered));
    }
    return this.done.get(id);
  }
}

/**
 * V61: a cluster of CN without BE is a shared-data cluster, which needs `run_mode = shared_data` in
 * fe.conf (the FE otherwise runs shared-nothing and has no storage for the CNs); the reverse, BE
 * without CN in shared-data mode, cannot store data either.
 */
function checkRunMode(spec: DataMap, fe: readonly ConfigAssignment[], sink: FindingSink): void {
  const mode = [...fe].reverse().find((a) => a.key === 'run_mode')?.value.trim().toLowerCase() ?? 'shared_nothing';
  const shared = mode.includes('shared_data');
  const hasBe = isMap(spec.starRocksBeSpec);
  const hasCn = isMap(spec.starRocksCnSpec);
  if (hasCn && !hasBe && !shared) {
    sink.warning('spec.starRocksCnSpec', 'V61', `has no BE beside it, but fe.conf sets run_mode ${show(mode)}: a cluster of CN without BE needs run_mode = shared_data (and its storage settings)`);
  }
  if (hasBe && !hasCn && shared) {
    sink.warning('spec.starRocksBeSpec', 'V61', 'is the only compute of a cluster whose fe.conf sets run_mode = shared_data: shared-data clusters compute with CN');
  }
}

function located(o: Located, items: readonly ObjectFinding[]): Finding[] {
  const object = objectName(o.object.value);
  return items.map((f) => ({ file: o.file, object, ...f }));
}

/** The checks of one StarRocksCluster or StarRocksWarehouse. */
function checkObject(obj: DataMap, sink: FindingSink): void {
  const kind = obj.kind as string;
  const expected = KINDS[kind];
  if (obj.apiVersion !== expected.apiVersion) {
    sink.error('apiVersion', 'schema', `must be ${show(expected.apiVersion)} (the version the operator v1.11.5 CRD serves), got ${show(obj.apiVersion)}`);
  }
  checkMetadata(obj.metadata, sink);
  // metadata is an ObjectMeta, checked above (the CRD only says `type: object`)
  const { metadata: _metadata, ...rest } = obj;
  for (const p of validateStructural(rest, expected.schema, DEFS)) {
    const path = formatPath(p.path);
    if (p.kind === 'null') sink.warning(path, 'schema', p.message);
    else sink.error(path, 'schema', p.message);
  }
  const name = strOf(mapOf(obj.metadata).name);
  const spec = mapOf(obj.spec);
  if (kind === 'StarRocksCluster') {
    const present = COMPONENTS.filter((c) => isMap(spec[c.field]));
    if (name !== undefined) checkClusterNames(name, present.map((c) => c.component), sink);
    for (const c of present) checkComponent(mapOf(spec[c.field]), `spec.${c.field}`, c.component, sink);
  } else {
    if (name !== undefined) {
      checkClusterNames(`${name}${WAREHOUSE_ALIAS_SUFFIX}`, ['cn'], sink, name);
      if (spec.starRocksCluster === name) {
        sink.error('spec.starRocksCluster', 'V33', `must differ from the warehouse's own name ${show(name)} (the operator refuses the warehouse)`);
      }
    }
    if (isMap(spec.template)) checkComponent(spec.template, 'spec.template', 'cn', sink);
  }
}

function checkMetadata(metadata: unknown, sink: FindingSink): void {
  if (!isMap(metadata)) {
    sink.error('metadata', 'schema', `must be a map with a name, got ${show(metadata ?? null)}`);
    return;
  }
  const name = metadata.name;
  if (typeof name !== 'string' || name === '') {
    sink.error('metadata.name', 'schema', `is required, got ${show(name ?? null)}`);
  } else {
    sink.attempt('k8s/names', () => checkDnsSubdomain('metadata.name', name));
  }
  const ns = strOf(metadata.namespace);
  if (ns !== undefined && ns !== '') sink.attempt('k8s/names', () => checkDnsLabel('metadata.namespace', ns));
  sink.attempt('k8s/labels', () => checkLabels('metadata.labels', stringMapOf(metadata.labels)));
  sink.attempt('k8s/annotations', () => checkAnnotations('metadata.annotations', stringMapOf(metadata.annotations)));
  for (const field of ['labels', 'annotations']) {
    for (const [k, v] of Object.entries(mapOf(metadata[field]))) {
      if (typeof v !== 'string') sink.error(formatPath(['metadata', field, k]), 'schema', `must be a string, got ${show(v)}`);
    }
  }
}

/**
 * V51: the names the operator derives from `owner` (a cluster name, or a warehouse's alias):
 * StatefulSets `<owner>-<component>` within 52 characters (the `controller-revision-hash` label),
 * Services `<owner>-<component>-service` DNS-1035 labels (at most 63, starting with a letter).
 */
function checkClusterNames(owner: string, components: readonly LintComponent[], sink: FindingSink, shown: string = owner): void {
  const problems: string[] = [];
  if (!/^[a-z]/.test(owner)) {
    problems.push(`must start with a lower-case letter: the operator's Service names (${show(DERIVED_NAMES.service(owner, 'fe'))}) are DNS-1035 labels`);
  }
  for (const c of components) {
    const names = c === 'fe-proxy'
      ? [{ name: DERIVED_NAMES.feProxyService(owner), budget: NAME_BUDGET.service, what: 'Service' }]
      : [
        { name: DERIVED_NAMES.statefulSet(owner, c), budget: NAME_BUDGET.statefulSet, what: 'StatefulSet (its controller-revision-hash label must fit 63 characters)' },
        { name: DERIVED_NAMES.service(owner, c), budget: NAME_BUDGET.service, what: 'Service' },
        ...(c === 'fe' ? [{ name: DERIVED_NAMES.searchService(owner, c), budget: NAME_BUDGET.service, what: 'Service' }] : []),
      ];
    for (const n of names) {
      if (n.name.length > n.budget) {
        problems.push(`is too long: the operator's ${n.what} ${show(n.name)} has ${n.name.length} characters, at most ${n.budget} are allowed (shorten the name by ${n.name.length - n.budget})`);
      }
    }
  }
  // the letter rule, and the first name over its budget (the others follow from it)
  for (const p of problems.slice(0, problems[0]?.startsWith('must') ? 2 : 1)) sink.error('metadata.name', 'V51', `${show(shown)} ${p}`);
}
