import { fail } from './validate';

const IMAGE = /^[a-zA-Z0-9][a-zA-Z0-9._\-/:]*(@sha256:[a-f0-9]{64})?$/;

/** An image reference with a tag or a digest. @internal */
export function checkImage(prop: string, image: string): string {
  const lastSegment = image.split('/').pop() ?? '';
  const hasTag = /:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/.test(lastSegment) || image.includes('@sha256:');
  if (typeof image !== 'string' || !IMAGE.test(image) || !hasTag) {
    fail(prop, 'an image reference with a tag or digest, e.g. "starrocks/fe-ubuntu:3.3.10"', image);
  }
  return image;
}
