import { Code, Expr, ExprMap } from './expr';
import { checkKeys, int, Json, obj, objects, str, unrepresentable } from './read';
import {
  enumMember, flag, integer, k8sData, k8sList, mountList, quantities, seconds, secretNames, size, stringList, strings, text as textValue,
} from './values';
import {
  ComponentKey, configFileKey, configHashAnnotation, DEFAULT_PATHS, DERIVED_NAMES, ENTRYPOINT_MOUNT_PATH, entrypointHashAnnotation,
} from '../common/constants';
import { helmValueHash } from '../common/hash';
import { HpaVersion, ImagePullPolicy, PodManagementPolicy, ServiceType } from '../components/options';
import { StarRocksConfig } from '../config/config';

/** Which spec a component rule reads: the cluster's FE, BE, CN or a warehouse's template. @internal */
export type SpecKind = ComponentKey | 'warehouse';

/** What reading a component spec collects besides the props. @internal */
export interface ComponentState {
  readonly kind: SpecKind;
  readonly props: ExprMap;
  /** The fields written by a JSON patch instead, with why. */
  readonly patches: Array<{ field: string; value: unknown; reason: string }>;
  resources?: ExprMap;
  podAnnotations?: { [key: string]: string };
  configMapInfo?: { configMapName: string; resolveKey: string };
}

/** One field of a component spec: the typed prop(s) that write it and how it is read. @internal */
export interface FieldRule {
  /** The CRD field. */
  readonly field: string;
  /** The typed prop(s) that write it, for the documentation; empty: a JSON patch. */
  readonly prop: string;
  /** The FE's prop(s), when they differ. */
  readonly feProp?: string;
  /** More on how it maps, for the documentation. */
  readonly note?: string;
  /** Which specs have the field (all when not given). */
  readonly only?: readonly SpecKind[];
  /** Reads the field into the state; throws `Unrepresentable` to have it patched instead. */
  readonly read?: (v: unknown, path: string, s: ComponentState) => void;
}

const as = (prop: string, how: (path: string, v: unknown) => Expr) => (v: unknown, path: string, s: ComponentState) => {
  s.props[prop] = how(path, v);
};
const same = (field: string, how: (path: string, v: unknown) => Expr, only?: SpecKind[]): FieldRule =>
  ({ field, prop: field, only, read: as(field, how) });
const renamed = (field: string, prop: string, how: (path: string, v: unknown) => Expr, only?: SpecKind[]): FieldRule =>
  ({ field, prop, only, read: as(prop, how) });

const SERVICE_FIELDS = ['type', 'loadBalancerIP', 'loadBalancerSourceRanges', 'annotations', 'labels', 'ports'];
const PORT_FIELDS = ['name', 'containerPort', 'port', 'nodePort'];

/** A component's (or the FE proxy's) `service` as `ComponentServiceOptions`. @internal */
export function service(path: string, v: unknown): Expr {
  const o = obj(path, v);
  checkKeys(path, o, SERVICE_FIELDS, 'CRD');
  // the library always writes the Service type
  if (o.type === undefined) unrepresentable('the Service has no type (the typed API always writes one)');
  const out: ExprMap = { type: enumMember('ServiceType', ServiceType)(`${path}.type`, o.type) };
  if (o.loadBalancerIP !== undefined) out.loadBalancerIp = str(`${path}.loadBalancerIP`, o.loadBalancerIP);
  if (o.loadBalancerSourceRanges !== undefined) {
    out.loadBalancerSourceRanges = stringList(`${path}.loadBalancerSourceRanges`, o.loadBalancerSourceRanges);
    if ((out.loadBalancerSourceRanges as string[]).length === 0) unrepresentable('an empty list of source ranges');
  }
  if (o.annotations !== undefined) out.annotations = strings(`${path}.annotations`, o.annotations);
  if (o.labels !== undefined) out.labels = strings(`${path}.labels`, o.labels);
  if (o.ports !== undefined) {
    const ports = objects(`${path}.ports`, o.ports);
    if (ports.length === 0) unrepresentable('an empty list of ports');
    out.ports = ports.map((port, i) => {
      const p = `${path}.ports[${i}]`;
      checkKeys(p, port, PORT_FIELDS, 'CRD');
      const r: ExprMap = {};
      if (port.name !== undefined) r.name = str(`${p}.name`, port.name);
      for (const k of ['containerPort', 'port', 'nodePort']) {
        if (port[k] !== undefined) r[k] = int(`${p}.${k}`, port[k]);
      }
      return r;
    });
  }
  if (isEmptyMap(o.annotations) || isEmptyMap(o.labels)) unrepresentable('an empty map of annotations or labels');
  return out;
}

function isEmptyMap(v: unknown): boolean {
  return typeof v === 'object' && v !== null && Object.keys(v).length === 0;
}

const AUTOSCALING_FIELDS = ['maxReplicas', 'minReplicas', 'version', 'hpaPolicy'];

function autoScaling(path: string, v: unknown): Expr {
  const o = obj(path, v);
  checkKeys(path, o, AUTOSCALING_FIELDS, 'CRD');
  if (o.maxReplicas === undefined) unrepresentable('no maxReplicas');
  const out: ExprMap = { maxReplicas: int(`${path}.maxReplicas`, o.maxReplicas) };
  if (o.minReplicas !== undefined) out.minReplicas = int(`${path}.minReplicas`, o.minReplicas);
  if (o.version !== undefined) out.version = enumMember('HpaVersion', HpaVersion)(`${path}.version`, o.version);
  if (o.hpaPolicy !== undefined) {
    const h = obj(`${path}.hpaPolicy`, o.hpaPolicy);
    checkKeys(`${path}.hpaPolicy`, h, ['metrics', 'behavior'], 'CRD');
    if (h.metrics === undefined && h.behavior === undefined) unrepresentable('an empty hpaPolicy');
    if (h.metrics !== undefined) out.metrics = k8sList(`${path}.hpaPolicy.metrics`, h.metrics);
    if (h.behavior !== undefined) out.behavior = k8sData(`${path}.hpaPolicy.behavior`, h.behavior);
  }
  return out;
}

/** Non-empty list or map fields: the typed API leaves an empty one out. */
function nonEmpty(how: (path: string, v: unknown) => Expr): (path: string, v: unknown) => Expr {
  return (path, v) => {
    if ((Array.isArray(v) && v.length === 0) || isEmptyMap(v)) unrepresentable('empty (the typed API leaves an empty list or map out)');
    return how(path, v);
  };
}

/**
 * Every field of a component spec (`starRocksFeSpec`, `starRocksBeSpec`, `starRocksCnSpec`, a
 * warehouse's `template`) and the typed prop that writes it; the fields read together (resources,
 * config, storage) are finished by `finishComponent`.
 *
 * @internal
 */
export const COMPONENT_FIELDS: readonly FieldRule[] = [
  same('image', textValue),
  same('replicas', integer),
  same('imagePullPolicy', enumMember('ImagePullPolicy', ImagePullPolicy)),
  same('imagePullSecrets', nonEmpty(secretNames)),
  { field: 'limits', prop: 'resources.limits', read: (v, p, s) => { (s.resources ??= {}).limits = quantities(p, v); } },
  { field: 'requests', prop: 'resources.requests', read: (v, p, s) => { (s.resources ??= {}).requests = quantities(p, v); } },
  renamed('feEnvVars', 'envVars', nonEmpty(k8sList), ['fe']),
  renamed('beEnvVars', 'envVars', nonEmpty(k8sList), ['be']),
  renamed('cnEnvVars', 'envVars', nonEmpty(k8sList), ['cn']),
  renamed('envVars', 'envVars', nonEmpty(k8sList), ['warehouse']),
  {
    field: 'configMapInfo',
    prop: '`config`, `configMapName`, `rollOnConfigChange`; or `existingConfig`',
    note: 'a ConfigMap of the file holding only the config file becomes `config` (`StarRocksConfig.fromText`), with `configMapName` when its name is not `<cluster>-<component>-cm` and `rollOnConfigChange: false` without the config-hash pod annotation; any other becomes `existingConfig`',
    read: (v, p, s) => {
      const o = obj(p, v);
      checkKeys(p, o, ['configMapName', 'resolveKey'], 'CRD');
      if (o.configMapName === undefined || o.resolveKey === undefined) unrepresentable('configMapInfo without configMapName or resolveKey');
      s.configMapInfo = { configMapName: str(`${p}.configMapName`, o.configMapName), resolveKey: str(`${p}.resolveKey`, o.resolveKey) };
    },
  },
  {
    field: 'annotations',
    prop: '`podAnnotations`',
    note: 'the config-hash and entrypoint-hash pod annotations are the ones the library writes for `config` and `entrypointScript` (a hash the library would not compute is kept: `StarRocksConfig.fromText(text, { hash })`, `entrypointScriptHash`)',
    read: (v, p, s) => { s.podAnnotations = nonEmpty(strings)(p, v) as { [key: string]: string }; },
  },
  same('podLabels', nonEmpty(strings)),
  same('nodeSelector', nonEmpty(strings)),
  same('affinity', nonEmpty(k8sData)),
  same('tolerations', nonEmpty(k8sList)),
  same('topologySpreadConstraints', nonEmpty(k8sList)),
  same('hostAliases', nonEmpty(k8sList)),
  same('schedulerName', textValue),
  same('serviceAccount', textValue),
  same('runAsNonRoot', flag),
  same('readOnlyRootFilesystem', flag),
  same('capabilities', k8sData),
  same('sysctls', nonEmpty(k8sList)),
  renamed('terminationGracePeriodSeconds', 'terminationGracePeriod', seconds),
  renamed('startupProbeFailureSeconds', 'startupProbeFailureTime', seconds),
  renamed('livenessProbeFailureSeconds', 'livenessProbeFailureTime', seconds),
  renamed('readinessProbeFailureSeconds', 'readinessProbeFailureTime', seconds),
  renamed('minReadySeconds', 'minReady', seconds),
  same('podManagementPolicy', enumMember('PodManagementPolicy', PodManagementPolicy)),
  same('lifecycle', k8sData),
  same('sidecars', nonEmpty(k8sList)),
  same('initContainers', nonEmpty(k8sList)),
  same('updateStrategy', k8sData),
  same('shareProcessNamespace', flag),
  {
    field: 'command',
    prop: '`command`, or `entrypointScript`',
    note: '`command: [bash, -c]`, `args: [/etc/starrocks/entrypoint.sh]`, the last `configMaps` mount and the entrypoint-hash annotation, with the ConfigMap `<cluster>-<component>-entrypoint-script` in the file, become `entrypointScript`',
    read: as('command', stringList),
  },
  { field: 'args', prop: '`args`, or `entrypointScript`', read: as('args', stringList) },
  same('service', service),
  { field: 'configMaps', prop: '`configMaps` (the entrypoint script\'s mount: `entrypointScript`)', read: as('configMaps', nonEmpty(mountList)) },
  same('secrets', nonEmpty(mountList)),
  {
    field: 'storageVolumes',
    prop: '`dataStorage`, `logStorage`, `spillStorage`, `volumeNamePrefix`; `emptyDirs`, `hostPaths`, `storageVolumes`',
    feProp: '`metaStorage`, `logStorage`, `volumeNamePrefix`; `emptyDirs`, `hostPaths`, `storageVolumes`',
    note: 'the leading volumes named `<prefix>-meta`/`-data`/`-log`/`-spill` at the default paths, with a size of whole Mi/Gi/Ti/Pi, become the standard storage props (`Size`); the following emptyDir and hostPath volumes `emptyDirs` and `hostPaths`; the rest `storageVolumes`',
    read: (v, p, s) => storage(p, v, s),
  },
  same('persistentVolumeClaimRetentionPolicy', k8sData),
  renamed('autoScalingPolicy', 'autoScaling', autoScaling, ['cn', 'warehouse']),
  { field: 'claims', prop: '' },
];

/** The standard volumes of each kind, in the order the typed API writes them. */
function standardSlots(kind: SpecKind): Array<{ suffix: string; prop: string; path: string }> {
  const key: ComponentKey = kind === 'warehouse' ? 'cn' : kind;
  if (key === 'fe') {
    return [{ suffix: 'meta', prop: 'metaStorage', path: DEFAULT_PATHS.feMeta }, { suffix: 'log', prop: 'logStorage', path: DEFAULT_PATHS.log('fe') }];
  }
  return [
    { suffix: 'data', prop: 'dataStorage', path: DEFAULT_PATHS.data(key) },
    { suffix: 'log', prop: 'logStorage', path: DEFAULT_PATHS.log(key) },
    { suffix: 'spill', prop: 'spillStorage', path: DEFAULT_PATHS.spill(key) },
  ];
}

const VOLUME_FIELDS = ['name', 'mountPath', 'storageClassName', 'storageSize', 'subPath', 'hostPath'];

/** The leading volumes that are the standard ones become their props; the rest `storageVolumes`. */
function storage(path: string, v: unknown, s: ComponentState): void {
  const volumes = objects(path, v);
  if (volumes.length === 0) unrepresentable('an empty list of volumes');
  volumes.forEach((vol, i) => checkKeys(`${path}[${i}]`, vol, VOLUME_FIELDS, 'CRD'));
  const slots = standardSlots(s.kind);
  const key = s.kind === 'warehouse' ? 'cn' : s.kind;
  let prefix: string | undefined;
  let next = 0;
  let slot = 0;
  const standard: ExprMap = {};
  while (next < volumes.length && slot < slots.length) {
    const vol = volumes[next];
    const name = typeof vol.name === 'string' ? vol.name : '';
    const found = slots.findIndex((sl, j) => j >= slot && name.endsWith(`-${sl.suffix}`) && vol.mountPath === sl.path);
    const volPrefix = found < 0 ? undefined : name.slice(0, name.length - slots[found].suffix.length - 1);
    const plain = vol.subPath === undefined && vol.hostPath === undefined && typeof vol.storageSize === 'string'
      && (vol.storageClassName === undefined || (typeof vol.storageClassName === 'string' && !/^(hostpath|emptydir)$/i.test(vol.storageClassName)));
    if (found < 0 || !plain || (prefix !== undefined && volPrefix !== prefix) || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(volPrefix ?? '')) break;
    let sizeExpr: Expr;
    try {
      sizeExpr = size(`${path}[${next}].storageSize`, vol.storageSize);
    } catch {
      break;
    }
    prefix = volPrefix;
    const opts: ExprMap = { size: sizeExpr };
    if (vol.storageClassName !== undefined) opts.storageClassName = vol.storageClassName as string;
    standard[slots[found].prop] = opts;
    slot = found + 1;
    next++;
  }
  const rest = volumes.slice(next).map((vol, j): ExprMap => {
    const p = `${path}[${next + j}]`;
    const out: ExprMap = { name: str(`${p}.name`, vol.name), mountPath: str(`${p}.mountPath`, vol.mountPath) };
    if (vol.storageClassName !== undefined) out.storageClassName = str(`${p}.storageClassName`, vol.storageClassName);
    if (vol.storageSize !== undefined) out.storageSize = size(`${p}.storageSize`, vol.storageSize);
    if (vol.subPath !== undefined) out.subPath = str(`${p}.subPath`, vol.subPath);
    if (vol.hostPath !== undefined) {
      const h = obj(`${p}.hostPath`, vol.hostPath);
      checkKeys(`${p}.hostPath`, h, ['path', 'type'], 'CRD');
      out.hostPath = h.type === undefined ? { path: str(`${p}.hostPath.path`, h.path) } : { path: str(`${p}.hostPath.path`, h.path), type: str(`${p}.hostPath.type`, h.type) };
    }
    return out;
  });
  Object.assign(s.props, standard);
  if (prefix !== undefined && prefix !== key) s.props.volumeNamePrefix = prefix;
  // the typed API writes emptyDirs, then hostPaths, then storageVolumes: the leading ones of those shapes use their props
  const isEmptyDir = (x: ExprMap) => Object.keys(x).length === 3 && x.storageClassName === 'emptyDir';
  const isHostPath = (x: ExprMap) => Object.keys(x).length === 4 && x.storageClassName === 'hostPath' && x.hostPath !== undefined;
  let i = 0;
  const emptyDirs: ExprMap[] = [];
  for (; i < rest.length && isEmptyDir(rest[i]); i++) emptyDirs.push({ name: rest[i].name, mountPath: rest[i].mountPath });
  const hostPaths: ExprMap[] = [];
  for (; i < rest.length && isHostPath(rest[i]); i++) {
    hostPaths.push({ name: rest[i].name, mountPath: rest[i].mountPath, ...(rest[i].hostPath as ExprMap) });
  }
  if (emptyDirs.length > 0) s.props.emptyDirs = emptyDirs;
  if (hostPaths.length > 0) s.props.hostPaths = hostPaths;
  if (i < rest.length) s.props.storageVolumes = rest.slice(i);
}

/** The ConfigMaps a manifest file holds, by name. @internal */
export type ConfigMapsByName = ReadonlyMap<string, Json>;

/** A ConfigMap of the file that the library writes for a component, for the label patch. @internal */
export interface ConfigMapUse {
  readonly name: string;
  readonly labels: { [key: string]: string };
  /** The suffix of the ConfigMap's construct id: `Config` or `Entrypoint` (after `Fe`, `Be`, `Cn`). */
  readonly idSuffix: 'Config' | 'Entrypoint';
  /** Whether the ConfigMap of the file has no namespace (while the resource has one). */
  readonly noNamespace: boolean;
}

/**
 * Finishes a component: its resources, its config (from the ConfigMap of the file when it is
 * there and holds only the config file, else `existingConfig`) and its pod annotations.
 *
 * @returns the ConfigMaps of the file the library writes for the component (config, entrypoint script)
 * @internal
 */
export function finishComponent(
  s: ComponentState, ctx: { ownerName: string; namespace?: string; configMaps: ConfigMapsByName },
): ConfigMapUse[] {
  if (s.resources !== undefined) s.props.resources = s.resources;
  const key: ComponentKey = s.kind === 'warehouse' ? 'cn' : s.kind;
  const annotations = { ...(s.podAnnotations ?? {}) };
  const hashKey = configHashAnnotation(key);
  const used: ConfigMapUse[] = [];
  const info = s.configMapInfo;
  if (info !== undefined) {
    const cm = ctx.configMaps.get(info.configMapName);
    const text = cm === undefined || info.resolveKey !== configFileKey(key) ? undefined : fileText(cm, info.resolveKey, ctx.namespace);
    const hash: string | undefined = annotations[hashKey];
    if (text !== undefined && cm !== undefined) {
      const validHash = hash === undefined || /^([0-9a-f]{8}|no-config)$/.test(hash);
      if (validHash) delete annotations[hashKey];
      s.props.config = configExpr(text, validHash ? hash : undefined);
      if (hash === undefined || !validHash) s.props.rollOnConfigChange = false;
      if (info.configMapName !== DERIVED_NAMES.configMap(ctx.ownerName, key)) s.props.configMapName = info.configMapName;
      const meta = cm.metadata as Json;
      used.push({ name: info.configMapName, labels: isObjectOf(meta.labels), idSuffix: 'Config', noNamespace: meta.namespace !== ctx.namespace });
    } else {
      s.props.existingConfig = { configMapName: info.configMapName, resolveKey: info.resolveKey };
    }
  }
  const script = entrypointScript(s, key, annotations, ctx);
  if (script !== undefined) used.push(script);
  if (Object.keys(annotations).length > 0) s.props.podAnnotations = annotations;
  return used;
}

/**
 * An entrypoint script as the typed API writes it (`entrypointScript`): the command, the args, the
 * last ConfigMap mount and the hash annotation it renders, and its ConfigMap in the file.
 */
function entrypointScript(
  s: ComponentState, key: ComponentKey, annotations: { [key: string]: string },
  ctx: { ownerName: string; namespace?: string; configMaps: ConfigMapsByName },
): ConfigMapUse | undefined {
  const p = s.props;
  const name = DERIVED_NAMES.entrypointConfigMap(ctx.ownerName, key);
  const mounts = Array.isArray(p.configMaps) ? p.configMaps as ExprMap[] : [];
  const last = mounts[mounts.length - 1];
  const hashKey = entrypointHashAnnotation(key);
  const hash = annotations[hashKey];
  const cm = ctx.configMaps.get(name);
  const text = cm === undefined ? undefined : fileText(cm, 'entrypoint.sh', ctx.namespace);
  if (text === undefined || cm === undefined || hash === undefined || JSON.stringify(p.command) !== JSON.stringify(['bash', '-c'])
    || JSON.stringify(p.args) !== JSON.stringify([ENTRYPOINT_MOUNT_PATH])
    || last === undefined || last.name !== name || last.mountPath !== ENTRYPOINT_MOUNT_PATH || last.subPath !== 'entrypoint.sh') {
    return undefined;
  }
  delete p.command;
  delete p.args;
  if (mounts.length === 1) delete p.configMaps;
  else p.configMaps = mounts.slice(0, -1);
  delete annotations[hashKey];
  p.entrypointScript = new Code(`${templateLiteral(text)}`, text, []);
  if (hash !== helmValueHash(text)) p.entrypointScriptHash = hash;
  const meta = cm.metadata as Json;
  return { name, labels: isObjectOf(meta.labels), idSuffix: 'Entrypoint', noNamespace: meta.namespace !== ctx.namespace };
}

function isObjectOf(v: unknown): { [key: string]: string } {
  return typeof v === 'object' && v !== null ? { ...(v as { [key: string]: string }) } : {};
}

/** The file's text, when the ConfigMap holds exactly that file, as the typed API writes it. */
function fileText(cm: Json, resolveKey: string, namespace: string | undefined): string | undefined {
  const meta = cm.metadata as Json;
  const data = cm.data;
  const onlyData = Object.keys(cm).every((k) => ['apiVersion', 'kind', 'metadata', 'data'].includes(k));
  const onlyMeta = Object.keys(meta).every((k) => ['name', 'namespace', 'labels'].includes(k));
  // a ConfigMap without a namespace goes where the file is applied, as the resource does
  if (!onlyData || !onlyMeta || (meta.namespace !== undefined && meta.namespace !== namespace)) return undefined;
  if (typeof data !== 'object' || data === null || Object.keys(data).length !== 1) return undefined;
  const t = (data as Json)[resolveKey];
  return typeof t === 'string' ? t : undefined;
}

/** A text as a template literal: multi-line files read as they are. */
function templateLiteral(text: string): string {
  return `\`${text.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${').replace(/\r/g, '\\r')}\``;
}

/** A setting whose value is a number in exponent form (`1e+07`), as Helm prints large numbers. */
const EXPONENT_SETTING = /^[^#=\n]+=[ \t]*[+-]?[0-9]+(?:\.[0-9]+)?[eE][+-]?[0-9]+[ \t]*$/m;

/**
 * `StarRocksConfig.fromText(...)`, with the hash of the annotation when it is not the text's own,
 * and `exponentIntegersWarn` where the text holds numbers in exponent form (what Helm prints for
 * large unquoted numbers): the file is reproduced as it is, each such number a warning, as on the
 * Helm path.
 */
function configExpr(text: string, hash: string | undefined): Expr {
  const exponent = EXPONENT_SETTING.test(text);
  const plainHash = StarRocksConfig.fromText(text).hash;
  const options: { hash?: string; exponentIntegersWarn?: boolean } = {};
  const code: string[] = [];
  if (hash !== undefined && hash !== plainHash) {
    options.hash = hash;
    code.push(`hash: '${hash}'`);
  }
  if (exponent) {
    options.exponentIntegersWarn = true;
    code.push('exponentIntegersWarn: true');
  }
  const args = code.length === 0 ? '' : `, { ${code.join(', ')} }`;
  const comment = exponent ? '/* numbers in exponent form, which StarRocks cannot parse: a warning each; quote them at the source */ ' : '';
  return new Code(`${comment}StarRocksConfig.fromText(${templateLiteral(text)}${args})`, StarRocksConfig.fromText(text, options),
    [{ module: 'cdk8s-starrocks', name: 'StarRocksConfig' }]);
}
