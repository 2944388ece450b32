import type { Construct } from 'constructs';
import { componentConfigMap } from './config-maps';
import type { ComponentOptions } from './options';
import { ComponentPorts, derivePorts } from './ports';
import { configEntryForPath } from './storage-volumes';
import { ComponentKind, StarRocksPort } from '../cluster/component-kind';
import { ARROW_FLIGHT, ComponentKey, configFileKey } from '../common/constants';
import type { StarRocksPropError } from '../common/errors';
import { fail } from '../common/validate';
import { warn } from '../common/warnings';
import { StarRocksConfig } from '../config/config';

/** What a component's config file needs from the component. @internal */
export interface ConfigFileContext {
  readonly key: ComponentKey;
  readonly kind: ComponentKind;
  /** The prefix of the ids of the component's constructs (`Fe`, `Be`, `Cn`). */
  readonly idPrefix: string;
  readonly scope: Construct;
  readonly namespace?: string;
}

/**
 * A component's config file: the props' config as `addConfig` extends it, the ConfigMap holding
 * it (written once the component's objects are created), the ports derived from it, and its checks
 * against StarRocks' keys.
 *
 * @internal
 */
export class ComponentConfigFile {
  private _config?: StarRocksConfig;
  /** The labels of the ConfigMap, once the component's objects are created. */
  private labels?: { [key: string]: string };
  private written = false;
  private portsOf?: { readonly config: StarRocksConfig | undefined; readonly ports: ComponentPorts };
  /** The config last checked at synthesis and its errors (its warnings are recorded then). */
  private checked?: { readonly config: StarRocksConfig; readonly errors: readonly StarRocksPropError[] };

  /**
   * @param configMapName the name of the config ConfigMap
   * @param opts the component's options: its `config`, and `existingConfig` (no entries can be added)
   */
  public constructor(private readonly c: ConfigFileContext, private readonly configMapName: string, private readonly opts: ComponentOptions) {
    this._config = opts.config;
  }

  /** The config as it is now. */
  public get current(): StarRocksConfig | undefined {
    return this._config;
  }

  /** Adds an entry (creating the file if there is none); throws if the key has another value. */
  public add(key: string, value: string): void {
    if (this.opts.existingConfig !== undefined) {
      fail(`${this.c.key}.config.${key}`, 'set in the existing ConfigMap (the component uses existingConfig)', value);
    }
    const base = this._config ?? StarRocksConfig.fromEntries({});
    this._config = base.withEntries({ [key]: value }, `${this.c.key}.config`);
    this.ensureConfigMap();
  }

  /** Writes the ConfigMap with these labels now if there is a config, else when the first entry is added. */
  public createConfigMap(labels: { [key: string]: string }): void {
    this.labels = labels;
    if (this._config !== undefined) {
      this.ensureConfigMap();
    }
  }

  /** The component's ports as the operator derives them from the config file. */
  public ports(): ComponentPorts {
    const config = this._config;
    // the ports of the last config asked about (a config cannot change); callers only read them
    if (this.portsOf !== undefined && this.portsOf.config === config) {
      return this.portsOf.ports;
    }
    const ports = derivePorts(this.c.key, config);
    this.portsOf = { config, ports };
    return ports;
  }

  /** A port's number as the operator derives it; throws for a port the component does not have. */
  public port(port: StarRocksPort): number {
    const ports = this.ports();
    const p = ports[port];
    if (p === undefined) {
      const key = this.c.key;
      if (port === StarRocksPort.ARROW_FLIGHT) {
        fail(`${key} port`, `a port the component has: ${ARROW_FLIGHT.name} needs "${ARROW_FLIGHT.key}" in the ${key} config`, port);
      }
      fail(`${key} port`, `one of ${Object.keys(ports).map((n) => JSON.stringify(n)).join(', ')}`, port);
    }
    return p;
  }

  /** A value StarRocks cannot parse (by the keys of the component's kind) in the props' config is an error now. */
  public checkValues(): void {
    const errors = this._config?._check(this.c.kind, `${this.c.key}.config`).errors ?? [];
    if (errors.length > 0) {
      throw errors[0];
    }
  }

  /** A standard directory moved to another path needs the StarRocks setting that points there. */
  public configurePath(prop: string, key: string, path: string, defaultPath: string): void {
    const entry = configEntryForPath(this.c.key, this._config, prop, key, path, defaultPath, (m) => this.warn(m));
    if (entry !== undefined) {
      this.add(entry[0], entry[1]);
    }
  }

  /**
   * The config's errors against StarRocks' keys, at synthesis (`addConfig` and `addEnvVar` may
   * come later); its warnings are recorded once per config.
   *
   * @param hasEnvVar whether the container has a variable of that name
   */
  public errors(hasEnvVar: (name: string) => boolean): readonly StarRocksPropError[] {
    const config = this._config;
    if (config === undefined) {
      return [];
    }
    if (this.checked?.config !== config) {
      const findings = config._check(this.c.kind, `${this.c.key}.config`, hasEnvVar);
      this.checked = { config, errors: findings.errors };
      for (const w of findings.warnings) {
        this.warn(w);
      }
    }
    return this.checked?.errors ?? [];
  }

  private warn(message: string): void {
    warn(this.c.scope, message);
  }

  private ensureConfigMap(): void {
    if (this.written || this.labels === undefined) {
      return;
    }
    this.written = true;
    componentConfigMap({
      scope: this.c.scope,
      id: `${this.c.idPrefix}Config`,
      name: this.configMapName,
      namespace: this.c.namespace,
      labels: this.labels,
      fileName: configFileKey(this.c.key),
      text: () => this._config?.text ?? '',
      prop: `${this.c.key}.config`,
    });
  }
}
