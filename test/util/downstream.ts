/**
 * What the operator builds from a StarRocksCluster, checked the way the API server will check it:
 * the fields the operator copies from each component's spec into StatefulSets, Services, pods and
 * HPAs. Written for the tests independently of the constructs' own checks: it reads the
 * synthesized objects, so a prop that reaches the output without passing its check is caught here.
 *
 * The field rules come from src/common/k8s-rules.ts (each cites its Kubernetes source); quantities
 * are compared here with a parser of this file's own.
 */
import {
  checkAnnotations, checkConfigMapData, checkEnvVar, checkIp, checkLabels, checkMaxUnavailable, checkObjectName,
  checkPortNumber, checkSysctlName, checkToleration,
} from '../../src/common/k8s-rules';
import { checkTopologySpreadConstraints } from '../../src/common/topology-spread-rules';

/** The component specs of a StarRocksCluster and their main container's name. */
const COMPONENTS: ReadonlyArray<readonly [string, string]> = [
  ['starRocksFeSpec', 'fe'], ['starRocksBeSpec', 'be'], ['starRocksCnSpec', 'cn'], ['starRocksFeProxySpec', 'fe-proxy'],
];
const ENV_KEYS = ['feEnvVars', 'beEnvVars', 'cnEnvVars'];
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

const SUFFIXES: { readonly [s: string]: number } = {
  'n': 1e-9,
  'u': 1e-6,
  'm': 1e-3,
  '': 1,
  'k': 1e3,
  'M': 1e6,
  'G': 1e9,
  'T': 1e12,
  'P': 1e15,
  'E': 1e18,
  'Ki': 2 ** 10,
  'Mi': 2 ** 20,
  'Gi': 2 ** 30,
  'Ti': 2 ** 40,
  'Pi': 2 ** 50,
  'Ei': 2 ** 60,
};

/**
 * A Kubernetes quantity as a number (precise enough to order the quantities these tests make), or
 * undefined when it is not one (apimachinery's resource.ParseQuantity grammar).
 */
export function quantityValue(q: unknown): number | undefined {
  const text = typeof q === 'number' ? String(q) : q;
  if (typeof text !== 'string') {
    return undefined;
  }
  const m = /^([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))(?:([eE][+-]?[0-9]+)|(n|u|m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?)$/.exec(text);
  if (!m) {
    return undefined;
  }
  return Number(m[1] + (m[2] ?? '')) * SUFFIXES[m[3] ?? ''];
}

/** Records the first problem of a check instead of throwing it. */
function collect(problems: string[], where: string, check: () => void): void {
  try {
    check();
  } catch (e) {
    problems.push(`${where}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function checkResources(problems: string[], where: string, requests: unknown, limits: unknown): void {
  for (const [kind, list] of [['requests', requests], ['limits', limits]] as const) {
    for (const [name, q] of Object.entries((list ?? {}) as Record<string, unknown>)) {
      const v = quantityValue(q);
      if (v === undefined || v < 0) {
        problems.push(`${where}.${kind}.${name}: ${JSON.stringify(q)} is no quantity the API server accepts`);
      }
      if (!/^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/.test(name)) {
        problems.push(`${where}.${kind}: ${JSON.stringify(name)} is no resource name`);
      }
    }
  }
  for (const [name, q] of Object.entries((requests ?? {}) as Record<string, unknown>)) {
    const limit = ((limits ?? {}) as Record<string, unknown>)[name];
    const r = quantityValue(q);
    const l = quantityValue(limit);
    if (r !== undefined && l !== undefined && r > l) {
      problems.push(`${where}: the request of ${name} (${String(q)}) is above its limit (${String(limit)})`);
    }
  }
}

function checkComponent(problems: string[], where: string, spec: any, main: string): void {
  collect(problems, `${where}.podLabels`, () => checkLabels('podLabels', spec.podLabels));
  collect(problems, `${where}.nodeSelector`, () => checkLabels('nodeSelector', spec.nodeSelector));
  collect(problems, `${where}.annotations`, () => checkAnnotations('annotations', spec.annotations));
  for (const key of ['serviceAccount', 'schedulerName']) {
    if (spec[key] !== undefined && (typeof spec[key] !== 'string' || !DNS_SUBDOMAIN.test(spec[key]) || spec[key].length > 253)) {
      problems.push(`${where}.${key}: ${JSON.stringify(spec[key])} is no DNS subdomain`);
    }
  }
  (spec.tolerations ?? []).forEach((t: any, i: number) => collect(problems, `${where}.tolerations[${i}]`, () => checkToleration('t', t)));
  for (const envKey of ENV_KEYS) {
    (spec[envKey] ?? []).forEach((e: any, i: number) => collect(problems, `${where}.${envKey}[${i}]`, () => checkEnvVar('e', e)));
  }
  collect(problems, `${where}.topologySpreadConstraints`, () => checkTopologySpreadConstraints('topologySpreadConstraints', spec.topologySpreadConstraints ?? []));
  (spec.hostAliases ?? []).forEach((h: any, i: number) => collect(problems, `${where}.hostAliases[${i}]`, () => checkIp('ip', h.ip)));
  (spec.sysctls ?? []).forEach((s: any, i: number) => collect(problems, `${where}.sysctls[${i}]`, () => checkSysctlName('name', s.name)));
  const containers = [main, ...(spec.sidecars ?? []).map((c: any) => c.name), ...(spec.initContainers ?? []).map((c: any) => c.name)];
  if (new Set(containers).size !== containers.length) {
    problems.push(`${where}: container names repeat: ${containers.join(', ')}`);
  }
  for (const c of [...(spec.sidecars ?? []), ...(spec.initContainers ?? [])]) {
    if (typeof c.name !== 'string' || !DNS_LABEL.test(c.name) || c.name.length > 63) {
      problems.push(`${where}: ${JSON.stringify(c.name)} is no container name`);
    }
    checkResources(problems, `${where} container ${c.name}`, c.resources?.requests, c.resources?.limits);
  }
  checkResources(problems, where, spec.requests, spec.limits);
  for (const v of spec.storageVolumes ?? []) {
    if (v.storageClassName !== undefined && !DNS_SUBDOMAIN.test(v.storageClassName)) {
      problems.push(`${where}.storageVolumes ${v.name}: ${JSON.stringify(v.storageClassName)} is no storage class name`);
    }
  }
  const service = spec.service ?? {};
  collect(problems, `${where}.service.annotations`, () => checkAnnotations('annotations', service.annotations));
  collect(problems, `${where}.service.labels`, () => checkLabels('labels', service.labels));
  if (service.loadBalancerIP !== undefined) {
    collect(problems, `${where}.service.loadBalancerIP`, () => checkIp('loadBalancerIP', service.loadBalancerIP));
  }
  const ports = (service.ports ?? []) as any[];
  for (const p of ports) {
    collect(problems, `${where}.service.ports`, () => checkPortNumber('port', p.port));
  }
  const numbers = ports.map((p) => p.port);
  if (new Set(numbers).size !== numbers.length) {
    problems.push(`${where}.service.ports: port numbers repeat: ${numbers.join(', ')}`);
  }
  const maxUnavailable = spec.updateStrategy?.rollingUpdate?.maxUnavailable;
  if (maxUnavailable !== undefined) {
    collect(problems, `${where}.updateStrategy`, () => checkMaxUnavailable('maxUnavailable', maxUnavailable));
  }
}

/**
 * The problems the API server would find in what the operator builds from these objects (empty
 * when there are none).
 */
export function downstreamProblems(objects: readonly any[]): string[] {
  const problems: string[] = [];
  for (const o of objects) {
    const id = `${o.kind} ${o.metadata?.name}`;
    collect(problems, `${id} metadata.labels`, () => checkLabels('labels', o.metadata?.labels));
    collect(problems, `${id} metadata.annotations`, () => checkAnnotations('annotations', o.metadata?.annotations));
    collect(problems, `${id} metadata.name`, () => checkObjectName('name', o.metadata?.name));
    if (o.kind === 'ConfigMap') {
      collect(problems, `${id} data`, () => checkConfigMapData('data', o.data ?? {}));
    }
    if (o.kind !== 'StarRocksCluster') {
      continue;
    }
    for (const [key, main] of COMPONENTS) {
      if (o.spec?.[key]) {
        checkComponent(problems, `${id} ${key}`, o.spec[key], main);
      }
    }
  }
  return problems;
}
