import * as fc from 'fast-check';
import { byteOrder } from '../../src/common/hash';
import { sortStrings } from '../../src/common/sort';

describe('sortStrings', () => {
  test('orders as Array.prototype.sort, short and long lists, with and without a comparator', () => {
    fc.assert(fc.property(fc.array(fc.fullUnicodeString({ maxLength: 6 }), { maxLength: 60 }), (list) => {
      const plain = [...list];
      sortStrings(plain);
      expect(plain).toEqual([...list].sort());
      const bytes = [...list];
      sortStrings(bytes, byteOrder);
      expect(bytes).toEqual([...list].sort(byteOrder));
    }), { numRuns: 500, seed: 3 });
  });
});
