/**
 * Wire shapes of the Kubernetes objects the init-password Job writes (`batch/v1` Job, `v1`
 * Secret and ConfigMap): only the fields it sets, with the API's field names. Values that come
 * from the caller as cdk8s-plus-27 types (affinity, tolerations, resources) are kept as the
 * plain data `wireValue` gives and typed as opaque wire objects.
 *
 * @internal
 */

/** A Kubernetes object in wire form whose fields this module passes through unchanged. @internal */
export interface WireObject {
  readonly [key: string]: unknown;
}

/** `Job.spec`. @internal */
export interface JobSpec {
  readonly template: PodTemplateSpec;
  readonly backoffLimit: number;
}

/** `PodTemplateSpec`. @internal */
export interface PodTemplateSpec {
  readonly metadata?: { readonly annotations: { [key: string]: string } };
  readonly spec: PodSpec;
}

/** The fields of `PodSpec` the Job sets. @internal */
export interface PodSpec {
  readonly imagePullSecrets?: LocalObjectReference[];
  readonly affinity?: WireObject;
  readonly tolerations?: WireObject[];
  readonly containers: Container[];
  readonly volumes: Volume[];
  readonly restartPolicy: 'OnFailure' | 'Never';
}

/** `LocalObjectReference`. @internal */
export interface LocalObjectReference {
  readonly name: string;
}

/** The fields of `Container` the Job sets. @internal */
export interface Container {
  readonly name: string;
  readonly image: string;
  readonly imagePullPolicy: 'Always' | 'IfNotPresent' | 'Never';
  readonly resources?: WireObject;
  readonly command: string[];
  readonly args: string[];
  readonly env: EnvVar[];
  readonly volumeMounts: VolumeMount[];
}

/** `EnvVar` read from a Secret key. @internal */
export interface EnvVar {
  readonly name: string;
  readonly valueFrom: { readonly secretKeyRef: SecretKeySelector };
}

/** `SecretKeySelector`. @internal */
export interface SecretKeySelector {
  readonly name: string;
  readonly key: string;
}

/** `VolumeMount`. @internal */
export interface VolumeMount {
  readonly name: string;
  readonly mountPath: string;
  readonly subPath?: string;
}

/** A `Volume` of a ConfigMap. @internal */
export interface Volume {
  readonly name: string;
  readonly configMap: ConfigMapVolumeSource;
}

/** `ConfigMapVolumeSource`. @internal */
export interface ConfigMapVolumeSource {
  readonly name: string;
  readonly defaultMode?: number;
  readonly items?: Array<{ readonly key: string; readonly path: string }>;
  readonly optional?: boolean;
}

/** The `data` of a ConfigMap or Secret: key to text (ConfigMap) or base64 (Secret). @internal */
export interface DataMap {
  readonly [key: string]: string;
}
