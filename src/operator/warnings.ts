import type { IConstruct } from 'constructs';

/**
 * Construct metadata type under which the operator construct records warnings: problems that do
 * not stop synthesis but that the user should know about. Read them with
 * `construct.node.metadata.filter((m) => m.type === OPERATOR_WARNING_METADATA_TYPE)`.
 *
 * cdk8s 2 has no `Annotations` API like the AWS CDK, so this is plain construct metadata.
 *
 * @internal
 */
export const OPERATOR_WARNING_METADATA_TYPE = 'cdk8s-starrocks:warning';

/** Records a warning on a construct. @internal */
export function addOperatorWarning(scope: IConstruct, message: string): void {
  scope.node.addMetadata(OPERATOR_WARNING_METADATA_TYPE, message);
}

/** The warnings recorded on a construct, in the order they were added. @internal */
export function operatorWarnings(scope: IConstruct): string[] {
  return scope.node.metadata.filter((m) => m.type === OPERATOR_WARNING_METADATA_TYPE).map((m) => String(m.data));
}
