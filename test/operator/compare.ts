/**
 * A small comparison of synthesized objects with the operator objects of a conformance case, after
 * the rules of ../shared/conformance/README.md ("How to compare"): objects match by
 * apiVersion + kind + namespace + name; null, {} and [] count as absent; scalars compare by their
 * string form; the objects' own labels and annotations only need to contain the expected entries
 * (Helm's bookkeeping labels ignored); list order matters.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { compareManifests } from '../util/conformance';
import { sharedPath } from '../util/shared';


/** A conformance case: its release namespace and the operator subchart's objects. */
export interface OperatorCase {
  readonly namespace: string;
  readonly objects: any[];
}

/** Reads the objects rendered from the chart's `operator` subchart templates in one case. */
export function loadOperatorCase(caseName: string): OperatorCase {
  const dir = sharedPath(path.join('conformance', 'cases', caseName));
  const caseJson = JSON.parse(fs.readFileSync(path.join(dir, 'case.json'), 'utf8'));
  const text = fs.readFileSync(path.join(dir, 'expected.yaml'), 'utf8');
  const objects: any[] = [];
  // Helm prints "# Source: <template>" before every template's output.
  for (const chunk of text.split(/^---$/m)) {
    if (!/^# Source: [^/]+\/charts\/operator\//m.test(chunk)) {
      continue;
    }
    for (const doc of parseAllDocuments(chunk)) {
      const value = doc.toJS();
      if (value === null || value === undefined || (typeof value === 'object' && Object.keys(value).length === 0)) {
        continue;
      }
      objects.push(...(value.kind === 'List' ? value.items ?? [] : [value]));
    }
  }
  return { namespace: caseJson.namespace, objects };
}

/** Differences between the chart's objects and the library's, by the conformance rules. */
export function compareObjects(expected: any[], actual: any[], defaultNamespace: string): string[] {
  return compareManifests(actual, expected, defaultNamespace);
}
