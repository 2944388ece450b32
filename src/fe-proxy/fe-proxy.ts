import type { Duration } from 'cdk8s';
import type { k8s } from 'cdk8s-plus-27';
import { FE_PROXY_PORT } from '../common/constants';
import type { FeProxySpecWire, ServiceWire } from '../common/crd-types';
import { wholeSeconds } from '../common/duration';
import { checkImage } from '../common/image';
import { checkAffinity, checkAnnotations, checkConfigMapData, checkLabels, checkObjectName, checkToleration } from '../common/k8s-rules';
import { LABEL_COMPONENT, LABEL_OWNER } from '../common/labels';
import { checkResourceRequirements, renderSpecResources } from '../common/quantity';
import { checkTopologySpreadConstraints } from '../common/topology-spread-rules';
import { checkDnsLabel, checkDnsSubdomain, checkInt, checkMountPath, checkOneOf, copyStringMap, fail } from '../common/validate';
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
    spec.imagePullSecrets = o.imagePullSecrets.map((name, i) => ({ name: checkDnsSubdomain(`${p}.imagePullSecrets[${i}]`, name) }));
  }
  Object.assign(spec, renderSpecResources(`${p}.resources`, o.resources));
  if (o.resources !== undefined) {
    checkResourceRequirements(`${p}.resources`, o.resources.requests, o.resources.limits);
  }
  if (o.resolver !== undefined) {
    spec.resolver = checkResolver(`${p}.resolver`, o.resolver);
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
    checkLabels(`${p}.podLabels`, podLabels);
    spec.podLabels = podLabels;
  }
  const annotations = copyStringMap(`${p}.podAnnotations`, o.podAnnotations);
  if (annotations && Object.keys(annotations).length > 0) {
    checkAnnotations(`${p}.podAnnotations`, annotations);
    spec.annotations = annotations;
  }
  // the scheduling options, when set and (lists) not empty
  if (o.nodeSelector !== undefined) {
    spec.nodeSelector = copyStringMap(`${p}.nodeSelector`, o.nodeSelector);
    checkLabels(`${p}.nodeSelector`, spec.nodeSelector);
  }
  if (o.affinity !== undefined) {
    spec.affinity = affinityToWire(o.affinity, `${p}.affinity`);
    checkAffinity(`${p}.affinity`, spec.affinity);
  }
  if (o.tolerations !== undefined && o.tolerations.length > 0) {
    spec.tolerations = tolerationsToWire(o.tolerations, `${p}.tolerations`);
    spec.tolerations.forEach((t, i) => checkToleration(`${p}.tolerations[${i}]`, t));
  }
  if (o.topologySpreadConstraints !== undefined && o.topologySpreadConstraints.length > 0) {
    spec.topologySpreadConstraints = topologySpreadToWire(o.topologySpreadConstraints, `${p}.topologySpreadConstraints`);
    checkTopologySpreadConstraints(`${p}.topologySpreadConstraints`, spec.topologySpreadConstraints);
  }
  if (o.schedulerName !== undefined) {
    spec.schedulerName = checkObjectName(`${p}.schedulerName`, o.schedulerName);
  }
  if (o.serviceAccount !== undefined) {
    spec.serviceAccount = checkObjectName(`${p}.serviceAccount`, o.serviceAccount);
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

/** One address of nginx's `resolver` directive: a host name or IP, with an optional port; or a parameter such as `valid=30s`. */
const RESOLVER_TOKEN = /^[A-Za-z0-9._:[\]=-]+$/;

/**
 * The `resolver` the operator writes into the proxy's `nginx.conf` (ConfigMap `<cluster>-fe-proxy`):
 * addresses and parameters separated by spaces, nothing that would end the directive (`;`, braces,
 * line breaks), within the 1 MiB of a ConfigMap; empty for the operator's default.
 */
function checkResolver(prop: string, resolver: string): string {
  if (resolver === '') {
    return resolver; // the operator's default (the chart writes "")
  }
  if (typeof resolver !== 'string' || !resolver.split(' ').every((t) => RESOLVER_TOKEN.test(t))) {
    fail(prop, 'nginx resolver addresses separated by single spaces, e.g. "kube-dns.kube-system.svc.cluster.local" or "10.96.0.10:53 valid=30s"', resolver);
  }
  checkConfigMapData(prop, { 'nginx.conf': resolver });
  return resolver;
}
