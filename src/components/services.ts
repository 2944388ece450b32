import type { ComponentServiceOptions } from './options';
import { SERVICE_TYPES } from '../common/constants';
import type { ComponentKey } from '../common/constants';
import type { ServicePortWire, ServiceWire } from '../common/crd-types';
import { StarRocksPropError } from '../common/errors';
import { checkAnnotations, checkIp, checkLabels } from '../common/k8s-rules';
import { LABEL_COMPONENT, LABEL_OWNER } from '../common/labels';
import { checkInt, checkOneOf, copyStringMap, fail, setOnce } from '../common/validate';

/**
 * Checks and renders the options of a Service the operator creates, for a component or the FE
 * proxy. Port overrides must match one of `ports()` by containerPort or name (`portsAllowed` says
 * so in the error; not checked without `ports`, for a check of the options alone); `annotations`
 * are added to the ones of the options.
 *
 * @internal
 */
export function renderServiceOptions(
  prop: string,
  s: ComponentServiceOptions,
  ports: (() => { readonly [name: string]: number }) | undefined,
  portsAllowed: (known: { readonly [name: string]: number }) => string,
  annotations: { [key: string]: string } = {},
): ServiceWire {
  const type = s.type ?? 'ClusterIP';
  checkOneOf(`${prop}.type`, type, SERVICE_TYPES);
  const out: ServiceWire = { type };
  if (s.loadBalancerIp !== undefined) {
    if (type !== 'LoadBalancer') {
      fail(`${prop}.loadBalancerIp`, 'set only with service type LoadBalancer', s.loadBalancerIp);
    }
    out.loadBalancerIP = checkIp(`${prop}.loadBalancerIp`, s.loadBalancerIp);
  }
  if (s.loadBalancerSourceRanges !== undefined && s.loadBalancerSourceRanges.length > 0) {
    if (type !== 'LoadBalancer') {
      fail(`${prop}.loadBalancerSourceRanges`, 'set only with service type LoadBalancer (Kubernetes rejects source ranges on other Services)', s.loadBalancerSourceRanges);
    }
    s.loadBalancerSourceRanges.forEach((r, i) => {
      if (!/^[0-9a-fA-F.:]+\/[0-9]{1,3}$/.test(r)) {
        fail(`${prop}.loadBalancerSourceRanges[${i}]`, 'a CIDR such as "10.0.0.0/8"', r);
      }
    });
    out.loadBalancerSourceRanges = s.loadBalancerSourceRanges.slice();
  }
  if (s.ports !== undefined && s.ports.length > 0) {
    const known = ports?.();
    out.ports = s.ports.map((port, i) => {
      const pp = `${prop}.ports[${i}]`;
      if (known !== undefined) {
        const byContainer = port.containerPort !== undefined && Object.values(known).includes(port.containerPort);
        const byName = port.name !== undefined && Object.prototype.hasOwnProperty.call(known, port.name);
        if (!byContainer && !byName) {
          fail(pp, portsAllowed(known), port);
        }
      }
      if (port.nodePort !== undefined) {
        if (type === 'ClusterIP') {
          fail(`${pp}.nodePort`, 'set only with service type NodePort or LoadBalancer', port.nodePort);
        }
        checkInt(`${pp}.nodePort`, port.nodePort, 30000, 32767);
      }
      if (port.port !== undefined) {
        checkInt(`${pp}.port`, port.port, 1, 65535);
      }
      if (port.containerPort !== undefined) {
        checkInt(`${pp}.containerPort`, port.containerPort, 1, 65535);
      }
      const r: ServicePortWire = {};
      if (port.name !== undefined) r.name = port.name;
      if (port.containerPort !== undefined) r.containerPort = port.containerPort;
      if (port.port !== undefined) r.port = port.port;
      if (port.nodePort !== undefined) r.nodePort = port.nodePort;
      return r;
    });
    checkServicePorts(prop, out.ports, known);
  }
  const allAnnotations = { ...copyStringMap(`${prop}.annotations`, s.annotations) };
  for (const k of Object.keys(annotations)) {
    setOnce(`${prop}.annotations`, allAnnotations, k, annotations[k]);
  }
  if (Object.keys(allAnnotations).length > 0) {
    checkAnnotations(`${prop}.annotations`, allAnnotations);
    out.annotations = allAnnotations;
  }
  const labels = copyStringMap(`${prop}.labels`, s.labels);
  if (labels && Object.keys(labels).length > 0) {
    checkLabels(`${prop}.labels`, labels);
    out.labels = labels;
  }
  return out;
}

/**
 * Renders the options of a component's external Service: port overrides must match one of the
 * component's ports; warns when the labels redefine the ones ServiceMonitors select by.
 *
 * @internal
 */
export function renderComponentService(
  key: ComponentKey,
  s: ComponentServiceOptions,
  ports: (() => { readonly [name: string]: number }) | undefined,
  annotations: { [key: string]: string },
  warn: (message: string) => void,
): ServiceWire {
  const p = `${key}.service`;
  const out = renderServiceOptions(p, s, ports, (known) =>
    `to match one of the component's ports by containerPort or name (${Object.entries(known).map(([n, v]) => `${n}=${v}`).join(', ')}); the operator drops other entries`,
  annotations);
  for (const k of [LABEL_COMPONENT, LABEL_OWNER]) {
    if (out.labels && k in out.labels) {
      warn(`'${p}.labels' redefines "${k}"; ServiceMonitors that select the Service by it will no longer find it`);
    }
  }
  return out;
}

/** The port of `known` an override applies to, as the operator matches it: by containerPort first, then by name. */
function matchedPort(port: ServicePortWire, known: { readonly [name: string]: number }): string | undefined {
  const names = Object.keys(known);
  if (port.containerPort !== undefined) {
    for (let i = 0; i < names.length; i++) {
      if (known[names[i]] === port.containerPort) return names[i];
    }
  }
  return port.name !== undefined && Object.prototype.hasOwnProperty.call(known, port.name) ? port.name : undefined;
}

/**
 * The Service's ports after the overrides (core `ValidateService`: each port name, port number and
 * node port once): two overrides of one name, with one `port` or one `nodePort`; and an
 * override's `port` that another port of the Service (a default, when `known`) already has. Two
 * overrides of one port (one by name, one by containerPort) both apply, the later one's `port`
 * last. Each error names both.
 */
function checkServicePorts(prop: string, ports: readonly ServicePortWire[], known: { readonly [name: string]: number } | undefined): void {
  const once = (what: string, value: (p: ServicePortWire) => string | number | undefined) => {
    const seen = new Map<string | number, number>();
    ports.forEach((port, i) => {
      const v = value(port);
      if (v === undefined) return;
      const j = seen.get(v);
      if (j !== undefined) {
        fail(`${prop}.ports[${i}]`, `a port whose ${what} differs from that of ${prop}.ports[${j}] (the API server refuses a Service with two ports of one ${what})`, v);
      }
      seen.set(v, i);
    });
  };
  once('name', (p) => p.name);
  once('nodePort', (p) => p.nodePort);
  if (known === undefined) {
    once('port', (p) => p.port);
    return;
  }
  // the Service's ports: the defaults (port = containerPort), each override's port applied
  const effective = new Map<string, { port: number; from: string }>();
  for (const name of Object.keys(known)) {
    effective.set(name, { port: known[name], from: `its default port ${name} (${known[name]})` });
  }
  ports.forEach((port, i) => {
    const name = matchedPort(port, known);
    if (name !== undefined && port.port !== undefined) {
      effective.set(name, { port: port.port, from: `${prop}.ports[${i}].port for ${name}` });
    }
  });
  const byNumber = new Map<number, string>();
  for (const [, e] of effective) {
    const other = byNumber.get(e.port);
    if (other !== undefined) {
      const [a, b] = other.startsWith('its default') ? [e.from, other] : [other, e.from];
      throw new StarRocksPropError(`${prop}.ports`, `must give each port of the Service its own number (the API server refuses two ports of one number), but ${a} and ${b} are both ${e.port}`);
    }
    byNumber.set(e.port, e.from);
  }
}
