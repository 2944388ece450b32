/**
 * The FE proxy of the starrocks subchart (`starrocksFeProxySpec`), read into `FeProxyOptions`.
 *
 * @internal
 */
import type { k8s } from 'cdk8s-plus-27';
import { pullSecrets, quantities } from './common';
import { HelmValuesError } from './context';
import { componentService, emptyDirs, num, probeFailureTimes } from './starrocks-component';
import { Building, dig, goPrint, mapAt, scalar, section, stringMap, truthy, wireList, wireMap } from './values';
import { ImageReference } from '../common/image';
import { ImagePullPolicy } from '../components/options';
import { FeProxyOptions } from '../fe-proxy/fe-proxy';

/**
 * The FE proxy's options from `starrocksFeProxySpec`.
 *
 * @internal
 */
export function feProxyOptions(value: unknown): FeProxyOptions {
  const p = 'starrocksFeProxySpec';
  const px = section(value);
  const o: Building<FeProxyOptions> = {};
  const repo = dig(px, 'image', 'repository');
  if (truthy(repo)) {
    const tag = dig(px, 'image', 'tag');
    if (!truthy(tag)) {
      throw new HelmValuesError(`${p}.image.tag must be set when ${p}.image.repository is set (the chart would print "${repo}:")`);
    }
    o.image = ImageReference.of(goPrint(repo), goPrint(tag)).toString();
  }
  if (truthy(px.imagePullSecrets)) {
    o.imagePullSecrets = pullSecrets(`${p}.imagePullSecrets`, px.imagePullSecrets);
  }
  if (px.replicas !== null && px.replicas !== undefined) {
    o.replicas = num(px.replicas);
  }
  if (truthy(px.imagePullPolicy)) {
    o.imagePullPolicy = scalar(`${p}.imagePullPolicy`, px.imagePullPolicy) as ImagePullPolicy;
  }
  o.resolver = px.resolver === null || px.resolver === undefined ? '' : goPrint(px.resolver);
  if (truthy(px.resources)) {
    const r = mapAt(`${p}.resources`, px.resources)!;
    o.resources = { requests: quantities(`${p}.resources.requests`, r.requests), limits: quantities(`${p}.resources.limits`, r.limits) };
  }
  const service = componentService(p, px.service);
  if (service) {
    o.service = service;
  }
  if (truthy(px.nodeSelector)) {
    o.nodeSelector = wireMap<{ [key: string]: string }>(`${p}.nodeSelector`, px.nodeSelector);
  }
  if (truthy(px.affinity)) {
    o.affinity = wireMap<k8s.Affinity>(`${p}.affinity`, px.affinity);
  }
  if (truthy(px.tolerations)) {
    o.tolerations = wireList<k8s.Toleration[]>(`${p}.tolerations`, px.tolerations);
  }
  Object.assign(o, probeFailureTimes(p, px));
  if (truthy(px.emptyDirs)) {
    o.emptyDirs = emptyDirs(`${p}.emptyDirs`, px.emptyDirs);
  }
  if (truthy(px.podLabels)) {
    o.podLabels = stringMap(`${p}.podLabels`, px.podLabels);
  }
  return o;
}
