/**
 * ImageReference (parse and format) and checkImage, the one image check.
 */
import { checkImage, ImageReference, isImageTag } from '../../src/common/image';

const DIGEST = `sha256:${'a'.repeat(64)}`;

describe('ImageReference', () => {
  test.each([
    ['starrocks/fe-ubuntu:3.3.10', 'starrocks/fe-ubuntu', '3.3.10', undefined],
    ['registry:5000/starrocks/fe-ubuntu:3.3', 'registry:5000/starrocks/fe-ubuntu', '3.3', undefined],
    ['registry:5000/starrocks/fe-ubuntu', 'registry:5000/starrocks/fe-ubuntu', undefined, undefined],
    [`starrocks/fe-ubuntu@${DIGEST}`, 'starrocks/fe-ubuntu', undefined, DIGEST],
    [`starrocks/fe-ubuntu:3.3@${DIGEST}`, 'starrocks/fe-ubuntu', '3.3', DIGEST],
    ['busybox', 'busybox', undefined, undefined],
  ])('parses %s', (text, repository, tag, digest) => {
    // WHEN
    const ref = ImageReference.parse(text);

    // THEN
    expect(ref).toBeDefined();
    expect(ref?.repository).toBe(repository);
    expect(ref?.tag).toBe(tag);
    expect(ref?.digest).toBe(digest);
    expect(ref?.toString()).toBe(text);
  });

  test.each(['', ':tag', 'a b:1', 'repo:', `repo@sha256:${'a'.repeat(10)}`, '-repo:1'])('fails to parse %j', (text) => {
    expect(ImageReference.parse(text)).toBeUndefined();
  });

  test('of() formats repository:tag', () => {
    expect(ImageReference.of('starrocks/be-ubuntu', '4.1-latest').toString()).toBe('starrocks/be-ubuntu:4.1-latest');
  });
});

describe('checkImage', () => {
  test('accepts a tag or a digest', () => {
    expect(checkImage('image', 'starrocks/fe-ubuntu:3.3.10')).toBe('starrocks/fe-ubuntu:3.3.10');
    expect(checkImage('image', `starrocks/fe-ubuntu@${DIGEST}`)).toBe(`starrocks/fe-ubuntu@${DIGEST}`);
  });

  test.each(['starrocks/fe-ubuntu', 'registry:5000/fe', 'fe ubuntu:1'])('fails for %j', (image) => {
    expect(() => checkImage('fe.image', image)).toThrow(new RegExp(`'fe.image' must be an image reference with a tag or digest.*got ${JSON.stringify(image)}`));
  });

  test('isImageTag', () => {
    expect(isImageTag('3.3.10')).toBe(true);
    expect(isImageTag('-x')).toBe(false);
    expect(isImageTag('a'.repeat(129))).toBe(false);
  });
});
