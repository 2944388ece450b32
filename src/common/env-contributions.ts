/**
 * Environment variables that other constructs contribute to a component's container (the root
 * password's `MYSQL_PWD`; open to Datadog's variables), so that the order of the calls does not
 * matter: a component resolves them when it is rendered. A variable the user gives the component
 * (in its props or through `addEnvVar`, before or after) wins over a contributed one of the same
 * name; two constructs contributing one name with different values is a synth-time error naming
 * both.
 *
 * The component registers itself here; a contributor needs only the `IStarRocksComponent` it was
 * given, not the component's class.
 *
 * @internal
 */
import type { IConstruct } from 'constructs';
import type { EnvVarWire } from './crd-types';

/** A variable another construct contributes, and who did (for the messages). @internal */
export interface EnvContribution {
  /** The construct path of the contributor. */
  readonly source: string;
  readonly envVar: EnvVarWire;
}

/** Takes the contributions for one component. @internal */
export type EnvContributionSink = (contribution: EnvContribution) => void;

const sinks = new WeakMap<object, EnvContributionSink>();

/** Makes `component` take contributed variables through `sink`. @internal */
export function takeEnvContributions(component: object, sink: EnvContributionSink): void {
  sinks.set(component, sink);
}

/**
 * Contributes a variable to a component, resolved when the component is rendered. Returns false
 * when the component takes no contributions (an `IStarRocksComponent` of another implementation):
 * the caller then adds the variable itself.
 *
 * @internal
 */
export function contributeEnvVar(component: object, source: IConstruct, envVar: EnvVarWire): boolean {
  const sink = sinks.get(component);
  if (sink === undefined) {
    return false;
  }
  sink({ source: source.node.path, envVar });
  return true;
}

/**
 * The environment in call order, contributions resolved: an entry the user gave (`contribution`
 * undefined) is kept; a contribution is left out when the user gave a variable of its name, or an
 * earlier contribution gave the same variable. Two contributions of one name with different values
 * (and no variable of the user's of that name) are returned as `conflicts`.
 *
 * @internal
 */
export function resolveEnv(entries: ReadonlyArray<{ readonly envVar: EnvVarWire; readonly contribution?: string }>):
{ env: EnvVarWire[]; conflicts: Array<[EnvContribution, EnvContribution]> } {
  const given = new Set<string>();
  for (const e of entries) {
    if (e.contribution === undefined) {
      given.add(e.envVar.name);
    }
  }
  const env: EnvVarWire[] = [];
  const contributed = new Map<string, EnvContribution>();
  const conflicts: Array<[EnvContribution, EnvContribution]> = [];
  for (const e of entries) {
    if (e.contribution === undefined) {
      env.push(e.envVar);
      continue;
    }
    const name = e.envVar.name;
    if (given.has(name)) {
      continue;
    }
    const earlier = contributed.get(name);
    if (earlier !== undefined) {
      if (JSON.stringify(earlier.envVar) !== JSON.stringify(e.envVar)) {
        conflicts.push([earlier, { source: e.contribution, envVar: e.envVar }]);
      }
      continue;
    }
    contributed.set(name, { source: e.contribution, envVar: e.envVar });
    env.push(e.envVar);
  }
  return { env, conflicts };
}
