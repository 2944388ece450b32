import type { ComponentKindBehavior, VolumeContext } from './kind';
import type { ComponentOptions, DataComponentOptions } from './options';
import { ComponentKey, configMountPath, DEFAULT_PATHS, DEFAULT_STORAGE_SIZES, DEFAULT_VOLUMES, NAME_BUDGET } from '../common/constants';
import type { CommonComponentSpecWire, StorageVolumeWire } from '../common/crd-types';
import { mountVolumeHash } from '../common/hash';
import { checkHostPathType, checkObjectName } from '../common/k8s-rules';
import { checkStorageSize, isZeroSize } from '../common/quantity';
import { checkDnsLabel, checkInt, checkMountPath, fail } from '../common/validate';
import type { StarRocksConfig } from '../config/config';
import { PersistentStorageOptions, renderStorageVolume } from '../storage/storage';

/**
 * All storage volumes of a component: its kind's standard volumes, then the extra ones (with a
 * warning for an extra volume that makes the operator leave out a default one).
 *
 * @internal
 */
export function componentVolumes(kind: ComponentKindBehavior, o: ComponentOptions, ctx: VolumeContext): StorageVolumeWire[] {
  const prefix = o.volumeNamePrefix ?? kind.key;
  checkDnsLabel(`${kind.key}.volumeNamePrefix`, prefix, NAME_BUDGET.volumeNamePrefix);
  const standard = kind.standardVolumes(prefix, ctx);
  const extras = extraVolumes(kind.key, o);
  checkDefaultVolumes(kind.key, standard, extras, ctx.warn);
  return standard.concat(extras.map(([, v]) => v));
}

/**
 * A standard directory moved to another path needs the StarRocks setting that points there:
 * returns the entry to add to a config made of entries; warns for a config given as text, or one
 * that points elsewhere.
 *
 * @internal
 */
export function configEntryForPath(
  component: ComponentKey, config: StarRocksConfig | undefined, prop: string, key: string, path: string, defaultPath: string,
  warn: (message: string) => void,
): [string, string] | undefined {
  if (path === defaultPath) {
    return undefined;
  }
  const current = config?.get(key);
  if (current === path) {
    return undefined;
  }
  if (current !== undefined) {
    warn(`'${prop}' is ${path} but the config sets ${key} = ${current}; StarRocks will not use the volume`);
    return undefined;
  }
  if (config !== undefined && config._isEntries) {
    return [key, path];
  }
  warn(`'${prop}' is ${path}, which is not the default; set ${key} = ${path} in ${component}.conf or StarRocks will not use the volume`);
  return undefined;
}

/**
 * A persistent volume claim template for one of the standard directories. Returns the volume; its
 * mount path is the option's (or `defPath`) followed by `pathSuffix`.
 *
 * @internal
 */
export function persistentVolume(
  ctx: VolumeContext, name: string, prop: string, s: PersistentStorageOptions, defSize: string, defPath: string, pathSuffix = '',
): StorageVolumeWire {
  const size = s.size !== undefined ? checkStorageSize(`${prop}.size`, s.size) : defSize;
  const mountPath = (s.mountPath !== undefined ? checkMountPath(`${prop}.mountPath`, s.mountPath) : defPath) + pathSuffix;
  if (s.storageClassName !== undefined && s.storageClassName.toLowerCase() === 'hostpath') {
    fail(`${prop}.storageClassName`, 'a real storage class (use hostPaths for node directories)', s.storageClassName);
  }
  const v: StorageVolumeWire = { name, mountPath, storageSize: size };
  if (s.storageClassName !== undefined) {
    v.storageClassName = checkObjectName(`${prop}.storageClassName`, s.storageClassName);
  }
  if (isZeroSize(size) && !name.endsWith('-spill')) {
    ctx.warn(`'${prop}.size' is ${size}: the operator skips a volume of size 0 and the directory stays ephemeral`);
  }
  return v;
}

/**
 * The standard volumes of a BE or CN: data (one or `dataVolumeCount` volumes), log and spill.
 *
 * @internal
 */
export function dataComponentVolumes(key: ComponentKey, o: DataComponentOptions, prefix: string, ctx: VolumeContext): StorageVolumeWire[] {
  const out: StorageVolumeWire[] = [];
  const count = o.dataVolumeCount ?? 1;
  checkInt(`${key}.dataVolumeCount`, count, 1, 64);
  if (o.dataStorage) {
    const paths: string[] = [];
    const defPath = DEFAULT_PATHS.data(key);
    if (count === 1) {
      out.push(persistentVolume(ctx, `${prefix}-data`, `${key}.dataStorage`, o.dataStorage, DEFAULT_STORAGE_SIZES.data, defPath));
      paths.push(out[out.length - 1].mountPath);
    } else {
      for (let i = 0; i < count; i++) {
        out.push(persistentVolume(ctx, `${prefix}${i}-data`, `${key}.dataStorage`, o.dataStorage, DEFAULT_STORAGE_SIZES.data, defPath, String(i)));
        paths.push(out[out.length - 1].mountPath);
      }
    }
    ctx.configurePath(`${key}.dataStorage.mountPath`, 'storage_root_path', paths.join(';'), defPath);
  } else if (o.dataVolumeCount !== undefined && count !== 1) {
    fail(`${key}.dataVolumeCount`, 'used together with dataStorage', count);
  }
  if (o.logStorage) {
    const v = persistentVolume(ctx, `${prefix}-log`, `${key}.logStorage`, o.logStorage, DEFAULT_STORAGE_SIZES.log, DEFAULT_PATHS.log(key));
    out.push(v);
    ctx.configurePath(`${key}.logStorage.mountPath`, 'sys_log_dir', v.mountPath, DEFAULT_PATHS.log(key));
  }
  if (o.spillStorage) {
    const v = persistentVolume(ctx, `${prefix}-spill`, `${key}.spillStorage`, o.spillStorage, DEFAULT_STORAGE_SIZES.spill, DEFAULT_PATHS.spill(key));
    out.push(v);
    ctx.configurePath(`${key}.spillStorage.mountPath`, 'spill_local_storage_dir', v.mountPath, DEFAULT_PATHS.spill(key));
  }
  return out;
}

/**
 * The extra volumes of a component (`emptyDirs`, `hostPaths`, `storageVolumes`), each with its
 * property path.
 *
 * @internal
 */
export function extraVolumes(key: ComponentKey, o: ComponentOptions): Array<[string, StorageVolumeWire]> {
  const extras: Array<[string, StorageVolumeWire]> = [];
  (o.emptyDirs ?? []).forEach((e, i) => {
    checkDnsLabel(`${key}.emptyDirs[${i}].name`, e.name);
    checkMountPath(`${key}.emptyDirs[${i}].mountPath`, e.mountPath);
    extras.push([`${key}.emptyDirs[${i}]`, { name: e.name, mountPath: e.mountPath, storageClassName: 'emptyDir' }]);
  });
  (o.hostPaths ?? []).forEach((h, i) => {
    checkDnsLabel(`${key}.hostPaths[${i}].name`, h.name);
    checkMountPath(`${key}.hostPaths[${i}].mountPath`, h.mountPath);
    if (!h.path) {
      fail(`${key}.hostPaths[${i}].path`, 'a non-empty node path', h.path);
    }
    if (h.type !== undefined) {
      checkHostPathType(`${key}.hostPaths[${i}].type`, h.type);
    }
    extras.push([`${key}.hostPaths[${i}]`, {
      name: h.name,
      mountPath: h.mountPath,
      storageClassName: 'hostPath',
      hostPath: h.type !== undefined ? { path: h.path, type: h.type } : { path: h.path },
    }]);
  });
  (o.storageVolumes ?? []).forEach((v, i) => extras.push([`${key}.storageVolumes[${i}]`, renderStorageVolume(`${key}.storageVolumes[${i}]`, v)]));
  return extras;
}

/**
 * The operator leaves out a default volume (FE meta and log, BE data and log, CN log) when any
 * volume is named like it (`*-meta`, `*-data`, `*-log`) or mounted at a path containing its path.
 * Warns when an extra volume does so without taking the default path's place.
 *
 * @internal
 */
export function checkDefaultVolumes(
  key: ComponentKey, standard: readonly StorageVolumeWire[], extras: ReadonlyArray<[string, StorageVolumeWire]>, warn: (message: string) => void,
): void {
  for (const d of DEFAULT_VOLUMES[key]) {
    const replaces = (v: StorageVolumeWire) => !isZeroSize(v.storageSize ?? '') && (v.name.endsWith(d.suffix) || v.mountPath.includes(d.path));
    if (standard.some(replaces)) {
      continue;
    }
    for (const [prop, v] of extras) {
      if (replaces(v) && v.mountPath !== d.path) {
        warn(`'${prop}' ("${v.name}" at ${v.mountPath}) makes the operator leave out its default volume for ${d.path}, which then lives in the container's filesystem`);
      }
    }
  }
}

/**
 * Duplicate mount paths or volume names make the operator refuse the spec; a mounted
 * ConfigMap or Secret needs a volume name that fits. Throws for the first problem.
 *
 * @internal
 */
export function checkVolumes(key: ComponentKey, spec: CommonComponentSpecWire, volumeNameWithHash: boolean): void {
  const paths = new Map<string, string>();
  const names = new Map<string, string>();
  const add = (what: string, name: string, path: string) => {
    const pathOwner = paths.get(path);
    if (pathOwner !== undefined) {
      fail(`${key} mount paths`, `unique (the operator refuses duplicates), but ${pathOwner} and ${what} both mount`, path);
    }
    paths.set(path, what);
    const nameOwner = names.get(name);
    if (nameOwner !== undefined) {
      fail(`${key} volume names`, `unique (the operator refuses duplicates), but ${nameOwner} and ${what} are both named`, name);
    }
    names.set(name, what);
  };
  for (const v of spec.storageVolumes ?? []) {
    add(`storage volume ${v.name}`, v.name, v.mountPath);
  }
  if (spec.configMapInfo?.configMapName !== undefined) {
    add('the config ConfigMap', spec.configMapInfo.configMapName, configMountPath(key));
  }
  for (const kind of ['configMaps', 'secrets'] as const) {
    for (const m of spec[kind] ?? []) {
      const name = m.name ?? '';
      const mountPath = m.mountPath ?? '';
      const vol = volumeNameWithHash ? `${name}-${mountVolumeHash(name, mountPath, m.subPath ?? '')}` : name;
      add(`${kind === 'configMaps' ? 'ConfigMap' : 'Secret'} ${name} (volume ${vol})`, vol, mountPath);
      if (vol.length > NAME_BUDGET.volume) {
        fail(`${key}.${kind}`, `mounted under a volume name of at most ${NAME_BUDGET.volume} characters`, vol);
      }
    }
  }
}
