/**
 * The ApiObject every construct of the library writes its objects with. It lives with the other
 * fast synthesis paths in src/fast (its one-pass `toJson()` is one of them); this file keeps the
 * path the constructs import it from.
 *
 * @internal
 */
export { StarRocksApiObject } from '../fast';
