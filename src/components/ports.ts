import { ARROW_FLIGHT, ComponentKey, PORTS } from '../common/constants';
import { fail, parsePort } from '../common/validate';
import type { StarRocksConfig } from '../config/config';

/** A component's ports by their Service port name. @internal */
export type ComponentPorts = { readonly [name: string]: number };

/**
 * A component's ports as the operator derives them from its config file: each port's first config
 * key that is set, else its default; the Arrow Flight port only when configured. Throws for a port
 * that is not a number, unless `lenient` (rendering: the node validation reports it), which then
 * takes the default (and leaves out the Arrow Flight port).
 *
 * @internal
 */
export function derivePorts(key: ComponentKey, config: StarRocksConfig | undefined, lenient = false): ComponentPorts {
  const read = (prop: string, text: string, fallback: number | undefined) => {
    if (!lenient) return parsePort(prop, text);
    const n = Number(text);
    return /^[0-9]+$/.test(text) && n >= 1 && n <= 65535 ? n : fallback;
  };
  const entries = config ? config.entries() : {};
  const out: { [name: string]: number } = {};
  for (const p of PORTS[key]) {
    let v = p.defaultPort;
    for (const k of p.keys) {
      if (entries[k] !== undefined) {
        v = read(`${key}.config.${k}`, entries[k], p.defaultPort) ?? p.defaultPort;
        break;
      }
    }
    out[p.name] = v;
  }
  if (entries[ARROW_FLIGHT.key] !== undefined) {
    const arrow = read(`${key}.config.${ARROW_FLIGHT.key}`, entries[ARROW_FLIGHT.key], undefined);
    if (arrow !== undefined) {
      out[ARROW_FLIGHT.name] = arrow;
    }
  }
  return out;
}

/** Each port needs its own number, or the Service gets duplicate ports. @internal */
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
