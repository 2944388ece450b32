import type { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { beKind } from './be';
import { checkScalars } from './checks';
import { cnKind } from './cn';
import { componentConfigMap } from './config-maps';
import { checkContainer } from './containers';
import { feKind } from './fe';
import type { ComponentKindBehavior, EnvFields, KindSpecFields } from './kind';
import type { ComponentOptions, ComponentServiceOptions, MountOptions, SharedComponentOptions } from './options';
import { checkDistinctPorts, ComponentPorts, derivePorts } from './ports';
import { renderServiceOptions } from './services';
import { checkDefaultVolumes, checkVolumes, extraVolumes } from './storage-volumes';
import { ComponentKind, IStarRocksComponent } from '../cluster/reference';
import {
  ComponentKey, configFileKey, configHashAnnotation, DEFAULT_IMAGE_TAG, DEFAULT_REPOSITORY, DERIVED_NAMES, ENTRYPOINT_MOUNT_PATH,
  entrypointHashAnnotation, NAME_BUDGET,
} from '../common/constants';
import type { CommonComponentSpecWire, ComponentSpecWire, ContainerWire, EnvVarWire, MountWire, ServiceWire, StorageVolumeWire } from '../common/crd-types';
import { StarRocksPropError } from '../common/errors';
import { helmValueHash } from '../common/hash';
import { ImageReference } from '../common/image';
import { LABEL_CLUSTER, LABEL_COMPONENT, LABEL_OWNER } from '../common/labels';
import { renderQuantities } from '../common/quantity';
import { checkDnsLabel, copyStringMap, fail, problemsOf, setOnce } from '../common/validate';
import { warn } from '../common/warnings';
import {
  affinityToWire, capabilitiesToWire, envVarToWire, hostAliasesToWire, lifecycleToWire, pvcRetentionPolicyToWire, sysctlsToWire,
  tolerationsToWire, topologySpreadToWire, updateStrategyToWire,
} from '../common/wire';
import { StarRocksConfig } from '../config/config';

export { renderServiceOptions } from './services';

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
  readonly envKey?: 'envVars';
}

/** The behaviour of a kind of component, made from its options. */
function kindOf(key: ComponentKey, opts: ComponentOptions): ComponentKindBehavior {
  switch (key) {
    case 'fe': return feKind(opts);
    case 'be': return beKind(opts);
    default: return cnKind(opts);
  }
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
    return new StarRocksComponent(kindOf(key, opts), ctx, opts);
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
   * The name of the config ConfigMap (`<cluster>-<component>-cm` or the chosen `configMapName`),
   * whether or not the library writes it (see `_writesConfigMap`).
   *
   * @internal
   */
  public readonly _configMapName: string;

  private readonly behavior: ComponentKindBehavior;
  private readonly key: ComponentKey;
  private readonly ctx: ComponentContext;
  private readonly opts: ComponentOptions;
  private _config?: StarRocksConfig;
  private readonly _env: EnvVarWire[] = [];
  private readonly _annotations: { [key: string]: string } = {};
  private readonly _podLabels: { [key: string]: string } = {};
  private readonly _sidecars: ContainerWire[] = [];
  private readonly _initContainers: ContainerWire[] = [];
  private readonly _storageVolumes: StorageVolumeWire[];
  private _extraLabels?: { [key: string]: string };
  private readonly _serviceAnnotations: { [key: string]: string } = {};
  private readonly _capabilitiesAdded: string[] = [];
  private _configMapWritten = false;
  private _rootWarned = false;
  private _portsOf?: { readonly config: StarRocksConfig | undefined; readonly ports: ComponentPorts };

  private constructor(kind: ComponentKindBehavior, ctx: ComponentContext, options: ComponentOptions) {
    this.behavior = kind;
    const key = this.key = kind.key;
    this.ctx = ctx;
    const opts = this.opts = options;
    const c = ctx.clusterName;
    this.componentName = key;
    this.statefulSetName = DERIVED_NAMES.statefulSet(c, key);
    this.serviceName = DERIVED_NAMES.service(c, key);
    this.searchServiceName = DERIVED_NAMES.searchService(c, key);
    this._configMapName = opts.configMapName ?? DERIVED_NAMES.configMap(c, key);
    if (opts.configMapName !== undefined) {
      checkDnsLabel(`${key}.configMapName`, opts.configMapName);
    }
    if (opts.existingConfig !== undefined) {
      if (opts.config !== undefined || opts.configMapName !== undefined) {
        fail(`${key}.existingConfig`, 'unset when config or configMapName is set (one config file per component)', opts.existingConfig);
      }
      checkDnsLabel(`${key}.existingConfig.configMapName`, opts.existingConfig.configMapName);
      if (!opts.existingConfig.resolveKey) {
        fail(`${key}.existingConfig.resolveKey`, `the ConfigMap key of the config file, e.g. "${configFileKey(key)}" (the operator silently ignores a configMapInfo without it)`, opts.existingConfig.resolveKey);
      }
    }
    this._config = opts.config;
    if (opts.config !== undefined && !(opts.config instanceof StarRocksConfig)) {
      fail(`${key}.config`, 'a StarRocksConfig (StarRocksConfig.fromEntries({...}) or StarRocksConfig.fromText(...))', opts.config);
    }

    checkScalars({
      kind,
      opts,
      imageTag: { value: this.inherit('imageTag'), prop: this.propOf('imageTag') },
      volumeNameWithHash: ctx.volumeNameWithHash,
      warn: (m) => warn(ctx.scope, m),
    });
    for (const e of opts.envVars ?? []) {
      this.addEnvVar(e);
    }
    const annotations = copyStringMap(`${key}.annotations`, opts.annotations) ?? {};
    for (const k of Object.keys(annotations)) {
      this.addPodAnnotation(k, annotations[k]);
    }
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
    // the props' own config is checked now; entries added later are checked at synthesis
    checkDistinctPorts(key, this.ports());
    ctx.scope.node.addValidation({ validate: () => this._problems() });
  }

  /** Which component this is. */
  public get kind(): ComponentKind {
    switch (this.key) {
      case 'fe': return ComponentKind.FE;
      case 'be': return ComponentKind.BE;
      default: return ComponentKind.CN;
    }
  }

  /**
   * Name of the ConfigMap holding the config file (`<cluster>-<component>-cm`, or the chosen
   * `configMapName`); the library writes it when the component has a config (`config`, or
   * `addConfig`).
   */
  public get configMapName(): string {
    // the warehouse reads this as its ConfigMap's name, config or not; undefined without a config
    // once it reads `_configMapName` instead
    return this._configMapName;
  }

  /** Whether the library writes the config ConfigMap (the component has a config). @internal */
  public get _writesConfigMap(): boolean {
    return this._config !== undefined;
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

  /** The image of the StarRocks container. */
  public get image(): string {
    if (this.opts.image !== undefined) {
      return this.opts.image;
    }
    return ImageReference.of(DEFAULT_REPOSITORY[this.key], this.inherit('imageTag') ?? DEFAULT_IMAGE_TAG).toString();
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
    const wire = envVarToWire(envVar, `${this.key}.envVars`);
    if (!wire || typeof wire.name !== 'string' || wire.name.length === 0) {
      fail(`${this.key}.envVars[].name`, 'a non-empty string', wire?.name);
    }
    if (this.hasEnvVar(wire.name)) {
      throw new StarRocksPropError(`${this.key}.envVars`, `already has a variable named ${JSON.stringify(wire.name)}`);
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
   * the file already sets the key to another value; ports that clash are reported at synthesis.
   *
   * @param key the configuration item
   * @param value its value
   */
  public addConfig(key: string, value: string): void {
    if (this.opts.existingConfig !== undefined) {
      fail(`${this.key}.config.${key}`, 'set in the existing ConfigMap (the component uses existingConfig)', value);
    }
    const base = this._config ?? StarRocksConfig.fromEntries({});
    this._config = base.withEntries({ [key]: value }, `${this.key}.config`);
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
      componentConfigMap({
        scope: this.ctx.scope,
        id: `${this.behavior.idPrefix}Entrypoint`,
        name: this.entrypointConfigMapName,
        namespace: this.ctx.namespace,
        labels: { ...extraLabels, ...this.configMapLabels },
        fileName: 'entrypoint.sh',
        text: this.opts.entrypointScript,
      });
    }
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
      out.push({ name: this._configMapName, prop: `${this.key}.${chosen ? 'configMapName' : 'config'}`, chosen });
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

  /** The key of this component in the custom resource's spec. @internal */
  public get _specKey(): string {
    return this.behavior.specKey;
  }

  /**
   * The problems of the component that depend on calls made after it was defined (ports and
   * volumes after `addConfig`, the config-hash annotation), each naming its property; warnings
   * that depend on such calls are recorded now.
   *
   * @internal
   */
  public _problems(): string[] {
    const hashKey = configHashAnnotation(this.key);
    const problems = [
      ...problemsOf(() => checkDistinctPorts(this.key, derivePorts(this.key, this._config))),
      ...problemsOf(() => checkVolumes(this.key, this.renderVolumes({}), this.ctx.volumeNameWithHash)),
      ...problemsOf(() => {
        if (this.rollsOnConfigChange && hashKey in this._annotations) {
          fail(`${this.key}.annotations`, `free of "${hashKey}" when the component has a config (the library computes it)`, this._annotations[hashKey]);
        }
      }),
    ];
    // checked at synthesis: addEnvVar may add STARROCKS_ROOT after the component is defined
    if (this.opts.readOnlyRootFilesystem && !this._rootWarned && !this.hasEnvVar('STARROCKS_ROOT')) {
      this._rootWarned = true;
      warn(this.ctx.scope, `'${this.key}.readOnlyRootFilesystem' is set without a STARROCKS_ROOT environment variable; StarRocks writes below its root directory and will fail to start`);
    }
    return problems;
  }

  /**
   * Renders the component's part of the custom resource's spec (for a warehouse, its template).
   *
   * @internal
   */
  public _renderSpec(): ComponentSpecWire {
    const spec: CommonComponentSpecWire & EnvFields & KindSpecFields = this.renderCommon();
    const env = this.renderEnv();
    if (env.length > 0) {
      spec[this.ctx.envKey ?? this.behavior.envKey] = env;
    }
    return Object.assign(spec, this.behavior.renderOwn());
  }

  /** The spec without the environment and the kind's own fields. */
  private renderCommon(): CommonComponentSpecWire {
    const o = this.opts;
    const x = this.key;
    const spec: CommonComponentSpecWire = {};
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
    if (this._config && this.rollsOnConfigChange) {
      // a user's own value of the annotation is reported by _problems()
      annotations[configHashAnnotation(x)] = this._config.hash;
    }
    if (o.entrypointScript !== undefined) {
      annotations[entrypointHashAnnotation(x)] = helmValueHash(o.entrypointScript);
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
    }
    if (o.capabilities !== undefined || this._capabilitiesAdded.length > 0) {
      const caps = capabilitiesToWire(o.capabilities ?? {}, `${x}.capabilities`);
      const add = (caps.add ?? []).slice();
      for (const c of this._capabilitiesAdded) {
        if (!add.includes(c)) {
          add.push(c);
        }
      }
      spec.capabilities = add.length > 0 ? { ...caps, add } : caps;
    }
    if (o.sysctls && o.sysctls.length > 0) {
      spec.sysctls = sysctlsToWire(o.sysctls, `${x}.sysctls`);
    }
    if (o.terminationGracePeriodSeconds !== undefined) spec.terminationGracePeriodSeconds = o.terminationGracePeriodSeconds;
    if (o.startupProbeFailureSeconds !== undefined) spec.startupProbeFailureSeconds = o.startupProbeFailureSeconds;
    if (o.livenessProbeFailureSeconds !== undefined) spec.livenessProbeFailureSeconds = o.livenessProbeFailureSeconds;
    if (o.readinessProbeFailureSeconds !== undefined) spec.readinessProbeFailureSeconds = o.readinessProbeFailureSeconds;
    if (o.minReadySeconds !== undefined) spec.minReadySeconds = o.minReadySeconds;
    if (o.podManagementPolicy !== undefined) {
      spec.podManagementPolicy = o.podManagementPolicy;
    }
    if (o.lifecycle !== undefined) {
      spec.lifecycle = lifecycleToWire(o.lifecycle, `${x}.lifecycle`);
    }
    if (this._sidecars.length > 0) {
      spec.sidecars = this._sidecars.slice();
    }
    if (this._initContainers.length > 0) {
      spec.initContainers = this._initContainers.slice();
    }
    if (o.updateStrategy !== undefined) {
      spec.updateStrategy = updateStrategyToWire(o.updateStrategy, `${x}.updateStrategy`);
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
    this.renderVolumes(spec);
    if (o.persistentVolumeClaimRetentionPolicy !== undefined) {
      spec.persistentVolumeClaimRetentionPolicy = pvcRetentionPolicyToWire(o.persistentVolumeClaimRetentionPolicy, `${x}.persistentVolumeClaimRetentionPolicy`);
    }
    this.renderScheduling(spec);
    return spec;
  }

  /** Sets the volumes and mounts of the spec: storage volumes, config, ConfigMaps and Secrets. */
  private renderVolumes(spec: CommonComponentSpecWire): CommonComponentSpecWire {
    const o = this.opts;
    const configMaps = this.mounts(o.configMaps);
    if (o.entrypointScript !== undefined) {
      configMaps.push({ name: this.entrypointConfigMapName, mountPath: ENTRYPOINT_MOUNT_PATH, subPath: 'entrypoint.sh' });
    }
    if (configMaps.length > 0) {
      spec.configMaps = configMaps;
    }
    const secrets = this.mounts(o.secrets);
    if (secrets.length > 0) {
      spec.secrets = secrets;
    }
    if (this._config) {
      spec.configMapInfo = { configMapName: this._configMapName, resolveKey: configFileKey(this.key) };
    } else if (o.existingConfig) {
      spec.configMapInfo = { configMapName: o.existingConfig.configMapName, resolveKey: o.existingConfig.resolveKey };
    }
    if (this._storageVolumes.length > 0) {
      spec.storageVolumes = this._storageVolumes.map((v) => ({ ...v }));
    }
    return spec;
  }

  /** The scheduling options a component inherits from the cluster's shared ones, when not empty. */
  private renderScheduling(spec: CommonComponentSpecWire): void {
    const hostAliases = this.inherit('hostAliases');
    if (hostAliases !== undefined && hostAliases.length > 0) spec.hostAliases = hostAliasesToWire(hostAliases, this.propOf('hostAliases'));
    const schedulerName = this.inherit('schedulerName');
    if (schedulerName !== undefined) spec.schedulerName = schedulerName;
    const serviceAccount = this.inherit('serviceAccount');
    if (serviceAccount !== undefined) spec.serviceAccount = serviceAccount;
    const tolerations = this.inherit('tolerations');
    if (tolerations !== undefined && tolerations.length > 0) spec.tolerations = tolerationsToWire(tolerations, this.propOf('tolerations'));
    const spread = this.inherit('topologySpreadConstraints');
    if (spread !== undefined && spread.length > 0) spec.topologySpreadConstraints = topologySpreadToWire(spread, this.propOf('topologySpreadConstraints'));
    const nodeSelector = this.inherit('nodeSelector');
    if (nodeSelector !== undefined && Object.keys(nodeSelector).length > 0) spec.nodeSelector = { ...nodeSelector };
    const affinity = this.inherit('affinity');
    if (affinity !== undefined && Object.keys(affinity).length > 0) spec.affinity = affinityToWire(affinity, this.propOf('affinity'));
  }

  private get rollsOnConfigChange(): boolean {
    return this._config !== undefined && this.opts.rollOnConfigChange !== false;
  }

  private ensureConfigMap(): void {
    if (this._configMapWritten || this._extraLabels === undefined) {
      return;
    }
    this._configMapWritten = true;
    componentConfigMap({
      scope: this.ctx.scope,
      id: `${this.behavior.idPrefix}Config`,
      name: this._configMapName,
      namespace: this.ctx.namespace,
      labels: { ...this._extraLabels, ...this.configMapLabels },
      fileName: configFileKey(this.key),
      text: () => this._config?.text ?? '',
    });
  }

  private get configMapLabels(): { [key: string]: string } {
    return this.ctx.configMapLabels ?? { [LABEL_CLUSTER]: this.ctx.clusterName, app: this.key };
  }

  private get entrypointConfigMapName(): string {
    return DERIVED_NAMES.entrypointConfigMap(this.ctx.clusterName, this.key);
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

  private renderEnv(): EnvVarWire[] {
    const env: EnvVarWire[] = [];
    if (this.ctx.timeZone !== undefined && !this._env.some((e) => e.name === 'TZ')) {
      env.push({ name: 'TZ', value: this.ctx.timeZone });
    }
    for (const e of this._env) {
      env.push(e);
    }
    return env;
  }

  private mounts(list: MountOptions[] | undefined): MountWire[] {
    return (list ?? []).map((m) => {
      const r: MountWire = { name: m.name, mountPath: m.mountPath };
      if (m.subPath !== undefined) {
        r.subPath = m.subPath;
      }
      return r;
    });
  }

  private renderService(s: ComponentServiceOptions | undefined): ServiceWire | undefined {
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
  private ports(): ComponentPorts {
    const config = this._config;
    // the ports of the last config asked about (a config cannot change); callers only read them
    if (this._portsOf !== undefined && this._portsOf.config === config) {
      return this._portsOf.ports;
    }
    const ports = derivePorts(this.key, config);
    this._portsOf = { config, ports };
    return ports;
  }

  private buildStorageVolumes(): StorageVolumeWire[] {
    const x = this.key;
    const prefix = this.opts.volumeNamePrefix ?? x;
    checkDnsLabel(`${x}.volumeNamePrefix`, prefix, NAME_BUDGET.volumeNamePrefix);
    const scope = this.ctx.scope;
    const standard = this.behavior.standardVolumes(prefix, {
      warn: (m) => warn(scope, m),
      configurePath: (prop, key, path, defaultPath) => this.configurePath(prop, key, path, defaultPath),
    });
    const extras = extraVolumes(x, this.opts);
    checkDefaultVolumes(x, standard, extras, (m) => warn(scope, m));
    return standard.concat(extras.map(([, v]) => v));
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
    if (this._config !== undefined && this._config._isEntries) {
      this.addConfig(key, path);
    } else {
      warn(this.ctx.scope, `'${prop}' is ${path}, which is not the default; set ${key} = ${path} in ${this.key}.conf or StarRocks will not use the volume`);
    }
  }
}
