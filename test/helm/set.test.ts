import * as fc from 'fast-check';
import { HelmValuesError } from '../../src/helm/context';
import { applySet, MAX_SET_INDEX, typedSetValue } from '../../src/helm/set';

/** Applies the expressions to a fresh (or given) map, in order. */
function set(...expressions: string[]): any {
  const values: any = {};
  for (const e of expressions) applySet(values, e);
  return values;
}

describe('applySet: Helm --set syntax', () => {
  test.each<[string, any]>([
    // keys
    ['a=b', { a: 'b' }],
    ['a.b=c', { a: { b: 'c' } }],
    ['a.b.c.d=e', { a: { b: { c: { d: 'e' } } } }],
    ['a=1,b=2', { a: 1, b: 2 }],
    ['a.b=1,a.c=2', { a: { b: 1, c: 2 } }],
    ['a=1,', { a: 1 }],
    ['', {}],
    // lists
    ['a={x,y}', { a: ['x', 'y'] }],
    ['a={x,y},b=z', { a: ['x', 'y'], b: 'z' }],
    ['a={1,true,null,s}', { a: [1, true, null, 's'] }],
    ['a={}', { a: [''] }],
    ['a={x}', { a: ['x'] }],
    ['a={x\\,y,z}', { a: ['x,y', 'z'] }],
    ['a={x\\}y}', { a: ['x}y'] }],
    ['a=x{y}', { a: 'x{y}' }],
    // indexes
    ['a[0]=x', { a: ['x'] }],
    ['a[2]=x', { a: [null, null, 'x'] }],
    ['a[0].b=c', { a: [{ b: 'c' }] }],
    ['a[0].b=c,a[0].d=e', { a: [{ b: 'c', d: 'e' }] }],
    ['a[1].b=c,a[0].b=d', { a: [{ b: 'd' }, { b: 'c' }] }],
    ['a[0][1]=x', { a: [[null, 'x']] }],
    ['a[0]={x,y}', { a: [['x', 'y']] }],
    ['a.b[0].c[1].d=e', { a: { b: [{ c: [null, { d: 'e' }] }] } }],
    ['a[+1]=x', { a: [null, 'x'] }],
    ['a[0]=', { a: [''] }],
    // escapes
    ['a\\.b=c', { 'a.b': 'c' }],
    ['a=x\\,y', { a: 'x,y' }],
    ['a\\=b=c', { 'a=b': 'c' }],
    ['a=b=c', { a: 'b=c' }],
    ['a=x\\\\y', { a: 'x\\y' }],
    ['a\\[0\\]=x', { 'a[0]': 'x' }],
    ['nodeSelector.kubernetes\\.io/os=linux', { nodeSelector: { 'kubernetes.io/os': 'linux' } }],
    ['a=x\\', { a: 'x' }],
    // empty and whitespace
    ['a=', { a: '' }],
    ['a=,b=1', { a: '', b: 1 }],
    ['a= b ', { a: ' b ' }],
    [' a =1', { ' a ': 1 }],
    // unicode
    ['ключ=значение', { ключ: 'значение' }],
    ['a=😀,b=é', { a: '😀', b: 'é' }],
  ])('%s', (expression, expected) => {
    expect(set(expression)).toEqual(expected);
  });

  describe('types (strvals.typedVal)', () => {
    test.each<[string, any]>([
      ['true', true], ['TRUE', true], ['True', true], ['false', false], ['FaLsE', false],
      ['null', null], ['NULL', null], ['Null', null],
      ['0', 0], ['1', 1], ['-1', -1], ['+5', 5], ['999999', 999999], ['-999999', -999999], ['-0', 0],
      ['007', '007'], ['00', '00'], ['0x10', '0x10'], ['1.5', '1.5'], ['1e3', '1e3'], ['1_000', '1_000'], ['.5', '.5'],
      ['yes', 'yes'], ['no', 'no'], ['on', 'on'], ['~', '~'], ['', ''], ['"quoted"', '"quoted"'], ['1 ', '1 '], ['- 1', '- 1'],
      ['9223372036854775808', '9223372036854775808'], ['-9223372036854775809', '-9223372036854775809'],
    ])('%s', (text, expected) => {
      expect(typedSetValue(text)).toEqual(expected);
      expect(set(`a=${text.replace(/([\\,])/g, '\\$1')}`)).toEqual({ a: expected });
    });

    test('integers from one million up are bigints: they print without exponent form, like Helm int64s', () => {
      expect(typedSetValue('1000000')).toBe(BigInt(1000000));
      expect(typedSetValue('-1000000')).toBe(BigInt(-1000000));
      expect(typedSetValue('10737418240')).toBe(BigInt('10737418240'));
      expect(String(typedSetValue('1048576'))).toBe('1048576');
      // all 64 bits are kept
      expect(typedSetValue('9223372036854775807')).toBe(BigInt('9223372036854775807'));
      expect(typedSetValue('-9223372036854775808')).toBe(BigInt('-9223372036854775808'));
      // below one million: a plain number
      expect(typeof typedSetValue('999999')).toBe('number');
    });
  });

  describe('into existing values (ParseInto)', () => {
    test('adds to and overrides existing maps, keeps the rest', () => {
      const values = { a: { b: 1, c: { d: 2 } }, e: [1, 2] };
      applySet(values, 'a.c.x=3,a.b=9');
      expect(values).toEqual({ a: { b: 9, c: { d: 2, x: 3 } }, e: [1, 2] });
    });

    test('a scalar or list can be replaced by a value', () => {
      const values: any = { a: { b: 1 }, l: [1, 2] };
      applySet(values, 'a=x,l={3}');
      expect(values).toEqual({ a: 'x', l: [3] });
    });

    test('sets items of an existing list in place', () => {
      const values: any = { l: [{ name: 'a', value: 1 }, { name: 'b' }] };
      applySet(values, 'l[1].value=2,l[3]=x');
      expect(values.l).toEqual([{ name: 'a', value: 1 }, { name: 'b', value: 2 }, null, 'x']);
    });

    test('a list item that is not a map becomes one (Helm)', () => {
      const values: any = { l: ['x'] };
      applySet(values, 'l[0].a=1');
      expect(values.l).toEqual([{ a: 1 }]);
    });

    test('fails on null on the way, as Helm 3.6.2 does (a key given as null in a values file)', () => {
      expect(() => applySet({ a: null }, 'a.b=1')).toThrow(/cannot set a key inside "a": it holds null, not a map/);
      expect(() => applySet({ l: null }, 'l[0]=x')).toThrow(/cannot set an index of "l": it holds null, not a list/);
    });

    test('null as a value (to remove a chart default)', () => {
      const values: any = { a: { b: 1 } };
      applySet(values, 'a.b=null');
      expect(values).toEqual({ a: { b: null } });
    });

    test('later expressions win', () => {
      expect(set('a=1', 'a=2', 'b.c=1', 'b.c=x')).toEqual({ a: 2, b: { c: 'x' } });
    });

    test('a __proto__ key is plain data', () => {
      const values = set('__proto__.polluted=1');
      expect(({} as any).polluted).toBeUndefined();
      expect(Object.getPrototypeOf(values)).toBe(Object.prototype);
      expect(Object.keys(values)).toEqual(['__proto__']);
    });
  });

  describe('errors', () => {
    test.each<[string, RegExp]>([
      ['a', /key "a" has no value/],
      ['a.b', /key "a.b" has no value/],
      ['a,b=1', /key "a" has no value \(cannot end with ,\)/],
      ['a=1,,b=2', /key "" has no value|empty key/],
      ['=x', /empty key/],
      ['a..b=1', /empty key after "a\."/],
      ['a.=1', /empty key after "a\."/],
      ['a[x]=1', /error parsing index of "a": the index is not an integer/],
      ['a[]=1', /error parsing index/],
      ['a[1', /missing '\]'/],
      ['a[0]x=1', /unexpected data at end of array index \(after "a\[0\]"\)/],
      ['a[0]', /key "a\[0\]" has no value/],
      ['a[0].', /has no value/],
      ['a={x,y', /list must terminate with '}'/],
      ['a[-1]=x', /negative index not allowed \(in "a\[-1\]"\)/],
      [`a[${MAX_SET_INDEX + 1}]=x`, /greater than maximum supported index of 65536/],
      ['a[0][-2]=x', /negative index not allowed/],
      ['a[0].b=', /key "a\[0\]\.b" has an empty value at the end of the expression inside a new list item/],
      ['a[0][1].b.c=', /key "a\[0\]\[1\]\.b\.c" has an empty value/],
      ['.a=1', /empty key before "\."/],
    ])('%s', (expression, message) => {
      expect(() => set(expression)).toThrow(HelmValuesError);
      expect(() => set(expression)).toThrow(message);
    });

    test('setting inside a scalar or list, or indexing a map, is an error (Helm 3.6.2 panics)', () => {
      expect(() => applySet({ a: 'x' }, 'a.b=1')).toThrow(/cannot set a key inside "a": it holds a string, not a map/);
      expect(() => applySet({ a: [1] }, 'a.b=1')).toThrow(/not a map/);
      expect(() => applySet({ a: { b: 1 } }, 'a[0]=1')).toThrow(/cannot set an index of "a": it holds a map, not a list/);
      expect(() => applySet({ a: [{ b: 1 }] }, 'a[0][0]=1')).toThrow(/cannot set an index of "a\[0\]"/);
    });

    test('the values must be a map', () => {
      expect(() => applySet([], 'a=1')).toThrow(/needs a map/);
      expect(() => applySet(null, 'a=1')).toThrow(HelmValuesError);
    });

    test('the largest index is allowed', () => {
      expect(set(`a[${MAX_SET_INDEX}]=x`).a).toHaveLength(MAX_SET_INDEX + 1);
    });
  });
});

describe('applySet: escaping (property)', () => {
  const text = fc.string({ unit: fc.constantFrom('a', 'B', '0', '1', '-', '_', '.', ',', '=', '[', ']', '{', '}', '\\', ' ', '/', 'é', '😀'), maxLength: 12 });
  const escapeKey = (k: string) => k.replace(/[\\.=\[,]/g, c => `\\${c}`);
  const escapeValue = (v: string) => v.replace(/[\\,]/g, c => `\\${c}`).replace(/^\{/, '\\{');

  test('any key path and value, escaped, is set as given', () => {
    fc.assert(fc.property(fc.array(text.filter(k => k !== ''), { minLength: 1, maxLength: 4 }), text, (keys, value) => {
      const values: any = {};
      applySet(values, `${keys.map(escapeKey).join('.')}=${escapeValue(value)}`);
      let cur = values;
      for (const k of keys.slice(0, -1)) cur = cur[k];
      expect(cur[keys[keys.length - 1]]).toEqual(typedSetValue(value));
    }), { numRuns: 500 });
  });

  test('any list of values, escaped, is set as a list', () => {
    fc.assert(fc.property(fc.array(text, { minLength: 1, maxLength: 5 }), (items) => {
      const values: any = {};
      applySet(values, `l={${items.map(i => i.replace(/[\\,}]/g, c => `\\${c}`)).join(',')}},x=1`);
      expect(values).toEqual({ l: items.map(typedSetValue), x: 1 });
    }), { numRuns: 500 });
  });
});
