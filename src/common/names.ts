import { fail } from './validate';

/**
 * Turns a construct id into a DNS label: `MyCluster` becomes `my-cluster`, `analytics_v2`
 * becomes `analytics-v2`.
 *
 * @internal
 */
export function nameFromId(id: string): string {
  const name = id
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (name.length === 0) {
    fail('name', 'set explicitly: the construct id gives no DNS label', id);
  }
  return name;
}
