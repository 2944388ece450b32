/**
 * What `lint` reports: findings (one problem of one object, at a field path, under a rule id) and
 * a summary.
 *
 * @internal
 */

import { StarRocksPropError } from '../common/errors';

/** `error`: the object is refused, dropped or breaks the cluster; `warning`: probably not what was meant. @internal */
export type Severity = 'error' | 'warning';

/** One problem. @internal */
export interface Finding {
  /** The file the object came from (`-` for standard input). */
  readonly file: string;
  /** `Kind/namespace/name` (`Kind/name` without a namespace); empty for a problem of the file itself. */
  readonly object: string;
  /** The field path inside the object (`spec.starRocksFeSpec.limits.cpu`); empty for the whole object. */
  readonly path: string;
  /** The rule: `schema`, `k8s/<what>`, `V<nn>` (FEATURES.md section 3), `config/<what>`, `file`. */
  readonly rule: string;
  readonly severity: Severity;
  readonly message: string;
}

/** What was read. @internal */
export interface LintSummary {
  /** StarRocksCluster and StarRocksWarehouse objects checked. */
  readonly checked: number;
  /** Other objects passed over (ConfigMaps a checked object refers to included). */
  readonly passedOver: number;
  readonly errors: number;
  readonly warnings: number;
}

/** The result of linting one or more files. @internal */
export interface LintResult {
  readonly findings: Finding[];
  readonly summary: LintSummary;
}

/** A finding without its file and object, as the checks of one object produce it. @internal */
export interface ObjectFinding {
  readonly path: string;
  readonly rule: string;
  readonly severity: Severity;
  readonly message: string;
}

/** Collects the findings of one object. @internal */
export class FindingSink {
  public readonly items: ObjectFinding[] = [];

  public error(path: string, rule: string, message: string): void {
    this.items.push({ path, rule, severity: 'error', message });
  }

  public warning(path: string, rule: string, message: string): void {
    this.items.push({ path, rule, severity: 'warning', message });
  }

  /**
   * Runs a check of the library that throws a `StarRocksPropError` (whose `prop` is the path given
   * to it): the error becomes a finding at that path. Anything else thrown is a defect and is
   * rethrown.
   */
  public attempt(rule: string, check: () => void, severity: Severity = 'error'): void {
    try {
      check();
    } catch (e) {
      if (!(e instanceof StarRocksPropError)) throw e;
      this.items.push({ path: e.prop, rule, severity, message: e.problem });
    }
  }
}
