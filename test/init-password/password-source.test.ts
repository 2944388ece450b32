import { inspect } from 'util';
import { Chart, Testing } from 'cdk8s';

import * as kplus from 'cdk8s-plus-27';
import { RootPasswordSource } from '../../src/init-password/password-source';

describe('RootPasswordSource', () => {
  test('fromSecret takes the name of a cdk8s-plus Secret and the chart key "password" by default', () => {
    // GIVEN
    const chart = new Chart(Testing.app(), 'test');
    const secret = kplus.Secret.fromSecretName(chart, 'Root', 'sr-root-password');

    // WHEN
    const source = RootPasswordSource.fromSecret(secret);

    // THEN
    expect(source.secretName).toBe('sr-root-password');
    expect(source.key).toBe('password');
    expect(source._plaintext).toBeUndefined();
  });

  test('fromSecretName takes another key', () => {
    // WHEN
    const source = RootPasswordSource.fromSecretName('sr-root', 'root.pwd');

    // THEN
    expect(source.secretName).toBe('sr-root');
    expect(source.key).toBe('root.pwd');
  });

  test('fromValue keeps the password for the Secret the library creates', () => {
    // WHEN
    const source = RootPasswordSource.fromValue('p@ss&word<1>');

    // THEN
    expect(source.secretName).toBeUndefined();
    expect(source.key).toBe('password');
    expect(source._plaintext).toBe('p@ss&word<1>');
  });

  test('fails for an empty password', () => {
    expect(() => RootPasswordSource.fromValue('')).toThrow(/'password' must be a non-empty password/);
  });

  test('fails for a Secret name that is not a DNS subdomain', () => {
    expect(() => RootPasswordSource.fromSecretName('Root_Password')).toThrow(/'password.secretName' must be a DNS-1123 subdomain/);
  });

  test('fails for a key with characters a Secret key cannot have', () => {
    expect(() => RootPasswordSource.fromSecretName('root', 'my key')).toThrow(/'password.key' must be a Secret key/);
  });

  test('fails for something that is not a Secret', () => {
    expect(() => RootPasswordSource.fromSecret({} as any)).toThrow(/'password.secret' must be a Secret/);
  });
});

describe('RootPasswordSource never prints its password', () => {
  const PASSWORD = 'p@ss-Word-42';

  test('JSON.stringify, util.inspect, String() and template strings show <redacted>', () => {
    // GIVEN
    const source = RootPasswordSource.fromValue(PASSWORD);

    // WHEN
    const printed = [JSON.stringify(source), inspect(source), inspect({ nested: [source] }, { depth: 5 }), String(source), `${source}`,
      JSON.stringify({ ...source }), JSON.stringify(Object.entries(source)), inspect(source, { showHidden: true })];

    // THEN
    for (const text of printed) {
      expect(text).not.toContain(PASSWORD);
    }
    expect(JSON.stringify(source)).toBe('{"password":"<redacted>","key":"password"}');
    expect(String(source)).toBe('RootPasswordSource(value <redacted>)');
    expect(inspect(source)).toBe('RootPasswordSource(value <redacted>)');
    expect(source._plaintext).toBe(PASSWORD);
  });

  test('a Secret source shows where the password is', () => {
    const source = RootPasswordSource.fromSecretName('sr-root', 'pw');
    expect(String(source)).toBe('RootPasswordSource(secret "sr-root", key "pw")');
    expect(JSON.parse(JSON.stringify(source))).toStrictEqual({ secretName: 'sr-root', key: 'pw' });
  });

  test('fails for a password that is not a string without showing it', () => {
    expect(() => RootPasswordSource.fromValue(12345678 as any)).toThrow(/^'password' must be a non-empty password .*got a value of type number \(<redacted>\)$/);
    expect(() => RootPasswordSource.fromValue(12345678 as any)).not.toThrow(/12345678/);
  });
});
