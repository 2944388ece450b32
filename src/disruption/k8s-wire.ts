/**
 * Wire shape of the `policy/v1` PodDisruptionBudget spec the library writes: only the fields it
 * sets, with the API's field names.
 *
 * @internal
 */
export interface PodDisruptionBudgetSpec {
  /** a number of pods or a percentage (`"34%"`); set this or `minAvailable` */
  readonly maxUnavailable?: number | string;
  /** a number of pods or a percentage (`"50%"`); set this or `maxUnavailable` */
  readonly minAvailable?: number | string;
  readonly selector: { readonly matchLabels: { [key: string]: string } };
  /** `IfHealthyBudget` or `AlwaysAllow` */
  readonly unhealthyPodEvictionPolicy?: string;
}
