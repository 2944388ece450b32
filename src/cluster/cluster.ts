import { ApiObject, Chart, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { ComponentKind, StarRocksPort } from './component-kind';
import { ImportedCluster } from './imported';
import { DisasterRecoveryOptions, mountsClusterSnapshot, StarRocksClusterProps, StarRocksClusterReferenceOptions } from './props';
import { IStarRocksCluster, IStarRocksComponent } from './reference';
import { StarRocksApiObject } from '../common/api-object';
import { ComponentKey, DERIVED_NAMES, NAME_BUDGET } from '../common/constants';
import { copyData } from '../common/copy';
import type { ClusterSpecWire } from '../common/crd-types';
import { checkAnnotations, checkLabels } from '../common/k8s-rules';
import { LABEL_CLUSTER, LABEL_COMPONENT, LABEL_OWNER, libraryLabels, mergeLabels } from '../common/labels';
import { nameFromId } from '../common/names';
import { addPropValidation, propErrorsOf } from '../common/prop-validation';
import { checkDns1035Label, checkDnsLabel, checkInt, checkOneOf, copyStringMap, fail } from '../common/validate';
import { warn } from '../common/warnings';
import { ComponentContext, StarRocksComponent } from '../components/component';
import { FeOptions } from '../components/options';
import { DisruptionBudgetsOptions, StarRocksDisruptionBudgets } from '../disruption/disruption-budgets';
import { renderFeProxy } from '../fe-proxy/fe-proxy';
import { InitPasswordJob, InitPasswordJobOptions } from '../init-password/init-password-job';
import { applyManifestMapping, configMapsOf, exprValue, FromManifestOptions, mapClusterManifest } from '../manifest';
import { DatadogOptions, StarRocksDatadog } from '../monitoring/datadog';
import { StarRocksPrometheusRule, StarRocksPrometheusRuleOptions } from '../monitoring/prometheus-rule';
import { StarRocksServiceMonitor, StarRocksServiceMonitorOptions } from '../monitoring/service-monitor';
import { StarRocksWarehouse, WarehouseOptions } from '../warehouse/warehouse';

// the props were declared here
export * from './props';

/**
 * A StarRocks cluster managed by the StarRocks operator (v1.11.5).
 *
 * Defines a `StarRocksCluster` custom resource (`starrocks.com/v1`) with FE, BE, CN and the FE
 * proxy, plus a ConfigMap `<name>-<component>-cm` for each component that has a config file and a
 * ConfigMap `<name>-<component>-entrypoint-script` for each entrypoint script. The operator
 * creates the StatefulSets, Services, PVCs and the CN autoscaler from it.
 *
 * Labels: the library adds `app.kubernetes.io/name: starrocks`, `app.kubernetes.io/instance:
 * <name>` and `app.kubernetes.io/managed-by: cdk8s-starrocks` to the StarRocksCluster resource and
 * its ConfigMaps, besides the chart's `cluster: <name>` (resource) and `cluster`/`app` (ConfigMaps)
 * labels, which stay; `defaultLabels: false` leaves them out. The user's `labels` go on the
 * resource and its ConfigMaps alike; they may repeat `cluster: <name>` but not change it (an
 * error), and the ConfigMaps keep their `app: <component>` label.
 */
export class StarRocksCluster extends Construct implements IStarRocksCluster {
  /**
   * Refers to a cluster defined elsewhere, by its name.
   *
   * @param scope the scope
   * @param id the id
   * @param clusterName the StarRocksCluster's name
   * @param options namespace and ports of the cluster
   */
  public static fromClusterName(
    scope: Construct, id: string, clusterName: string, options: StarRocksClusterReferenceOptions = {},
  ): IStarRocksCluster {
    checkDns1035Label('clusterName', clusterName, 49);
    return new ImportedCluster(scope, id, clusterName, options);
  }

  /**
   * A cluster from a StarRocksCluster manifest (as parsed from YAML), checked like one built with
   * the props: each spec field becomes the prop that writes it (the README's "From manifests to
   * the typed API"), what no prop can say becomes a JSON patch of `apiObject`, and a field the CRD
   * does not declare is an error naming its path. The synthesized resource equals the manifest
   * (besides the `cluster: <name>` label the library adds); the library's default labels are off.
   *
   * @param scope the scope
   * @param id the id
   * @param manifest the StarRocksCluster object
   * @param options the ConfigMaps of the manifest's file
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  public static fromManifest(scope: Construct, id: string, manifest: { [key: string]: any }, options: FromManifestOptions = {}): StarRocksCluster {
    const mapping = mapClusterManifest(manifest, configMapsOf(options.configMaps ?? []));
    const cluster = new StarRocksCluster(scope, id, exprValue(mapping.props) as StarRocksClusterProps);
    applyManifestMapping(cluster, mapping);
    return cluster;
  }

  /**
   * The labels that select exactly the pods of one component of a cluster, for affinity rules,
   * topology spread constraints and disruption budgets written before the cluster exists.
   *
   * @param clusterName the StarRocksCluster's name
   * @param component FE, BE, CN or FE_PROXY
   */
  public static podSelectorLabels(clusterName: string, component: ComponentKind): { [key: string]: string } {
    checkOneOf('component', component, Object.values(ComponentKind));
    return { [LABEL_COMPONENT]: component, [LABEL_OWNER]: `${clusterName}-${component}` };
  }

  /** The StarRocksCluster custom resource (the escape hatch; also `ApiObject.of(cluster)`). */
  public readonly apiObject: ApiObject;
  /** Name of the StarRocksCluster resource. */
  public readonly clusterName: string;
  /** Namespace of the cluster, when set on it or its chart. */
  public readonly clusterNamespace?: string;
  /** The FE component. */
  public readonly fe: StarRocksComponent;
  /** The BE component, unless disabled. */
  public readonly be?: StarRocksComponent;
  /** The CN component, if enabled. */
  public readonly cn?: StarRocksComponent;
  /** Whether the cluster has the FE proxy. */
  public readonly hasFeProxy: boolean;
  /** Always true: the cluster is defined in this app. */
  public readonly definedInApp = true;

  private readonly props: StarRocksClusterProps;
  private _runModeWarned = false;

  constructor(scope: Construct, id: string, properties: StarRocksClusterProps = {}) {
    super(scope, id);
    const props = this.props = copyData(properties);
    const name = props.name ?? nameFromId(id);
    this.clusterName = name;
    if (props.namespace !== undefined) {
      checkDnsLabel('namespace', props.namespace);
    }
    this.clusterNamespace = props.namespace ?? Chart.of(this).namespace;
    if (props.timeZone !== undefined && (typeof props.timeZone !== 'string' || props.timeZone.length === 0)) {
      fail('timeZone', 'a time zone name such as "UTC" or "Asia/Shanghai"', props.timeZone);
    }
    const ctx: ComponentContext = {
      scope: this,
      clusterName: name,
      namespace: props.namespace,
      timeZone: props.timeZone,
      shared: props.shared ?? {},
      volumeNameWithHash: props.volumeNameWithHash ?? true,
    };
    // not a prop of SharedComponentOptions, but an easy mistake in JavaScript or from JSON
    const sharedReplicas: unknown = props.shared !== undefined && 'replicas' in props.shared ? props.shared.replicas : undefined;
    if (sharedReplicas !== undefined) {
      fail('shared.replicas', 'set per component', sharedReplicas);
    }
    const beEnabled = props.be?.enabled ?? true;
    const cnEnabled = props.cn !== undefined && (props.cn.enabled ?? true);
    if (props.cn?.autoScaling !== undefined && !cnEnabled) {
      fail('cn.autoScaling', 'set only when CN is enabled', props.cn.autoScaling);
    }
    this.fe = StarRocksComponent._create('fe', ctx, props.fe ?? {});
    this.be = beEnabled ? StarRocksComponent._create('be', ctx, props.be ?? {}) : undefined;
    this.cn = cnEnabled ? StarRocksComponent._create('cn', ctx, props.cn ?? {}) : undefined;
    this.hasFeProxy = props.feProxy !== undefined;
    if (props.feProxy !== undefined) {
      // checks the input now; rendered again, lazily, for the output
      renderFeProxy(props.feProxy, name);
    }
    this.checkName(props);
    this.checkClusterRules(props);
    this.checkConfigMapNames();
    // again at synthesis: addConfig may create a config ConfigMap after the cluster is defined
    addPropValidation(this, () => {
      this.warnOnRunMode();
      return propErrorsOf(() => this.checkConfigMapNames());
    });

    // labels merged library < chart < user; the ConfigMaps add their own `cluster` and `app` labels
    const chartLabels = Chart.of(this).labels;
    const userLabels = copyStringMap('labels', props.labels);
    checkClusterLabel(name, userLabels);
    checkLabels('labels', userLabels);
    const userAnnotations = copyStringMap('annotations', props.annotations);
    checkAnnotations('annotations', userAnnotations);
    this.apiObject = new StarRocksApiObject(this, 'Resource', {
      apiVersion: 'starrocks.com/v1',
      kind: 'StarRocksCluster',
      metadata: {
        name,
        namespace: props.namespace,
        labels: mergeLabels(libraryLabels(name, props.defaultLabels), chartLabels, { [LABEL_CLUSTER]: name }, userLabels),
        annotations: userAnnotations,
      },
      spec: Lazy.any({ produce: () => this._renderSpec() }),
    });
    const objectLabels = mergeLabels(libraryLabels(name, props.defaultLabels), chartLabels, userLabels);
    for (const c of this.components()) {
      c._createObjects(objectLabels);
    }
  }

  /** Name of the FE Service that clients connect to (`<cluster>-fe-service`). */
  public get feServiceName(): string {
    return this.fe.serviceName;
  }

  /** Name of the headless FE Service (`<cluster>-fe-search`). */
  public get feSearchServiceName(): string {
    return this.fe.searchServiceName;
  }

  /** The FE MySQL protocol port, from the FE config (default 9030). */
  public get feQueryPort(): number {
    return this.fe.port(StarRocksPort.QUERY);
  }

  /** The FE HTTP port, from the FE config (default 8030). */
  public get feHttpPort(): number {
    return this.fe.port(StarRocksPort.HTTP);
  }

  /** Name of the FE proxy Service (`<cluster>-fe-proxy-service`), if the cluster has the proxy. */
  public get feProxyServiceName(): string | undefined {
    return this.hasFeProxy ? DERIVED_NAMES.feProxyService(this.clusterName) : undefined;
  }

  /** Whether the cluster runs in shared-data mode (the FE config sets `run_mode = shared_data`). */
  public get sharedData(): boolean {
    return (this.fe.config?.get('run_mode') ?? '').includes('shared_data');
  }

  /**
   * A component of the cluster.
   *
   * @param kind FE, BE or CN
   * @returns the component, or undefined when the cluster has none of that kind
   */
  public tryFindComponent(kind: ComponentKind): IStarRocksComponent | undefined {
    switch (kind) {
      case ComponentKind.FE: return this.fe;
      case ComponentKind.BE: return this.be;
      case ComponentKind.CN: return this.cn;
      default: return undefined;
    }
  }

  /**
   * Adds a warehouse to this shared-data cluster: a StarRocksWarehouse in the cluster's namespace,
   * scoped under the cluster.
   *
   * @param id the construct id; also the default warehouse name
   * @param options the warehouse's settings
   */
  public addWarehouse(id: string, options: WarehouseOptions = {}): StarRocksWarehouse {
    return new StarRocksWarehouse(this, id, { defaultLabels: this.props.defaultLabels, ...options, cluster: this });
  }

  /**
   * Adds PodDisruptionBudgets for the cluster's pods (`<cluster>-<component>-pdb`): by default
   * `maxUnavailable: 1` for every component the cluster has.
   *
   * @param id the construct id
   * @param options the budgets
   */
  public addDisruptionBudgets(id: string, options: DisruptionBudgetsOptions = {}): StarRocksDisruptionBudgets {
    return new StarRocksDisruptionBudgets(this, id, { defaultLabels: this.props.defaultLabels, ...options, cluster: this });
  }

  /**
   * Sets the root password: the `MYSQL_PWD` variable of FE, BE and CN from a Secret (created from a
   * value, or existing) and the one-shot Job `<cluster>-initpwd` that sets it in StarRocks.
   *
   * @param id the construct id
   * @param options where the password comes from, and the Job's settings
   */
  public addInitPassword(id: string, options: InitPasswordJobOptions): InitPasswordJob {
    return new InitPasswordJob(this, id, { defaultLabels: this.props.defaultLabels, ...options, cluster: this });
  }

  /**
   * Adds Prometheus operator ServiceMonitors for the cluster's components (`<cluster>-fe`, ...).
   * Needs the Prometheus operator's CRDs in the Kubernetes cluster.
   *
   * @param id the construct id
   * @param options labels, interval, authentication
   */
  public addServiceMonitor(id: string, options: StarRocksServiceMonitorOptions = {}): StarRocksServiceMonitor {
    return new StarRocksServiceMonitor(this, id, { defaultLabels: this.props.defaultLabels, ...options, cluster: this });
  }

  /**
   * Adds a PrometheusRule with alerts for the cluster (components down, errors, disks, compaction).
   *
   * @param id the construct id
   * @param options thresholds and which alerts
   */
  public addPrometheusRule(id: string, options: StarRocksPrometheusRuleOptions = {}): StarRocksPrometheusRule {
    return new StarRocksPrometheusRule(this, id, { defaultLabels: this.props.defaultLabels, ...options, cluster: this });
  }

  /**
   * Sets up Datadog: log collection annotations, Prometheus scrape annotations and profiling
   * (a `StarRocksDatadog` scoped under the cluster).
   *
   * @param id the construct id
   * @param options what to enable
   */
  public addDatadog(id: string, options: DatadogOptions): StarRocksDatadog {
    return new StarRocksDatadog(this, id, { ...options, cluster: this });
  }

  /**
   * Renders the spec of the custom resource.
   *
   * @internal
   */
  public _renderSpec(): ClusterSpecWire {
    const p = this.props;
    const spec: ClusterSpecWire = {};
    spec.starRocksFeSpec = this.fe._renderSpec();
    if (this.be) {
      spec.starRocksBeSpec = this.be._renderSpec();
    }
    if (this.cn) {
      spec.starRocksCnSpec = this.cn._renderSpec();
    }
    if (p.feProxy !== undefined) {
      spec.starRocksFeProxySpec = renderFeProxy(p.feProxy, this.clusterName);
    }
    if (p.waitForFullRollout !== undefined) {
      spec.waitForFullRollout = p.waitForFullRollout;
    }
    if (p.disasterRecovery !== undefined) {
      const dr = p.disasterRecovery;
      spec.disasterRecovery = dr.omitEnabled ? { generation: dr.generation } : { enabled: dr.enabled ?? true, generation: dr.generation };
    }
    return spec;
  }

  private components(): StarRocksComponent[] {
    return [this.fe, this.be, this.cn].filter((c): c is StarRocksComponent => c !== undefined);
  }

  /** Every name the operator derives from the cluster name must fit Kubernetes' limits. */
  private checkName(props: StarRocksClusterProps): void {
    const name = this.clusterName;
    checkDns1035Label('name', name);
    const derived: Array<[string, number]> = [];
    for (const c of this.components()) {
      derived.push([c.statefulSetName, NAME_BUDGET.statefulSet]);
      derived.push([c.serviceName, NAME_BUDGET.service]);
      derived.push([c.searchServiceName, NAME_BUDGET.service]);
    }
    if (props.feProxy !== undefined) {
      derived.push([DERIVED_NAMES.feProxyService(name), NAME_BUDGET.service]);
    }
    const scripted: Array<[ComponentKey, FeOptions | undefined]> = [['fe', props.fe], ['be', props.be], ['cn', props.cn]];
    for (const entry of scripted) {
      if (entry[1]?.entrypointScript !== undefined) {
        derived.push([`${DERIVED_NAMES.entrypointConfigMap(name, entry[0])}-0000`, NAME_BUDGET.volume]);
      }
    }
    // report the tightest budget, so that one fix is enough
    let tightest: [string, number, number] | undefined;
    for (const d of derived) {
      const derivedName = d[0];
      const budget = d[1];
      const max = budget - (derivedName.length - name.length);
      if (tightest === undefined || max < tightest[2]) {
        tightest = [derivedName, budget, max];
      }
    }
    if (tightest !== undefined && name.length > tightest[2]) {
      const [derivedName, budget, max] = tightest;
      fail('name', `at most ${max} characters, so that "${derivedName.replace(/-0000$/, '-NNNN')}" fits ${budget}`, name);
    }
  }

  /** The ConfigMaps the components create need distinct names. */
  private checkConfigMapNames(): void {
    const seen = new Map<string, { prop: string; chosen: boolean }>();
    for (const c of this.components()) {
      for (const cm of c._configMapNames()) {
        const other = seen.get(cm.name);
        if (other !== undefined) {
          const [blamed, kept] = cm.chosen ? [cm, other] : [other, cm];
          fail(blamed.prop, `unique among the ConfigMaps of the cluster, but the one for ${kept.prop} has that name too`, cm.name);
        }
        seen.set(cm.name, cm);
      }
    }
  }

  private checkClusterRules(props: StarRocksClusterProps): void {
    const dr = props.disasterRecovery;
    if (dr !== undefined) {
      checkInt('disasterRecovery.generation', dr.generation, 0, Number.MAX_SAFE_INTEGER);
      if (dr.omitEnabled && dr.enabled !== undefined) {
        fail('disasterRecovery.omitEnabled', 'unset when disasterRecovery.enabled is given', dr.omitEnabled);
      }
      if (recoveryRuns(dr) && !dr.snapshotMountedElsewhere) {
        const mounts = props.fe?.configMaps ?? [];
        if (!mountsClusterSnapshot(mounts)) {
          fail('fe.configMaps', 'to mount a ConfigMap with cluster_snapshot.yaml (subPath containing cluster_snapshot.yaml, or a mountPath ending in fe/conf) when disasterRecovery is enabled', mounts);
        }
      }
    }
    const feReplicas = props.fe?.replicas;
    if (feReplicas !== undefined && feReplicas > 1 && feReplicas % 2 === 0) {
      warn(this, `'fe.replicas' is ${feReplicas}; FE followers elect a leader by majority, use an odd number (1, 3, 5)`);
    }
  }

  /**
   * The warnings that depend on the FE config (`run_mode`), which `addConfig` may change after the
   * cluster is defined: recorded at synthesis, once.
   */
  private warnOnRunMode(): void {
    if (this._runModeWarned) {
      return;
    }
    this._runModeWarned = true;
    const runMode = this.fe.config?.get('run_mode') ?? '';
    const sharedData = runMode.includes('shared_data');
    // no fe.conf at all is no run_mode either: the same warning
    if (this.cn && !this.be && !sharedData) {
      warn(this, 'the cluster has CN but no BE; a shared-data cluster needs run_mode = shared_data (and its storage settings) in fe.conf');
    }
    if (this.be && sharedData) {
      warn(this, 'fe.conf sets run_mode = shared_data but the cluster has BE; shared-data clusters use CN (be: { enabled: false })');
    }
    const dr = this.props.disasterRecovery;
    if (dr !== undefined && recoveryRuns(dr) && !sharedData) {
      warn(this, 'disasterRecovery only works for shared-data clusters (run_mode = shared_data); the operator ignores it otherwise');
    }
  }
}

/**
 * The `cluster` label names the cluster on the resource and on every ConfigMap (as the chart writes
 * it), so `labels` may repeat it but not change it: changing it on the resource alone would split
 * the cluster's objects between two values.
 */
function checkClusterLabel(name: string, labels: { [key: string]: string } | undefined): void {
  const value = labels?.[LABEL_CLUSTER];
  if (value !== undefined && value !== name) {
    fail(`labels.${LABEL_CLUSTER}`, `the cluster's name ${JSON.stringify(name)} or unset (the library writes "${LABEL_CLUSTER}: <name>" `
      + 'on the resource and its ConfigMaps; use another key for a label of your own)', value);
  }
}

/** Whether the operator runs the recovery: `enabled` printed and true. */
function recoveryRuns(dr: DisasterRecoveryOptions): boolean {
  return !dr.omitEnabled && (dr.enabled ?? true);
}
