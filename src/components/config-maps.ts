import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { StarRocksApiObject } from '../common/api-object';
import { checkConfigMapData } from '../common/k8s-rules';
import { addPropValidation, propErrorsOf } from '../common/prop-validation';

/** A ConfigMap the library writes for a component (its config file, its entrypoint script). @internal */
export interface ComponentConfigMapProps {
  readonly scope: Construct;
  readonly id: string;
  readonly name: string;
  readonly namespace?: string;
  readonly labels: { [key: string]: string };
  /** The file name in the ConfigMap. */
  readonly fileName: string;
  /** The file's text, or a function giving it when the ConfigMap is synthesized. */
  readonly text: string | (() => string);
  /** The property the text comes from, for errors (`fe.config`, `be.entrypointScript`). */
  readonly prop: string;
}

/**
 * Defines a ConfigMap holding one file of a component; its text is produced at synthesis, so that
 * entries added later are in it. Its data is checked against the API server's 1 MiB limit at
 * synthesis.
 *
 * @internal
 */
export function componentConfigMap(p: ComponentConfigMapProps): ApiObject {
  const text = p.text;
  const obj = new StarRocksApiObject(p.scope, p.id, {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: p.name, namespace: p.namespace, labels: p.labels },
    data: typeof text === 'string' ? { [p.fileName]: text } : Lazy.any({ produce: () => ({ [p.fileName]: text() }) }),
  });
  addPropValidation(obj, () => propErrorsOf(() => checkConfigMapData(p.prop, { [p.fileName]: typeof text === 'string' ? text : text() })));
  return obj;
}
