/**
 * The API server's rules for a pod's `topologySpreadConstraints` (Kubernetes
 * pkg/apis/core/validation `validateTopologySpreadConstraints`), which the operator copies from
 * each component's spec into its pods: the CRD marks `maxSkew`, `topologyKey` and
 * `whenUnsatisfiable` required, and the API server checks the rest.
 *
 * @internal
 */
import { checkLabels, checkQualifiedName } from './k8s-rules';
import { fail } from './validate';

/** core `supportedScheduleActions`. */
const WHEN_UNSATISFIABLE: readonly string[] = ['DoNotSchedule', 'ScheduleAnyway'];
/** core `supportedPodTopologySpreadNodePolicies`. */
const NODE_POLICIES: readonly string[] = ['Honor', 'Ignore'];

type Wire = { readonly [key: string]: unknown };
const asMap = (v: unknown): Wire => (typeof v === 'object' && v !== null && !Array.isArray(v) ? v as Wire : {});
const asList = (v: unknown): readonly unknown[] => (Array.isArray(v) ? v : []);

function positiveInteger(prop: string, value: unknown, what: string): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 2147483647) {
    fail(prop, `${what}: a whole number of at least 1`, value);
  }
}

/**
 * Topology spread constraints in wire form (the field names of `k8s.TopologySpreadConstraint`):
 * each with `maxSkew` of at least 1, a qualified-name `topologyKey`, `whenUnsatisfiable`
 * `DoNotSchedule` or `ScheduleAnyway`, `minDomains` (at least 1, with `DoNotSchedule` only), node
 * policies `Honor` or `Ignore`, label selector keys and values, and no two constraints with one
 * topology key and `whenUnsatisfiable`. @internal
 */
export function checkTopologySpreadConstraints(prop: string, constraints: readonly unknown[]): void {
  const seen = new Map<string, number>();
  constraints.forEach((item, i) => {
    const p = `${prop}[${i}]`;
    const c = asMap(item);
    positiveInteger(`${p}.maxSkew`, c.maxSkew, 'the largest allowed difference of matching pods between domains');
    if (typeof c.topologyKey !== 'string' || c.topologyKey === '') {
      fail(`${p}.topologyKey`, 'a node label key such as "topology.kubernetes.io/zone" (the API server requires one)', c.topologyKey);
    }
    checkQualifiedName(`${p}.topologyKey`, c.topologyKey);
    if (typeof c.whenUnsatisfiable !== 'string' || !WHEN_UNSATISFIABLE.includes(c.whenUnsatisfiable)) {
      fail(`${p}.whenUnsatisfiable`, `one of ${WHEN_UNSATISFIABLE.map((w) => JSON.stringify(w)).join(', ')}`, c.whenUnsatisfiable);
    }
    if (c.minDomains !== undefined && c.minDomains !== null) {
      positiveInteger(`${p}.minDomains`, c.minDomains, 'the minimum number of eligible domains');
      if (c.whenUnsatisfiable !== 'DoNotSchedule') {
        fail(`${p}.minDomains`, 'left out unless whenUnsatisfiable is "DoNotSchedule"', c.minDomains);
      }
    }
    for (const policy of ['nodeAffinityPolicy', 'nodeTaintsPolicy'] as const) {
      if (c[policy] !== undefined && c[policy] !== null && !NODE_POLICIES.includes(c[policy] as string)) {
        fail(`${p}.${policy}`, 'one of "Honor", "Ignore"', c[policy]);
      }
    }
    asList(c.matchLabelKeys).forEach((k, j) => checkQualifiedName(`${p}.matchLabelKeys[${j}]`, k as string));
    const selector = asMap(c.labelSelector);
    checkLabels(`${p}.labelSelector.matchLabels`, asMap(selector.matchLabels) as { readonly [key: string]: string });
    asList(selector.matchExpressions).forEach((r, j) => checkQualifiedName(`${p}.labelSelector.matchExpressions[${j}].key`, asMap(r).key as string));
    const pair = `${String(c.topologyKey)} ${String(c.whenUnsatisfiable)}`;
    const before = seen.get(pair);
    if (before !== undefined) {
      fail(`${p}`, `a constraint other than ${prop}[${before}]'s: two constraints with one topologyKey and whenUnsatisfiable are refused`, c.topologyKey);
    }
    seen.set(pair, i);
  });
}
