import type { Size } from 'cdk8s';
import type { StorageVolumeWire } from '../common/crd-types';
import { checkHostPathType, checkObjectName } from '../common/k8s-rules';
import { checkStorageSize } from '../common/quantity';
import { checkDnsLabel, checkMountPath, fail } from '../common/validate';

export { checkMountPath } from '../common/validate';

/**
 * A persistent volume for one of a component's standard directories (FE metadata, logs, BE/CN
 * data, spill). The operator turns it into a `volumeClaimTemplate` of the StatefulSet.
 *
 * Kubernetes cannot change a StatefulSet's volume claim templates: changing any of these settings
 * on a running cluster makes the operator fail to update it.
 */
export interface PersistentStorageOptions {
  /**
   * Size of each pod's volume. Only binary units are accepted by the StarRocks CRD
   * (`Size.gibibytes(10)`, `Size.tebibytes(1)`); a size of 0 makes the operator skip the volume.
   *
   * @default - the chart's default for this volume: FE meta 10Gi, FE log 5Gi, BE/CN data 1Ti,
   *   BE/CN log 20Gi, spill 0Gi
   */
  readonly size?: Size;

  /**
   * Storage class of the volume claims.
   *
   * @default - the cluster's default storage class
   */
  readonly storageClassName?: string;

  /**
   * Where the volume is mounted in the container.
   *
   * A non-default path needs the matching StarRocks setting (`meta_dir`, `sys_log_dir`,
   * `storage_root_path`, `spill_local_storage_dir`); the library adds it to a config given as
   * entries and warns for a config given as text.
   *
   * @default - the operator's default path: `/opt/starrocks/fe/meta`, `/opt/starrocks/<x>/log`,
   *   `/opt/starrocks/<x>/storage`, `/opt/starrocks/<x>/spill`
   */
  readonly mountPath?: string;
}

/** An `emptyDir` volume mounted into a component's container. */
export interface EmptyDirVolume {
  /** Volume name (a DNS-1123 label). */
  readonly name: string;
  /** Where the volume is mounted. */
  readonly mountPath: string;
}

/** A `hostPath` volume mounted into a component's container. */
export interface HostPathVolume {
  /** Volume name (a DNS-1123 label). */
  readonly name: string;
  /** Where the volume is mounted in the container. */
  readonly mountPath: string;
  /** The path on the node. */
  readonly path: string;
  /**
   * The hostPath type (`Directory`, `DirectoryOrCreate`, `File`, ...).
   *
   * @default - no check of what is at the path
   */
  readonly type?: string;
}

/**
 * A storage volume exactly as the StarRocks CRD's `storageVolumes` describes it: a volume claim
 * template, or (with storage class `emptyDir` or `hostPath`) a pod volume.
 */
export interface StorageVolume {
  /** Volume name (a DNS-1123 label). */
  readonly name: string;
  /** Where the volume is mounted. */
  readonly mountPath: string;
  /**
   * Storage class; `emptyDir` and `hostPath` select those volume kinds.
   *
   * @default - the cluster's default storage class
   */
  readonly storageClassName?: string;
  /**
   * Size of the volume claim; required for a volume claim. A size of 0 makes the operator skip
   * the volume.
   *
   * @default - none (only valid for `emptyDir` and `hostPath` volumes)
   */
  readonly storageSize?: Size;
  /**
   * Mount only this sub-path of the volume.
   *
   * @default - the whole volume
   */
  readonly subPath?: string;
  /**
   * The node path of a `hostPath` volume.
   *
   * @default - not a hostPath volume
   */
  readonly hostPath?: HostPathSource;
}

/** The node path of a hostPath volume. */
export interface HostPathSource {
  /** The path on the node. */
  readonly path: string;
  /**
   * The hostPath type.
   *
   * @default - no check of what is at the path
   */
  readonly type?: string;
}

/** A storage volume in the CRD's wire form. @internal */
export type WireStorageVolume = StorageVolumeWire;

/** Converts and checks a raw storage volume. @internal */
export function renderStorageVolume(prop: string, v: StorageVolume): StorageVolumeWire {
  checkDnsLabel(`${prop}.name`, v.name);
  checkMountPath(`${prop}.mountPath`, v.mountPath);
  const cls = v.storageClassName;
  if (cls !== undefined && cls.toLowerCase() === 'hostpath' && cls !== 'hostPath') {
    fail(`${prop}.storageClassName`, '"hostPath" spelled exactly so (the operator checks it case-sensitively)', cls);
  }
  const isHostPath = v.hostPath !== undefined || cls === 'hostPath';
  const isEmptyDir = cls !== undefined && cls.toLowerCase() === 'emptydir';
  if (cls === 'hostPath' && (v.hostPath === undefined || !v.hostPath.path)) {
    fail(`${prop}.hostPath.path`, 'set when the storage class is "hostPath"', v.hostPath);
  }
  if (v.hostPath !== undefined && !v.hostPath.path) {
    fail(`${prop}.hostPath.path`, 'a non-empty node path', v.hostPath.path);
  }
  if (v.hostPath?.type !== undefined) {
    checkHostPathType(`${prop}.hostPath.type`, v.hostPath.type);
  }
  const out: StorageVolumeWire = { name: v.name, mountPath: v.mountPath };
  if (cls !== undefined) {
    // a StorageClass's name, unless it selects a pod volume
    out.storageClassName = isHostPath || isEmptyDir ? cls : checkObjectName(`${prop}.storageClassName`, cls);
  }
  if (v.storageSize !== undefined) {
    out.storageSize = checkStorageSize(`${prop}.storageSize`, v.storageSize);
  } else if (!isHostPath && !isEmptyDir) {
    fail(`${prop}.storageSize`, 'set for a volume claim (Kubernetes rejects a claim without a storage request); use storage class "emptyDir" or a hostPath for a pod volume', undefined);
  }
  if (v.subPath !== undefined) {
    out.subPath = v.subPath;
  }
  if (v.hostPath !== undefined) {
    out.hostPath = v.hostPath.type === undefined ? { path: v.hostPath.path } : { path: v.hostPath.path, type: v.hostPath.type };
  }
  return out;
}
