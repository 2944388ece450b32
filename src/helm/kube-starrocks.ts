import { Construct } from 'constructs';
import { HelmContext } from './context';

/**
 * Adds what the kube-starrocks umbrella chart renders: the operator subchart (`operator:`) and
 * the starrocks subchart (`starrocks:`).
 *
 * @internal
 */
export function addKubeStarRocks(scope: Construct, values: { [key: string]: any }, ctx: HelmContext): void {
  void scope;
  void values;
  void ctx;
  throw new Error('not implemented yet');
}
