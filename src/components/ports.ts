import { ARROW_FLIGHT, ComponentKey, PORTS } from '../common/constants';
import { fail, parsePort } from '../common/validate';
import type { StarRocksConfig } from '../config/config';

/** A component's ports by their Service port name. @internal */
export type ComponentPorts = { readonly [name: string]: number };

/**
 * A component's ports as the operator derives them from its config file: each port's first config
 * key that is set, else its default; the Arrow Flight port only when configured. Throws for a port
 * that is not a number.
 *
 * @internal
 */
export function derivePorts(key: ComponentKey, config: StarRocksConfig | undefined): ComponentPorts {
  const entries = config ? config.entries() : {};
  const out: { [name: string]: number } = {};
  for (const p of PORTS[key]) {
    let v = p.defaultPort;
    for (const k of p.keys) {
      if (entries[k] !== undefined) {
        v = parsePort(`${key}.config.${k}`, entries[k]);
        break;
      }
    }
    out[p.name] = v;
  }
  if (entries[ARROW_FLIGHT.key] !== undefined) {
    out[ARROW_FLIGHT.name] = parsePort(`${key}.config.${ARROW_FLIGHT.key}`, entries[ARROW_FLIGHT.key]);
  }
  return out;
}

/** Each port needs its own number, or the Service gets duplicate ports (V40). @internal */
export function checkDistinctPorts(key: ComponentKey, ports: ComponentPorts): void {
  const seen = new Map<number, string>();
  for (const name of Object.keys(ports)) {
    const port = ports[name];
    const other = seen.get(port);
    if (other !== undefined) {
      fail(`${key}.config`, `to give each port its own number (the Service would have duplicate ports), but ${other} and ${name} are both`, port);
    }
    seen.set(port, name);
  }
}
