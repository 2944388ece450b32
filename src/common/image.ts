import { fail } from './validate';

const IMAGE = /^[a-zA-Z0-9][a-zA-Z0-9._\-/:]*(@sha256:[a-f0-9]{64})?$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;

/**
 * An image reference split into its parts: `repository[:tag][@digest]`, where the repository may
 * start with a registry host (with a port: `registry:5000/starrocks/fe-ubuntu`).
 *
 * @internal
 */
export class ImageReference {
  /**
   * Parses a reference; undefined when it is not one (see `checkImage` for the error).
   *
   * @param text the reference
   */
  public static parse(text: string): ImageReference | undefined {
    if (typeof text !== 'string' || !IMAGE.test(text)) {
      return undefined;
    }
    const at = text.indexOf('@');
    const digest = at >= 0 ? text.slice(at + 1) : undefined;
    const name = at >= 0 ? text.slice(0, at) : text;
    // a tag is the part after the last ':' of the last path segment (a ':' before a '/' is a registry port)
    const slash = name.lastIndexOf('/');
    const colon = name.lastIndexOf(':');
    const hasTag = colon > slash;
    const repository = hasTag ? name.slice(0, colon) : name;
    const tag = hasTag ? name.slice(colon + 1) : undefined;
    if (repository.length === 0 || (tag !== undefined && !TAG.test(tag)) || (digest !== undefined && !DIGEST.test(digest))) {
      return undefined;
    }
    return new ImageReference(repository, tag, digest);
  }

  /**
   * A reference from a repository and a tag, e.g. the chart's default images.
   *
   * @param repository e.g. `starrocks/fe-ubuntu`
   * @param tag e.g. `3.3.10`
   */
  public static of(repository: string, tag: string): ImageReference {
    return new ImageReference(repository, tag, undefined);
  }

  private constructor(
    /** Registry host (if any) and path, e.g. `starrocks/fe-ubuntu`. */
    public readonly repository: string,
    /** The tag, if the reference has one. */
    public readonly tag: string | undefined,
    /** The digest (`sha256:...`), if the reference has one. */
    public readonly digest: string | undefined,
  ) {}

  /** The reference as written in a manifest: `repository[:tag][@digest]`. */
  public toString(): string {
    return `${this.repository}${this.tag !== undefined ? `:${this.tag}` : ''}${this.digest !== undefined ? `@${this.digest}` : ''}`;
  }
}

/** Whether a text is an image tag (letters, digits, `_`, `.` and `-`, at most 128 characters). @internal */
export function isImageTag(tag: string): boolean {
  return typeof tag === 'string' && TAG.test(tag);
}

/** An image reference with a tag or a digest. @internal */
export function checkImage(prop: string, image: string): string {
  const ref = ImageReference.parse(image);
  if (ref === undefined || (ref.tag === undefined && ref.digest === undefined)) {
    fail(prop, 'an image reference with a tag or digest, e.g. "starrocks/fe-ubuntu:3.3.10"', image);
  }
  return image;
}
