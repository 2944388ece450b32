import type { ComponentKindBehavior, KindSpecFields } from './kind';
import { CnBaseOptions, HpaVersion } from './options';
import { dataComponentVolumes } from './storage-volumes';
import { ComponentKind } from '../cluster/component-kind';
import type { AutoScalingPolicyWire } from '../common/crd-types';
import { checkHpaMetric } from '../common/k8s-rules';
import { checkInt, checkOneOf, fail } from '../common/validate';
import { hpaBehaviorToWire, hpaMetricsToWire } from '../common/wire';

/**
 * The CN (compute node): data, log and spill volumes and the autoscaler, spec key
 * `starRocksCnSpec`, env `cnEnvVars` (`envVars` in a warehouse template).
 *
 * @internal
 */
export function cnKind(o: CnBaseOptions): ComponentKindBehavior {
  return {
    key: 'cn',
    kind: ComponentKind.CN,
    upper: 'CN',
    idPrefix: 'Cn',
    specKey: 'starRocksCnSpec',
    envKey: 'cnEnvVars',
    appliesWhenScaled: true,
    standardVolumes: (prefix, ctx) => dataComponentVolumes('cn', o, prefix, ctx),
    check: (warn) => checkAutoScaling(o, warn),
    renderOwn: () => renderAutoScaling(o),
  };
}

function checkAutoScaling(o: CnBaseOptions, warn: (message: string) => void): void {
  const as = o.autoScaling;
  if (as === undefined) {
    return;
  }
  checkInt('cn.autoScaling.maxReplicas', as.maxReplicas, 1);
  if (as.minReplicas !== undefined) {
    checkInt('cn.autoScaling.minReplicas', as.minReplicas, 1);
  }
  if (as.maxReplicas < (as.minReplicas ?? 1)) {
    fail('cn.autoScaling.maxReplicas', `at least minReplicas (${as.minReplicas ?? 1})`, as.maxReplicas);
  }
  if (as.version !== undefined) {
    checkOneOf('cn.autoScaling.version', as.version, Object.values(HpaVersion));
    if (as.version === HpaVersion.V2BETA2) {
      warn('\'cn.autoScaling.version\' v2beta2 does not exist on Kubernetes 1.26 and later');
    }
    if (as.version === HpaVersion.V1 && (as.metrics !== undefined || as.behavior !== undefined)) {
      warn('\'cn.autoScaling\' metrics and behavior are ignored by the v1 HPA API');
    }
  }
  if (as.metrics !== undefined) {
    hpaMetricsToWire(as.metrics, 'cn.autoScaling.metrics').forEach((m, i) => checkHpaMetric(`cn.autoScaling.metrics[${i}]`, m));
  }
  if (o.replicas !== undefined) {
    warn('\'cn.replicas\' is set together with autoScaling: every apply resets the replica count the HPA chose');
  }
}

function renderAutoScaling(o: CnBaseOptions): KindSpecFields {
  const as = o.autoScaling;
  if (!as) {
    return {};
  }
  const policy: AutoScalingPolicyWire = { maxReplicas: as.maxReplicas };
  if (as.minReplicas !== undefined) {
    policy.minReplicas = as.minReplicas;
  }
  if (as.version !== undefined) {
    policy.version = as.version;
  }
  if (as.metrics !== undefined || as.behavior !== undefined) {
    policy.hpaPolicy = {};
    if (as.metrics !== undefined) {
      policy.hpaPolicy.metrics = hpaMetricsToWire(as.metrics, 'cn.autoScaling.metrics');
    }
    if (as.behavior !== undefined) {
      policy.hpaPolicy.behavior = hpaBehaviorToWire(as.behavior, 'cn.autoScaling.behavior');
    }
  }
  return { autoScalingPolicy: policy };
}
