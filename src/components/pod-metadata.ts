import { configHashAnnotation } from '../common/constants';
import type { ComponentKey } from '../common/constants';
import { checkAnnotations, checkLabels } from '../common/k8s-rules';
import { LABEL_COMPONENT, LABEL_OWNER } from '../common/labels';
import { copyStringMap, fail, setOnce } from '../common/validate';

/**
 * The annotations and labels of a component's pods: the props' and the ones added later. The
 * selector labels cannot be set, nor the config-hash annotation the library computes.
 *
 * @internal
 */
export class ComponentPodMetadata {
  public readonly annotations: { [key: string]: string } = {};
  public readonly labels: { [key: string]: string } = {};

  /**
   * @param annotations the props' pod annotations
   * @param labelsProp the property the props' pod labels come from (the component's or `shared`)
   * @param labels the props' pod labels
   */
  public constructor(
    private readonly key: ComponentKey,
    annotations: { [key: string]: string } | undefined,
    labelsProp: string,
    labels: { [key: string]: string } | undefined,
  ) {
    const a = copyStringMap(`${key}.podAnnotations`, annotations) ?? {};
    for (const k of Object.keys(a)) {
      this.addAnnotation(k, a[k]);
    }
    const l = copyStringMap(labelsProp, labels) ?? {};
    for (const k of Object.keys(l)) {
      this.addLabel(labelsProp, k, l[k]);
    }
  }

  /** Adds an annotation; throws if it is already set to another value. */
  public addAnnotation(key: string, value: string): void {
    checkAnnotations(`${this.key}.podAnnotations`, { [key]: value });
    setOnce(`${this.key}.podAnnotations`, this.annotations, key, value);
  }

  /** Adds a label (`prop` names it in errors); throws for a selector label or another value. */
  public addLabel(prop: string, key: string, value: string): void {
    if (key === LABEL_COMPONENT || key === LABEL_OWNER) {
      fail(prop, `free of the selector labels "${LABEL_COMPONENT}" and "${LABEL_OWNER}" (the StatefulSet would stop selecting its pods)`, { [key]: value });
    }
    checkLabels(prop, { [key]: value });
    setOnce(prop, this.labels, key, value);
  }

  /**
   * The pod annotations as rendered (`annotations`, those the library adds included) within the
   * API server's 256 KiB total.
   */
  public checkAnnotationTotal(annotations: { readonly [key: string]: string }): void {
    checkAnnotations(`${this.key}.podAnnotations`, annotations);
  }

  /** A user's own config-hash annotation is an error when the library computes it (`rollsOnConfigChange`). */
  public checkConfigHash(rollsOnConfigChange: boolean): void {
    const hashKey = configHashAnnotation(this.key);
    if (rollsOnConfigChange && hashKey in this.annotations) {
      fail(`${this.key}.podAnnotations`, `free of "${hashKey}" when the component has a config (the library computes it)`, this.annotations[hashKey]);
    }
  }
}
