/**
 * Synth-time checks whose problems keep their property path as data (`StarRocksPropError`): cdk8s
 * reports them as text when it validates the app, while a translation from another input (the
 * Helm values) can run them first and name its own keys.
 *
 * @internal
 */
import type { IConstruct } from 'constructs';
import { StarRocksPropError } from './errors';

const checks = new WeakMap<IConstruct, Array<() => StarRocksPropError[]>>();

/**
 * Adds a synth-time check to `scope` (run by cdk8s with the other validations) whose problems
 * name their property.
 *
 * @internal
 */
export function addPropValidation(scope: IConstruct, check: () => StarRocksPropError[]): void {
  const list = checks.get(scope) ?? [];
  list.push(check);
  checks.set(scope, list);
  scope.node.addValidation({ validate: () => check().map((e) => e.message) });
}

/**
 * The problems of the checks `addPropValidation` added to `root` and the constructs below it, as
 * they stand now.
 *
 * @internal
 */
export function propProblems(root: IConstruct): StarRocksPropError[] {
  const out: StarRocksPropError[] = [];
  for (const c of root.node.findAll()) {
    for (const check of checks.get(c) ?? []) {
      out.push(...check());
    }
  }
  return out;
}

/** The problem `check` throws, as a list (empty when it passes); other errors pass through. @internal */
export function propErrorsOf(check: () => void): StarRocksPropError[] {
  try {
    check();
    return [];
  } catch (e) {
    if (e instanceof StarRocksPropError) {
      return [e];
    }
    throw e;
  }
}
