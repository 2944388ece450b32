import type { ComponentServiceOptions } from './options';
import { SERVICE_TYPES } from '../common/constants';
import type { ComponentKey } from '../common/constants';
import type { ServicePortWire, ServiceWire } from '../common/crd-types';
import { checkIp } from '../common/k8s-rules';
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
  }
  const allAnnotations = { ...copyStringMap(`${prop}.annotations`, s.annotations) };
  for (const k of Object.keys(annotations)) {
    setOnce(`${prop}.annotations`, allAnnotations, k, annotations[k]);
  }
  if (Object.keys(allAnnotations).length > 0) {
    out.annotations = allAnnotations;
  }
  const labels = copyStringMap(`${prop}.labels`, s.labels);
  if (labels && Object.keys(labels).length > 0) {
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
