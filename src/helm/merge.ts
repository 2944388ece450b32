/**
 * Helm 3.6.2's merging of values (`pkg/chartutil/coalesce.go` and `pkg/cli/values/options.go`):
 *
 * - {@link mergeValueSources}: how `helm template` combines several `-f` files (later files win,
 *   maps merge, everything else, lists included, is replaced; a `null` replaces too);
 * - {@link coalesceValues}: how the user's values are laid over a chart's defaults (maps merge with
 *   the user's side winning, lists and scalars are replaced, a user `null` deletes the default);
 * - {@link coalesceChartValues}: the whole of Helm's coalescing over an umbrella chart and its
 *   subcharts, globals included.
 *
 * Nothing here mutates its inputs: results are deep copies.
 *
 * @internal
 */
import { HelmValuesError } from './context';
import { hasOwn, isMap, ReadonlyValuesMap, setOwn, ValuesMap } from './values';

/** Options of {@link coalesceValues}. @internal */
export interface CoalesceOptions {
  /**
   * What a user `null` does to a key the defaults have.
   *
   * - `true` (default): removes the key, as Helm does for the values of the chart being rendered
   *   (`--set foo=null` deletes a default).
   * - `false`: leaves the default in place. This is what Helm 3.6.2 ends up doing for values passed
   *   to a subchart through an umbrella chart whose own values.yaml repeats the subchart's keys
   *   (kube-starrocks does): the umbrella's coalescing deletes the `null`, then the subchart's
   *   coalescing fills the key again from the subchart's defaults.
   *
   * A `null` for a key the defaults do not have stays as `null` in both modes (Helm keeps it).
   */
  readonly nullRemoves?: boolean;
  /**
   * Receives Helm's coalescing warnings (a map given where the default is not a map, or the other
   * way round). In both cases the user's value wins, as in Helm. Ignored when not set.
   */
  readonly onWarning?: (message: string) => void;
}

/**
 * A deep copy of plain values data (maps, lists, scalars). `undefined` inside maps is dropped.
 * Without recursion: values may be nested thousands deep (Helm reads up to 10,000 levels).
 *
 * @internal
 */
export function copyValues(value: unknown): unknown {
  const todo: [ReadonlyValuesMap | readonly unknown[], ValuesMap | unknown[]][] = [];
  const start = (v: unknown): unknown => {
    if (Array.isArray(v)) {
      const out: unknown[] = [];
      todo.push([v, out]);
      return out;
    }
    if (isMap(v)) {
      const out: ValuesMap = {};
      todo.push([v, out]);
      return out;
    }
    return v;
  };
  const root = start(value);
  while (todo.length > 0) {
    const [from, to] = todo.pop()!;
    if (Array.isArray(to)) {
      for (const item of from as readonly unknown[]) to.push(start(item));
    } else {
      const src = from as ReadonlyValuesMap;
      for (const key of Object.keys(src)) {
        const v = src[key];
        if (v !== undefined) setOwn(to, key, start(v));
      }
    }
  }
  return root;
}

/** A deep copy of a map of values. @internal */
export function copyMap(value: ReadonlyValuesMap): ValuesMap {
  return copyValues(value) as ValuesMap;
}

/** A value as Helm's warnings print it (short). */
function describe(v: unknown): string {
  if (isMap(v)) return 'a map';
  if (Array.isArray(v)) return 'a list';
  if (v === null || v === undefined) return 'null';
  return `${typeof v} ${JSON.stringify(typeof v === 'bigint' ? String(v) : v)}`;
}

function join(prefix: string, key: string): string {
  return prefix === '' ? key : `${prefix}.${key}`;
}

/**
 * Helm's `CoalesceTables(dst, src)`: lays the defaults `src` under `dst` (the user's values, already
 * a private copy), in place.
 */
function coalesceInto(dst: ValuesMap, src: ReadonlyValuesMap, nullRemoves: boolean, prefix: string,
  warn: (message: string) => void): void {
  for (const key of Object.keys(src)) {
    const val = src[key];
    if (val === undefined) continue;
    if (!hasOwn(dst, key) || dst[key] === undefined) {
      setOwn(dst, key, copyValues(val));
      continue;
    }
    const dv = dst[key];
    if (dv === null) {
      if (nullRemoves) {
        delete dst[key];
      } else {
        setOwn(dst, key, copyValues(val));
      }
    } else if (isMap(val)) {
      if (isMap(dv)) {
        coalesceInto(dv, val, nullRemoves, join(prefix, key), warn);
      } else {
        warn(`cannot overwrite table with non table for ${join(prefix, key)} (the default is a map, the value given is ${describe(dv)}; the value given wins)`);
      }
    } else if (isMap(dv) && val !== null) {
      warn(`destination for ${join(prefix, key)} is a table. Ignoring non-table value (${describe(val)}) of the defaults`);
    }
  }
}

/**
 * Lays user values over a chart's defaults like Helm 3.6.2 does: maps merge key by key (the user's
 * side wins), lists and scalars are replaced whole, a value of another type than the default's
 * replaces it (Helm warns, see {@link CoalesceOptions.onWarning}), and a user `null` removes the
 * default (`nullRemoves`, the default) or leaves it (`nullRemoves: false`, values reaching a
 * subchart through the umbrella chart).
 *
 * A `null` or `undefined` `user` means "no values": the result is a copy of the defaults.
 * The inputs are never mutated; the result shares nothing with them.
 *
 * @param defaults the chart's values.yaml
 * @param user the user's values (e.g. from {@link mergeValueSources} and `--set`)
 * @internal
 */
export function coalesceValues(defaults: unknown, user: unknown, options: CoalesceOptions = {}): unknown {
  const nullRemoves = options.nullRemoves ?? true;
  const warn = options.onWarning ?? (() => undefined);
  if (user === null || user === undefined) {
    return copyValues(defaults ?? {});
  }
  if (defaults === null || defaults === undefined) {
    return copyValues(user);
  }
  if (!isMap(user) || !isMap(defaults)) {
    if (isMap(defaults)) {
      warn(`skipped value for the chart's values: Not a table (${describe(user)})`);
    }
    return copyValues(user);
  }
  const dst = copyMap(user);
  coalesceInto(dst, defaults, nullRemoves, '', warn);
  return dst;
}

/** Helm's `mergeMaps(a, b)` of `pkg/cli/values`: b wins; maps merge; anything else replaces. Without recursion. */
function mergeMaps(a: ValuesMap, b: ValuesMap): ValuesMap {
  const out = copyMap(a);
  // [into (a private copy), from]: maps at the same key on both sides
  const todo: [ValuesMap, ValuesMap][] = [[out, b]];
  while (todo.length > 0) {
    const [into, from] = todo.pop()!;
    for (const key of Object.keys(from)) {
      const v = from[key];
      if (v === undefined) continue;
      const current = into[key];
      if (isMap(v) && hasOwn(into, key) && isMap(current)) {
        todo.push([current, v]);
      } else {
        setOwn(into, key, copyValues(v));
      }
    }
  }
  return out;
}

/**
 * Combines several sources of user values in order, as `helm template -f a.yaml -f b.yaml` does
 * with its values files: a later source wins; maps merge key by key; lists and scalars are replaced
 * whole; a `null` in a later source replaces the earlier value with `null` (which then removes the
 * chart default when coalescing, see {@link coalesceValues}).
 *
 * `null` / `undefined` sources (empty values files) are skipped; any other non-map source is an
 * error, as in Helm. (`--set` expressions are applied afterwards, in place, with `applySet`.)
 *
 * @internal
 */
export function mergeValueSources(sources: readonly unknown[]): ValuesMap {
  let base: ValuesMap = {};
  sources.forEach((source, i) => {
    if (source === null || source === undefined) return;
    if (!isMap(source)) {
      throw new HelmValuesError(`values source ${i + 1} must be a map of values, got ${describe(source)}`);
    }
    base = mergeMaps(base, source);
  });
  return base;
}

/**
 * A chart for {@link coalesceChartValues}: its own defaults (values.yaml) and its subcharts.
 *
 * @internal
 */
export interface ChartValuesTree {
  /** The chart's name: the key of its values in the parent chart's values. */
  readonly name: string;
  /** The chart's values.yaml. */
  readonly values: ReadonlyValuesMap;
  /** Subcharts (dependencies). */
  readonly dependencies?: readonly ChartValuesTree[];
}

/** Helm's `coalesceGlobals(dest, src)`: the parent's `global` map is copied into the subchart's. */
function coalesceGlobals(dest: ValuesMap, src: ValuesMap, prefix: string, warn: (message: string) => void): void {
  let dg: ValuesMap;
  if (!hasOwn(dest, 'global') || dest.global === undefined) {
    dg = {};
  } else if (isMap(dest.global)) {
    dg = dest.global;
  } else {
    warn(`skipping globals because destination ${join(prefix, 'global')} is not a table.`);
    return;
  }
  let sg: ValuesMap;
  if (!hasOwn(src, 'global') || src.global === undefined) {
    sg = {};
  } else if (isMap(src.global)) {
    sg = src.global;
  } else {
    warn('skipping globals because source global is not a table.');
    return;
  }
  for (const key of Object.keys(sg)) {
    const val = sg[key];
    if (isMap(val)) {
      const vv = copyMap(val);
      const current = dg[key];
      if (!hasOwn(dg, key)) {
        setOwn(dg, key, vv);
      } else if (!isMap(current)) {
        warn(`Conflict: cannot merge map onto non-map for "${key}". Skipping.`);
      } else {
        // the parent's globals win over the subchart's
        coalesceInto(vv, current, true, join(prefix, `global.${key}`), warn);
        setOwn(dg, key, vv);
      }
    } else if (hasOwn(dg, key) && isMap(dg[key])) {
      warn(`key ${key} is table. Skipping`);
    } else {
      setOwn(dg, key, copyValues(val));
    }
  }
  dest.global = dg;
}

function coalesceChart(chart: ChartValuesTree, dest: ValuesMap, prefix: string,
  warn: (message: string) => void): ValuesMap {
  coalesceInto(dest, chart.values ?? {}, true, prefix, warn);
  for (const dep of chart.dependencies ?? []) {
    const given = hasOwn(dest, dep.name) ? dest[dep.name] : undefined;
    let sub: ValuesMap;
    if (given === undefined) {
      sub = {};
    } else if (isMap(given)) {
      sub = given;
    } else {
      throw new HelmValuesError(`type mismatch on ${join(prefix, dep.name)}: the values of subchart ${dep.name} must be a map, got ${describe(given)}`);
    }
    coalesceGlobals(sub, dest, join(prefix, dep.name), warn);
    dest[dep.name] = coalesceChart(dep, sub, join(prefix, dep.name), warn);
  }
  return dest;
}

/**
 * Helm 3.6.2's `CoalesceValues(chart, values)` over a chart and its subcharts: the user's values
 * over the chart's defaults ({@link coalesceValues} with `nullRemoves`), then, for each subchart,
 * the parent's `global` map copied into the subchart's values and the result laid over the
 * subchart's defaults. A subchart's values that are not a map are an error ("type mismatch").
 *
 * This reproduces the Helm 3.6.2 behaviour described at {@link CoalesceOptions.nullRemoves}
 * exactly: a `null` for a subchart key is deleted at the umbrella level when the umbrella's
 * values.yaml has the key (so the subchart's default comes back), and removes the subchart's default
 * when only the subchart has it.
 *
 * @returns the values of the chart, each subchart's under its name
 * @internal
 */
export function coalesceChartValues(chart: ChartValuesTree, user: unknown,
  options: Pick<CoalesceOptions, 'onWarning'> = {}): ValuesMap {
  if (user !== null && user !== undefined && !isMap(user)) {
    throw new HelmValuesError(`the values must be a map, got ${describe(user)}`);
  }
  return coalesceChart(chart, copyMap(user ?? {}), '', options.onWarning ?? (() => undefined));
}
