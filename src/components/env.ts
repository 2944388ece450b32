import type { k8s } from 'cdk8s-plus-27';
import type { ComponentKey } from '../common/constants';
import type { EnvVarWire } from '../common/crd-types';
import { resolveEnv, takeEnvContributions } from '../common/env-contributions';
import { StarRocksPropError } from '../common/errors';
import { checkEnvVar } from '../common/k8s-rules';
import { fail } from '../common/validate';
import { envVarToWire } from '../common/wire';

/**
 * A component's environment: the variables the user gives (props, `addEnvVar`) and the ones other
 * constructs contribute (the root password's `MYSQL_PWD`), in call order, resolved when rendered;
 * the cluster's time zone counts as a given `TZ`.
 *
 * @internal
 */
export class ComponentEnv {
  /** The environment in call order: the user's variables and contributed ones (`contribution` naming who). */
  private readonly entries: Array<{ readonly envVar: EnvVarWire; readonly contribution?: string }> = [];
  private rootWarned = false;

  /**
   * @param owner the component, under which contributors find it (`contributeEnvVar`)
   * @param timeZone the cluster's time zone, rendered as `TZ`
   */
  public constructor(owner: object, private readonly key: ComponentKey, private readonly timeZone: string | undefined) {
    takeEnvContributions(owner, (given) => this.entries.push({ envVar: given.envVar, contribution: given.source }));
  }

  /** Adds a variable the user gives; throws if one of that name was given (`TZ` with a time zone). */
  public add(envVar: k8s.EnvVar): void {
    const wire = envVarToWire(envVar, `${this.key}.envVars`);
    if (!wire || typeof wire.name !== 'string' || wire.name.length === 0) {
      fail(`${this.key}.envVars[].name`, 'a non-empty string', wire?.name);
    }
    // numbered after the variables given before it, the props' first
    checkEnvVar(`${this.key}.envVars[${this.entries.filter((e) => e.contribution === undefined).length}]`, wire);
    if (this.hasGiven(wire.name)) {
      throw new StarRocksPropError(`${this.key}.envVars`, `already has a variable named ${JSON.stringify(wire.name)}`);
    }
    this.entries.push({ envVar: wire });
  }

  /** Whether a variable of that name was given or contributed; `TZ` with the cluster's time zone. */
  public has(name: string): boolean {
    if (name === 'TZ' && this.timeZone !== undefined) return true;
    for (let i = 0; i < this.entries.length; i++) {
      if (this.entries[i].envVar.name === name) return true;
    }
    return false;
  }

  /** The variables to render, contributions resolved (without the `TZ` of the time zone). */
  public resolved(): EnvVarWire[] {
    return resolveEnv(this.entries).env;
  }

  /** Two constructs contributing different variables of one name (and the user none of it). */
  public problems(): StarRocksPropError[] {
    return resolveEnv(this.entries).conflicts.map(([a, b]) => new StarRocksPropError(`${this.key}.envVars`,
      `must have one ${JSON.stringify(a.envVar.name)}, but ${a.source} and ${b.source} contribute different ones`));
  }

  /**
   * Warns once, at synthesis (`addEnvVar` may add it after the component is defined), when there
   * is no `STARROCKS_ROOT`: called with a read-only root filesystem.
   */
  public warnWithoutRoot(warn: (message: string) => void): void {
    if (!this.rootWarned && !this.has('STARROCKS_ROOT')) {
      this.rootWarned = true;
      warn(`'${this.key}.readOnlyRootFilesystem' is set without a STARROCKS_ROOT environment variable; StarRocks writes below its root directory and will fail to start`);
    }
  }

  /** Whether a variable of that name was given (not contributed); `TZ` with the cluster's time zone. */
  private hasGiven(name: string): boolean {
    if (name === 'TZ' && this.timeZone !== undefined) return true;
    return this.entries.some((e) => e.contribution === undefined && e.envVar.name === name);
  }
}
