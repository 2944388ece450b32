/**
 * The config-file checks (src/config/check.ts) over the `fe.conf` / `be.conf` / `cn.conf` a
 * component's `configMapInfo` refers to, when that ConfigMap is among the objects read.
 *
 * @internal
 */
import { FindingSink } from './findings';
import { DataMap, listOf, mapOf, strOf } from './read';
import { formatPath } from './structural';
import { ComponentKind } from '../cluster/component-kind';
import { ARROW_FLIGHT, PORTS } from '../common/constants';
import { show } from '../common/validate';
import { checkConfigAssignments, ConfigAssignment, configAssignments } from '../config/check';

/** The rule of a config warning, from its wording (src/config/check.ts). */
function warningRule(message: string): string {
  if (/ is not (an FE|a BE\/CN) configuration key/.test(message)) return 'config/unknown-key';
  if (/ refers to \$\{/.test(message)) return 'config/undefined-variable';
  if (/ is set twice/.test(message)) return 'config/duplicate-key';
  if (/ is deprecated/.test(message)) return 'config/deprecated';
  return 'config/value';
}

/**
 * Checks the config text under `key` of a ConfigMap for a component of `kind`; `envVars` is the
 * component's env list (for `${VAR}` references). Findings go to `sink` (the ConfigMap's).
 * `helmRendered`: the ConfigMap is `helm template` output (see `StreamObject.helmRendered`).
 *
 * @internal
 */
export function checkConfigText(
  configMap: DataMap, key: string, kind: ComponentKind, envVars: unknown, sink: FindingSink, helmRendered = false,
): ConfigAssignment[] | undefined {
  const data = mapOf(configMap.data);
  const path = formatPath(['data', key]);
  const text = strOf(data[key]);
  if (text === undefined) {
    const keys = Object.keys(data);
    sink.error(path, 'config/missing-key', `is missing: configMapInfo.resolveKey names it, and the operator mounts the ConfigMap's ${show(key)} as the ${kind.toUpperCase()} config (the ConfigMap has ${keys.length === 0 ? 'no keys' : keys.map((k) => show(k)).join(', ')})`);
    return undefined;
  }
  const assignments = configAssignments(kind, text);
  const names = new Set(listOf(envVars).map((e) => strOf(mapOf(e).name)).filter((n): n is string => n !== undefined));
  const findings = checkConfigAssignments(kind, assignments, {
    prop: path,
    hasEnvVar: (name) => names.has(name),
    // Helm prints a number of 7 digits or more of configyaml in exponent form: the library warns
    // there (quote it in the values), as it does when rendering the chart
    chartPrinted: helmRendered,
  });
  for (const e of findings.errors) {
    sink.error(path, 'config/value', `${show(e.prop.slice(path.length + 1))} ${e.problem}`);
  }
  for (const w of findings.warnings) {
    const message = w.replace(/^[a-z]+\.conf: /, '');
    sink.warning(path, warningRule(message), message);
  }
  checkPorts(assignments, kind, path, sink);
  return assignments;
}

/** V40: the ports of a component's config are distinct (the operator lists each on the Services). */
function checkPorts(assignments: readonly ConfigAssignment[], kind: ComponentKind, path: string, sink: FindingSink): void {
  if (kind === ComponentKind.FE_PROXY) return;
  const values = new Map<string, string>();
  for (const a of assignments) values.set(a.key, a.value);
  const ports = PORTS[kind].map((fact) => {
    const key = fact.keys.find((k) => values.has(k));
    return { name: fact.name, key: key ?? fact.keys[0], port: key !== undefined ? values.get(key)!.trim() : String(fact.defaultPort) };
  });
  const arrow = values.get(ARROW_FLIGHT.key);
  if (arrow !== undefined && arrow.trim() !== '' && arrow.trim() !== '-1') ports.push({ name: ARROW_FLIGHT.name, key: ARROW_FLIGHT.key, port: arrow.trim() });
  const seen = new Map<string, string>();
  for (const p of ports) {
    const first = seen.get(p.port);
    if (first !== undefined) {
      sink.error(path, 'V40', `${show(p.key)} is ${p.port} like ${show(first)}: the ports of a component must differ (the operator puts each on its Services, and the API server refuses duplicates)`);
    } else {
      seen.set(p.port, p.key);
    }
  }
}
