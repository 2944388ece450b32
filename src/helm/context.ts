/**
 * What `helm template` knows besides the values: the release and the API versions of the target
 * cluster.
 *
 * @internal
 */
export interface HelmContext {
  /** The release name (`.Release.Name`). */
  readonly release: string;
  /** The release namespace (`.Release.Namespace`). */
  readonly namespace: string;
  /** API versions the cluster announces (`.Capabilities.APIVersions`), e.g. `monitoring.coreos.com/v1`. */
  readonly apiVersions: readonly string[];
}

/** An error in the values, raised like the chart's own `fail`. @internal */
export class HelmValuesError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HelmValuesError';
  }
}
