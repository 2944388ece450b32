import { CLUSTER_FIELDS, FE_PROXY_FIELDS } from './cluster-mapping';
import { COMPONENT_FIELDS, SpecKind } from './component-mapping';
import { WAREHOUSE_FIELDS } from './warehouse-mapping';

const PATCH = 'none: a JSON patch (`ApiObject.of(...).addJsonPatch`)';

function cell(prop: string, base: string): string {
  return prop === '' ? PATCH : `${base}${prop}`;
}

/**
 * The markdown table of every StarRocksCluster and StarRocksWarehouse spec field and the typed
 * prop that writes it, made from the mapping's own rules (the README's "From manifests to the
 * typed API").
 *
 * @internal
 */
export function manifestMappingTable(): string {
  const rows: string[] = ['| Spec field | Typed prop |', '| --- | --- |'];
  for (const f of CLUSTER_FIELDS) rows.push(`| StarRocksCluster \`spec.${f.field}\` | ${cell(f.prop, '')} |`);
  const specs: Array<[string, string, SpecKind]> = [
    ['StarRocksCluster `spec.starRocksFeSpec', 'fe.', 'fe'],
    ['StarRocksCluster `spec.starRocksBeSpec', 'be.', 'be'],
    ['StarRocksCluster `spec.starRocksCnSpec', 'cn.', 'cn'],
    ['StarRocksWarehouse `spec.template', '', 'warehouse'],
  ];
  for (const f of WAREHOUSE_FIELDS) rows.push(`| StarRocksWarehouse \`spec.${f.field}\` | ${cell(f.prop, '')} |`);
  for (const [head, base, kind] of specs) {
    for (const r of COMPONENT_FIELDS) {
      if (r.only !== undefined && !r.only.includes(kind)) continue;
      rows.push(`| ${head}.${r.field}\` | ${cell(r.prop, base)} |`);
    }
  }
  for (const r of FE_PROXY_FIELDS) rows.push(`| StarRocksCluster \`spec.starRocksFeProxySpec.${r.field}\` | ${cell(r.prop, 'feProxy.')} |`);
  return `${rows.join('\n')}\n`;
}
