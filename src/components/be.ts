import type { ComponentKindBehavior } from './kind';
import type { BeOptions } from './options';
import { dataComponentVolumes } from './storage-volumes';
import { ComponentKind } from '../cluster/component-kind';

/**
 * The BE (backend): data, log and spill volumes, spec key `starRocksBeSpec`, env `beEnvVars`.
 *
 * @internal
 */
export function beKind(o: BeOptions): ComponentKindBehavior {
  return {
    key: 'be',
    kind: ComponentKind.BE,
    upper: 'BE',
    idPrefix: 'Be',
    specKey: 'starRocksBeSpec',
    envKey: 'beEnvVars',
    appliesWhenScaled: false,
    standardVolumes: (prefix, ctx) => dataComponentVolumes('be', o, prefix, ctx),
    check() {},
    renderOwn() {
      return {};
    },
  };
}
