import type { Duration } from 'cdk8s';
import type { k8s } from 'cdk8s-plus-27';
import { FE_PROXY_PORT } from '../common/constants';
import type { FeProxySpecWire, ServiceWire } from '../common/crd-types';
import { wholeSeconds } from '../common/duration';
import { checkImage } from '../common/image';
import { LABEL_COMPONENT, LABEL_OWNER } from '../common/labels';
import { renderSpecResources } from '../common/quantity';
import { checkDnsLabel, checkInt, checkMountPath, checkOneOf, copyStringMap, fail } from '../common/validate';
import { affinityToWire, tolerationsToWire, topologySpreadToWire } from '../common/wire';
import { StarRocksResources, ComponentServiceOptions, ImagePullPolicy } from '../components/options';
import { renderServiceOptions } from '../components/services';
import { EmptyDirVolume } from '../storage/storage';

/**
 * Options of the FE proxy: an nginx Deployment the operator runs in front of the FE HTTP port, so
 * that Stream Load works from outside Kubernetes (FE redirects loads to BE/CN pod addresses,
 * which the proxy follows).
 */
export interface FeProxyOptions {
  /**
   * Number of nginx pods.
   *
   * @default - not set; the CRD default (1) applies
   */
  readonly replicas?: number;
  /**
   * nginx image, with a tag.
   *
   * @default - the operator's default, `nginx:1.24.0`
   */
  readonly image?: string;
  /**
   * When to pull the image.
   *
   * @default - not set; Kubernetes' default
   */
  readonly imagePullPolicy?: ImagePullPolicy;
  /**
   * Names of Secrets used to pull the image.
   *
   * @default - none
   */
  readonly imagePullSecrets?: string[];
  /**
   * CPU and memory requests and limits.
   *
   * @default - none
   */
  readonly resources?: StarRocksResources;
  /**
   * DNS resolver nginx uses to find the FE Service.
   *
   * @default - `kube-dns.kube-system.svc.<dns domain suffix>`
   */
  readonly resolver?: string;
  /**
   * The proxy's Service (`<cluster>-fe-proxy-service`, port `http-port` 8080).
   *
   * @default - a ClusterIP Service created by the operator
   */
  readonly service?: ComponentServiceOptions;
  /**
   * Node selector of the pods.
   *
   * @default - none
   */
  readonly nodeSelector?: { [key: string]: string };
  /**
   * Affinity of the pods.
   *
   * @default - none
   */
  readonly affinity?: k8s.Affinity;
  /**
   * Tolerations of the pods.
   *
   * @default - none
   */
  readonly tolerations?: k8s.Toleration[];
  /**
   * Topology spread constraints of the pods.
   *
   * @default - none
   */
  readonly topologySpreadConstraints?: k8s.TopologySpreadConstraint[];
  /**
   * Scheduler of the pods.
   *
   * @default - the default scheduler
   */
  readonly schedulerName?: string;
  /**
   * Service account of the pods.
   *
   * @default - the namespace's default service account
   */
  readonly serviceAccount?: string;
  /**
   * How long the liveness probe may fail (`livenessProbeFailureSeconds`), in whole seconds; zero
   * removes it.
   *
   * @default - not set; the operator allows 15 seconds
   */
  readonly livenessProbeFailureTime?: Duration;
  /**
   * How long the readiness probe may fail (`readinessProbeFailureSeconds`), in whole seconds;
   * zero removes it.
   *
   * @default - not set; the operator allows 15 seconds
   */
  readonly readinessProbeFailureTime?: Duration;
  /**
   * Extra emptyDir volumes.
   *
   * @default - none
   */
  readonly emptyDirs?: EmptyDirVolume[];
  /**
   * Extra pod labels (not the selector labels).
   *
   * @default - none
   */
  readonly podLabels?: { [key: string]: string };
  /**
   * Annotations of the proxy's pods.
   *
   * @default - none
   */
  readonly podAnnotations?: { [key: string]: string };
  /**
   * Share one process namespace between the containers of a pod.
   *
   * @default - not set (false)
   */
  readonly shareProcessNamespace?: boolean;
}

/**
 * Renders the FE proxy's part of the custom resource.
 *
 * @internal
 */
export function renderFeProxy(o: FeProxyOptions, clusterName: string): FeProxySpecWire {
  const p = 'feProxy';
  const spec: FeProxySpecWire = {};
  if (o.replicas !== undefined) {
    spec.replicas = checkInt(`${p}.replicas`, o.replicas, 0);
  }
  if (o.image !== undefined) {
    spec.image = checkImage(`${p}.image`, o.image);
  }
  if (o.imagePullPolicy !== undefined) {
    spec.imagePullPolicy = checkOneOf(`${p}.imagePullPolicy`, o.imagePullPolicy, Object.values(ImagePullPolicy));
  }
  if (o.imagePullSecrets && o.imagePullSecrets.length > 0) {
    spec.imagePullSecrets = o.imagePullSecrets.map((name) => ({ name }));
  }
  Object.assign(spec, renderSpecResources(`${p}.resources`, o.resources));
  if (o.resolver !== undefined) {
    spec.resolver = o.resolver;
  }
  if (o.service !== undefined) {
    spec.service = renderProxyService(o.service);
  }
  if (o.livenessProbeFailureTime !== undefined) {
    spec.livenessProbeFailureSeconds = wholeSeconds(`${p}.livenessProbeFailureTime`, o.livenessProbeFailureTime);
  }
  if (o.readinessProbeFailureTime !== undefined) {
    spec.readinessProbeFailureSeconds = wholeSeconds(`${p}.readinessProbeFailureTime`, o.readinessProbeFailureTime);
  }
  if (o.emptyDirs && o.emptyDirs.length > 0) {
    spec.storageVolumes = o.emptyDirs.map((e, i) => {
      checkDnsLabel(`${p}.emptyDirs[${i}].name`, e.name);
      checkMountPath(`${p}.emptyDirs[${i}].mountPath`, e.mountPath);
      return { name: e.name, mountPath: e.mountPath, storageClassName: 'emptyDir' };
    });
  }
  const podLabels = copyStringMap(`${p}.podLabels`, o.podLabels);
  if (podLabels && Object.keys(podLabels).length > 0) {
    for (const k of [LABEL_COMPONENT, LABEL_OWNER]) {
      if (k in podLabels) {
        fail(`${p}.podLabels`, `free of the selector label "${k}" (the Deployment would stop selecting its pods of ${clusterName}-fe-proxy)`, podLabels);
      }
    }
    spec.podLabels = podLabels;
  }
  const annotations = copyStringMap(`${p}.podAnnotations`, o.podAnnotations);
  if (annotations && Object.keys(annotations).length > 0) {
    spec.annotations = annotations;
  }
  // the scheduling options, when set and (lists) not empty
  if (o.nodeSelector !== undefined) {
    spec.nodeSelector = copyStringMap(`${p}.nodeSelector`, o.nodeSelector);
  }
  if (o.affinity !== undefined) {
    spec.affinity = affinityToWire(o.affinity, `${p}.affinity`);
  }
  if (o.tolerations !== undefined && o.tolerations.length > 0) {
    spec.tolerations = tolerationsToWire(o.tolerations, `${p}.tolerations`);
  }
  if (o.topologySpreadConstraints !== undefined && o.topologySpreadConstraints.length > 0) {
    spec.topologySpreadConstraints = topologySpreadToWire(o.topologySpreadConstraints, `${p}.topologySpreadConstraints`);
  }
  if (o.schedulerName !== undefined) {
    spec.schedulerName = o.schedulerName;
  }
  if (o.serviceAccount !== undefined) {
    spec.serviceAccount = o.serviceAccount;
  }
  if (o.shareProcessNamespace !== undefined) {
    spec.shareProcessNamespace = o.shareProcessNamespace;
  }
  return spec;
}

function renderProxyService(s: ComponentServiceOptions): ServiceWire {
  const ports = { [FE_PROXY_PORT.name]: FE_PROXY_PORT.containerPort };
  return renderServiceOptions('feProxy.service', s, () => ports,
    () => `to match the proxy's port by containerPort ${FE_PROXY_PORT.containerPort} or name "${FE_PROXY_PORT.name}"`);
}
