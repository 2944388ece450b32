import type { ComponentKindBehavior } from './kind';
import type { FeOptions } from './options';
import { persistentVolume } from './storage-volumes';
import { ComponentKind } from '../cluster/component-kind';
import { DEFAULT_PATHS, DEFAULT_STORAGE_SIZES, FE_META_MIN_BYTES } from '../common/constants';
import type { StorageVolumeWire } from '../common/crd-types';
import { storageBytes } from '../common/quantity';

/**
 * The FE (frontend): metadata and log volumes, spec key `starRocksFeSpec`, env `feEnvVars`.
 *
 * @internal
 */
export function feKind(o: FeOptions): ComponentKindBehavior {
  return {
    key: 'fe',
    kind: ComponentKind.FE,
    upper: 'FE',
    idPrefix: 'Fe',
    specKey: 'starRocksFeSpec',
    envKey: 'feEnvVars',
    appliesWhenScaled: false,
    standardVolumes(prefix, ctx) {
      const out: StorageVolumeWire[] = [];
      if (o.metaStorage) {
        const v = persistentVolume(ctx, `${prefix}-meta`, 'fe.metaStorage', o.metaStorage, DEFAULT_STORAGE_SIZES.feMeta, DEFAULT_PATHS.feMeta);
        out.push(v);
        ctx.configurePath('fe.metaStorage.mountPath', 'meta_dir', v.mountPath, DEFAULT_PATHS.feMeta);
        const size = v.storageSize ?? DEFAULT_STORAGE_SIZES.feMeta;
        if (storageBytes(size) < FE_META_MIN_BYTES) {
          ctx.warn(`'fe.metaStorage.size' is ${size}; FE stops when less than 5Gi is free, keep at least 10Gi`);
        }
      }
      if (o.logStorage) {
        const v = persistentVolume(ctx, `${prefix}-log`, 'fe.logStorage', o.logStorage, DEFAULT_STORAGE_SIZES.feLog, DEFAULT_PATHS.log('fe'));
        out.push(v);
        ctx.configurePath('fe.logStorage.mountPath', 'sys_log_dir', v.mountPath, DEFAULT_PATHS.log('fe'));
      }
      return out;
    },
    check() {},
    renderOwn() {
      return {};
    },
  };
}
