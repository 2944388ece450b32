/**
 * The declared types of one component's section of the kube-starrocks chart's `starrocks`
 * subchart (`starrocksFESpec`, `starrocksBeSpec`, `starrocksCnSpec`), of the FE proxy
 * (`starrocksFeProxySpec`) and of what they share with `starrocksCluster.componentValues`: what
 * chart 1.11.5 reads there, as precise as the chart, the StarRocks CRD and the API server accept.
 *
 * @internal
 */
import {
  bool, image, int, listOf, mapOf, oneOf, pullSecrets, quantity, scalar, str, stringMap, struct, StructSchema,
  ValueSchema, wireMap,
} from './dsl';

/** A port number. @internal */
export function port(): ValueSchema {
  return int({ min: 1, max: 65535 });
}

/**
 * A number of seconds the chart prints with `{{ }}` (grace periods, probe budgets, minReadySeconds):
 * a quoted number loses its quotes there, so a string of digits is a number too.
 *
 * @internal
 */
export function seconds(): ValueSchema {
  return int({ min: 0, max: 2147483647, digitString: true });
}

/** A replica count. @internal */
export function replicas(): ValueSchema {
  return int({ min: 0, max: 2147483647 });
}

/** `imagePullPolicy`, as Kubernetes knows it. @internal */
export function pullPolicy(): ValueSchema {
  return str({ oneOf: ['Always', 'IfNotPresent', 'Never'] });
}

/** `emptyDirs`: a name and a mount path each. @internal */
export function emptyDirs(): ValueSchema {
  return listOf(struct({ name: str(), mountPath: str() }));
}

/** A component's or the FE proxy's external Service. @internal */
export function service(): StructSchema {
  return struct({
    type: str({ oneOf: ['ClusterIP', 'NodePort', 'LoadBalancer'] }),
    loadbalancerIP: str(),
    annotations: stringMap(),
    labels: stringMap(),
    // the StarRocks CRD's port override: matched by containerPort or name, sets port and nodePort
    ports: listOf(struct({ name: str(), containerPort: port(), port: port(), nodePort: port() })),
    loadBalancerSourceRanges: listOf(str()),
  });
}

/** The keys `starrocksCluster.componentValues` shares with FE, BE and CN (the component's own value wins when set). */
const INHERITABLE: { readonly [key: string]: ValueSchema } = {
  hostAliases: listOf(wireMap('a host alias')),
  runAsNonRoot: bool(),
  schedulerName: str(),
  serviceAccount: str(),
  imagePullSecrets: pullSecrets(),
  tolerations: listOf(wireMap('a toleration')),
  topologySpreadConstraints: listOf(wireMap('a topology spread constraint')),
  nodeSelector: stringMap(),
  affinity: wireMap('an affinity'),
  podLabels: stringMap(),
};

/**
 * `starrocksCluster.componentValues`: the image tag and the keys FE, BE and CN inherit.
 *
 * @internal
 */
export function componentValuesSchema(): StructSchema {
  return struct({ image: struct({ tag: str() }), ...INHERITABLE });
}

/** An environment variable of a list: a name and a value or a source, printed as given. */
function envVar(): StructSchema {
  return struct({ name: str(), value: str({ multiline: true }), valueFrom: wireMap('an environment variable source') });
}

/**
 * `feEnvVars`, `beEnvVars`, `cnEnvVars`: a list of EnvVar maps, or a map of name to value (printed
 * quoted) or to the body of an EnvVar (`valueFrom`).
 */
function envVars(): ValueSchema {
  return oneOf(
    listOf(envVar()),
    mapOf(oneOf(scalar({ multiline: true }), struct({ value: str({ multiline: true }), valueFrom: wireMap('an environment variable source') }))),
  );
}

/** `resources` (a limit of `unlimited` is left out) and the older `resource` (printed as given). */
function componentResources(unlimited: boolean): StructSchema {
  return struct({ limits: mapOf(quantity({ unlimited })), requests: mapOf(quantity()) });
}

/** `storageSpec`: FE has metadata and log volumes, BE and CN data (several), log and spill volumes. */
function storageSpec(dataVolumes: boolean): StructSchema {
  const common: { [key: string]: ValueSchema } = {
    name: str(),
    storageClassName: str(),
    storageSize: quantity(),
    storageMountPath: str(),
    logStorageClassName: str(),
    logStorageSize: quantity(),
    logMountPath: str(),
  };
  return struct(dataVolumes ? {
    ...common,
    storageCount: int({ min: 0, max: 2147483647 }),
    spillStorageClassName: str(),
    spillStorageSize: quantity(),
    spillMountPath: str(),
  } : common);
}

/** Mounts of existing Secrets or ConfigMaps. */
function mounts(): ValueSchema {
  return listOf(struct({ name: str(), mountPath: str(), subPath: str() }));
}

const CONTAINER = 'a container';

/** The keys of FE, BE and CN alike. */
function commonComponentFields(): { [key: string]: ValueSchema } {
  return {
    image: image(),
    imagePullPolicy: pullPolicy(),
    ...INHERITABLE,
    entrypoint: struct({ script: str({ multiline: true }) }),
    annotations: stringMap(),
    readOnlyRootFilesystem: bool(),
    capabilities: struct({ add: listOf(str()), drop: listOf(str()) }),
    sysctls: listOf(struct({ name: str(), value: str() })),
    service: service(),
    resources: componentResources(true),
    resource: componentResources(false),
    emptyDirs: emptyDirs(),
    hostPaths: listOf(struct({ name: str(), mountPath: str(), hostPath: struct({ path: str(), type: str() }) })),
    persistentVolumeClaimRetentionPolicy: struct({ whenDeleted: str({ oneOf: ['Retain', 'Delete'] }), whenScaled: str({ oneOf: ['Retain', 'Delete'] }) }),
    config: str({ multiline: true }),
    // printed with `{{ }}` into the config file: big numbers in exponent form, as the chart does (warned)
    configyaml: mapOf(scalar({ exponentWarns: true })),
    secrets: mounts(),
    configMaps: mounts(),
    terminationGracePeriodSeconds: seconds(),
    startupProbeFailureSeconds: seconds(),
    livenessProbeFailureSeconds: seconds(),
    readinessProbeFailureSeconds: seconds(),
    minReadySeconds: seconds(),
    podManagementPolicy: str({ oneOf: ['OrderedReady', 'Parallel'] }),
    lifecycle: wireMap('a lifecycle'),
    sidecars: listOf(wireMap(CONTAINER)),
    sidecarsMap: mapOf(wireMap(CONTAINER)),
    initContainers: listOf(wireMap(CONTAINER)),
    // a number of pods or a percentage ("25%")
    maxUnavailablePods: oneOf(int({ min: 0, max: 2147483647 }), str()),
    shareProcessNamespace: bool(),
  };
}

/** `starrocksFESpec`. @internal */
export function feSpecSchema(): StructSchema {
  return struct({ replicas: replicas(), ...commonComponentFields(), feEnvVars: envVars(), storageSpec: storageSpec(false) });
}

/** `starrocksBeSpec`. @internal */
export function beSpecSchema(): StructSchema {
  return struct({ replicas: replicas(), ...commonComponentFields(), beEnvVars: envVars(), storageSpec: storageSpec(true) });
}

/** `starrocksCnSpec`: BE's storage, and the HPA settings. @internal */
export function cnSpecSchema(): StructSchema {
  return struct({
    replicas: replicas(),
    ...commonComponentFields(),
    cnEnvVars: envVars(),
    storageSpec: storageSpec(true),
    autoScalingPolicy: struct({
      version: str({ oneOf: ['v1', 'v2beta2', 'v2'] }),
      minReplicas: int({ min: 1, max: 2147483647 }),
      maxReplicas: int({ min: 1, max: 2147483647 }),
      hpaPolicy: struct({ metrics: listOf(wireMap('an HPA metric')), behavior: wireMap('an HPA behavior') }),
    }),
  });
}

/** `starrocksFeProxySpec`: no inheritance from componentValues, limits printed as given. @internal */
export function feProxySpecSchema(): StructSchema {
  return struct({
    enabled: bool(),
    replicas: replicas(),
    imagePullPolicy: pullPolicy(),
    image: image(),
    resources: componentResources(false),
    resolver: str(),
    service: service(),
    imagePullSecrets: pullSecrets(),
    nodeSelector: stringMap(),
    affinity: wireMap('an affinity'),
    tolerations: listOf(wireMap('a toleration')),
    livenessProbeFailureSeconds: seconds(),
    readinessProbeFailureSeconds: seconds(),
    emptyDirs: emptyDirs(),
    podLabels: stringMap(),
  });
}
