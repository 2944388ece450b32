import { ResourceQuantity } from '../common/quantity';

// The options of the pods and Services of a component (and of the FE proxy): enums and small structs.

/** When the kubelet pulls a component's image. */
export enum ImagePullPolicy {
  /** Pull on every pod start. */
  ALWAYS = 'Always',
  /** Pull only when the image is not on the node. */
  IF_NOT_PRESENT = 'IfNotPresent',
  /** Never pull; the image must be on the node. */
  NEVER = 'Never',
}

/** How the StatefulSet starts and stops pods. */
export enum PodManagementPolicy {
  /** One pod at a time, in order. */
  ORDERED_READY = 'OrderedReady',
  /** All pods at once (the operator's default). */
  PARALLEL = 'Parallel',
}

/** Type of a component's external Service. */
export enum ServiceType {
  /** Reachable inside the Kubernetes cluster only. */
  CLUSTER_IP = 'ClusterIP',
  /** Also reachable on a port of every node. */
  NODE_PORT = 'NodePort',
  /** Also reachable through a cloud load balancer. */
  LOAD_BALANCER = 'LoadBalancer',
}

/**
 * CPU, memory and other resources of a container: of the FE, BE, CN and warehouse CN containers,
 * the FE proxy, the operator and the init-password Job alike. Quantities are written as given
 * (`ResourceQuantity.of('8Gi')` stays `8Gi`).
 */
export interface StarRocksResources {
  /**
   * Requested resources, by resource name (`cpu`, `memory`, `ephemeral-storage`, ...).
   *
   * @default - no requests
   */
  readonly requests?: { [name: string]: ResourceQuantity };
  /**
   * Resource limits, by resource name.
   *
   * @default - no limits
   */
  readonly limits?: { [name: string]: ResourceQuantity };
}

/**
 * An override of one port of a component's external Service. The operator matches it to one of
 * the component's ports by `containerPort` first, then by `name`, and applies only `port` and
 * `nodePort`.
 */
export interface ServicePortOptions {
  /**
   * Name of the port to override: FE `http`, `rpc`, `query`, `edit-log`, `arrow-flight`; BE `be`,
   * `webserver`, `heartbeat`, `brpc`; CN `thrift`, `webserver`, `heartbeat`, `brpc`; FE proxy
   * `http-port`.
   *
   * @default - matched by containerPort
   */
  readonly name?: string;
  /**
   * The container port of the port to override.
   *
   * @default - matched by name
   */
  readonly containerPort?: number;
  /**
   * The Service port.
   *
   * @default - the container port
   */
  readonly port?: number;
  /**
   * The node port (30000-32767), for `NodePort` and `LoadBalancer` Services.
   *
   * @default - chosen by Kubernetes
   */
  readonly nodePort?: number;
}

/** The external Service of a component (`<cluster>-<component>-service`). */
export interface ComponentServiceOptions {
  /**
   * Service type.
   *
   * @default ServiceType.CLUSTER_IP
   */
  readonly type?: ServiceType;
  /**
   * Load balancer IP, for `LoadBalancer` Services only.
   *
   * @default - assigned by the cloud provider
   */
  readonly loadBalancerIp?: string;
  /**
   * Client CIDRs allowed through the load balancer, for `LoadBalancer` Services only.
   *
   * @default - no restriction
   */
  readonly loadBalancerSourceRanges?: string[];
  /**
   * Annotations of the Service (for example cloud load balancer settings).
   *
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
  /**
   * Labels added to the Service's default labels. They must not redefine
   * `app.kubernetes.io/component` or `app.starrocks.ownerreference/name`.
   *
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * Overrides of Service ports and node ports.
   *
   * @default - the ports derived from the component's config
   */
  readonly ports?: ServicePortOptions[];
}

/** A config file in an existing ConfigMap. */
export interface ExistingConfigMap {
  /** Name of the ConfigMap. */
  readonly configMapName: string;
  /** The key holding the config file (`fe.conf`, `be.conf` or `cn.conf`). */
  readonly resolveKey: string;
}

/** Mounts an existing ConfigMap or Secret into a component's container. */
export interface MountOptions {
  /** Name of the ConfigMap or Secret. */
  readonly name: string;
  /** Where it is mounted. */
  readonly mountPath: string;
  /**
   * Mount only this key of it, as a file at `mountPath`.
   *
   * @default - every key, as files in the `mountPath` directory
   */
  readonly subPath?: string;
}
