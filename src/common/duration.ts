import type { Duration } from 'cdk8s';
import { checkInt, fail } from './validate';

/**
 * A `Duration` as the whole number of seconds a custom resource field takes; a duration that is
 * not a whole number of seconds is an error naming `prop`.
 *
 * @internal
 */
export function wholeSeconds(prop: string, d: Duration): number {
  if (typeof d !== 'object' || d === null || typeof (d as { toMilliseconds?: unknown }).toMilliseconds !== 'function') {
    fail(prop, 'a Duration (Duration.seconds(30), Duration.minutes(2), ...)', d);
  }
  const ms = d.toMilliseconds({ integral: false });
  if (!Number.isInteger(ms) || ms % 1000 !== 0) {
    fail(prop, 'a whole number of seconds', d.toHumanString());
  }
  return checkInt(prop, ms / 1000, 0);
}
