/**
 * The `cdk8s-starrocks template` command writes the same text with the fast paths on and off
 * (CDK8S_STARROCKS_FAST=0), reading its values with the yaml package's parser only when they are off.
 */
import * as path from 'path';
import { main } from '../../src/cli/main';
import { yamlLibrary } from '../../src/common/yaml-library';
import { FAST_SETTINGS, setFastPaths } from '../util/fast-switch';
import { REPO_ROOT } from '../util/shared';

/** The command's output and exit code, and how often the yaml package parsed and printed. */
async function template(on: boolean): Promise<{ code: number; out: string; err: string; parsed: number; printed: number }> {
  const yaml = yamlLibrary();
  const parse = jest.spyOn(yaml, 'parseAllDocuments');
  const print = jest.spyOn(yaml, 'stringify');
  const previous = process.env.CDK8S_STARROCKS_FAST;
  try {
    setFastPaths(on);
    let out = '';
    let err = '';
    const code = await main(
      ['template', 'bench', 'kube-starrocks', '--namespace', 'starrocks', '--api-versions', 'monitoring.coreos.com/v1',
        '-f', path.join(REPO_ROOT, 'bench', 'all-features.values.yaml')],
      { stdout: s => { out += s; }, stderr: s => { err += s; }, cwd: REPO_ROOT },
    );
    return { code, out, err, parsed: parse.mock.calls.length, printed: print.mock.calls.length };
  } finally {
    parse.mockRestore();
    print.mockRestore();
    if (previous === undefined) delete process.env.CDK8S_STARROCKS_FAST; else process.env.CDK8S_STARROCKS_FAST = previous;
  }
}

test('template writes the same text with the fast paths on and off, and reads and prints with the yaml package only when they are off', async () => {
  // a first run loads everything (and makes the printers), so that the counts below are the runs' own
  await template(true);
  const runs: { [setting: string]: Awaited<ReturnType<typeof template>> } = {};
  for (const [setting, on] of FAST_SETTINGS) runs[setting] = await template(on);
  const [on, off] = FAST_SETTINGS.map(([setting]) => runs[setting]);
  expect(on.code).toBe(0);
  expect(off.code).toBe(0);
  expect(on.err).toBe('');
  expect(off.out).toBe(on.out);
  const documents = on.out.split(/^---$/m).filter(d => d.trim() !== '').length;
  expect(documents).toBeGreaterThan(10);
  // on: the values file is block style (the fast reader reads it) and every object is plain data
  expect([on.parsed, on.printed]).toEqual([0, 0]);
  // off: the yaml package parses the values file (and the chart's defaults) and prints every object
  expect(off.parsed).toBeGreaterThan(0);
  expect(off.printed).toBe(documents);
});
