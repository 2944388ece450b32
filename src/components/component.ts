import type { k8s } from 'cdk8s-plus-27';
import { checkConfigOptions, checkScalars } from './checks';
import { componentConfigMap } from './config-maps';
import { checkContainer } from './containers';
import { ComponentContext, ComponentKindBehavior, EnvFields, KindSpecFields } from './kind';
import { kindOf } from './kinds';
import type { ComponentOptions, ComponentServiceOptions, SharedComponentOptions } from './options';
import { checkDistinctPorts, ComponentPorts, derivePorts } from './ports';
import { ComponentRenderState, renderCommonSpec, renderEnv, renderVolumes, serviceOf } from './render';
import { renderComponentService } from './services';
import { checkVolumes, componentVolumes, configEntryForPath } from './storage-volumes';
import { ComponentKind, StarRocksPort } from '../cluster/component-kind';
import { IStarRocksComponent } from '../cluster/reference';
import { ARROW_FLIGHT, ComponentKey, configFileKey, configHashAnnotation, DEFAULT_IMAGE_TAG, DEFAULT_REPOSITORY, DERIVED_NAMES } from '../common/constants';
import type { CommonComponentSpecWire, ComponentSpecWire, ContainerWire, EnvVarWire, ServiceWire, StorageVolumeWire } from '../common/crd-types';
import { takeEnvContributions, resolveEnv } from '../common/env-contributions';
import { StarRocksPropError } from '../common/errors';
import { ImageReference } from '../common/image';
import { LABEL_CLUSTER, LABEL_COMPONENT, LABEL_OWNER } from '../common/labels';
import { addPropValidation, propErrorsOf } from '../common/prop-validation';
import { checkOneOf, copyStringMap, fail, setOnce } from '../common/validate';
import { warn } from '../common/warnings';
import { envVarToWire } from '../common/wire';
import { StarRocksConfig } from '../config/config';

export { renderServiceOptions } from './services';
export type { ComponentContext } from './kind';

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
  /** The environment in call order: the user's variables and the ones other constructs contribute (`contribution` naming who). */
  private readonly _env: Array<{ readonly envVar: EnvVarWire; readonly contribution?: string }> = [];
  private readonly _annotations: { [key: string]: string } = {};
  private readonly _podLabels: { [key: string]: string } = {};
  private readonly _sidecars: ContainerWire[] = [];
  private readonly _initContainers: ContainerWire[] = [];
  private readonly _storageVolumes: StorageVolumeWire[];
  private _extraLabels?: { [key: string]: string };
  private readonly _serviceAnnotations: { [key: string]: string } = {};
  /** Service annotations whose value is a port number, computed at synthesis. */
  private readonly _servicePortAnnotations: { [key: string]: StarRocksPort } = {};
  private readonly _capabilitiesAdded: string[] = [];
  private _configMapWritten = false;
  private _rootWarned = false;
  private _portsOf?: { readonly config: StarRocksConfig | undefined; readonly ports: ComponentPorts };
  /** The config last checked at synthesis and its errors (its warnings are recorded then). */
  private _configChecked?: { readonly config: StarRocksConfig; readonly errors: readonly StarRocksPropError[] };

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
    checkConfigOptions(key, opts);
    this._config = opts.config;

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
    // variables of other constructs (the root password's MYSQL_PWD), resolved when rendered
    takeEnvContributions(this, (given) => this._env.push({ envVar: given.envVar, contribution: given.source }));
    const annotations = copyStringMap(`${key}.podAnnotations`, opts.podAnnotations) ?? {};
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
    this._storageVolumes = componentVolumes(kind, opts, {
      warn: (m) => warn(ctx.scope, m),
      configurePath: (prop, k, path, defaultPath) => this.configurePath(prop, k, path, defaultPath),
    });
    // the props' own config and Service are checked now; what later calls change is checked at synthesis
    checkDistinctPorts(key, this.ports());
    this.checkConfigValues();
    if (opts.service !== undefined) {
      // the port overrides match the ports of the config as it is at synthesis (addConfig may change them)
      renderComponentService(key, opts.service, undefined, {}, () => undefined);
    }
    addPropValidation(ctx.scope, () => this._problems());
  }

  /** Which component this is. */
  public get kind(): ComponentKind {
    return this.behavior.kind;
  }

  /**
   * Name of the ConfigMap holding the config file (`<cluster>-<component>-cm`, or the chosen
   * `configMapName`), when the library writes one: the component has a config (`config`, or
   * `addConfig`).
   *
   * @default - none while the component has no config file
   */
  public get configMapName(): string | undefined {
    return this._writesConfigMap ? this._configMapName : undefined;
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
   * Returns a port of the component as the operator derives it from the config file. Throws for
   * a port the component does not have.
   *
   * @param port the port, by its name on the component's Services: FE `HTTP`, `RPC`, `QUERY`,
   * `EDIT_LOG`; BE `BE`, `WEBSERVER`, `HEARTBEAT`, `BRPC`; CN `THRIFT`, `WEBSERVER`, `HEARTBEAT`,
   * `BRPC`; each `ARROW_FLIGHT` when the config sets `arrow_flight_port`
   */
  public port(port: StarRocksPort): number {
    const ports = this.ports();
    const p = ports[port];
    if (p === undefined) {
      if (port === StarRocksPort.ARROW_FLIGHT) {
        fail(`${this.key} port`, `a port the component has: ${ARROW_FLIGHT.name} needs "${ARROW_FLIGHT.key}" in the ${this.key} config`, port);
      }
      fail(`${this.key} port`, `one of ${Object.keys(ports).map((n) => JSON.stringify(n)).join(', ')}`, port);
    }
    return p;
  }

  /**
   * Adds an environment variable to the container. Throws if a variable of that name was given
   * (in the props or here; the cluster's `TZ` included). A variable of that name another construct
   * contributes (the root password's `MYSQL_PWD`) gives way to this one, whichever came first.
   *
   * @param envVar the variable
   */
  public addEnvVar(envVar: k8s.EnvVar): void {
    const wire = envVarToWire(envVar, `${this.key}.envVars`);
    if (!wire || typeof wire.name !== 'string' || wire.name.length === 0) {
      fail(`${this.key}.envVars[].name`, 'a non-empty string', wire?.name);
    }
    if (this.hasGivenEnvVar(wire.name)) {
      throw new StarRocksPropError(`${this.key}.envVars`, `already has a variable named ${JSON.stringify(wire.name)}`);
    }
    this._env.push({ envVar: wire });
  }

  /**
   * Whether the container has an environment variable of that name (set by the user or the
   * library, or contributed by another construct; the cluster's `TZ` included).
   *
   * @param name the variable's name
   */
  public hasEnvVar(name: string): boolean {
    if (name === 'TZ' && this.ctx.timeZone !== undefined) return true;
    for (let i = 0; i < this._env.length; i++) {
      if (this._env[i].envVar.name === name) return true;
    }
    return false;
  }

  /** Whether a variable of that name was given (not contributed); `TZ` with the cluster's time zone. */
  private hasGivenEnvVar(name: string): boolean {
    if (name === 'TZ' && this.ctx.timeZone !== undefined) return true;
    return this._env.some((e) => e.contribution === undefined && e.envVar.name === name);
  }

  /**
   * Adds a pod annotation. Throws if the annotation is already set to another value.
   *
   * @param key the annotation key
   * @param value its value
   */
  public addPodAnnotation(key: string, value: string): void {
    setOnce(`${this.key}.podAnnotations`, this._annotations, key, value);
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
   * Adds an annotation to the component's external Service whose value is one of the
   * component's port numbers, read from the config file when the manifest is synthesized (so
   * `addConfig` calls made later count). A clash with another value of the annotation is
   * reported at synthesis.
   *
   * @param key the annotation key, e.g. `prometheus.io/port`
   * @param port the port whose number is the value
   */
  public addServiceAnnotationFromPort(key: string, port: StarRocksPort): void {
    const prop = `${this.key}.service.annotations`;
    checkOneOf(`${prop}.${key}`, port, Object.values(StarRocksPort));
    const other = this._servicePortAnnotations[key];
    if (other !== undefined && other !== port) {
      fail(`${prop}.${key}`, `the ${other} port, as already added`, port);
    }
    this._servicePortAnnotations[key] = port;
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
   * the file already sets the key to another value; ports that clash, and values StarRocks cannot
   * parse, are reported at synthesis.
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
   * volumes after `addConfig`, the Service's ports and annotations, the config-hash annotation,
   * contributed variables), each naming its property; warnings that depend on such calls are
   * recorded now.
   *
   * @internal
   */
  public _problems(): StarRocksPropError[] {
    const hashKey = configHashAnnotation(this.key);
    const problems = [
      ...resolveEnv(this._env).conflicts.map(([a, b]) => new StarRocksPropError(`${this.key}.envVars`,
        `must have one ${JSON.stringify(a.envVar.name)}, but ${a.source} and ${b.source} contribute different ones`)),
      ...propErrorsOf(() => checkDistinctPorts(this.key, derivePorts(this.key, this._config))),
      ...propErrorsOf(() => this.checkServicePortAnnotations()),
      ...propErrorsOf(() => checkVolumes(this.key, renderVolumes(this.renderState(), {}), this.ctx.volumeNameWithHash)),
      // the Service's rules, without its warnings (recorded when it renders)
      ...propErrorsOf(() => this.renderService(serviceOf(this.opts, this._serviceAnnotations), () => undefined)),
      ...propErrorsOf(() => {
        if (this.rollsOnConfigChange && hashKey in this._annotations) {
          fail(`${this.key}.podAnnotations`, `free of "${hashKey}" when the component has a config (the library computes it)`, this._annotations[hashKey]);
        }
      }),
    ];
    // the config against StarRocks' keys, at synthesis (addConfig and addEnvVar may come later);
    // its warnings once per config; a port the port check reports is not reported twice
    const config = this._config;
    if (config !== undefined && this._configChecked?.config !== config) {
      const findings = config._check(this.kind, `${this.key}.config`, (name) => this.hasEnvVar(name));
      this._configChecked = { config, errors: findings.errors };
      for (const w of findings.warnings) {
        warn(this.ctx.scope, w);
      }
    }
    for (const e of config !== undefined ? this._configChecked?.errors ?? [] : []) {
      if (!problems.some((p) => p.prop === e.prop)) {
        problems.push(e);
      }
    }
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
    const state = this.renderState();
    const spec: CommonComponentSpecWire & EnvFields & KindSpecFields = renderCommonSpec(state);
    const env = renderEnv(state);
    if (env.length > 0) {
      spec[this.ctx.envKey ?? this.behavior.envKey] = env;
    }
    return Object.assign(spec, this.behavior.renderOwn());
  }

  /** What rendering reads of the component. */
  private renderState(): ComponentRenderState {
    return {
      key: this.key,
      opts: this.opts,
      image: this.image,
      config: this._config,
      rollsOnConfigChange: this.rollsOnConfigChange,
      configMapName: this._configMapName,
      entrypointConfigMapName: this.entrypointConfigMapName,
      timeZone: this.ctx.timeZone,
      env: resolveEnv(this._env).env,
      annotations: this._annotations,
      serviceAnnotations: this.serviceAnnotations(true),
      podLabels: this._podLabels,
      capabilitiesAdded: this._capabilitiesAdded,
      sidecars: this._sidecars,
      initContainers: this._initContainers,
      storageVolumes: this._storageVolumes,
      inherit: (k) => this.inherit(k),
      propOf: (k) => this.propOf(k),
      renderService: (s) => this.renderService(s),
    };
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

  private renderService(s: ComponentServiceOptions | undefined, onWarning = (m: string) => warn(this.ctx.scope, m)): ServiceWire | undefined {
    // lenient: a port that is not a number is reported by the node validation, not here
    const ports = () => derivePorts(this.key, this._config, true);
    return s === undefined ? undefined : renderComponentService(this.key, s, ports, this.serviceAnnotations(true), onWarning);
  }

  /**
   * The Service annotations added through the mutators, those with a port number last (`lenient`:
   * a port the config does not give is left out; the node validation reports it).
   */
  private serviceAnnotations(lenient: boolean): { [key: string]: string } {
    const out = { ...this._serviceAnnotations };
    const ports = lenient ? derivePorts(this.key, this._config, true) : undefined;
    for (const key of Object.keys(this._servicePortAnnotations)) {
      const port = this._servicePortAnnotations[key];
      const n = ports ? ports[port] : this.port(port);
      if (n !== undefined) {
        out[key] = String(n);
      }
    }
    return out;
  }

  /** The annotations with a port number: the port exists and no other value is set for the key. */
  private checkServicePortAnnotations(): void {
    const computed = this.serviceAnnotations(false);
    const set = { ...this.opts.service?.annotations, ...this._serviceAnnotations };
    for (const key of Object.keys(this._servicePortAnnotations)) {
      setOnce(`${this.key}.service.annotations`, set, key, computed[key]);
    }
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

  /** A value StarRocks cannot parse (by the keys of the component's kind) in the props' config is an error now. */
  private checkConfigValues(): void {
    const errors = this._config?._check(this.kind, `${this.key}.config`).errors ?? [];
    if (errors.length > 0) {
      throw errors[0];
    }
  }

  /** A standard directory moved to another path needs the StarRocks setting that points there. */
  private configurePath(prop: string, key: string, path: string, defaultPath: string): void {
    const entry = configEntryForPath(this.key, this._config, prop, key, path, defaultPath, (m) => warn(this.ctx.scope, m));
    if (entry !== undefined) {
      this.addConfig(entry[0], entry[1]);
    }
  }
}
