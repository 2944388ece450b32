/**
 * Reading a manifest stream: every YAML document, with `List` kinds (`v1/List`, `*List`) opened
 * into their items; empty documents are skipped.
 *
 * @internal
 */
import { yamlLibrary } from '../common/yaml-library';

/** One object of a stream and where it is. @internal */
export interface StreamObject {
  /** Position for messages: `document 3` or `document 3, items[2]`. */
  readonly where: string;
  readonly value: unknown;
  /** The document carries Helm's `# Source: <chart>/templates/...` comment: `helm template` printed it. */
  readonly helmRendered: boolean;
}

/** Thrown for a stream that is not YAML; the message says where. @internal */
export class StreamError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StreamError';
  }
}

function isMap(v: unknown): v is { [key: string]: unknown } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Whether an object is a list of objects (`kind: List`, `ConfigMapList`, ... with `items`). */
function isList(v: { [key: string]: unknown }): boolean {
  return typeof v.kind === 'string' && v.kind.endsWith('List') && Array.isArray(v.items);
}

/** The objects of a manifest stream. @internal */
export function readStream(text: string): StreamObject[] {
  const YAML = yamlLibrary();
  const docs = YAML.parseAllDocuments(text, { uniqueKeys: true });
  const list = Array.isArray(docs) ? docs : [docs];
  const out: StreamObject[] = [];
  list.forEach((doc, i) => {
    const error = doc.errors[0];
    if (error !== undefined) {
      const pos = error.linePos?.[0];
      throw new StreamError(`document ${i + 1} is not valid YAML${pos ? ` (line ${pos.line}, column ${pos.col})` : ''}: ${error.message.split('\n')[0]}`);
    }
    const value: unknown = doc.toJS({ maxAliasCount: 1000 });
    if (value === null || value === undefined) return;
    const where = `document ${i + 1}`;
    const comment = `${doc.commentBefore ?? ''}\n${(doc.contents as { commentBefore?: string } | null)?.commentBefore ?? ''}`;
    const helmRendered = /^ ?Source: \S+\/templates\//m.test(comment);
    if (isMap(value) && isList(value)) {
      (value.items as unknown[]).forEach((item, j) => out.push({ where: `${where}, items[${j}]`, value: item, helmRendered }));
    } else {
      out.push({ where, value, helmRendered });
    }
  });
  return out;
}
