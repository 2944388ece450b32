/**
 * Helpers that read Helm values the way Go templates do.
 *
 * @internal
 */

/** Whether a value is a map (a plain object). @internal */
export function isMap(v: unknown): v is { [key: string]: any } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Go template truthiness: false, 0, "", null and empty maps and lists are false.
 *
 * @internal
 */
export function truthy(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === 0 || v === '') {
    return false;
  }
  if (Array.isArray(v)) {
    return v.length > 0;
  }
  if (isMap(v)) {
    return Object.keys(v).length > 0;
  }
  return true;
}

/** Reads a nested value by path; undefined when any step is missing. @internal */
export function dig(values: unknown, ...path: string[]): any {
  let cur: any = values;
  for (const p of path) {
    if (!isMap(cur)) {
      return undefined;
    }
    cur = cur[p];
  }
  return cur;
}

/**
 * Helm's `toString` of a scalar as the templates print it with `{{ $value }}`: YAML numbers are
 * float64 (large ones in exponent form), booleans `true`/`false`, null `<nil>`.
 *
 * @internal
 */
export function goPrint(v: unknown): string {
  if (v === null || v === undefined) {
    return '<nil>';
  }
  if (typeof v === 'number') {
    return goFormatFloat(v);
  }
  return String(v);
}

/**
 * Go's `%v` of a float64, which is how a template prints a YAML number: the shortest digits that
 * identify it, in exponent form when the decimal exponent is below -4 or at least 6
 * (`1048576` prints as `1.048576e+06`, `9030` as `9030`).
 *
 * @internal
 */
export function goFormatFloat(v: number): string {
  if (v === 0) {
    return '0';
  }
  const [mantissa, expText] = v.toExponential().split('e');
  const exp = Number(expText);
  if (exp < -4 || exp >= 6) {
    const sign = exp < 0 ? '-' : '+';
    return `${mantissa}e${sign}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  return String(v);
}
