import type { k8s } from 'cdk8s-plus-27';
import { checkConfigOptions, checkInheritedPodFields, checkScalars } from './checks';
import { ComponentConfigFile } from './config-file';
import { componentConfigMap } from './config-maps';
import { ComponentContainers } from './containers';
import { ComponentEnv } from './env';
import { ComponentContext, ComponentKindBehavior, EnvFields, KindSpecFields } from './kind';
import { kindOf } from './kinds';
import type { ComponentOptions, SharedComponentOptions } from './options';
import { ComponentPodMetadata } from './pod-metadata';
import { checkDistinctPorts, derivePorts } from './ports';
import { ComponentRenderState, renderCommonSpec, renderEnv, renderPodAnnotations, renderVolumes, serviceOf } from './render';
import { ComponentServiceAnnotations } from './service-annotations';
import { renderComponentService } from './services';
import { checkVolumes, componentVolumes } from './storage-volumes';
import { ComponentKind, StarRocksPort } from '../cluster/component-kind';
import { IStarRocksComponent } from '../cluster/reference';
import { ComponentKey, DEFAULT_IMAGE_TAG, DEFAULT_REPOSITORY, DERIVED_NAMES } from '../common/constants';
import type { CommonComponentSpecWire, ComponentSpecWire, StorageVolumeWire } from '../common/crd-types';
import type { StarRocksPropError } from '../common/errors';
import { ImageReference } from '../common/image';
import { LABEL_CLUSTER, LABEL_COMPONENT, LABEL_OWNER } from '../common/labels';
import { addPropValidation, propErrorsOf } from '../common/prop-validation';
import { warn } from '../common/warnings';
import type { StarRocksConfig } from '../config/config';

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
  private readonly configFile: ComponentConfigFile;
  private readonly env: ComponentEnv;
  private readonly serviceAnnotations: ComponentServiceAnnotations;
  private readonly pod: ComponentPodMetadata;
  private readonly containers: ComponentContainers;
  private readonly _storageVolumes: StorageVolumeWire[];

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
    const onWarning = (m: string) => warn(ctx.scope, m);
    const fileCtx = { key, kind: kind.kind, idPrefix: kind.idPrefix, scope: ctx.scope, namespace: ctx.namespace };
    this.configFile = new ComponentConfigFile(fileCtx, this._configMapName, opts);
    this.env = new ComponentEnv(this, key, ctx.timeZone);
    this.serviceAnnotations = new ComponentServiceAnnotations({
      key, config: () => this.configFile.current, port: (p) => this.port(p), warn: onWarning,
    });

    checkInheritedPodFields((k) => this.inherit(k), (k) => this.propOf(k));
    checkScalars({
      kind,
      opts,
      imageTag: { value: this.inherit('imageTag'), prop: this.propOf('imageTag') },
      volumeNameWithHash: ctx.volumeNameWithHash,
      warn: onWarning,
    });
    for (const e of opts.envVars ?? []) {
      this.addEnvVar(e);
    }
    this.pod = new ComponentPodMetadata(key, opts.podAnnotations, this.propOf('podLabels'), this.inherit('podLabels'));
    this.containers = new ComponentContainers(key, opts.sidecars, opts.initContainers);
    this._storageVolumes = componentVolumes(kind, opts, {
      warn: onWarning,
      configurePath: (prop, k, path, defaultPath) => this.configFile.configurePath(prop, k, path, defaultPath),
    });
    // the props' own config and Service are checked now; what later calls change is checked at synthesis
    checkDistinctPorts(key, this.configFile.ports());
    this.configFile.checkValues();
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
    return this.configFile.current !== undefined;
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
    return this.configFile.current;
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
    return this.configFile.port(port);
  }

  /**
   * Adds an environment variable to the container. Throws if a variable of that name was given
   * (in the props or here; the cluster's `TZ` included). A variable of that name another construct
   * contributes (the root password's `MYSQL_PWD`) gives way to this one, whichever came first.
   *
   * @param envVar the variable
   */
  public addEnvVar(envVar: k8s.EnvVar): void {
    this.env.add(envVar);
  }

  /**
   * Whether the container has an environment variable of that name (set by the user or the
   * library, or contributed by another construct; the cluster's `TZ` included).
   *
   * @param name the variable's name
   */
  public hasEnvVar(name: string): boolean {
    return this.env.has(name);
  }

  /**
   * Adds a pod annotation. Throws if the annotation is already set to another value.
   *
   * @param key the annotation key
   * @param value its value
   */
  public addPodAnnotation(key: string, value: string): void {
    this.pod.addAnnotation(key, value);
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
    this.pod.addLabel(`${this.key}.podLabels`, key, value);
  }

  /**
   * Adds an annotation to the component's external Service (for example Prometheus scrape
   * annotations). Throws if the annotation is already set to another value.
   *
   * @param key the annotation key
   * @param value its value
   */
  public addServiceAnnotation(key: string, value: string): void {
    this.serviceAnnotations.add(key, value);
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
    this.serviceAnnotations.addFromPort(key, port);
  }

  /**
   * Adds a Linux capability to the StarRocks container (once, however often it is added).
   *
   * @param capability the capability, e.g. `SYS_PTRACE`
   */
  public addCapability(capability: string): void {
    this.containers.addCapability(capability);
  }

  /**
   * Adds a container to the pods, after the StarRocks container.
   *
   * @param container the container
   */
  public addSidecar(container: k8s.Container): void {
    this.containers.addSidecar(container);
  }

  /**
   * Adds an init container to the pods.
   *
   * @param container the container
   */
  public addInitContainer(container: k8s.Container): void {
    this.containers.addInitContainer(container);
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
    this.configFile.add(key, value);
  }

  /**
   * Creates the objects besides the custom resource: the config ConfigMap (now, or when the first
   * config entry is added) and the entrypoint ConfigMap.
   *
   * @internal
   */
  public _createObjects(extraLabels: { [key: string]: string }): void {
    this.configFile.createConfigMap({ ...extraLabels, ...this.configMapLabels });
    if (this.opts.entrypointScript !== undefined) {
      componentConfigMap({
        scope: this.ctx.scope,
        id: `${this.behavior.idPrefix}Entrypoint`,
        name: this.entrypointConfigMapName,
        namespace: this.ctx.namespace,
        labels: { ...extraLabels, ...this.configMapLabels },
        fileName: 'entrypoint.sh',
        text: this.opts.entrypointScript,
        prop: `${this.key}.entrypointScript`,
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
    if (this.configFile.current !== undefined) {
      const chosen = this.opts.configMapName !== undefined;
      out.push({ name: this._configMapName, prop: `${this.key}.${chosen ? 'configMapName' : 'config'}`, chosen });
    }
    if (this.opts.entrypointScript !== undefined) {
      out.push({ name: this.entrypointConfigMapName, prop: `${this.key}.entrypointScript`, chosen: false });
    }
    return out;
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
    const problems = [
      ...this.env.problems(),
      ...propErrorsOf(() => checkDistinctPorts(this.key, derivePorts(this.key, this.configFile.current))),
      ...propErrorsOf(() => this.serviceAnnotations.checkPorts(this.opts.service?.annotations)),
      ...propErrorsOf(() => checkVolumes(this.key, renderVolumes(this.renderState(), {}), this.ctx.volumeNameWithHash)),
      // the Service's rules, without its warnings (recorded when it renders)
      ...propErrorsOf(() => this.serviceAnnotations.renderService(serviceOf(this.opts, this.serviceAnnotations.plain), () => undefined)),
      ...propErrorsOf(() => this.pod.checkConfigHash(this.rollsOnConfigChange)),
      ...propErrorsOf(() => this.pod.checkAnnotationTotal(renderPodAnnotations(this.renderState()))),
    ];
    // the config against StarRocks' keys (addConfig and addEnvVar may come later); a port the port
    // check reports is not reported twice
    for (const e of this.configFile.errors((name) => this.hasEnvVar(name))) {
      if (!problems.some((p) => p.prop === e.prop)) {
        problems.push(e);
      }
    }
    if (this.opts.readOnlyRootFilesystem) {
      this.env.warnWithoutRoot((m) => warn(this.ctx.scope, m));
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
      config: this.configFile.current,
      rollsOnConfigChange: this.rollsOnConfigChange,
      configMapName: this._configMapName,
      entrypointConfigMapName: this.entrypointConfigMapName,
      timeZone: this.ctx.timeZone,
      env: this.env.resolved(),
      annotations: this.pod.annotations,
      serviceAnnotations: this.serviceAnnotations.resolved(true),
      podLabels: this.pod.labels,
      capabilitiesAdded: this.containers.capabilitiesAdded,
      sidecars: this.containers.sidecars,
      initContainers: this.containers.initContainers,
      storageVolumes: this._storageVolumes,
      inherit: (k) => this.inherit(k),
      propOf: (k) => this.propOf(k),
      renderService: (s) => this.serviceAnnotations.renderService(s),
    };
  }

  private get rollsOnConfigChange(): boolean {
    return this.configFile.current !== undefined && this.opts.rollOnConfigChange !== false;
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
}
