import { inspect } from 'util';
import type * as kplus from 'cdk8s-plus-27';
import { StarRocksPropError } from '../common/errors';
import { checkDnsSubdomain, fail } from '../common/validate';

/** The key the kube-starrocks chart uses for the root password in its Secret. @internal */
export const DEFAULT_PASSWORD_KEY = 'password';

const SECRET_KEY = /^[-._a-zA-Z0-9]+$/;

function checkSecretKey(prop: string, key: string): string {
  if (typeof key !== 'string' || key.length === 0 || key.length > 253 || !SECRET_KEY.test(key)) {
    fail(prop, 'a Secret key (letters, digits, \'-\', \'_\' and \'.\')', key);
  }
  return key;
}

/**
 * Where the password of the StarRocks `root` user comes from.
 *
 * Either an existing Secret (recommended: the password never appears in the synthesized
 * manifests), or a value from which the library creates the Secret `<cluster>-credential`, as the
 * kube-starrocks chart does for `initPassword.password`.
 */
export class RootPasswordSource {
  /**
   * The password is in an existing Secret in the cluster's namespace.
   *
   * @param secret the Secret, e.g. `kplus.Secret.fromSecretName(this, 'Root', 'sr-root-password')`
   * @param key the key holding the password; the chart always uses `password`
   */
  public static fromSecret(secret: kplus.ISecret, key?: string): RootPasswordSource {
    if (!secret || typeof secret.name !== 'string') {
      fail('password.secret', 'a Secret (kplus.ISecret) with a name', secret);
    }
    return RootPasswordSource.fromSecretName(secret.name, key);
  }

  /**
   * The password is in an existing Secret of this name in the cluster's namespace (the chart's
   * `initPassword.passwordSecret`).
   *
   * @param secretName the Secret's name
   * @param key the key holding the password; the chart always uses `password`
   */
  public static fromSecretName(secretName: string, key?: string): RootPasswordSource {
    checkDnsSubdomain('password.secretName', secretName);
    return new RootPasswordSource(secretName, checkSecretKey('password.key', key ?? DEFAULT_PASSWORD_KEY), undefined);
  }

  /**
   * The password itself. The library stores it in a new Secret `<cluster>-credential` (key
   * `password`), so it is written, base64-encoded, into the synthesized YAML: prefer `fromSecret`.
   *
   * @param password the root password (not empty)
   */
  public static fromValue(password: string): RootPasswordSource {
    if (typeof password !== 'string' || password.length === 0) {
      // never shown: a value of another type may still be the password
      throw new StarRocksPropError('password', 'must be a non-empty password (StarRocks keeps an empty root password otherwise), got '
        + (typeof password === 'string' ? 'an empty string' : `a value of type ${typeof password} (<redacted>)`));
    }
    return new RootPasswordSource(undefined, DEFAULT_PASSWORD_KEY, password);
  }

  /** Name of the existing Secret, or undefined when the library creates `<cluster>-credential`. */
  public readonly secretName?: string;
  /** The key of the Secret that holds the password. */
  public readonly key: string;

  private constructor(secretName: string | undefined, key: string, plaintext: string | undefined) {
    this.secretName = secretName;
    this.key = key;
    if (plaintext !== undefined) {
      PLAINTEXT.set(this, plaintext);
    }
  }

  /**
   * The plaintext password of `fromValue`. Kept outside the object, so that `JSON.stringify`,
   * `util.inspect`, spreading and `Object.entries` never see it.
   *
   * @internal
   */
  public get _plaintext(): string | undefined {
    return PLAINTEXT.get(this);
  }
}

/** The passwords of `fromValue`, by source. */
const PLAINTEXT = new WeakMap<RootPasswordSource, string>();

/** What a source shows when printed: where the password is, never the password. */
function describeSource(source: RootPasswordSource): string {
  return source.secretName !== undefined
    ? `RootPasswordSource(secret ${JSON.stringify(source.secretName)}, key ${JSON.stringify(source.key)})`
    : 'RootPasswordSource(value <redacted>)';
}

// defined on the prototype rather than as members, which jsii would publish in every language
Object.defineProperty(RootPasswordSource.prototype, 'toString', {
  value(this: RootPasswordSource): string {
    return describeSource(this);
  },
});
Object.defineProperty(RootPasswordSource.prototype, 'toJSON', {
  value(this: RootPasswordSource): { [key: string]: string } {
    return this.secretName !== undefined
      ? { secretName: this.secretName, key: this.key }
      : { password: '<redacted>', key: this.key };
  },
});
Object.defineProperty(RootPasswordSource.prototype, inspect.custom, {
  value(this: RootPasswordSource): string {
    return describeSource(this);
  },
});
