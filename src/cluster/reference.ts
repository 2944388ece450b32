import type { k8s } from 'cdk8s-plus-27';
import type { IConstruct } from 'constructs';
import type { ComponentKind, StarRocksPort } from './component-kind';
import type { StarRocksConfig } from '../config/config';

/**
 * One StarRocks component of a cluster defined in this app (FE, BE or CN): the names of what the
 * operator creates for it, its ports, and methods that add to its pods after the cluster is
 * defined. What monitoring, the init-password Job, warehouses and disruption budgets need of a
 * component, and nothing more.
 */
export interface IStarRocksComponent {
  /** Which component this is. */
  readonly kind: ComponentKind;
  /** Name of the StatefulSet the operator creates (`<cluster>-<component>`). */
  readonly statefulSetName: string;
  /** Name of the external Service the operator creates (`<cluster>-<component>-service`). */
  readonly serviceName: string;
  /** Name of the headless Service of the pods (`<cluster>-<component>-search`). */
  readonly searchServiceName: string;
  /**
   * Name of the ConfigMap holding the config file (`<cluster>-<component>-cm`).
   *
   * @default - none: the component has no config file written by the library
   */
  readonly configMapName?: string;
  /** The image of the StarRocks container. */
  readonly image: string;
  /** Labels that select exactly this component's pods (for affinity, spread, disruption budgets). */
  readonly selectorLabels: { [key: string]: string };
  /** Labels of the Services the operator creates for this component. */
  readonly serviceLabels: { [key: string]: string };
  /**
   * The component's config file.
   *
   * @default - none
   */
  readonly config?: StarRocksConfig;
  /** Names of the image pull Secrets of the pods (the component's own, else the cluster's shared ones). */
  readonly imagePullSecrets: string[];
  /** Tolerations of the pods (the component's own, else the cluster's shared ones). */
  readonly tolerations: k8s.Toleration[];
  /**
   * Affinity of the pods (the component's own, else the cluster's shared one).
   *
   * @default - none
   */
  readonly affinity?: k8s.Affinity;

  /**
   * A port of the component as the operator derives it from the config file. Throws for a port
   * the component does not have.
   *
   * @param port the port, by its name on the component's Services
   */
  port(port: StarRocksPort): number;
  /**
   * Whether the container has an environment variable of that name.
   *
   * @param name the variable's name
   */
  hasEnvVar(name: string): boolean;
  /**
   * Adds an environment variable to the container. A variable of that name that another construct
   * contributes (the root password's `MYSQL_PWD`, Datadog's) gives way to it, whichever came first.
   *
   * @param envVar the variable
   */
  addEnvVar(envVar: k8s.EnvVar): void;
  /**
   * Adds a pod annotation.
   *
   * @param key the annotation key
   * @param value its value
   */
  addPodAnnotation(key: string, value: string): void;
  /**
   * Adds a pod label.
   *
   * @param key the label key
   * @param value its value
   */
  addPodLabel(key: string, value: string): void;
  /**
   * Adds an annotation to the component's external Service.
   *
   * @param key the annotation key
   * @param value its value
   */
  addServiceAnnotation(key: string, value: string): void;
  /**
   * Adds an annotation to the component's external Service whose value is one of the
   * component's port numbers, read from the config file when the manifest is synthesized (so
   * config entries added later count). A clash with another value is reported at synthesis.
   *
   * @param key the annotation key, e.g. `prometheus.io/port`
   * @param port the port whose number is the value
   */
  addServiceAnnotationFromPort(key: string, port: StarRocksPort): void;
}

/**
 * A StarRocks cluster, defined in this app (`StarRocksCluster`) or elsewhere
 * (`StarRocksCluster.fromClusterName`): what other constructs (warehouses, monitoring, the
 * init-password Job, disruption budgets) need of it. They depend on this interface, never on the
 * cluster's class.
 */
export interface IStarRocksCluster extends IConstruct {
  /** Name of the StarRocksCluster resource, the prefix of every name the operator derives. */
  readonly clusterName: string;
  /**
   * Namespace of the cluster.
   *
   * @default - the namespace of the chart
   */
  readonly clusterNamespace?: string;
  /** Name of the FE Service that clients connect to (`<cluster>-fe-service`). */
  readonly feServiceName: string;
  /** Name of the headless FE Service (`<cluster>-fe-search`); pod `i` is `<cluster>-fe-<i>.<cluster>-fe-search`. */
  readonly feSearchServiceName: string;
  /** The FE MySQL protocol port (`query_port`). */
  readonly feQueryPort: number;
  /** The FE HTTP port (`http_port`). */
  readonly feHttpPort: number;
  /**
   * Whether the cluster is defined in this app, so that its components, FE proxy and run mode are
   * known; false for a cluster referred to by name.
   */
  readonly definedInApp: boolean;
  /** Whether the cluster has the FE proxy (false when not defined in this app). */
  readonly hasFeProxy: boolean;
  /** Whether the cluster runs in shared-data mode (false when not defined in this app). */
  readonly sharedData: boolean;

  /**
   * A component of the cluster.
   *
   * @param kind FE, BE or CN
   * @returns the component, or undefined when the cluster has none of that kind or is not defined
   * in this app
   */
  tryFindComponent(kind: ComponentKind): IStarRocksComponent | undefined;
}
