import type { k8s } from 'cdk8s-plus-27';
import { CONTAINER_FIELDS } from '../common/constants';
import type { ContainerWire } from '../common/crd-types';
import { StarRocksPropError } from '../common/errors';
import { checkEnvVar, checkPortNumber } from '../common/k8s-rules';
import { checkDnsLabel, fail } from '../common/validate';
import { containerToWire } from '../common/wire';

const CONTAINER_FIELD_NAMES = [...CONTAINER_FIELDS.keys()];

/**
 * Checks a sidecar or init container and returns its wire form: a DNS-label name not taken by
 * `existing` nor `mainContainer`, env vars and ports the API server accepts, and only fields the StarRocks CRD keeps (the API server silently drops fields it
 * does not know, e.g. a misspelled one).
 *
 * @internal
 */
export function checkContainer(
  prop: string, index: number, container: k8s.Container, existing: readonly ContainerWire[], mainContainer?: string,
): ContainerWire {
  const wire = containerToWire(container, prop);
  if (!wire || typeof wire.name !== 'string') {
    fail(`${prop}[${index}].name`, 'a container name', wire?.name);
  }
  checkDnsLabel(`${prop}[${index}].name`, wire.name);
  if (wire.name === mainContainer) {
    fail(`${prop}[${index}].name`, `a name other than ${JSON.stringify(mainContainer)}, the StarRocks container's (container names are unique in a pod)`, wire.name);
  }
  if (existing.some((c) => c.name === wire.name)) {
    throw new StarRocksPropError(prop, `already has a container named ${JSON.stringify(wire.name)} (sidecars and init containers share one set of names)`);
  }
  // core `validateContainerPorts`: port numbers 1 to 65535 (a host port of 0 is none)
  (wire.ports ?? []).forEach((p, i) => {
    checkPortNumber(`${prop}[${wire.name}].ports[${i}].containerPort`, p.containerPort);
    if (p.hostPort !== undefined && p.hostPort !== 0) {
      checkPortNumber(`${prop}[${wire.name}].ports[${i}].hostPort`, p.hostPort);
    }
  });
  (wire.env ?? []).forEach((e, i) => checkEnvVar(`${prop}[${wire.name}].env[${i}]`, e));
  for (const [field, value] of Object.entries(wire)) {
    checkField(`${prop}[${wire.name}]`, field, CONTAINER_FIELD_NAMES, value);
    const nested = CONTAINER_FIELDS.get(field);
    if (nested === undefined) {
      continue;
    }
    const items: unknown[] = Array.isArray(value) ? value : [value];
    for (const item of items) {
      for (const [k, v] of Object.entries(item ?? {})) {
        checkField(`${prop}[${wire.name}].${field}`, k, nested, v);
      }
    }
  }
  return wire;
}

/**
 * What is added to a component's pods besides the StarRocks container: sidecars, init containers
 * (the props' and later ones) and Linux capabilities of the StarRocks container.
 *
 * @internal
 */
export class ComponentContainers {
  public readonly sidecars: ContainerWire[] = [];
  public readonly initContainers: ContainerWire[] = [];
  public readonly capabilitiesAdded: string[] = [];

  public constructor(private readonly key: string, sidecars: readonly k8s.Container[] = [], initContainers: readonly k8s.Container[] = []) {
    for (const s of sidecars) {
      this.addSidecar(s);
    }
    for (const s of initContainers) {
      this.addInitContainer(s);
    }
  }

  /** Adds a capability to the StarRocks container, once; throws for a name that is not one. */
  public addCapability(capability: string): void {
    if (!/^[A-Z_]+$/.test(capability)) {
      fail(`${this.key}.capabilities.add`, 'a capability name such as "SYS_PTRACE"', capability);
    }
    if (!this.capabilitiesAdded.includes(capability)) {
      this.capabilitiesAdded.push(capability);
    }
  }

  /** Adds a container after the StarRocks container. */
  public addSidecar(container: k8s.Container): void {
    this.sidecars.push(checkContainer(`${this.key}.sidecars`, this.sidecars.length, container, [...this.initContainers, ...this.sidecars], this.key));
  }

  /** Adds an init container. */
  public addInitContainer(container: k8s.Container): void {
    this.initContainers.push(checkContainer(`${this.key}.initContainers`, this.initContainers.length, container, [...this.sidecars, ...this.initContainers], this.key));
  }
}

function checkField(prop: string, field: string, known: readonly string[], value: unknown): void {
  if (!known.includes(field)) {
    const like = known.find((k) => k.toLowerCase() === field.toLowerCase());
    fail(`${prop}.${field}`, `a field the StarRocks CRD knows${like ? ` (did you mean ${like}?)` : ''}; the API server drops unknown fields silently`, value);
  }
}
