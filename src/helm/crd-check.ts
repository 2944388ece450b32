/**
 * The custom resources a chart translation built, checked against their CRD's schema before they
 * are printed. The charts print some values as given (affinity, tolerations, lifecycle, sidecars,
 * ...); where such a value has a field the CRD does not declare, or a field of the wrong type, the
 * API server would drop or refuse it. The typed props' types rule that out for typed code; values
 * files can hold anything, so the Helm path checks the result, naming the values key.
 *
 * @internal
 */
import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { HelmValuesError } from './context';
import { DEFS, STARROCKS_CLUSTER, STARROCKS_WAREHOUSE } from '../lint/crd-schemas';
import { formatPath, PathSegment, validateStructural } from '../lint/structural';

/** The values key of each component's spec in the starrocks subchart. */
const SPEC_VALUES_KEY: { readonly [crdKey: string]: string } = {
  starRocksFeSpec: 'starrocksFESpec',
  starRocksBeSpec: 'starrocksBeSpec',
  starRocksCnSpec: 'starrocksCnSpec',
  starRocksFeProxySpec: 'starrocksFeProxySpec',
};

/** The values key a field of a StarRocksCluster comes from, where the chart copies it as given. */
function clusterValuesKey(path: readonly PathSegment[], root: string): string | undefined {
  if (path[0] !== 'spec' || typeof path[1] !== 'string' || SPEC_VALUES_KEY[path[1]] === undefined) {
    return undefined;
  }
  return `${root}${SPEC_VALUES_KEY[path[1]]}${formatPath(path.slice(2)).replace(/^(?=[^.[])/, '.')}`;
}

/**
 * Checks every StarRocksCluster and StarRocksWarehouse under `scope` against its CRD: the first
 * undeclared or wrong field is a HelmValuesError naming the values key (`root` is `starrocks.` in
 * the kube-starrocks chart) or, where the chart builds the field itself, the resource's field.
 *
 * @internal
 */
export function checkCustomResources(scope: IConstruct, root: string): void {
  for (const c of scope.node.findAll()) {
    if (!(c instanceof ApiObject) || (c.kind !== 'StarRocksCluster' && c.kind !== 'StarRocksWarehouse')) {
      continue;
    }
    let json: unknown;
    try {
      json = c.toJson();
    } catch {
      // a problem the synthesis reports, with its values key
      continue;
    }
    // the spec (metadata is an ObjectMeta, which the CRD leaves to the API server's own checks)
    const spec = (c.kind === 'StarRocksCluster' ? STARROCKS_CLUSTER : STARROCKS_WAREHOUSE).p?.spec;
    const body = typeof json === 'object' && json !== null ? (json as { readonly spec?: unknown }).spec : undefined;
    if (spec === undefined || body === undefined) {
      continue;
    }
    const problem = validateStructural(body, spec, DEFS, ['spec']).find((p) => p.kind !== 'null');
    if (problem === undefined) {
      continue;
    }
    const field = formatPath(problem.path);
    const key = c.kind === 'StarRocksCluster' ? clusterValuesKey(problem.path, root) : undefined;
    const where = `the ${c.kind}'s ${field}, which the API server would drop or refuse`;
    throw new HelmValuesError(key === undefined ? `${field} ${problem.message} (${where})` : `${key} ${problem.message} (${where})`);
  }
}
