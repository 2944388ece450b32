/**
 * One synth-time check per app: no two objects of the app share a name within their API group,
 * kind and namespace (the API server would keep only the last one applied, silently).
 *
 * @internal
 */
import { ApiObject } from 'cdk8s';
import type { IConstruct } from 'constructs';

/** The roots (apps) the check is registered on. */
const registered = new WeakSet<IConstruct>();

/**
 * Kinds whose objects have no namespace: two of them clash on the name alone. Kubernetes'
 * built-in cluster-scoped kinds the charts or a user are likely to write.
 */
const CLUSTER_SCOPED = new Set([
  'APIService', 'CertificateSigningRequest', 'ClusterRole', 'ClusterRoleBinding', 'CSIDriver', 'CSINode',
  'CustomResourceDefinition', 'FlowSchema', 'IngressClass', 'MutatingWebhookConfiguration', 'Namespace', 'Node',
  'PersistentVolume', 'PriorityClass', 'PriorityLevelConfiguration', 'RuntimeClass', 'StorageClass',
  'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding', 'ValidatingWebhookConfiguration', 'VolumeAttachment',
]);

/**
 * Registers the check on the app (the root) of `obj`, once per app; every ApiObject of the app is
 * checked, the library's and any other.
 *
 * @internal
 */
export function checkUniqueNames(obj: IConstruct): void {
  const root = obj.node.root;
  if (registered.has(root)) {
    return;
  }
  registered.add(root);
  root.node.addValidation({ validate: () => duplicateNames(root) });
}

/**
 * The problems of the app under `root`: one per object whose group, kind, namespace and name an
 * earlier object of the app already has, naming both constructs. One pass, one map.
 *
 * @internal
 */
export function duplicateNames(root: IConstruct): string[] {
  const seen = new Map<string, ApiObject>();
  const problems: string[] = [];
  for (const c of root.node.findAll()) {
    if (!ApiObject.isApiObject(c) || typeof c.name !== 'string') {
      continue;
    }
    const namespace = CLUSTER_SCOPED.has(c.kind) ? undefined : c.metadata.namespace;
    const key = `${c.apiGroup}\0${c.kind}\0${namespace ?? ''}\0${c.name}`;
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, c);
      continue;
    }
    const where = namespace === undefined ? '' : ` in namespace ${JSON.stringify(namespace)}`;
    problems.push(`'${first.node.path}' and '${c.node.path}' both write the ${c.kind} ${JSON.stringify(c.name)}${where} `
      + `(${c.apiVersion}): an object name must be unique per kind and namespace, or one overwrites the other; give one of them another name`);
  }
  return problems;
}
