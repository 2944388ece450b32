/**
 * The hashes the library must reproduce: Go's encoding/json as Helm's `toJson` prints it (the input
 * of the chart's config and entrypoint hashes) and the operator's FNV-1a volume-name suffix.
 */
import { createHash } from 'crypto';
import * as fc from 'fast-check';
import { byteOrder, goJson, goJsonNumber, goJsonString, helmValueHash, mountVolumeHash, sha256Prefix } from '../../src/common/hash';

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

describe('goJsonString', () => {
  test.each([
    ['plain', '"plain"'],
    ['', '""'],
    ['say "hi"', '"say \\"hi\\""'],
    ['back\\slash', '"back\\\\slash"'],
    ['a\nb\rc\td', '"a\\nb\\rc\\td"'],
    ['<b> & </b>', '"\\u003cb\\u003e \\u0026 \\u003c/b\\u003e"'],
    ['\u0000\u0001\u001f', '"\\u0000\\u0001\\u001f"'],
    ['\u2028\u2029', '"\\u2028\\u2029"'],
    ['\u007f', '"\u007f"'],
    ['é ü 中 😀', '"é ü 中 😀"'],
    ['/path/to', '"/path/to"'],
  ])('%j is %s', (input, expected) => {
    expect(goJsonString(input)).toBe(expected);
  });

  test('any string parses back with JSON.parse to itself', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 100 }), (s) => {
      expect(JSON.parse(goJsonString(s))).toBe(s);
      expect(JSON.parse(goJson(s))).toBe(s);
    }), { numRuns: 1000 });
  });

  test('<, > and & never appear raw, nor control characters, U+2028 or U+2029', () => {
    const tricky = fc.string({ unit: fc.oneof(fc.constantFrom('<', '>', '&', '"', '\\', '\n', '\u2028', '\u2029', '\u0000', '\u001b'), fc.char()), maxLength: 60 });
    fc.assert(fc.property(tricky, (s) => {
      const out = goJsonString(s);
      expect(out).not.toMatch(/[<>&\u0000-\u001f\u2028\u2029]/);
    }), { numRuns: 1000 });
  });

  test('equals JSON.stringify for strings without characters Go escapes differently', () => {
    const safe = fc.string({ unit: 'binary', maxLength: 100 }).filter((s) => !/[<>&\u0000-\u001f\u2028\u2029]/.test(s));
    fc.assert(fc.property(safe, (s) => {
      expect(goJsonString(s)).toBe(JSON.stringify(s));
    }), { numRuns: 500 });
  });
});

describe('goJsonNumber', () => {
  test.each([
    [0, '0'],
    [9030, '9030'],
    [-1, '-1'],
    [0.25, '0.25'],
    [1.5, '1.5'],
    [10737418240, '10737418240'],
    [1e20, '100000000000000000000'],
    [1e21, '1e+21'],
    [1.5e300, '1.5e+300'],
    [0.000001, '0.000001'],
    [1e-7, '1e-07'],
    [-2.5e-10, '-2.5e-10'],
  ])('%p is %s', (input, expected) => {
    expect(goJsonNumber(input)).toBe(expected);
  });

  test.each([NaN, Infinity, -Infinity])('fails for %p', (input) => {
    expect(() => goJsonNumber(input)).toThrow(/cannot encode .* as JSON/);
  });

  test('any finite number parses back to itself', () => {
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
      expect(JSON.parse(goJsonNumber(n))).toBe(n === 0 ? 0 : n);
    }), { numRuns: 1000 });
  });
});

describe('goJson', () => {
  test('maps with keys in byte order, lists, booleans, null', () => {
    expect(goJson({ b: [1, 'x', true, null], a: { z: false, B: 2.5 }, A: undefined })).toBe('{"A":null,"a":{"B":2.5,"z":false},"b":[1,"x",true,null]}');
  });

  test('fails for a function', () => {
    expect(() => goJson(() => 1)).toThrow(/cannot encode a function as JSON/);
  });

  test('any plain JSON value parses back to itself', () => {
    const json = fc.jsonValue({ maxDepth: 3 }).filter((v) => !JSON.stringify(v).includes('-0'));
    fc.assert(fc.property(json, (v) => {
      expect(JSON.parse(goJson(v))).toStrictEqual(JSON.parse(JSON.stringify(v)));
    }), { numRuns: 500 });
  });

  test('the map output does not depend on the insertion order of keys', () => {
    const entries = fc.uniqueArray(fc.tuple(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 })), { selector: ([k]) => k, maxLength: 10 });
    fc.assert(fc.property(entries, (e) => {
      expect(goJson(Object.fromEntries([...e].reverse()))).toBe(goJson(Object.fromEntries(e)));
    }), { numRuns: 300 });
  });

  test('byteOrder sorts ASCII keys by their bytes, upper case before lower case', () => {
    expect(['b', 'B', 'a', '_', 'A1', 'A'].sort(byteOrder)).toStrictEqual(['A', 'A1', 'B', '_', 'a', 'b']);
    expect(byteOrder('x', 'x')).toBe(0);
  });

  test('byteOrder sorts any keys by their UTF-8 bytes, as Go sorts map keys', () => {
    // U+FFFF is EF BF BF in UTF-8 and U+1F600 is F0 9F 98 80, but in UTF-16 U+1F600 starts with D83D
    expect(['\u{1F600}', '\uffff'].sort(byteOrder)).toStrictEqual(['\uffff', '\u{1F600}']);
    const key = fc.string({ unit: 'binary', maxLength: 6 });
    fc.assert(fc.property(key, key, (a, b) => {
      expect(Math.sign(byteOrder(a, b))).toBe(Math.sign(Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'))));
    }), { numRuns: 500 });
  });
});

describe('sha256Prefix and helmValueHash', () => {
  test('the first 8 hex characters of SHA-256', () => {
    expect(sha256Prefix('')).toBe('e3b0c442');
    expect(sha256Prefix('abc')).toBe('ba7816bf');
  });

  test('helmValueHash hashes the Go JSON of the value', () => {
    expect(helmValueHash('a = 1\n')).toBe(sha256Hex('"a = 1\\n"').slice(0, 8));
    expect(helmValueHash({ b: '2', a: '<1>' })).toBe(sha256Hex('{"a":"\\u003c1\\u003e","b":"2"}').slice(0, 8));
  });

  test('always 8 lower-case hex characters', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 50 }), (s) => {
      expect(helmValueHash(s)).toMatch(/^[0-9a-f]{8}$/);
    }), { numRuns: 300 });
  });
});

describe('mountVolumeHash', () => {
  test('the operator\'s unit-test vectors', () => {
    expect(mountVolumeHash('test', '/my/path', '')).toBe('1417');
    expect(mountVolumeHash('s1', '/pkg/mounts/volumes1', '')).toBe('1614');
  });

  test('the subPath is part of the hash', () => {
    expect(mountVolumeHash('test', '/my/path', 'key')).not.toBe(mountVolumeHash('test', '/my/path', ''));
  });

  test('is the first 4 decimal digits of FNV-1a 32 over the go-spew dump', () => {
    // an independent FNV-1a 32 written with BigInt
    const fnv1a = (text: string): string => {
      let h = 0x811c9dc5n;
      for (const b of Buffer.from(text, 'utf8')) {
        // eslint-disable-next-line no-bitwise
        h = ((h ^ BigInt(b)) * 0x01000193n) % 0x100000000n;
      }
      return h.toString().slice(0, 4);
    };
    const part = fc.string({ unit: 'binary', maxLength: 30 });
    fc.assert(fc.property(part, part, part, (name, mountPath, subPath) => {
      const expected = fnv1a(`(v1.MountInfo){Name:(string)${name} MountPath:(string)${mountPath} SubPath:(string)${subPath}}`);
      expect(mountVolumeHash(name, mountPath, subPath)).toBe(expected);
      expect(expected).toMatch(/^[0-9]{1,4}$/);
    }), { numRuns: 500 });
  });
});
