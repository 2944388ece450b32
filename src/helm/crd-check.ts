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
 * The first problem of a rendered StarRocksCluster or StarRocksWarehouse against its CRD, as a
 * HelmValuesError naming the values key (`root` is `starrocks.` in the kube-starrocks chart) or,
 * where the chart builds the field itself, the resource's field; undefined for other objects and
 * for resources without a problem.
 *
 * @internal
 */
export function customResourceProblem(object: unknown, root: string): HelmValuesError | undefined {
  const o = typeof object === 'object' && object !== null ? object as { readonly kind?: unknown; readonly spec?: unknown } : {};
  if (o.kind !== 'StarRocksCluster' && o.kind !== 'StarRocksWarehouse') {
    return undefined;
  }
  // the spec (metadata is an ObjectMeta, which the CRD leaves to the API server's own checks)
  const spec = (o.kind === 'StarRocksCluster' ? STARROCKS_CLUSTER : STARROCKS_WAREHOUSE).p?.spec;
  if (spec === undefined || o.spec === undefined) {
    return undefined;
  }
  const problem = validateStructural(o.spec, spec, DEFS, ['spec']).find((p) => p.kind !== 'null');
  if (problem === undefined) {
    return undefined;
  }
  const field = formatPath(problem.path);
  const key = o.kind === 'StarRocksCluster' ? clusterValuesKey(problem.path, root) : undefined;
  const where = `the ${o.kind}'s ${field}, which the API server would drop or refuse`;
  return new HelmValuesError(key === undefined ? `${field} ${problem.message} (${where})` : `${key} ${problem.message} (${where})`);
}

/**
 * Adds a check of every StarRocksCluster and StarRocksWarehouse under `scope` against its CRD when
 * the app synthesizes (see {@link customResourceProblem}).
 *
 * @internal
 */
export function addCustomResourceCheck(scope: IConstruct, root: string): void {
  scope.node.addValidation({
    validate: () => {
      const errors: string[] = [];
      for (const c of scope.node.findAll()) {
        if (c instanceof ApiObject && (c.kind === 'StarRocksCluster' || c.kind === 'StarRocksWarehouse')) {
          const problem = customResourceProblem(c.toJson(), root);
          if (problem !== undefined) {
            errors.push(problem.message);
          }
        }
      }
      return errors;
    },
  });
}
