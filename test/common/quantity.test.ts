/**
 * ResourceQuantity (requests and limits) and the storage sizes the StarRocks CRD accepts.
 */
import { Size } from 'cdk8s';
import { Cpu } from 'cdk8s-plus-27';
import * as fc from 'fast-check';
import * as YAML from 'yaml';
import { checkStorageSize, isZeroSize, renderQuantities, ResourceQuantity } from '../../src/common/quantity';
import { describeShared, readShared } from '../util/shared';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const digits = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...'0123456789'.split('')), minLength: min, maxLength: max });

/**
 * A Kubernetes quantity by the grammar of k8s.io/apimachinery `resource.Quantity`:
 * `<sign><number><suffix>`, number = digits, digits.digits, digits. or .digits; suffix = binary
 * (Ki..Ei), decimal SI (n u m '' k M G T P E) or a decimal exponent (e/E with an optional sign).
 */
const validQuantity: fc.Arbitrary<string> = fc.tuple(
  fc.constantFrom('', '+', '-'),
  fc.oneof(
    digits(1, 6),
    fc.tuple(digits(1, 4), digits(1, 4)).map(([a, b]) => `${a}.${b}`),
    digits(1, 4).map((a) => `${a}.`),
    digits(1, 4).map((b) => `.${b}`),
  ),
  fc.oneof(
    fc.constantFrom('Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'),
    fc.constantFrom('n', 'u', 'm', '', 'k', 'M', 'G', 'T', 'P', 'E'),
    fc.tuple(fc.constantFrom('e', 'E'), fc.constantFrom('', '+', '-'), digits(1, 3)).map(([e, s, d]) => e + s + d),
  ),
).map(([sign, number, suffix]) => sign + number + suffix);

/** Characters that never appear in a quantity. */
const junk = fc.constantFrom('B', 'b', 'x', ' ', '%', '/', '_', ',', 'q', 'Z', '\n', '中');

describe('ResourceQuantity', () => {
  test.each(['4', '500m', '8Gi', '1.5', '.5', '2.', '1e3', '1E-2', '+1', '100Ki', '0', '1k', '2M'])('of(%j) keeps the text', (text) => {
    expect(ResourceQuantity.of(text).value).toBe(text);
  });

  test.each(['', '8GB', '8 Gi', 'unlimited', 'Gi', '1.2.3', '1Kii', '1e', '--1', '1gi', '0x10', ' 1'])('fails for of(%j)', (text) => {
    expect(() => ResourceQuantity.of(text)).toThrow(new RegExp(`'quantity' must be a Kubernetes quantity such as "4", "500m" or "8Gi", got ${escapeRegExp(JSON.stringify(text))}$`));
  });

  test('accepts every generated Kubernetes quantity of 0 or more, as written', () => {
    fc.assert(fc.property(validQuantity, (q) => {
      // negative requests and limits are refused (issue 12); a negative zero is zero
      fc.pre(!q.startsWith('-') || !/[1-9]/.test(q.replace(/([eE][+-]?[0-9]+|[KMGTPE]i|[numkMGTPE])$/, '')));
      expect(ResourceQuantity.of(q).value).toBe(q);
    }), { numRuns: 2000 });
  });

  test('fails for every generated negative quantity', () => {
    fc.assert(fc.property(validQuantity, (q) => {
      fc.pre(q.startsWith('-') && /[1-9]/.test(q.replace(/([eE][+-]?[0-9]+|[KMGTPE]i|[numkMGTPE])$/, '')));
      expect(() => ResourceQuantity.of(q)).toThrow(/'quantity' must be a quantity of 0 or more/);
    }), { numRuns: 500 });
  });

  test('rejects a quantity with a character a quantity never has, anywhere', () => {
    fc.assert(fc.property(validQuantity, junk, fc.nat(), (q, j, at) => {
      const pos = at % (q.length + 1);
      const garbage = q.slice(0, pos) + j + q.slice(pos);
      expect(() => ResourceQuantity.of(garbage)).toThrow(/'quantity' must be a Kubernetes quantity/);
    }), { numRuns: 2000 });
  });

  test('rejects two suffixes or two numbers', () => {
    fc.assert(fc.property(validQuantity, fc.constantFrom('Ki', 'Mi', 'Gi', 'm', 'k', '.5.5', 'e3e3'), (q, extra) => {
      fc.pre(/[A-Za-z]$/.test(q) || extra.includes('.'));
      fc.pre(!(/^[+-]?[0-9]*\.?[0-9]*$/.test(q) && /^[A-Za-z]+$/.test(extra)));
      expect(() => ResourceQuantity.of(q + extra)).toThrow(/'quantity' must be a Kubernetes quantity/);
    }), { numRuns: 1000 });
  });

  test('rejects untyped non-strings', () => {
    expect(() => ResourceQuantity.of(4 as any)).toThrow(/'quantity' must be a Kubernetes quantity .* got 4/);
  });

  test('fromNumber keeps a whole number and writes a fractional one as its decimal text (the CRD refuses the number 0.5)', () => {
    expect(ResourceQuantity.fromNumber(4).value).toBe(4);
    expect(ResourceQuantity.fromNumber(0.5).value).toBe('0.5');
  });

  test.each([-1, NaN, Infinity])('fails for fromNumber(%p)', (n) => {
    expect(() => ResourceQuantity.fromNumber(n)).toThrow(/'quantity' must be a non-negative number/);
  });

  test('cpu() takes a cdk8s-plus Cpu without conversion', () => {
    expect(ResourceQuantity.cpu(Cpu.millis(500)).value).toBe('500m');
    expect(ResourceQuantity.cpu(Cpu.units(2)).value).toBe('2');
  });

  test('size() writes the binary unit it was given (no conversion)', () => {
    expect(ResourceQuantity.size(Size.gibibytes(8)).value).toBe('8Gi');
    expect(ResourceQuantity.size(Size.mebibytes(512)).value).toBe('512Mi');
    expect(ResourceQuantity.size(Size.tebibytes(1)).value).toBe('1Ti');
  });

  test('renderQuantities maps names to values', () => {
    expect(renderQuantities('fe.resources.limits', { 'cpu': ResourceQuantity.fromNumber(8), 'memory': ResourceQuantity.of('8Gi'), 'ephemeral-storage': ResourceQuantity.of('20Gi') }))
      .toStrictEqual({ 'cpu': 8, 'memory': '8Gi', 'ephemeral-storage': '20Gi' });
    expect(renderQuantities('x', undefined)).toBeUndefined();
  });

  test('fails for renderQuantities of a plain value, naming the property', () => {
    expect(() => renderQuantities('be.resources.requests', { cpu: '4' as any })).toThrow(/'be.resources.requests.cpu' must be a ResourceQuantity .* got "4"/);
  });
});

/** Sizes the StarRocks CRD accepts by construction: 0, or digits (optionally with a fraction) and Mi..Ei. */
const validStorageSize: fc.Arbitrary<string> = fc.oneof(
  fc.constant('0'),
  fc.tuple(digits(1, 5), fc.option(digits(1, 3), { nil: undefined }), fc.constantFrom('Mi', 'Gi', 'Ti', 'Pi', 'Ei'))
    .map(([n, f, u]) => (f === undefined ? `${n}${u}` : `${n}.${f}${u}`)),
);

describe('checkStorageSize', () => {
  test.each(['0', '0Gi', '10Gi', '1Ti', '512Mi', '1.5Ti', '2Pi', '1Ei'])('accepts %j', (text) => {
    expect(checkStorageSize('be.dataStorage.size', text)).toBe(text);
  });

  test('accepts a Size and returns its text', () => {
    expect(checkStorageSize('fe.metaStorage.size', Size.gibibytes(20))).toBe('20Gi');
    expect(checkStorageSize('fe.metaStorage.size', Size.gibibytes(0))).toBe('0Gi');
  });

  test.each(['10G', '512Ki', '1e3Gi', '', '10gi', ' 10Gi', '10Gi ', '10', '-1Gi', '1.Gi', '.5Gi', '10 Gi'])('fails for %j, naming the prop and the value', (text) => {
    expect(() => checkStorageSize('be.dataStorage.size', text)).toThrow(
      new RegExp(`^'be.dataStorage.size' must be a size of 0 or with a binary unit Mi, Gi, Ti, Pi or Ei .*, got ${escapeRegExp(JSON.stringify(text))}$`),
    );
  });

  test('fails for Size.kibibytes', () => {
    expect(() => checkStorageSize('cn.dataStorage.size', Size.kibibytes(512))).toThrow(/'cn.dataStorage.size' must be .* got "512Ki"/);
  });

  test('accepts every generated size with a binary unit Mi..Ei, as written', () => {
    fc.assert(fc.property(validStorageSize, (size) => {
      expect(checkStorageSize('size', size)).toBe(size);
    }), { numRuns: 1000 });
  });

  test('rejects sizes with other units', () => {
    const other = fc.tuple(digits(1, 5), fc.constantFrom('', 'Ki', 'k', 'K', 'M', 'G', 'T', 'P', 'E', 'm', 'mi', 'gi', 'GB', 'iB', 'e3'))
      .filter(([n, u]) => !(u === '' && n === '0'));
    fc.assert(fc.property(other, ([n, u]) => {
      expect(() => checkStorageSize('size', n + u)).toThrow(/'size' must be a size of 0 or with a binary unit/);
    }), { numRuns: 1000 });
  });

  test('isZeroSize tells sizes the operator skips', () => {
    expect(isZeroSize('0')).toBe(true);
    expect(isZeroSize('0Gi')).toBe(true);
    expect(isZeroSize('00Mi')).toBe(true);
    expect(isZeroSize('10Gi')).toBe(false);
    expect(isZeroSize('1Ti')).toBe(false);
  });

  describeShared('against the StarRocks CRD', () => {
    const crd = YAML.parseAllDocuments(readShared('crds/starrocks.com_starrocksclusters.yaml')).map((d) => d.toJS()).find((d) => d?.kind === 'CustomResourceDefinition');
    const patterns = new Set<string>();
    const walk = (node: any, key?: string): void => {
      if (node === null || typeof node !== 'object') return;
      if (key === 'storageSize' && typeof node.pattern === 'string') patterns.add(node.pattern);
      for (const [k, v] of Object.entries(node)) walk(v, k);
    };
    walk(crd);

    test('the CRD declares one storageSize pattern', () => {
      expect([...patterns]).toHaveLength(1);
    });

    test('every size the library accepts matches the CRD pattern', () => {
      const crdPattern = new RegExp([...patterns][0]);
      fc.assert(fc.property(validStorageSize, (size) => {
        expect(checkStorageSize('size', size)).toMatch(crdPattern);
      }), { numRuns: 1000 });
    });
  });
});
