/** How the Helm release would have been installed. */
export interface HelmReleaseOptions {
  /**
   * The Helm release name (`.Release.Name`): the warehouse chart names the warehouse after it, the
   * kube-starrocks chart puts it into the `app.kubernetes.io/instance` label.
   *
   * @default 'kube-starrocks' (for the warehouse chart: the construct id as a DNS label)
   */
  readonly releaseName?: string;

  /**
   * The release namespace (`.Release.Namespace`), where objects without another namespace go.
   *
   * @default - the namespace of the chart, else `default`
   */
  readonly releaseNamespace?: string;

  /**
   * API versions the Kubernetes cluster serves, as `helm template --api-versions` gives them. The
   * ServiceMonitors of `metrics.serviceMonitor` are rendered only with `monitoring.coreos.com/v1`.
   *
   * @default ['monitoring.coreos.com/v1']
   */
  readonly apiVersions?: string[];
}
