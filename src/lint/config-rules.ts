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
import { show } from '../common/validate';
import { checkConfigAssignments, configAssignments } from '../config/check';

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
): void {
  const data = mapOf(configMap.data);
  const path = formatPath(['data', key]);
  const text = strOf(data[key]);
  if (text === undefined) {
    const keys = Object.keys(data);
    sink.error(path, 'config/missing-key', `is missing: configMapInfo.resolveKey names it, and the operator mounts the ConfigMap's ${show(key)} as the ${kind.toUpperCase()} config (the ConfigMap has ${keys.length === 0 ? 'no keys' : keys.map((k) => show(k)).join(', ')})`);
    return;
  }
  const names = new Set(listOf(envVars).map((e) => strOf(mapOf(e).name)).filter((n): n is string => n !== undefined));
  const findings = checkConfigAssignments(kind, configAssignments(kind, text), {
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
}
