/**
 * The switch of the fast paths (src/fast/switch.ts), and the module boundary: src/fast is entered
 * through its index only.
 */
import * as fs from 'fs';
import * as path from 'path';
import { FAST_PATHS_ENV, fastPathsEnabled } from '../../src/fast';
import { withFastPaths } from '../util/fast-switch';
import { REPO_ROOT } from '../util/shared';

describe('CDK8S_STARROCKS_FAST', () => {
  const withValue = (value: string | undefined): boolean => withFastPaths(true, () => {
    if (value !== undefined) process.env[FAST_PATHS_ENV] = value;
    return fastPathsEnabled();
  });

  test('is the variable\'s name', () => {
    expect(FAST_PATHS_ENV).toBe('CDK8S_STARROCKS_FAST');
  });

  test.each(['0', 'false', 'FALSE', 'off', 'Off', 'no', ' 0 '])('%j turns the fast paths off', (value) => {
    expect(withValue(value)).toBe(false);
  });

  test.each([undefined, '', '1', 'true', 'on', 'yes', '00', 'fast'])('%j leaves them on', (value) => {
    expect(withValue(value)).toBe(true);
  });

  test('is read at every use: a change applies at once', () => {
    withFastPaths(true, () => {
      expect(fastPathsEnabled()).toBe(true);
      process.env[FAST_PATHS_ENV] = '0';
      expect(fastPathsEnabled()).toBe(false);
      delete process.env[FAST_PATHS_ENV];
      expect(fastPathsEnabled()).toBe(true);
    });
  });
});

describe('the module boundary', () => {
  test('no file outside src/fast imports a file of src/fast other than its index; the variable is read in switch.ts only', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p); else if (e.name.endsWith('.ts')) files.push(p);
      }
    };
    walk(path.join(REPO_ROOT, 'src'));
    const fastDir = path.join(REPO_ROOT, 'src', 'fast');
    const reachingIn: string[] = [];
    const readingTheVariable: string[] = [];
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      if (/CDK8S_STARROCKS_FAST'/.test(text) || /process\.env\.CDK8S_STARROCKS_FAST/.test(text)) readingTheVariable.push(path.relative(REPO_ROOT, file));
      if (file.startsWith(fastDir + path.sep)) continue;
      for (const m of text.matchAll(/(?:from|require\()\s*'(\.[^']*)'/g)) {
        const target = path.resolve(path.dirname(file), m[1]);
        if (target.startsWith(fastDir + path.sep)) reachingIn.push(`${path.relative(REPO_ROOT, file)}: ${m[1]}`);
      }
    }
    expect(files.length).toBeGreaterThan(20);
    expect(reachingIn).toEqual([]);
    expect(readingTheVariable).toEqual([path.join('src', 'fast', 'switch.ts')]);
  });
});

describe('the README', () => {
  test('documents the switch: its name, the values that turn the fast paths off, the same output', () => {
    const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### The fast paths and their switch'), readme.indexOf('## Development'));
    expect(section).toContain(`\`${FAST_PATHS_ENV}\``);
    expect(section).toContain(`${FAST_PATHS_ENV}=0`);
    for (const value of ['false', 'off', 'no']) expect({ value, documented: section.includes(value) }).toEqual({ value, documented: true });
    expect(section).toMatch(/output is the same either way/);
  });
});
