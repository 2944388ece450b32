import { Construct } from 'constructs';
import { HelmContext } from './context';

/**
 * Adds what the warehouse chart renders.
 *
 * @internal
 */
export function addWarehouseChart(scope: Construct, values: { [key: string]: any }, ctx: HelmContext): void {
  void scope;
  void values;
  void ctx;
  throw new Error('not implemented yet');
}
