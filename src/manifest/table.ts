import { CLUSTER_FIELDS, FE_PROXY_FIELDS } from './cluster-mapping';
import { COMPONENT_FIELDS, FieldRule, SpecKind } from './component-mapping';
import { WAREHOUSE_FIELDS } from './warehouse-mapping';

const PATCH = 'none: a JSON patch (the README\'s escape hatch)';

/** A table cell: a bare prop name in code font, a text as written. */
function cell(prop: string): string {
  if (prop === '') return PATCH;
  return /^[A-Za-z.]+$/.test(prop) ? `\`${prop}\`` : prop;
}

function row(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function componentCell(r: FieldRule, kind: SpecKind): string {
  if (r.only !== undefined && !r.only.includes(kind)) return '—';
  return cell(kind === 'fe' && r.feProp !== undefined ? r.feProp : r.prop);
}

/**
 * The markdown tables of every StarRocksCluster and StarRocksWarehouse spec field and the typed
 * prop that writes it, made from the mapping's own rules (the README's "From manifests to the
 * typed API"). A field without a prop is written by a JSON patch (`ApiObject.of(...).addJsonPatch`).
 *
 * @internal
 */
export function manifestMappingTable(): string {
  const lines: string[] = [
    'Each field of a manifest becomes the typed prop that writes it (`StarRocksCluster.fromManifest`,',
    '`StarRocksWarehouse.fromManifest`, `cdk8s-starrocks convert`). A field the CRD does not declare is',
    'an error naming its path; a value no prop can write as given (a field without a prop, an empty list,',
    'a size the `Size` type cannot give) is written by a JSON patch, with the reason.',
    '',
    row(['Spec field', 'Typed prop']), row(['---', '---']),
  ];
  for (const f of CLUSTER_FIELDS) lines.push(row([`StarRocksCluster \`spec.${f.field}\``, cell(f.prop)]));
  for (const f of WAREHOUSE_FIELDS) lines.push(row([`StarRocksWarehouse \`spec.${f.field}\``, cell(f.prop)]));
  lines.push('');
  lines.push(row(['Component spec field', '`starRocksFeSpec` (`fe.`)', '`starRocksBeSpec` (`be.`)', '`starRocksCnSpec` (`cn.`)', 'warehouse `spec.template`']));
  lines.push(row(['---', '---', '---', '---', '---']));
  const seen = new Set<string>();
  for (const r of COMPONENT_FIELDS) {
    const env = /EnvVars$|^envVars$/.test(r.field);
    const field = env ? 'feEnvVars, beEnvVars, cnEnvVars, envVars' : r.field;
    if (seen.has(field)) continue;
    seen.add(field);
    const cells = (['fe', 'be', 'cn', 'warehouse'] as SpecKind[]).map((k) => (env ? cell('envVars') : componentCell(r, k)));
    lines.push(row([`\`${field}\``, ...cells]));
  }
  lines.push('');
  for (const r of COMPONENT_FIELDS) {
    if (r.note !== undefined) lines.push(`- \`${r.field}\`: ${r.note}.`);
  }
  lines.push('');
  lines.push(row(['`starRocksFeProxySpec` field', 'Typed prop (`feProxy.`)']));
  lines.push(row(['---', '---']));
  for (const r of FE_PROXY_FIELDS) lines.push(row([`\`${r.field}\``, cell(r.prop)]));
  return `${lines.join('\n')}\n`;
}
