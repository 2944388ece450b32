import { ApiObject, Lazy } from 'cdk8s';
import type { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import {
  CnOptions, ComponentOptions, ComponentServiceOptions, DataComponentOptions, FeOptions, HpaVersion, ImagePullPolicy,
  MountOptions, PodManagementPolicy, SharedComponentOptions,
} from './options';
import { ComponentKind, IStarRocksComponent } from '../cluster/reference';
import { StarRocksApiObject } from '../common/api-object';
import {
  ARROW_FLIGHT, ComponentKey, configMountPath, CONTAINER_FIELDS, DEFAULT_IMAGE_TAG, DEFAULT_PATHS, DEFAULT_REPOSITORY, DEFAULT_VOLUMES,
  ENTRYPOINT_MOUNT_PATH, NAME_BUDGET, PORTS, PROBE_PERIOD_SECONDS, SERVICE_TYPES,
} from '../common/constants';
import { helmValueHash, mountVolumeHash } from '../common/hash';
import { checkImage } from '../common/image';
import { LABEL_CLUSTER, LABEL_COMPONENT, LABEL_OWNER } from '../common/labels';
import { checkStorageSize, isZeroSize, renderQuantities, storageBytes } from '../common/quantity';
import { checkDnsLabel, checkInt, checkOneOf, copyStringMap, fail, show } from '../common/validate';
import { warn } from '../common/warnings';
import { toWire } from '../common/wire';
import { StarRocksConfig } from '../config/config';
import { checkMountPath, PersistentStorageOptions, renderStorageVolume, WireStorageVolume } from '../storage/storage';

const ENV_KEY: Record<ComponentKey, string> = { fe: 'feEnvVars', be: 'beEnvVars', cn: 'cnEnvVars' };
const SPEC_KEY: Record<ComponentKey, string> = { fe: 'starRocksFeSpec', be: 'starRocksBeSpec', cn: 'starRocksCnSpec' };
const UPPER: Record<ComponentKey, string> = { fe: 'FE', be: 'BE', cn: 'CN' };
const CONTAINER_FIELD_NAMES = [...CONTAINER_FIELDS.keys()];

/**
 * Context a component needs from its cluster.
 *
 * @internal
 */
export interface ComponentContext {
  readonly scope: Construct;
  readonly clusterName: string;
  readonly namespace?: string;
  readonly timeZone?: string;
  readonly shared: SharedComponentOptions;
  readonly volumeNameWithHash: boolean;
  /** Labels of the ConfigMaps besides the library's (default `cluster: <name>`, `app: <component>`). */
  readonly configMapLabels?: { [key: string]: string };
  /** The spec key of the environment variables (default `feEnvVars`, `beEnvVars`, `cnEnvVars`). */
  readonly envKey?: string;
}

/**
 * One StarRocks component of a cluster (FE, BE or CN): the names the operator gives to what it
 * creates for it, its ports, and methods to add to its pods after the cluster is defined.
 *
 * Get it from `StarRocksCluster.fe`, `.be` or `.cn`.
 */
export class StarRocksComponent implements IStarRocksComponent {
  /**
   * @param opts the component's options, the caller's own copy (`copyData`): the component keeps them
   * @internal
   */
  public static _create(key: ComponentKey, ctx: ComponentContext, opts: ComponentOptions): StarRocksComponent {
    return new StarRocksComponent(key, ctx, opts);
  }

  /** The component's short name: `fe`, `be` or `cn`. */
  public readonly componentName: string;
  /** Name of the StatefulSet the operator creates (`<cluster>-<component>`). */
  public readonly statefulSetName: string;
  /** Name of the external Service the operator creates (`<cluster>-<component>-service`). */
  public readonly serviceName: string;
  /** Name of the headless Service of the pods (`<cluster>-<component>-search`). */
  public readonly searchServiceName: string;
  /**
   * Name of the ConfigMap holding the config file (`<cluster>-<component>-cm`), when the
   * component has a config.
   */
  public readonly configMapName: string;

  private readonly key: ComponentKey;
  private readonly ctx: ComponentContext;
  private readonly opts: ComponentOptions;
  private _config?: StarRocksConfig;
  private readonly _env: any[] = [];
  private readonly _annotations: { [key: string]: string } = {};
  private readonly _podLabels: { [key: string]: string };
  private readonly _sidecars: any[] = [];
  private readonly _initContainers: any[] = [];
  private readonly _storageVolumes: WireStorageVolume[];
  private _extraLabels?: { [key: string]: string };
  private readonly _serviceAnnotations: { [key: string]: string } = {};
  private readonly _capabilitiesAdded: string[] = [];
  private _configMap?: ApiObject;
  private _rootWarned = false;
  private _portsOf?: { readonly config: StarRocksConfig | undefined; readonly ports: { readonly [name: string]: number } };

  private constructor(key: ComponentKey, ctx: ComponentContext, options: ComponentOptions) {
    this.key = key;
    this.ctx = ctx;
    const opts = this.opts = options;
    const c = ctx.clusterName;
    this.componentName = key;
    this.statefulSetName = `${c}-${key}`;
    this.serviceName = `${c}-${key}-service`;
    this.searchServiceName = `${c}-${key}-search`;
    this.configMapName = opts.configMapName ?? `${c}-${key}-cm`;
    if (opts.configMapName !== undefined) {
      checkDnsLabel(`${key}.configMapName`, opts.configMapName);
    }
    if (opts.existingConfig !== undefined) {
      if (opts.config !== undefined || opts.configMapName !== undefined) {
        fail(`${key}.existingConfig`, 'unset when config or configMapName is set (one config file per component)', opts.existingConfig);
      }
      checkDnsLabel(`${key}.existingConfig.configMapName`, opts.existingConfig.configMapName);
      if (!opts.existingConfig.resolveKey) {
        fail(`${key}.existingConfig.resolveKey`, `the ConfigMap key of the config file, e.g. "${key}.conf" (the operator silently ignores a configMapInfo without it)`, opts.existingConfig.resolveKey);
      }
    }
    this._config = opts.config;
    if (opts.config !== undefined && !(opts.config instanceof StarRocksConfig)) {
      fail(`${key}.config`, 'a StarRocksConfig (StarRocksConfig.fromEntries({...}) or StarRocksConfig.fromText(...))', opts.config);
    }

    this.checkScalars();
    for (const e of opts.envVars ?? []) {
      this.addEnvVar(e);
    }
    const annotations = copyStringMap(`${key}.annotations`, opts.annotations) ?? {};
    for (const k of Object.keys(annotations)) {
      this.addPodAnnotation(k, annotations[k]);
    }
    this._podLabels = {};
    const podLabelsProp = this.propOf('podLabels');
    const podLabels = copyStringMap(podLabelsProp, this.inherit('podLabels')) ?? {};
    for (const k of Object.keys(podLabels)) {
      this.putPodLabel(podLabelsProp, k, podLabels[k]);
    }
    for (const s of opts.sidecars ?? []) {
      this.addSidecar(s);
    }
    for (const s of opts.initContainers ?? []) {
      this.addInitContainer(s);
    }
    this._storageVolumes = this.buildStorageVolumes();
    this.checkPorts();
  }

  /** Which component this is. */
  public get kind(): ComponentKind {
    return this.key as string as ComponentKind;
  }

  /** Names of the image pull Secrets of the pods (the component's own, else the cluster's shared ones). */
  public get imagePullSecrets(): string[] {
    return (this.inherit('imagePullSecrets') ?? []).slice();
  }

  /** Tolerations of the pods (the component's own, else the cluster's shared ones). */
  public get tolerations(): k8s.Toleration[] {
    return (this.inherit('tolerations') ?? []).slice();
  }

  /** Affinity of the pods (the component's own, else the cluster's shared one). */
  public get affinity(): k8s.Affinity | undefined {
    return this.inherit('affinity');
  }

  /** Labels of the pods that select exactly this component's pods (for affinity, spread, PDBs). */
  public get selectorLabels(): { [key: string]: string } {
    return { [LABEL_COMPONENT]: this.key, [LABEL_OWNER]: this.statefulSetName };
  }

  /** Labels of the Services (and StatefulSet) the operator creates for this component. */
  public get serviceLabels(): { [key: string]: string } {
    return { [LABEL_COMPONENT]: this.key, [LABEL_OWNER]: this.ctx.clusterName };
  }

  /** The component's config file, if it has one. */
  public get config(): StarRocksConfig | undefined {
    return this._config;
  }

  /**
   * Returns a port of the component as the operator derives it from the config file.
   *
   * @param name the port's name on the external Service: FE `http`, `rpc`, `query`, `edit-log`,
   * `arrow-flight`; BE `be`, `webserver`, `heartbeat`, `brpc`, `arrow-flight`; CN `thrift`,
   * `webserver`, `heartbeat`, `brpc`, `arrow-flight`
   */
  public port(name: string): number {
    const ports = this.ports();
    const p = ports[name];
    if (p === undefined) {
      fail(`${this.key} port`, `one of ${Object.keys(ports).map((n) => JSON.stringify(n)).join(', ')}`, name);
    }
    return p;
  }

  /**
   * Adds an environment variable to the container. Throws if a variable of that name exists.
   *
   * @param envVar the variable
   */
  public addEnvVar(envVar: k8s.EnvVar): void {
    const wire = toWire(envVar, `${this.key}.envVars`);
    if (!wire || typeof wire.name !== 'string' || wire.name.length === 0) {
      fail(`${this.key}.envVars[].name`, 'a non-empty string', wire?.name);
    }
    if (this.hasEnvVar(wire.name)) {
      throw new Error(`'${this.key}.envVars' already has a variable named ${JSON.stringify(wire.name)}`);
    }
    this._env.push(wire);
  }

  /**
   * Whether the container has an environment variable of that name (set by the user or the
   * library; the cluster's `TZ` included).
   *
   * @param name the variable's name
   */
  public hasEnvVar(name: string): boolean {
    if (name === 'TZ' && this.ctx.timeZone !== undefined) return true;
    for (let i = 0; i < this._env.length; i++) {
      if (this._env[i].name === name) return true;
    }
    return false;
  }

  /**
   * Adds a pod annotation. Throws if the annotation is already set to another value.
   *
   * @param key the annotation key
   * @param value its value
   */
  public addPodAnnotation(key: string, value: string): void {
    setOnce(`${this.key}.annotations`, this._annotations, key, value);
  }

  /**
   * Adds a pod label. The selector labels (`app.kubernetes.io/component`,
   * `app.starrocks.ownerreference/name`) cannot be set: the StatefulSet would no longer select its
   * pods.
   *
   * @param key the label key
   * @param value its value
   */
  public addPodLabel(key: string, value: string): void {
    this.putPodLabel(`${this.key}.podLabels`, key, value);
  }

  /**
   * Adds an annotation to the component's external Service (for example Prometheus scrape
   * annotations). Throws if the annotation is already set to another value.
   *
   * @param key the annotation key
   * @param value its value
   */
  public addServiceAnnotation(key: string, value: string): void {
    setOnce(`${this.key}.service.annotations`, this._serviceAnnotations, key, value);
  }

  /**
   * Adds a Linux capability to the StarRocks container (once, however often it is added).
   *
   * @param capability the capability, e.g. `SYS_PTRACE`
   */
  public addCapability(capability: string): void {
    if (!/^[A-Z_]+$/.test(capability)) {
      fail(`${this.key}.capabilities.add`, 'a capability name such as "SYS_PTRACE"', capability);
    }
    if (!this._capabilitiesAdded.includes(capability)) {
      this._capabilitiesAdded.push(capability);
    }
  }

  /**
   * Adds a container to the pods, after the StarRocks container.
   *
   * @param container the container
   */
  public addSidecar(container: k8s.Container): void {
    this._sidecars.push(checkContainer(`${this.key}.sidecars`, container, this._sidecars));
  }

  /**
   * Adds an init container to the pods.
   *
   * @param container the container
   */
  public addInitContainer(container: k8s.Container): void {
    this._initContainers.push(checkContainer(`${this.key}.initContainers`, container, this._initContainers));
  }

  /**
   * Adds an entry to the component's config file (creating the file if there is none). Throws if
   * the file already sets the key to another value.
   *
   * @param key the configuration item
   * @param value its value
   */
  public addConfig(key: string, value: string): void {
    if (this.opts.existingConfig !== undefined) {
      fail(`${this.key}.config.${key}`, 'set in the existing ConfigMap (the component uses existingConfig)', value);
    }
    const base = this._config ?? StarRocksConfig.fromEntries({});
    const config = base.withEntries({ [key]: value }, `${this.key}.config`);
    this.checkPorts(config);
    this._config = config;
    this.ensureConfigMap();
  }

  /**
   * A shared setting as the component resolves it: its own value, else the cluster's.
   *
   * @internal
   */
  public _inherited<K extends keyof SharedComponentOptions>(key: K): SharedComponentOptions[K] {
    return this.inherit(key);
  }

  /** @internal */
  public _ports(): { [name: string]: number } {
    return { ...this.ports() };
  }

  /**
   * Creates the objects besides the custom resource: the config ConfigMap (now, or when the first
   * config entry is added) and the entrypoint ConfigMap.
   *
   * @internal
   */
  public _createObjects(extraLabels: { [key: string]: string }): void {
    this._extraLabels = extraLabels;
    if (this._config !== undefined) {
      this.ensureConfigMap();
    }
    if (this.opts.entrypointScript !== undefined) {
      new StarRocksApiObject(this.ctx.scope, `${this.idPrefix}Entrypoint`, {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: {
          name: this.entrypointConfigMapName,
          namespace: this.ctx.namespace,
          labels: { ...extraLabels, ...this.configMapLabels },
        },
        data: { 'entrypoint.sh': this.opts.entrypointScript },
      });
    }
  }

  private ensureConfigMap(): void {
    if (this._configMap || this._extraLabels === undefined) {
      return;
    }
    this._configMap = new StarRocksApiObject(this.ctx.scope, `${this.idPrefix}Config`, {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: this.configMapName,
        namespace: this.ctx.namespace,
        labels: { ...this._extraLabels, ...this.configMapLabels },
      },
      data: Lazy.any({ produce: () => ({ [`${this.key}.conf`]: this._config!.text }) }),
    });
  }

  private get configMapLabels(): { [key: string]: string } {
    return this.ctx.configMapLabels ?? { [LABEL_CLUSTER]: this.ctx.clusterName, app: this.key };
  }

  private get idPrefix(): string {
    return UPPER[this.key].charAt(0) + UPPER[this.key].slice(1).toLowerCase();
  }

  /**
   * The ConfigMaps the component creates: their names and the property each name comes from
   * (`chosen` when the user chose the name).
   *
   * @internal
   */
  public _configMapNames(): Array<{ name: string; prop: string; chosen: boolean }> {
    const out = [];
    if (this._config !== undefined) {
      const chosen = this.opts.configMapName !== undefined;
      out.push({ name: this.configMapName, prop: `${this.key}.${chosen ? 'configMapName' : 'config'}`, chosen });
    }
    if (this.opts.entrypointScript !== undefined) {
      out.push({ name: this.entrypointConfigMapName, prop: `${this.key}.entrypointScript`, chosen: false });
    }
    return out;
  }

  /** Whether the config ConfigMap is needed. @internal */
  public get _hasConfig(): boolean {
    return this._config !== undefined;
  }

  /** Renders the component's part of the custom resource's spec. @internal */
  public _renderSpec(): { [key: string]: any } {
    const o = this.opts;
    const x = this.key;
    const spec: { [key: string]: any } = {};
    spec.image = this.image;
    if (o.replicas !== undefined) {
      spec.replicas = o.replicas;
    }
    if (o.imagePullPolicy !== undefined) {
      spec.imagePullPolicy = o.imagePullPolicy;
    }
    const pullSecrets = this.inherit('imagePullSecrets');
    if (pullSecrets && pullSecrets.length > 0) {
      spec.imagePullSecrets = pullSecrets.map((name) => ({ name }));
    }
    if (o.resources) {
      const requests = renderQuantities(`${x}.resources.requests`, o.resources.requests);
      const limits = renderQuantities(`${x}.resources.limits`, o.resources.limits);
      if (requests && Object.keys(requests).length > 0) {
        spec.requests = requests;
      }
      if (limits && Object.keys(limits).length > 0) {
        spec.limits = limits;
      }
    }
    const service = this.renderService(o.service ?? (Object.keys(this._serviceAnnotations).length > 0 ? {} : undefined));
    if (service) {
      spec.service = service;
    }
    const annotations: { [key: string]: string } = { ...this._annotations };
    const hashKey = `app.starrocks.io/${x}-config-hash`;
    if (this._config && this.opts.rollOnConfigChange !== false) {
      if (hashKey in annotations) {
        fail(`${x}.annotations`, `free of "${hashKey}" when the component has a config (the library computes it)`, annotations[hashKey]);
      }
      annotations[hashKey] = this._config.hash;
    }
    if (o.entrypointScript !== undefined) {
      annotations[`app.starrocks.io/${x}-entrypoint-hash`] = helmValueHash(o.entrypointScript);
    }
    if (Object.keys(annotations).length > 0) {
      spec.annotations = annotations;
    }
    if (Object.keys(this._podLabels).length > 0) {
      spec.podLabels = { ...this._podLabels };
    }
    const runAsNonRoot = this.inherit('runAsNonRoot');
    if (runAsNonRoot !== undefined) {
      spec.runAsNonRoot = runAsNonRoot;
    }
    if (o.readOnlyRootFilesystem !== undefined) {
      spec.readOnlyRootFilesystem = o.readOnlyRootFilesystem;
      // checked here, not in the constructor: addEnvVar may add STARROCKS_ROOT later
      if (o.readOnlyRootFilesystem && !this._rootWarned && !this.hasEnvVar('STARROCKS_ROOT')) {
        this._rootWarned = true;
        warn(this.ctx.scope, `'${x}.readOnlyRootFilesystem' is set without a STARROCKS_ROOT environment variable; StarRocks writes below its root directory and will fail to start`);
      }
    }
    if (o.capabilities !== undefined || this._capabilitiesAdded.length > 0) {
      const caps = toWire(o.capabilities ?? {}, `${x}.capabilities`);
      const add: string[] = (caps.add ?? []).slice();
      for (const c of this._capabilitiesAdded) {
        if (!add.includes(c)) {
          add.push(c);
        }
      }
      spec.capabilities = add.length > 0 ? { ...caps, add } : caps;
    }
    if (o.sysctls && o.sysctls.length > 0) {
      spec.sysctls = toWire(o.sysctls, `${x}.sysctls`);
    }
    const env = this.renderEnv();
    if (env.length > 0) {
      spec[this.ctx.envKey ?? ENV_KEY[x]] = env;
    }
    for (let i = 0; i < SCALAR_SPEC_FIELDS.length; i++) {
      const k = SCALAR_SPEC_FIELDS[i];
      if (o[k] !== undefined) {
        spec[k] = o[k];
      }
    }
    if (o.podManagementPolicy !== undefined) {
      spec.podManagementPolicy = o.podManagementPolicy;
    }
    if (o.lifecycle !== undefined) {
      spec.lifecycle = toWire(o.lifecycle, `${x}.lifecycle`);
    }
    if (this._sidecars.length > 0) {
      spec.sidecars = this._sidecars.slice();
    }
    if (this._initContainers.length > 0) {
      spec.initContainers = this._initContainers.slice();
    }
    if (o.updateStrategy !== undefined) {
      spec.updateStrategy = toWire(o.updateStrategy, `${x}.updateStrategy`);
    }
    if (o.shareProcessNamespace !== undefined) {
      spec.shareProcessNamespace = o.shareProcessNamespace;
    }
    if (o.entrypointScript !== undefined) {
      spec.command = ['bash', '-c'];
      spec.args = [ENTRYPOINT_MOUNT_PATH];
    } else {
      if (o.command !== undefined) {
        spec.command = o.command.slice();
      }
      if (o.args !== undefined) {
        spec.args = o.args.slice();
      }
    }
    const configMaps = this.mounts('configMaps');
    if (configMaps.length > 0) {
      spec.configMaps = configMaps;
    }
    const secrets = this.mounts('secrets');
    if (secrets.length > 0) {
      spec.secrets = secrets;
    }
    if (this._config) {
      spec.configMapInfo = { configMapName: this.configMapName, resolveKey: `${x}.conf` };
    } else if (o.existingConfig) {
      spec.configMapInfo = { configMapName: o.existingConfig.configMapName, resolveKey: o.existingConfig.resolveKey };
    }
    if (this._storageVolumes.length > 0) {
      spec.storageVolumes = this._storageVolumes.map((v) => ({ ...v }));
    }
    if (o.persistentVolumeClaimRetentionPolicy !== undefined) {
      spec.persistentVolumeClaimRetentionPolicy = toWire(o.persistentVolumeClaimRetentionPolicy, `${x}.persistentVolumeClaimRetentionPolicy`);
    }
    for (let i = 0; i < SCHEDULING_SPEC_FIELDS.length; i++) {
      const k = SCHEDULING_SPEC_FIELDS[i];
      const v = this.inherit(k);
      if (v === undefined || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0)) {
        continue;
      }
      spec[k] = toWire(v, this.propOf(k));
    }
    if (x === 'cn') {
      const as = (o as CnOptions).autoScaling;
      if (as) {
        const policy: { [key: string]: any } = { maxReplicas: as.maxReplicas };
        if (as.minReplicas !== undefined) {
          policy.minReplicas = as.minReplicas;
        }
        if (as.version !== undefined) {
          policy.version = as.version;
        }
        if (as.metrics !== undefined || as.behavior !== undefined) {
          policy.hpaPolicy = {};
          if (as.metrics !== undefined) {
            policy.hpaPolicy.metrics = toWire(as.metrics, 'cn.autoScaling.metrics');
          }
          if (as.behavior !== undefined) {
            policy.hpaPolicy.behavior = toWire(as.behavior, 'cn.autoScaling.behavior');
          }
        }
        spec.autoScalingPolicy = policy;
      }
    }
    this.checkVolumes(spec);
    return spec;
  }

  /** The key of this component in the custom resource's spec. @internal */
  public get _specKey(): string {
    return SPEC_KEY[this.key];
  }

  /** The image of the StarRocks container. */
  public get image(): string {
    if (this.opts.image !== undefined) {
      return this.opts.image;
    }
    const tag = this.inherit('imageTag') ?? DEFAULT_IMAGE_TAG;
    return `${DEFAULT_REPOSITORY[this.key]}:${tag}`;
  }

  private get entrypointConfigMapName(): string {
    return `${this.ctx.clusterName}-${this.key}-entrypoint-script`;
  }

  /** A component's own value, or the cluster's shared one when the component leaves it unset. */
  private inherit<K extends keyof SharedComponentOptions>(k: K): SharedComponentOptions[K] {
    const own = this.opts[k];
    return own !== undefined ? own : this.ctx.shared[k];
  }

  /** The property `inherit(k)` takes its value from, for errors: `<component>.<k>` or `shared.<k>`. */
  private propOf(k: keyof SharedComponentOptions): string {
    return this.opts[k] !== undefined ? `${this.key}.${k}` : `shared.${k}`;
  }

  private putPodLabel(prop: string, key: string, value: string): void {
    if (key === LABEL_COMPONENT || key === LABEL_OWNER) {
      fail(prop, `free of the selector labels "${LABEL_COMPONENT}" and "${LABEL_OWNER}" (the StatefulSet would stop selecting its pods)`, { [key]: value });
    }
    setOnce(prop, this._podLabels, key, value);
  }

  private renderEnv(): any[] {
    const env: any[] = [];
    if (this.ctx.timeZone !== undefined && !this._env.some((e) => e.name === 'TZ')) {
      env.push({ name: 'TZ', value: this.ctx.timeZone });
    }
    for (const e of this._env) {
      env.push(e);
    }
    return env;
  }

  private mounts(kind: 'configMaps' | 'secrets'): any[] {
    const out: any[] = (this.opts[kind] ?? []).map((m: MountOptions) => {
      const r: { [key: string]: string } = { name: m.name, mountPath: m.mountPath };
      if (m.subPath !== undefined) {
        r.subPath = m.subPath;
      }
      return r;
    });
    if (kind === 'configMaps' && this.opts.entrypointScript !== undefined) {
      out.push({ name: this.entrypointConfigMapName, mountPath: ENTRYPOINT_MOUNT_PATH, subPath: 'entrypoint.sh' });
    }
    return out;
  }

  private renderService(s: ComponentServiceOptions | undefined): { [key: string]: any } | undefined {
    if (s === undefined) {
      return undefined;
    }
    const p = `${this.key}.service`;
    const out = renderServiceOptions(p, s, () => this.ports(), (known) =>
      `to match one of the component's ports by containerPort or name (${Object.entries(known).map(([n, v]) => `${n}=${v}`).join(', ')}); the operator drops other entries`,
    this._serviceAnnotations);
    for (const k of [LABEL_COMPONENT, LABEL_OWNER]) {
      if (out.labels && k in out.labels) {
        warn(this.ctx.scope, `'${p}.labels' redefines "${k}"; ServiceMonitors that select the Service by it will no longer find it`);
      }
    }
    return out;
  }

  /** The component's ports as the operator derives them from the config file. */
  private ports(config = this._config): { [name: string]: number } {
    // the ports of the last config asked about (a config cannot change); callers only read them
    if (this._portsOf !== undefined && this._portsOf.config === config) {
      return this._portsOf.ports;
    }
    const entries = config ? config.entries() : {};
    const out: { [name: string]: number } = {};
    for (const p of PORTS[this.key]) {
      let v = p.defaultPort;
      for (const k of p.keys) {
        if (entries[k] !== undefined) {
          v = parsePort(`${this.key}.config.${k}`, entries[k]);
          break;
        }
      }
      out[p.name] = v;
    }
    if (entries[ARROW_FLIGHT.key] !== undefined) {
      out[ARROW_FLIGHT.name] = parsePort(`${this.key}.config.${ARROW_FLIGHT.key}`, entries[ARROW_FLIGHT.key]);
    }
    this._portsOf = { config, ports: out };
    return out;
  }

  /** Each port needs its own number, or the Service gets duplicate ports (V40). */
  private checkPorts(config = this._config): void {
    const ports = this.ports(config);
    const seen = new Map<number, string>();
    for (const name of Object.keys(ports)) {
      const port = ports[name];
      if (seen.has(port)) {
        fail(`${this.key}.config`, `to give each port its own number (the Service would have duplicate ports), but ${seen.get(port)} and ${name} are both`, port);
      }
      seen.set(port, name);
    }
  }

  private checkScalars(): void {
    const o = this.opts;
    const x = this.key;
    if (o.replicas !== undefined) {
      checkInt(`${x}.replicas`, o.replicas, 0);
    }
    if (o.image !== undefined) {
      checkImage(`${x}.image`, o.image);
    }
    const tag = this.inherit('imageTag');
    if (tag !== undefined && !/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/.test(tag)) {
      fail(this.propOf('imageTag'), 'an image tag (letters, digits, \'_\', \'.\' and \'-\', at most 128 characters)', tag);
    }
    if (o.imagePullPolicy !== undefined) {
      checkOneOf(`${x}.imagePullPolicy`, o.imagePullPolicy, Object.values(ImagePullPolicy));
    }
    if (o.podManagementPolicy !== undefined) {
      checkOneOf(`${x}.podManagementPolicy`, o.podManagementPolicy, Object.values(PodManagementPolicy));
    }
    for (const k of ['startupProbeFailureSeconds', 'livenessProbeFailureSeconds', 'readinessProbeFailureSeconds'] as const) {
      const v = o[k];
      if (v !== undefined) {
        checkInt(`${x}.${k}`, v, 0);
        if (v % PROBE_PERIOD_SECONDS !== 0) {
          warn(this.ctx.scope, `'${x}.${k}' is ${v}; the operator probes every ${PROBE_PERIOD_SECONDS} seconds, so it allows ${Math.ceil(v / PROBE_PERIOD_SECONDS) * PROBE_PERIOD_SECONDS}`);
        }
      }
    }
    if (o.terminationGracePeriodSeconds !== undefined) {
      checkInt(`${x}.terminationGracePeriodSeconds`, o.terminationGracePeriodSeconds, 0);
    }
    if (o.minReadySeconds !== undefined) {
      checkInt(`${x}.minReadySeconds`, o.minReadySeconds, 0);
      if (o.minReadySeconds > 0 && o.podManagementPolicy !== PodManagementPolicy.ORDERED_READY) {
        warn(this.ctx.scope, `'${x}.minReadySeconds' is ${o.minReadySeconds} but podManagementPolicy is not OrderedReady; with Parallel (the operator's default) pods do not wait for each other to be ready`);
      }
    }
    if (o.updateStrategy !== undefined) {
      const u = toWire(o.updateStrategy, `${x}.updateStrategy`);
      if (u.type !== undefined) {
        checkOneOf(`${x}.updateStrategy.type`, u.type, ['RollingUpdate', 'OnDelete']);
      }
      const mu = u.rollingUpdate?.maxUnavailable;
      if (mu !== undefined && (String(mu).startsWith('0') || !/^([0-9]+%?)$/.test(String(mu)))) {
        fail(`${x}.updateStrategy.rollingUpdate.maxUnavailable`, 'a number of pods > 0 or a percentage > 0% (the operator refuses values starting with 0)', mu);
      }
      if (u.rollingUpdate?.partition !== undefined) {
        checkInt(`${x}.updateStrategy.rollingUpdate.partition`, u.rollingUpdate.partition, 0);
      }
    }
    if (o.persistentVolumeClaimRetentionPolicy !== undefined) {
      const r = toWire(o.persistentVolumeClaimRetentionPolicy, `${x}.persistentVolumeClaimRetentionPolicy`);
      for (const k of ['whenDeleted', 'whenScaled']) {
        if (r[k] !== undefined) {
          checkOneOf(`${x}.persistentVolumeClaimRetentionPolicy.${k}`, r[k], ['Retain', 'Delete']);
        }
      }
      if (r.whenScaled !== undefined && x !== 'cn') {
        warn(this.ctx.scope, `'${x}.persistentVolumeClaimRetentionPolicy.whenScaled' is ignored by the operator for ${UPPER[x]} (only CN applies it)`);
      }
    }
    if (o.entrypointScript !== undefined) {
      if (typeof o.entrypointScript !== 'string' || o.entrypointScript.length === 0) {
        fail(`${x}.entrypointScript`, 'a non-empty script', o.entrypointScript);
      }
      if (o.command !== undefined || o.args !== undefined) {
        fail(`${x}.command`, 'unset when entrypointScript is set (the script is run with bash -c)', o.command ?? o.args);
      }
    }
    for (const kind of ['configMaps', 'secrets'] as const) {
      (o[kind] ?? []).forEach((m, i) => {
        const budget = this.ctx.volumeNameWithHash ? 58 : 63;
        checkDnsLabel(`${x}.${kind}[${i}].name`, m.name, budget);
        checkMountPath(`${x}.${kind}[${i}].mountPath`, m.mountPath);
      });
    }
    const as = (o as CnOptions).autoScaling;
    if (as !== undefined) {
      checkInt(`${x}.autoScaling.maxReplicas`, as.maxReplicas, 1);
      if (as.minReplicas !== undefined) {
        checkInt(`${x}.autoScaling.minReplicas`, as.minReplicas, 1);
      }
      if (as.maxReplicas < (as.minReplicas ?? 1)) {
        fail(`${x}.autoScaling.maxReplicas`, `at least minReplicas (${as.minReplicas ?? 1})`, as.maxReplicas);
      }
      if (as.version !== undefined) {
        checkOneOf(`${x}.autoScaling.version`, as.version, Object.values(HpaVersion));
        if (as.version === HpaVersion.V2BETA2) {
          warn(this.ctx.scope, `'${x}.autoScaling.version' v2beta2 does not exist on Kubernetes 1.26 and later`);
        }
        if (as.version === HpaVersion.V1 && (as.metrics !== undefined || as.behavior !== undefined)) {
          warn(this.ctx.scope, `'${x}.autoScaling' metrics and behavior are ignored by the v1 HPA API`);
        }
      }
      if (o.replicas !== undefined) {
        warn(this.ctx.scope, `'${x}.replicas' is set together with autoScaling: every apply resets the replica count the HPA chose`);
      }
    }
  }

  private buildStorageVolumes(): WireStorageVolume[] {
    const x = this.key;
    const o = this.opts;
    const prefix = o.volumeNamePrefix ?? x;
    checkDnsLabel(`${x}.volumeNamePrefix`, prefix, 50);
    const out: WireStorageVolume[] = [];
    const pvc = (name: string, prop: string, s: PersistentStorageOptions, defSize: string, defPath: string, pathSuffix = '') => {
      const size = s.size !== undefined ? checkStorageSize(`${prop}.size`, s.size) : defSize;
      const mountPath = (s.mountPath !== undefined ? checkMountPath(`${prop}.mountPath`, s.mountPath) : defPath) + pathSuffix;
      if (s.storageClassName !== undefined && s.storageClassName.toLowerCase() === 'hostpath') {
        fail(`${prop}.storageClassName`, 'a real storage class (use hostPaths for node directories)', s.storageClassName);
      }
      const v: WireStorageVolume = { name, mountPath, storageSize: size };
      if (s.storageClassName !== undefined) {
        v.storageClassName = s.storageClassName;
      }
      if (isZeroSize(size) && !name.endsWith('-spill')) {
        warn(this.ctx.scope, `'${prop}.size' is ${size}: the operator skips a volume of size 0 and the directory stays ephemeral`);
      }
      out.push(v);
      return mountPath;
    };
    if (x === 'fe') {
      const f = o as FeOptions;
      if (f.metaStorage) {
        const path = pvc(`${prefix}-meta`, 'fe.metaStorage', f.metaStorage, '10Gi', DEFAULT_PATHS.feMeta);
        this.configurePath('fe.metaStorage.mountPath', 'meta_dir', path, DEFAULT_PATHS.feMeta);
        const size = out[out.length - 1].storageSize!;
        if (storageBytes(size) < 10 * 2 ** 30) {
          warn(this.ctx.scope, `'fe.metaStorage.size' is ${size}; FE stops when less than 5Gi is free, keep at least 10Gi`);
        }
      }
      if (f.logStorage) {
        const path = pvc(`${prefix}-log`, 'fe.logStorage', f.logStorage, '5Gi', DEFAULT_PATHS.log('fe'));
        this.configurePath('fe.logStorage.mountPath', 'sys_log_dir', path, DEFAULT_PATHS.log('fe'));
      }
    } else {
      const d = o as DataComponentOptions;
      const count = d.dataVolumeCount ?? 1;
      checkInt(`${x}.dataVolumeCount`, count, 1, 64);
      if (d.dataStorage) {
        const paths: string[] = [];
        if (count === 1) {
          paths.push(pvc(`${prefix}-data`, `${x}.dataStorage`, d.dataStorage, '1Ti', DEFAULT_PATHS.data(x)));
        } else {
          for (let i = 0; i < count; i++) {
            paths.push(pvc(`${prefix}${i}-data`, `${x}.dataStorage`, d.dataStorage, '1Ti', DEFAULT_PATHS.data(x), String(i)));
          }
        }
        this.configurePath(`${x}.dataStorage.mountPath`, 'storage_root_path', paths.join(';'), DEFAULT_PATHS.data(x));
      } else if (d.dataVolumeCount !== undefined && count !== 1) {
        fail(`${x}.dataVolumeCount`, 'used together with dataStorage', count);
      }
      if (d.logStorage) {
        const path = pvc(`${prefix}-log`, `${x}.logStorage`, d.logStorage, '20Gi', DEFAULT_PATHS.log(x));
        this.configurePath(`${x}.logStorage.mountPath`, 'sys_log_dir', path, DEFAULT_PATHS.log(x));
      }
      if (d.spillStorage) {
        const path = pvc(`${prefix}-spill`, `${x}.spillStorage`, d.spillStorage, '0Gi', DEFAULT_PATHS.spill(x));
        this.configurePath(`${x}.spillStorage.mountPath`, 'spill_local_storage_dir', path, DEFAULT_PATHS.spill(x));
      }
    }
    const extras: Array<[string, WireStorageVolume]> = [];
    (o.emptyDirs ?? []).forEach((e, i) => {
      checkDnsLabel(`${x}.emptyDirs[${i}].name`, e.name);
      checkMountPath(`${x}.emptyDirs[${i}].mountPath`, e.mountPath);
      extras.push([`${x}.emptyDirs[${i}]`, { name: e.name, mountPath: e.mountPath, storageClassName: 'emptyDir' }]);
    });
    (o.hostPaths ?? []).forEach((h, i) => {
      checkDnsLabel(`${x}.hostPaths[${i}].name`, h.name);
      checkMountPath(`${x}.hostPaths[${i}].mountPath`, h.mountPath);
      if (!h.path) {
        fail(`${x}.hostPaths[${i}].path`, 'a non-empty node path', h.path);
      }
      extras.push([`${x}.hostPaths[${i}]`, {
        name: h.name,
        mountPath: h.mountPath,
        storageClassName: 'hostPath',
        hostPath: h.type !== undefined ? { path: h.path, type: h.type } : { path: h.path },
      }]);
    });
    (o.storageVolumes ?? []).forEach((v, i) => extras.push([`${x}.storageVolumes[${i}]`, renderStorageVolume(`${x}.storageVolumes[${i}]`, v)]));
    this.checkDefaultVolumes(out, extras);
    return out.concat(extras.map(([, v]) => v));
  }

  /**
   * The operator leaves out a default volume (FE meta and log, BE data and log, CN log) when any
   * volume is named like it (`*-meta`, `*-data`, `*-log`) or mounted at a path containing its path
   * (V41). Warns when an extra volume does so without taking the default path's place.
   */
  private checkDefaultVolumes(standard: WireStorageVolume[], extras: Array<[string, WireStorageVolume]>): void {
    for (const d of DEFAULT_VOLUMES[this.key]) {
      const replaces = (v: WireStorageVolume) => !isZeroSize(v.storageSize ?? '') && (v.name.endsWith(d.suffix) || v.mountPath.includes(d.path));
      if (standard.some(replaces)) {
        continue;
      }
      for (const [prop, v] of extras) {
        if (replaces(v) && v.mountPath !== d.path) {
          warn(this.ctx.scope, `'${prop}' ("${v.name}" at ${v.mountPath}) makes the operator leave out its default volume for ${d.path}, which then lives in the container's filesystem`);
        }
      }
    }
  }

  /**
   * A standard directory moved to another path needs the StarRocks setting that points there:
   * added to a config made of entries, a warning for a config given as text.
   */
  private configurePath(prop: string, key: string, path: string, defaultPath: string): void {
    if (path === defaultPath) {
      return;
    }
    const current = this._config?.get(key);
    if (current === path) {
      return;
    }
    if (current !== undefined) {
      warn(this.ctx.scope, `'${prop}' is ${path} but the config sets ${key} = ${current}; StarRocks will not use the volume`);
      return;
    }
    if (this.isEntriesConfig()) {
      this.addConfig(key, path);
    } else {
      warn(this.ctx.scope, `'${prop}' is ${path}, which is not the default; set ${key} = ${path} in ${this.key}.conf or StarRocks will not use the volume`);
    }
  }

  private isEntriesConfig(): boolean {
    return this._config !== undefined && (this._config as any)._entries !== undefined;
  }

  /** Duplicate mount paths or volume names make the operator refuse the spec (V30). */
  private checkVolumes(spec: { [key: string]: any }): void {
    const x = this.key;
    const paths = new Map<string, string>();
    const names = new Map<string, string>();
    const add = (what: string, name: string, path: string) => {
      if (paths.has(path)) {
        fail(`${x} mount paths`, `unique (the operator refuses duplicates), but ${paths.get(path)} and ${what} both mount`, path);
      }
      paths.set(path, what);
      if (names.has(name)) {
        fail(`${x} volume names`, `unique (the operator refuses duplicates), but ${names.get(name)} and ${what} are both named`, name);
      }
      names.set(name, what);
    };
    for (const v of spec.storageVolumes ?? []) {
      add(`storage volume ${v.name}`, v.name, v.mountPath);
    }
    if (spec.configMapInfo) {
      add('the config ConfigMap', spec.configMapInfo.configMapName, configMountPath(x));
    }
    for (const kind of ['configMaps', 'secrets']) {
      for (const m of spec[kind] ?? []) {
        const vol = this.ctx.volumeNameWithHash ? `${m.name}-${mountVolumeHash(m.name, m.mountPath, m.subPath ?? '')}` : m.name;
        add(`${kind === 'configMaps' ? 'ConfigMap' : 'Secret'} ${m.name} (volume ${vol})`, vol, m.mountPath);
        if (vol.length > NAME_BUDGET.volume) {
          fail(`${x}.${kind}`, `mounted under a volume name of at most ${NAME_BUDGET.volume} characters`, vol);
        }
      }
    }
  }
}

/**
 * Checks and renders the options of a Service the operator creates, for a component or the FE
 * proxy. Port overrides must match one of `ports()` by containerPort or name (`portsAllowed` says
 * so in the error); `annotations` are added to the ones of the options.
 *
 * @internal
 */
export function renderServiceOptions(
  prop: string,
  s: ComponentServiceOptions,
  ports: () => { [name: string]: number },
  portsAllowed: (known: { [name: string]: number }) => string,
  annotations: { [key: string]: string } = {},
): { [key: string]: any } {
  const type = s.type ?? 'ClusterIP';
  checkOneOf(`${prop}.type`, type, SERVICE_TYPES);
  const out: { [key: string]: any } = { type };
  if (s.loadBalancerIp !== undefined) {
    if (type !== 'LoadBalancer') {
      fail(`${prop}.loadBalancerIp`, 'set only with service type LoadBalancer', s.loadBalancerIp);
    }
    out.loadBalancerIP = s.loadBalancerIp;
  }
  if (s.loadBalancerSourceRanges !== undefined && s.loadBalancerSourceRanges.length > 0) {
    if (type !== 'LoadBalancer') {
      fail(`${prop}.loadBalancerSourceRanges`, 'set only with service type LoadBalancer (Kubernetes rejects source ranges on other Services)', s.loadBalancerSourceRanges);
    }
    s.loadBalancerSourceRanges.forEach((r, i) => {
      if (!/^[0-9a-fA-F.:]+\/[0-9]{1,3}$/.test(r)) {
        fail(`${prop}.loadBalancerSourceRanges[${i}]`, 'a CIDR such as "10.0.0.0/8"', r);
      }
    });
    out.loadBalancerSourceRanges = s.loadBalancerSourceRanges.slice();
  }
  if (s.ports !== undefined && s.ports.length > 0) {
    const known = ports();
    out.ports = s.ports.map((port, i) => {
      const pp = `${prop}.ports[${i}]`;
      const byContainer = port.containerPort !== undefined && Object.values(known).includes(port.containerPort);
      const byName = port.name !== undefined && Object.prototype.hasOwnProperty.call(known, port.name);
      if (!byContainer && !byName) {
        fail(pp, portsAllowed(known), port);
      }
      if (port.nodePort !== undefined) {
        if (type === 'ClusterIP') {
          fail(`${pp}.nodePort`, 'set only with service type NodePort or LoadBalancer', port.nodePort);
        }
        checkInt(`${pp}.nodePort`, port.nodePort, 30000, 32767);
      }
      if (port.port !== undefined) {
        checkInt(`${pp}.port`, port.port, 1, 65535);
      }
      if (port.containerPort !== undefined) {
        checkInt(`${pp}.containerPort`, port.containerPort, 1, 65535);
      }
      const r: { [key: string]: any } = {};
      for (const k of ['name', 'containerPort', 'port', 'nodePort'] as const) {
        if (port[k] !== undefined) {
          r[k] = port[k];
        }
      }
      return r;
    });
  }
  const allAnnotations = { ...copyStringMap(`${prop}.annotations`, s.annotations) };
  for (const k of Object.keys(annotations)) {
    setOnce(`${prop}.annotations`, allAnnotations, k, annotations[k]);
  }
  if (Object.keys(allAnnotations).length > 0) {
    out.annotations = allAnnotations;
  }
  const labels = copyStringMap(`${prop}.labels`, s.labels);
  if (labels && Object.keys(labels).length > 0) {
    out.labels = labels;
  }
  return out;
}

function setOnce(prop: string, map: { [key: string]: string }, key: string, value: string) {
  if (typeof value !== 'string') {
    fail(`${prop}.${key}`, 'a string', value);
  }
  if (key in map && map[key] !== value) {
    throw new Error(`'${prop}.${key}' is already set to ${show(map[key])}; cannot set it to ${show(value)}`);
  }
  map[key] = value;
}

function checkContainer(prop: string, container: k8s.Container, existing: any[]): any {
  const wire = toWire(container, prop);
  if (!wire || typeof wire.name !== 'string') {
    fail(`${prop}[].name`, 'a container name', wire?.name);
  }
  checkDnsLabel(`${prop}[].name`, wire.name);
  if (existing.some((c) => c.name === wire.name)) {
    throw new Error(`'${prop}' already has a container named ${JSON.stringify(wire.name)}`);
  }
  // V09: the API server silently drops fields the CRD does not know, e.g. a misspelled one
  for (const [field, value] of Object.entries(wire)) {
    checkField(`${prop}[${wire.name}]`, field, CONTAINER_FIELD_NAMES, value);
    const nested = CONTAINER_FIELDS.get(field);
    for (const item of nested ? [value].flat() : []) {
      for (const [k, v] of Object.entries(item ?? {})) {
        checkField(`${prop}[${wire.name}].${field}`, k, nested!, v);
      }
    }
  }
  return wire;
}

function checkField(prop: string, field: string, known: readonly string[], value: unknown): void {
  if (!known.includes(field)) {
    const like = known.find((k) => k.toLowerCase() === field.toLowerCase());
    fail(`${prop}.${field}`, `a field the StarRocks CRD knows${like ? ` (did you mean ${like}?)` : ''}; the API server drops unknown fields silently`, value);
  }
}

function parsePort(prop: string, text: string): number {
  const n = Number(text);
  if (!/^[0-9]+$/.test(text) || n < 1 || n > 65535) {
    fail(prop, 'a port number from 1 to 65535', text);
  }
  return n;
}

/** Component options copied into the spec as they are, when set. */
const SCALAR_SPEC_FIELDS = ['terminationGracePeriodSeconds', 'startupProbeFailureSeconds', 'livenessProbeFailureSeconds',
  'readinessProbeFailureSeconds', 'minReadySeconds'] as const;

/** Scheduling options a component inherits from the cluster's shared ones, copied into the spec when not empty. */
const SCHEDULING_SPEC_FIELDS = ['hostAliases', 'schedulerName', 'serviceAccount', 'tolerations', 'topologySpreadConstraints', 'nodeSelector', 'affinity'] as const;
