/**
 * wireValue: L1-shaped values to their wire form, and the message naming where a class instance sits.
 */
import { wireValue } from '../../src/common/wire';

class Box {
  constructor(readonly v: number) {}
}

/** What cdk8s-plus-27's IntOrString and Quantity look like: a class holding the real value. */
class Union {
  constructor(readonly value: string | number) {}
}

describe('wireValue', () => {
  test('plain data comes back as a copy, unions as their value, undefined and null left out of maps', () => {
    const input = { name: 'x', port: new Union(8080), list: [1, { q: new Union('1Gi'), gone: undefined, nil: null }, undefined], empty: {} };
    const out = wireValue(input, 'p');
    expect(out).toStrictEqual({ name: 'x', port: 8080, list: [1, { q: '1Gi' }, undefined], empty: {} });
    expect((out as { list: unknown }).list).not.toBe(input.list);
    expect(wireValue(undefined, 'p')).toBeUndefined();
    expect(wireValue('s', 'p')).toBe('s');
  });

  test.each([
    ['the value itself', new Box(1), "'p'"],
    ['a key', { a: new Box(1) }, "'p.a'"],
    ['a list item', { a: [1, 2, new Box(1)] }, "'p.a[2]'"],
    ['deep down', { a: [{ b: { c: [new Box(1)] } }] }, "'p.a[0].b.c[0]'"],
    ['after a union', { u: new Union(1), z: { y: new Box(2) } }, "'p.z.y'"],
  ])('a class instance is refused, naming where it sits: %s', (_name, input, at) => {
    expect(() => wireValue(input, 'p')).toThrow(`${at} must be plain data (an object literal), got an instance of Box`);
  });

  test('the same instance twice is named where the conversion met it first', () => {
    const box = new Box(1);
    expect(() => wireValue({ a: { b: 1 }, c: [box], d: box }, 'p')).toThrow("'p.c[0]' must be plain data");
  });

  test('other errors pass through unchanged', () => {
    const input = { get bad(): string { throw new Error('boom'); } };
    expect(() => wireValue(input, 'p')).toThrow(/^boom$/);
  });
});
