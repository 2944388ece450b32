/**
 * The FE proxy of the starrocks subchart (`starrocksFeProxySpec`), read into `FeProxyOptions`.
 *
 * @internal
 */
import type { k8s } from 'cdk8s-plus-27';
import { pullSecrets, quantities } from './common';
import { HelmValuesError } from './context';
import { componentService, countAt, emptyDirsAt, flagAt, mapsAt, probeFailureTimes, sectionAt, textAt } from './starrocks-readers';
import { asWire, Building, stringMap, truthy, wireMap } from './values';
import { ImageReference } from '../common/image';
import { ImagePullPolicy } from '../components/options';
import { FeProxyOptions } from '../fe-proxy/fe-proxy';

/** Whether the FE proxy is enabled (`starrocksFeProxySpec.enabled`). @internal */
export function feProxyEnabled(value: unknown): boolean {
  return flagAt('starrocksFeProxySpec.enabled', sectionAt('starrocksFeProxySpec', value).enabled);
}

/**
 * The FE proxy's options from `starrocksFeProxySpec`.
 *
 * @internal
 */
export function feProxyOptions(value: unknown): FeProxyOptions {
  const p = 'starrocksFeProxySpec';
  const px = sectionAt(p, value);
  const o: Building<FeProxyOptions> = {};
  const img = sectionAt(`${p}.image`, px.image);
  const repo = textAt(`${p}.image.repository`, img.repository);
  if (repo) {
    const tag = textAt(`${p}.image.tag`, img.tag);
    if (!tag) {
      throw new HelmValuesError(`${p}.image.tag must be set when ${p}.image.repository is set (the chart would print "${repo}:")`);
    }
    o.image = ImageReference.of(repo, tag).toString();
  }
  if (truthy(px.imagePullSecrets)) {
    o.imagePullSecrets = pullSecrets(`${p}.imagePullSecrets`, px.imagePullSecrets);
  }
  const replicas = countAt(`${p}.replicas`, px.replicas);
  if (replicas !== undefined) {
    o.replicas = replicas;
  }
  if (truthy(px.imagePullPolicy)) {
    o.imagePullPolicy = textAt(`${p}.imagePullPolicy`, px.imagePullPolicy) as ImagePullPolicy;
  }
  o.resolver = textAt(`${p}.resolver`, px.resolver) ?? '';
  if (truthy(px.resources)) {
    const r = sectionAt(`${p}.resources`, px.resources);
    o.resources = { requests: quantities(`${p}.resources.requests`, r.requests), limits: quantities(`${p}.resources.limits`, r.limits) };
  }
  const service = componentService(p, px.service);
  if (service) {
    o.service = service;
  }
  if (truthy(px.nodeSelector)) {
    o.nodeSelector = stringMap(`${p}.nodeSelector`, px.nodeSelector);
  }
  if (truthy(px.affinity)) {
    o.affinity = wireMap<k8s.Affinity>(`${p}.affinity`, px.affinity);
  }
  if (truthy(px.tolerations)) {
    o.tolerations = asWire<k8s.Toleration[]>(mapsAt(`${p}.tolerations`, px.tolerations, (_p, t) => t));
  }
  Object.assign(o, probeFailureTimes(p, px));
  if (truthy(px.emptyDirs)) {
    o.emptyDirs = emptyDirsAt(`${p}.emptyDirs`, px.emptyDirs);
  }
  if (truthy(px.podLabels)) {
    o.podLabels = stringMap(`${p}.podLabels`, px.podLabels);
  }
  return o;
}
