/**
 * wireValue: L1-shaped values to their wire form, and the message naming where a class instance sits.
 */
import { copyData } from '../../src/common/copy';
import { StarRocksPropError } from '../../src/common/errors';
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

  test('fails for a circular object, naming where it refers back, as a StarRocksPropError', () => {
    const loop: any = { a: [{ b: 1 }] };
    loop.a[0].up = loop.a;
    const error = (() => {
      try {
        wireValue({ x: loop }, 'job.affinity');
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(StarRocksPropError);
    expect((error as StarRocksPropError).prop).toBe('job.affinity.x.a[0].up');
    expect((error as Error).message).toMatch(/must be plain data without cycles: it refers back to 'job.affinity.x.a'/);
  });

  test('the same plain object twice, not inside itself, is converted twice', () => {
    const shared = { k: 1 };
    expect(wireValue({ a: shared, b: [shared] }, 'p')).toStrictEqual({ a: { k: 1 }, b: [{ k: 1 }] });
  });

  test('other errors pass through unchanged', () => {
    const input = { get bad(): string { throw new Error('boom'); } };
    expect(() => wireValue(input, 'p')).toThrow(/^boom$/);
  });
});

describe('copyData', () => {
  test('fails for a circular object, naming the path below the given prop', () => {
    const props: any = { fe: { affinity: {} } };
    props.fe.affinity.again = props;
    expect(() => copyData(props)).toThrow(/^'fe.affinity.again' must be plain data without cycles: it refers back to the props themselves/);
    expect(() => copyData(props.fe, 'cn')).toThrow(/^'cn.affinity.again.fe' must be plain data without cycles: it refers back to 'cn'/);
  });

  test('copies plain data all the way down and keeps class instances', () => {
    const box = new Box(1);
    const input = { a: [{ b: box }], c: { d: 'e' } };
    const out = copyData(input);
    expect(out).toStrictEqual(input);
    expect(out.a).not.toBe(input.a);
    expect(out.a[0].b).toBe(box);
  });
});
