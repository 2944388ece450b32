import { IConstruct } from 'constructs';

/** Metadata type under which the library records synth-time warnings. @internal */
export const WARNING_METADATA = 'cdk8s-starrocks:warning';

/**
 * Records a warning on a construct (as construct metadata, readable by tests and tools) and prints
 * it on stderr, so that it is visible when the app is synthesized. Set
 * `CDK8S_STARROCKS_SILENCE_WARNINGS=1` to keep them off stderr.
 *
 * @internal
 */
export function warn(scope: IConstruct, message: string): void {
  scope.node.addMetadata(WARNING_METADATA, message);
  if (!process.env.CDK8S_STARROCKS_SILENCE_WARNINGS) {
    process.stderr.write(`[cdk8s-starrocks] warning: ${scope.node.path}: ${message}\n`);
  }
}

/**
 * Returns the warnings recorded on a construct and everything below it.
 *
 * @param scope the construct to look under
 */
export function warningsOf(scope: IConstruct): string[] {
  const out: string[] = [];
  for (const c of scope.node.findAll()) {
    for (const m of c.node.metadata) {
      if (m.type === WARNING_METADATA) {
        out.push(`${c.node.path}: ${m.data}`);
      }
    }
  }
  return out;
}
