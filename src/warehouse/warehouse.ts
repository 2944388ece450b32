import { ApiObject, Chart, Lazy } from 'cdk8s';
import type { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { StarRocksWarehouseProps, WarehouseDisruptionBudgetsOptions, WarehouseOptions } from './options';
import type { StarRocksWarehouseSpec, StarRocksWarehouseSpecTemplate } from './wire';
import { ComponentKind, StarRocksPort } from '../cluster/component-kind';
import { ImportedCluster } from '../cluster/imported';
import { IStarRocksCluster } from '../cluster/reference';
import { StarRocksApiObject } from '../common/api-object';
import { LABEL_WAREHOUSE, NAME_BUDGET, WAREHOUSE_ALIAS_SUFFIX, WAREHOUSE_APP, WAREHOUSE_MIN_VERSION } from '../common/constants';
import { copyData } from '../common/copy';
import { StarRocksPropError } from '../common/errors';
import { ImageReference } from '../common/image';
import { LABEL_COMPONENT, LABEL_OWNER, libraryLabels, mergeLabels } from '../common/labels';
import { nameFromId } from '../common/names';
import { addPropValidation } from '../common/prop-validation';
import { checkDns1035Label, checkDnsLabel, copyStringMap, fail, show } from '../common/validate';
import { warn } from '../common/warnings';
import { ComponentContext, StarRocksComponent } from '../components/component';
import { CnBaseOptions } from '../components/options';
import { StarRocksConfig } from '../config/config';
import { checkDisruptionBudget, createDisruptionBudget, DisruptionBudget, DisruptionTarget, replicasOf } from '../disruption/budget';
import { applyManifestMapping, configMapsOf, exprValue, FromManifestOptions, mapWarehouseManifest } from '../manifest';

// the options were declared here
export * from './options';

/**
 * A StarRocks warehouse (enterprise edition 3.2 or later): a separately sized and scheduled
 * group of CN pods of a shared-data cluster, managed by the StarRocks operator (v1.11.5).
 *
 * Defines a `StarRocksWarehouse` custom resource (`starrocks.com/v1`) whose `spec.template`
 * takes every CN setting, and a ConfigMap `<name>-cm` (key `cn.conf`) when the warehouse has a
 * config. From it the operator creates the StatefulSet `<name>-warehouse-cn`, the Services
 * `<name>-warehouse-cn-service` and `<name>-warehouse-cn-search`, the autoscaler
 * `<name>-warehouse-cn-autoscaler`, and the warehouse inside StarRocks; deleting the resource
 * drops the warehouse.
 *
 * Labels: the library adds `app.kubernetes.io/name: starrocks`, `app.kubernetes.io/instance:
 * <name>` and `app.kubernetes.io/managed-by: cdk8s-starrocks` to the StarRocksWarehouse resource,
 * its ConfigMap and PodDisruptionBudget, besides the chart's `warehouse: <name>` label (and the
 * ConfigMap's `app: warehouse`), which stay; `defaultLabels: false` leaves them out.
 *
 * @example
 * const cluster = new StarRocksCluster(chart, 'Cluster', {
 *   fe: { config: StarRocksConfig.fromEntries({ run_mode: 'shared_data' }) },
 *   be: { enabled: false },
 *   cn: {},
 * });
 * new StarRocksWarehouse(chart, 'Etl', { cluster, image: 'registry.example.com/starrocks/cn-ee:3.3.8', replicas: 3 });
 */
export class StarRocksWarehouse extends Construct {
  /**
   * A warehouse from a StarRocksWarehouse manifest (as parsed from YAML), checked like one built
   * with the props: the template's fields become the props that write them, what no prop can say
   * becomes a JSON patch of `apiObject`, and a field the CRD does not declare is an error naming
   * its path. The cluster is `spec.starRocksCluster`, referred to by name (a construct
   * `<id>Cluster` in the scope); the library's default labels are off.
   *
   * @param scope the scope
   * @param id the id
   * @param manifest the StarRocksWarehouse object
   * @param options the ConfigMaps of the manifest's file
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  public static fromManifest(scope: Construct, id: string, manifest: { [key: string]: any }, options: FromManifestOptions = {}): StarRocksWarehouse {
    const mapping = mapWarehouseManifest(manifest, configMapsOf(options.configMaps ?? []));
    const cluster = new ImportedCluster(scope, `${id}Cluster`, mapping.clusterName ?? '', { namespace: mapping.namespace });
    const warehouse = new StarRocksWarehouse(scope, id, { ...exprValue(mapping.props) as WarehouseOptions, cluster });
    applyManifestMapping(warehouse, mapping);
    return warehouse;
  }

  /** The StarRocksWarehouse custom resource (the escape hatch; also `ApiObject.of(warehouse)`). */
  public readonly apiObject: ApiObject;
  /** Name of the StarRocksWarehouse resource. */
  public readonly warehouseName: string;
  /** Namespace of the warehouse, when known. */
  public readonly warehouseNamespace?: string;
  /** The cluster the warehouse belongs to. */
  public readonly cluster: IStarRocksCluster;
  /** Name of the warehouse inside StarRocks (`-` replaced by `_`), for `SET WAREHOUSE` and `SHOW WAREHOUSES`. */
  public readonly warehouseNameInStarRocks: string;
  /** Name of the StatefulSet the operator creates (`<name>-warehouse-cn`). */
  public readonly statefulSetName: string;
  /** Name of the Service the operator creates (`<name>-warehouse-cn-service`). */
  public readonly serviceName: string;
  /** Name of the headless Service of the pods (`<name>-warehouse-cn-search`). */
  public readonly searchServiceName: string;
  /** Name of the ConfigMap holding `cn.conf` (`<name>-cm`), when the warehouse has a config. */
  public readonly configMapName: string;

  private readonly component: StarRocksComponent;
  private readonly objectLabels: { [key: string]: string };
  /** the pods the warehouse runs at least: the autoscaler's minimum, else replicas, else 1 */
  private readonly minPods: number;
  /** Whether the warehouse has its PodDisruptionBudget. @internal */
  public _hasDisruptionBudgets = false;

  constructor(scope: Construct, id: string, props: StarRocksWarehouseProps) {
    super(scope, id);
    const cluster = props?.cluster;
    if (!cluster || typeof cluster.clusterName !== 'string' || cluster.clusterName.length === 0) {
      fail('cluster', 'the StarRocks cluster the warehouse belongs to (the warehouse chart\'s spec.starRocksClusterName; the StarRocksWarehouse CRD requires spec.starRocksCluster)', cluster);
    }
    this.cluster = cluster;
    const name = props.name ?? nameFromId(id);
    this.warehouseName = name;
    const alias = `${name}${WAREHOUSE_ALIAS_SUFFIX}`;
    this.statefulSetName = `${alias}-cn`;
    this.serviceName = `${alias}-cn-service`;
    this.searchServiceName = `${alias}-cn-search`;
    this.warehouseNameInStarRocks = name.replace(/-/g, '_');
    this.checkName(props, cluster, alias);
    this.warehouseNamespace = this.resolveNamespace(props, cluster);
    if (props.timeZone !== undefined && (typeof props.timeZone !== 'string' || props.timeZone.length === 0)) {
      fail('timeZone', 'a time zone name such as "UTC" or "Asia/Shanghai"', props.timeZone);
    }
    // not a prop of WarehouseOptions, but an easy mistake in JavaScript or from JSON
    const enabled: unknown = 'enabled' in props ? (props as { enabled?: unknown }).enabled : undefined;
    if (enabled !== undefined && enabled !== true) {
      fail('enabled', 'unset for a warehouse (a warehouse always has its CN pods; remove the warehouse instead)', enabled);
    }

    const ctx: ComponentContext = {
      scope: this,
      clusterName: alias,
      namespace: this.warehouseNamespace,
      timeZone: props.timeZone,
      shared: {},
      volumeNameWithHash: props.volumeNameWithHash ?? true,
      configMapLabels: { [LABEL_WAREHOUSE]: name, app: WAREHOUSE_APP },
      envKey: 'envVars',
    };
    this.component = StarRocksComponent._create('cn', ctx, copyData(cnOptionsOf(props, name)));
    this.configMapName = this.component._configMapName;
    this.minPods = replicasOf({ replicas: props.replicas, autoScalingPolicy: props.autoScaling });

    this.objectLabels = mergeLabels(libraryLabels(name, props.defaultLabels), { [LABEL_WAREHOUSE]: name }, copyStringMap('labels', props.labels));
    this.apiObject = new StarRocksApiObject(this, 'Resource', {
      apiVersion: 'starrocks.com/v1',
      kind: 'StarRocksWarehouse',
      metadata: {
        name,
        namespace: this.warehouseNamespace,
        labels: { ...this.objectLabels },
        annotations: copyStringMap('annotations', props.annotations),
      },
      spec: Lazy.any({ produce: () => this._renderSpec() }),
    });
    this.component._createObjects(this.objectLabels);
    this.checkImage(props);
    this.checkSharedData(cluster);
  }

  /** Labels that select exactly the warehouse's CN pods (for affinity, spread, PodDisruptionBudgets). */
  public get selectorLabels(): { [key: string]: string } {
    return { [LABEL_COMPONENT]: 'cn', [LABEL_OWNER]: this.statefulSetName };
  }

  /** Labels of the Services (and StatefulSet) the operator creates for the warehouse. */
  public get serviceLabels(): { [key: string]: string } {
    return this.component.serviceLabels;
  }

  /** The image of the CN container. */
  public get image(): string {
    return this.component.image;
  }

  /** The warehouse's `cn.conf`, if it has one. */
  public get config(): StarRocksConfig | undefined {
    return this.component.config;
  }

  /**
   * Returns a port of the warehouse's CN pods as the operator derives it from `cn.conf`.
   *
   * @param port the port, by its name on the Service: `THRIFT`, `WEBSERVER`, `HEARTBEAT`, `BRPC`,
   * or `ARROW_FLIGHT` when `cn.conf` sets `arrow_flight_port`
   */
  public port(port: StarRocksPort): number {
    return this.component.port(port);
  }

  /**
   * Adds an environment variable to the CN container. Throws if a variable of that name exists.
   *
   * @param envVar the variable
   */
  public addEnvVar(envVar: k8s.EnvVar): void {
    this.component.addEnvVar(envVar);
  }

  /**
   * Whether the CN container has an environment variable of that name (`TZ` included).
   *
   * @param name the variable's name
   */
  public hasEnvVar(name: string): boolean {
    return this.component.hasEnvVar(name);
  }

  /**
   * Adds a pod annotation. Throws if the annotation is already set to another value.
   *
   * @param key the annotation key
   * @param value its value
   */
  public addPodAnnotation(key: string, value: string): void {
    this.component.addPodAnnotation(key, value);
  }

  /**
   * Adds a pod label; the selector labels cannot be set.
   *
   * @param key the label key
   * @param value its value
   */
  public addPodLabel(key: string, value: string): void {
    this.component.addPodLabel(key, value);
  }

  /**
   * Adds an annotation to the warehouse's Service (`<name>-warehouse-cn-service`).
   *
   * @param key the annotation key
   * @param value its value
   */
  public addServiceAnnotation(key: string, value: string): void {
    this.component.addServiceAnnotation(key, value);
  }

  /**
   * Adds a Linux capability to the CN container.
   *
   * @param capability the capability, e.g. `SYS_PTRACE`
   */
  public addCapability(capability: string): void {
    this.component.addCapability(capability);
  }

  /**
   * Adds a container to the pods, after the CN container.
   *
   * @param container the container
   */
  public addSidecar(container: k8s.Container): void {
    this.component.addSidecar(container);
  }

  /**
   * Adds an init container to the pods.
   *
   * @param container the container
   */
  public addInitContainer(container: k8s.Container): void {
    this.component.addInitContainer(container);
  }

  /**
   * Adds an entry to `cn.conf` (creating the file and its ConfigMap if there are none). Throws if
   * the file already sets the key to another value.
   *
   * @param key the configuration item
   * @param value its value
   */
  public addConfig(key: string, value: string): void {
    this.component.addConfig(key, value);
  }

  /**
   * Adds a PodDisruptionBudget `<name>-warehouse-cn-pdb` for the warehouse's CN pods, scoped
   * under the warehouse.
   *
   * @param id the construct id
   * @param options the budget
   */
  public addDisruptionBudgets(id: string, options: WarehouseDisruptionBudgetsOptions = {}): StarRocksWarehouseDisruptionBudgets {
    return new StarRocksWarehouseDisruptionBudgets(this, id, { ...options, warehouse: this });
  }

  /**
   * What the warehouse's PodDisruptionBudget protects, and how many pods the warehouse runs at
   * least.
   *
   * @internal
   */
  public _disruptionTarget(labels: { [key: string]: string } | undefined): { target: DisruptionTarget; minPods: number } {
    return {
      target: {
        prop: 'budget',
        what: 'warehouse CN',
        name: `${this.statefulSetName}-pdb`,
        namespace: this.warehouseNamespace,
        labels: mergeLabels(this.objectLabels, copyStringMap('labels', labels)),
        selector: this.selectorLabels,
      },
      minPods: this.minPods,
    };
  }

  /**
   * Renders the spec of the custom resource.
   *
   * @internal
   */
  public _renderSpec(): StarRocksWarehouseSpec {
    return {
      starRocksCluster: this.cluster.clusterName,
      template: this._renderTemplate(),
    };
  }

  /**
   * Renders `spec.template`: the CN spec, with the environment under `envVars`.
   *
   * @internal
   */
  public _renderTemplate(): StarRocksWarehouseSpecTemplate {
    return this.component._renderSpec();
  }

  /** The name must be a DNS label that differs from the cluster's and whose derived names fit. */
  private checkName(props: StarRocksWarehouseProps, cluster: IStarRocksCluster, alias: string): void {
    const name = this.warehouseName;
    checkDns1035Label('name', name);
    const derived: Array<[string, number]> = [
      [this.statefulSetName, NAME_BUDGET.statefulSet],
      [this.serviceName, NAME_BUDGET.service],
      [this.searchServiceName, NAME_BUDGET.service],
    ];
    if (props.entrypointScript !== undefined) {
      derived.push([`${alias}-cn-entrypoint-script-0000`, NAME_BUDGET.volume]);
    }
    for (const [derivedName, budget] of derived) {
      if (derivedName.length > budget) {
        const max = budget - (derivedName.length - name.length);
        fail('name', `at most ${max} characters, so that "${derivedName.replace(/-0000$/, '-NNNN')}" fits ${budget}`, name);
      }
    }
    const c = cluster.clusterName;
    if (name === c) {
      fail('name', `different from the name of its cluster "${c}" (the operator refuses such a warehouse)`, name);
    }
    if (alias === c) {
      fail('name', `such that "${alias}" is not the name of its cluster: the warehouse's StatefulSet and Services would be the cluster's CN objects ("${c}-cn", ...)`, name);
    }
    if (cluster.definedInApp && props.configMapName === undefined && props.existingConfig === undefined) {
      const clash = configMapClash(cluster, name);
      if (clash !== undefined) {
        fail('name', clash, name);
      }
      // a component of the cluster gets its ConfigMap with its first config entry, which may come later
      addPropValidation(this, () => {
        const later = configMapClash(cluster, name);
        return later === undefined ? [] : [new StarRocksPropError('name', `must be ${later}, got ${show(name)}`)];
      });
    }
  }

  /** The operator looks the cluster up in the warehouse's namespace. */
  private resolveNamespace(props: StarRocksWarehouseProps, cluster: IStarRocksCluster): string | undefined {
    const clusterNs = cluster.clusterNamespace;
    if (props.namespace === undefined) {
      return clusterNs ?? Chart.of(this).namespace;
    }
    checkDnsLabel('namespace', props.namespace);
    if (clusterNs !== undefined && clusterNs !== props.namespace) {
      fail('namespace', `the namespace of its cluster "${cluster.clusterName}", "${clusterNs}" (the operator looks the cluster up in the warehouse's namespace)`, props.namespace);
    }
    if (clusterNs === undefined) {
      warn(this, `'namespace' is ${props.namespace} but the namespace of cluster ${cluster.clusterName} is not known; the operator only finds the cluster if it is in ${props.namespace} too`);
    }
    return props.namespace;
  }

  /** Warehouses need the enterprise edition, 3.2 or later. */
  private checkImage(props: WarehouseOptions): void {
    const [minMajor, minMinor] = WAREHOUSE_MIN_VERSION;
    const image = this.component.image;
    if (props.image === undefined) {
      warn(this, `'image' is not set, so the warehouse runs ${image}, a community edition image; warehouses need a StarRocks enterprise edition CN image, ${minMajor}.${minMinor} or later`);
      return;
    }
    const version = imageVersion(image);
    if (version && (version[0] < minMajor || (version[0] === minMajor && version[1] < minMinor))) {
      warn(this, `'image' is ${image}; warehouses need StarRocks enterprise edition ${minMajor}.${minMinor} or later`);
    }
  }

  /** A warehouse only works in a shared-data cluster; checked at synth time, after every `addConfig`. */
  private checkSharedData(cluster: IStarRocksCluster): void {
    if (!cluster.definedInApp) {
      return;
    }
    let checked = false;
    this.node.addValidation({
      validate: () => {
        if (!checked) {
          checked = true;
          if (cluster.tryFindComponent(ComponentKind.FE)?.config !== undefined && !cluster.sharedData) {
            warn(this, `cluster ${cluster.clusterName} is not in shared-data mode (its fe.conf has no run_mode = shared_data); the operator only adds warehouses to shared-data clusters`);
          }
        }
        return [];
      },
    });
  }
}

/** Properties of `StarRocksWarehouseDisruptionBudgets`. */
export interface StarRocksWarehouseDisruptionBudgetsProps extends WarehouseDisruptionBudgetsOptions {
  /** The warehouse whose CN pods the budget protects. */
  readonly warehouse: StarRocksWarehouse;
}

/**
 * The PodDisruptionBudget (`policy/v1`) of a warehouse's CN pods, `<name>-warehouse-cn-pdb`,
 * which the StarRocks operator does not create; the warehouse's counterpart of
 * `StarRocksDisruptionBudgets`. One per warehouse. A warning (at construction) points out a
 * budget that blocks every eviction.
 *
 * Labels: the PodDisruptionBudget has the warehouse's labels (`warehouse: <name>`, and the
 * library's `app.kubernetes.io/*` labels unless the warehouse's `defaultLabels` is false) and
 * `labels`.
 */
export class StarRocksWarehouseDisruptionBudgets extends Construct {
  /** The PodDisruptionBudget of the warehouse's CN pods. */
  public readonly cnPdb: ApiObject;

  constructor(scope: Construct, id: string, props: StarRocksWarehouseDisruptionBudgetsProps) {
    super(scope, id);
    const warehouse = props?.warehouse;
    if (!(warehouse instanceof StarRocksWarehouse)) {
      fail('warehouse', 'the StarRocksWarehouse whose CN pods the budget protects', warehouse);
    }
    if (warehouse._hasDisruptionBudgets) {
      fail('addDisruptionBudgets', `called once per warehouse, but warehouse ${warehouse.warehouseName} already has a PodDisruptionBudget`, id);
    }
    const budget = props.budget ?? DisruptionBudget.maxUnavailable(1);
    if (!(budget instanceof DisruptionBudget) || !budget.enabled) {
      fail('budget', 'a DisruptionBudget with a limit (DisruptionBudget.maxUnavailable(1), ...)', budget?.toString());
    }
    const { target, minPods } = warehouse._disruptionTarget(props.labels);
    this.cnPdb = createDisruptionBudget(this, 'Resource', target, budget, props.unhealthyPodEvictionPolicy);
    checkDisruptionBudget(this, target, budget, minPods);
    warehouse._hasDisruptionBudgets = true;
  }
}

/**
 * What the warehouse's name must be when its ConfigMap `<name>-cm` would be a ConfigMap of a
 * component of the cluster; undefined when there is no clash.
 */
function configMapClash(cluster: IStarRocksCluster, name: string): string | undefined {
  const clash = [ComponentKind.FE, ComponentKind.BE, ComponentKind.CN]
    .map((kind) => cluster.tryFindComponent(kind))
    .find((x) => x !== undefined && x.config !== undefined && x.configMapName === `${name}-cm`);
  return clash === undefined ? undefined
    : `such that the warehouse's ConfigMap "${name}-cm" is not the cluster's ${clash.kind.toUpperCase()} ConfigMap (or set configMapName)`;
}

/**
 * The CN options of a warehouse: its props without the warehouse's own keys, and the warehouse
 * chart's ConfigMap name `<name>-cm` (not the CN component's `<alias>-cn-cm`) unless one is given.
 */
function cnOptionsOf(props: StarRocksWarehouseProps, name: string): CnBaseOptions {
  const {
    cluster: _cluster, name: _name, namespace: _namespace, labels: _labels, annotations: _annotations, defaultLabels: _defaultLabels,
    timeZone: _timeZone, volumeNameWithHash: _volumeNameWithHash, ...cnOptions
  } = props;
  if (props.existingConfig === undefined && props.configMapName === undefined) {
    return { ...cnOptions, configMapName: `${name}-cm` };
  }
  return cnOptions;
}

/** The `major.minor` of an image tag such as `3.3.8`, `v3.2.1-ee` or `3.1-latest`. */
function imageVersion(image: string): [number, number] | undefined {
  const ref = ImageReference.parse(image);
  if (ref === undefined || ref.digest !== undefined || ref.tag === undefined) {
    return undefined;
  }
  const m = /^v?([0-9]+)\.([0-9]+)/.exec(ref.tag);
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}
