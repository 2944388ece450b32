/** Options of `StarRocksCluster.fromManifest` and `StarRocksWarehouse.fromManifest`. */
export interface FromManifestOptions {
  /**
   * The ConfigMaps of the manifest's file (other objects are passed over). A component's
   * `configMapInfo` naming one of them that holds only the config file becomes its `config`
   * (checked, and written by the library); otherwise it becomes `existingConfig`.
   *
   * @default - none: every `configMapInfo` becomes `existingConfig`
   */
  // manifests are plain data of any shape, checked when read
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly configMaps?: any[];
}
