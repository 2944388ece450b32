import type { ComponentServiceOptions } from './options';
import { derivePorts } from './ports';
import { renderComponentService } from './services';
import { StarRocksPort } from '../cluster/component-kind';
import type { ComponentKey } from '../common/constants';
import type { ServiceWire } from '../common/crd-types';
import { checkOneOf, fail, setOnce } from '../common/validate';
import type { StarRocksConfig } from '../config/config';

/** What a component's Service annotations read of the component. @internal */
export interface ServiceAnnotationsContext {
  readonly key: ComponentKey;
  /** The component's config as it is now (`addConfig` may change it). */
  config(): StarRocksConfig | undefined;
  /** A port's number, throwing for a port the component does not have. */
  port(port: StarRocksPort): number;
  /** Records a warning on the component's construct. */
  warn(message: string): void;
}

/**
 * The annotations added to a component's external Service after it was defined: plain ones, and
 * ones whose value is a port number computed at synthesis; and the Service they render into.
 *
 * @internal
 */
export class ComponentServiceAnnotations {
  /** The annotations with a given value. */
  public readonly plain: { [key: string]: string } = {};
  /** The annotations whose value is a port number, computed at synthesis. */
  private readonly fromPorts: { [key: string]: StarRocksPort } = {};

  public constructor(private readonly c: ServiceAnnotationsContext) {}

  /** Adds an annotation; throws if it is already set to another value. */
  public add(key: string, value: string): void {
    setOnce(`${this.c.key}.service.annotations`, this.plain, key, value);
  }

  /** Adds an annotation whose value is the port's number; throws if it names another port already. */
  public addFromPort(key: string, port: StarRocksPort): void {
    const prop = `${this.c.key}.service.annotations`;
    checkOneOf(`${prop}.${key}`, port, Object.values(StarRocksPort));
    const other = this.fromPorts[key];
    if (other !== undefined && other !== port) {
      fail(`${prop}.${key}`, `the ${other} port, as already added`, port);
    }
    this.fromPorts[key] = port;
  }

  /**
   * The annotations added through the mutators, those with a port number last (`lenient`: a port
   * the config does not give is left out; the node validation reports it).
   */
  public resolved(lenient: boolean): { [key: string]: string } {
    const out = { ...this.plain };
    const ports = lenient ? derivePorts(this.c.key, this.c.config(), true) : undefined;
    for (const key of Object.keys(this.fromPorts)) {
      const port = this.fromPorts[key];
      const n = ports ? ports[port] : this.c.port(port);
      if (n !== undefined) {
        out[key] = String(n);
      }
    }
    return out;
  }

  /**
   * Checks the annotations with a port number: the port exists and no other value is set for the
   * key (`given`: the annotations of the Service's options).
   */
  public checkPorts(given: { readonly [key: string]: string } | undefined): void {
    const computed = this.resolved(false);
    const set = { ...given, ...this.plain };
    for (const key of Object.keys(this.fromPorts)) {
      setOnce(`${this.c.key}.service.annotations`, set, key, computed[key]);
    }
  }

  /** Renders the component's Service options with these annotations (none without options). */
  public renderService(s: ComponentServiceOptions | undefined, onWarning = (m: string) => this.c.warn(m)): ServiceWire | undefined {
    // lenient: a port that is not a number is reported by the node validation, not here
    const ports = () => derivePorts(this.c.key, this.c.config(), true);
    return s === undefined ? undefined : renderComponentService(this.c.key, s, ports, this.resolved(true), onWarning);
  }
}
