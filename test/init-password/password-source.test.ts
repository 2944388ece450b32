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
