import { beKind } from './be';
import { cnKind } from './cn';
import { feKind } from './fe';
import type { ComponentKindBehavior } from './kind';
import type { ComponentOptions } from './options';
import type { ComponentKey } from '../common/constants';

/**
 * The behaviour of a kind of component, made from its options: the one place that knows every
 * kind (`kind.ts` declares what a kind provides, `fe.ts`, `be.ts` and `cn.ts` provide it).
 *
 * @internal
 */
export function kindOf(key: ComponentKey, opts: ComponentOptions): ComponentKindBehavior {
  switch (key) {
    case 'fe': return feKind(opts);
    case 'be': return beKind(opts);
    default: return cnKind(opts);
  }
}
