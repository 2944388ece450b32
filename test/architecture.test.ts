/**
 * The shape of the source tree, checked: no import cycles (as `madge --circular` finds them, type
 * imports included), the Helm translation reachable only one way, and no hand-written file in src/
 * over 500 lines.
 */
import * as fs from 'fs';
import * as path from 'path';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const madge = require('madge') as (p: string, o: object) => Promise<{ circular(): string[][]; obj(): { [file: string]: string[] } }>;

const SRC = path.join(__dirname, '..', 'src');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

describe('source tree', () => {
  let graph: Awaited<ReturnType<typeof madge>>;
  beforeAll(async () => {
    graph = await madge(SRC, { fileExtensions: ['ts'], tsConfig: path.join(__dirname, '..', 'tsconfig.json') });
  }, 60_000);

  test('has no import cycle', () => {
    expect(graph.circular()).toEqual([]);
  });

  test('sees the imports (the graph is not empty)', () => {
    // a graph without edges would make the cycle test pass vacuously
    expect(graph.obj()['cluster/cluster.ts']).toEqual(expect.arrayContaining(['cluster/reference.ts']));
  });

  test('the typed constructs never import the Helm layer', () => {
    const offenders = Object.entries(graph.obj())
      .filter(([file]) => !file.startsWith('helm/') && !file.startsWith('cli/') && file !== 'index.ts')
      .flatMap(([file, deps]) => deps.filter((d) => d.startsWith('helm/') || d.startsWith('cli/')).map((d) => `${file} -> ${d}`));
    expect(offenders).toEqual([]);
  });

  test('has no hand-written file over 500 lines', () => {
    const big = sourceFiles(SRC)
      .map((f) => [path.relative(SRC, f), fs.readFileSync(f, 'utf8').split('\n').length] as const)
      .filter(([, lines]) => lines > 500);
    expect(big).toEqual([]);
  });
});
