/**
 * The error every check of the library throws for bad input: the property path is data, so that a
 * caller translating from another input (the Helm values) can name its own key without reading
 * the message.
 *
 * @internal
 */
export class StarRocksPropError extends Error {
  /**
   * @param prop the property path the user wrote (`fe.replicas`, `cn.envVars[2].name`)
   * @param problem what is wrong, worded to follow the quoted path: `must be ..., got ...`
   */
  constructor(public readonly prop: string, public readonly problem: string) {
    super(`'${prop}' ${problem}`);
    this.name = 'StarRocksPropError';
  }

  /** The same problem, named after another path (the part of `prop` below `from` is kept). */
  public renamed(from: string, to: string): StarRocksPropError {
    return new StarRocksPropError(to + this.prop.slice(from.length), this.problem);
  }

  /** Whether the error's path is `prefix` or below it. */
  public isUnder(prefix: string): boolean {
    const p = this.prop;
    return p === prefix || p.startsWith(`${prefix}.`) || p.startsWith(`${prefix}[`);
  }
}
