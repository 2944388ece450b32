import { StarRocksPropError } from '../../src/common/errors';
import {
  checkAnnotations, checkConfigMapData, checkConfigMapKey, checkEnvVar, checkEnvVarName, checkHostPathType, checkHpaMetric,
  checkIp, checkLabels, checkLabelValue, checkMaxUnavailable, checkObjectName, checkPortNumber, checkQualifiedName,
  checkSysctlName, checkToleration, isQualifiedName,
} from '../../src/common/k8s-rules';
import { propErrorOf } from '../util/errors';

describe('qualified names and label values', () => {
  test.each(['a', 'app.kubernetes.io/name', 'example.com/My_Key-1', 'A.b'])('accepts the qualified name %s', (k) => {
    expect(isQualifiedName(k)).toBe(true);
  });
  test.each(['', '-a', 'a-', 'a/b/c', '/a', 'Example.com/a', 'a b', 'x'.repeat(64), 'a/'])('fails for the qualified name %j', (k) => {
    expect(propErrorOf(() => checkQualifiedName('p', k)).message).toContain(`got ${JSON.stringify(k)}`);
  });
  test('accepts empty and 63-character label values', () => {
    expect(checkLabelValue('p', '')).toBe('');
    expect(checkLabelValue('p', 'a'.repeat(63))).toBe('a'.repeat(63));
  });
  test.each(['a'.repeat(64), '-a', 'a b', 'a/b'])('fails for the label value %j', (v) => {
    expect(propErrorOf(() => checkLabelValue('p', v)).prop).toBe('p');
  });
  test('fails for a label key that is not a qualified name, naming the map', () => {
    const e = propErrorOf(() => checkLabels('fe.podLabels', { 'bad key': 'x' }));
    expect(e.prop).toBe('fe.podLabels');
    expect(e.message).toContain('"bad key"');
  });
  test('fails for a label value, naming its key', () => {
    expect(propErrorOf(() => checkLabels('labels', { team: 'not ok' })).prop).toBe('labels.team');
  });
});

describe('annotations', () => {
  test('accepts upper-case keys and any values', () => {
    expect(() => checkAnnotations('a', { 'Example.COM/Key': 'any value: {"x": 1}' })).not.toThrow();
  });
  test('fails for an annotation key that is not a qualified name', () => {
    expect(propErrorOf(() => checkAnnotations('fe.podAnnotations', { 'a b': 'x' })).prop).toBe('fe.podAnnotations');
  });
  test('fails over 256 KiB in total, counting bytes', () => {
    expect(() => checkAnnotations('a', { k: 'x'.repeat(256 * 1024 - 1) })).not.toThrow();
    const e = propErrorOf(() => checkAnnotations('a', { k: 'x'.repeat(256 * 1024) }));
    expect(e.message).toContain('262145 bytes');
    expect(() => checkAnnotations('a', { k: 'é'.repeat(128 * 1024) })).toThrow(/262145 bytes/);
  });
});

describe('object names', () => {
  test.each(['', 'Default', 'a_b', '-a'])('fails for the object name %j', (v) => {
    expect(propErrorOf(() => checkObjectName('serviceAccount', v)).prop).toBe('serviceAccount');
  });
  test('accepts a DNS subdomain', () => {
    expect(checkObjectName('p', 'my.scheduler-1')).toBe('my.scheduler-1');
  });
});

describe('env vars', () => {
  test.each(['A', '_a', 'my.env-name', 'MyEnvName1', '.a'])('accepts the name %s', (n) => {
    expect(checkEnvVarName('p', n)).toBe(n);
  });
  test.each(['', '1A', 'A=B', 'A B', '.', '..', '..a', 'é'])('fails for the name %j', (n) => {
    expect(propErrorOf(() => checkEnvVarName('p', n)).prop).toBe('p');
  });
  test('fails for value together with valueFrom, without showing the value', () => {
    const e = propErrorOf(() => checkEnvVar('fe.envVars[0]', { name: 'PW', value: 's3cret', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }));
    expect(e.prop).toBe('fe.envVars[0]');
    expect(e.message).not.toContain('s3cret');
  });
  test('accepts an empty value with valueFrom', () => {
    expect(() => checkEnvVar('p', { name: 'A', value: '', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } })).not.toThrow();
  });
  test('fails for an empty valueFrom and for two sources', () => {
    expect(propErrorOf(() => checkEnvVar('p', { name: 'A', valueFrom: {} })).prop).toBe('p.valueFrom');
    expect(propErrorOf(() => checkEnvVar('p', {
      name: 'A', valueFrom: { fieldRef: { fieldPath: 'metadata.name' }, secretKeyRef: { name: 's', key: 'k' } },
    })).message).toContain('["fieldRef","secretKeyRef"]');
  });
  test('fails for a secretKeyRef or configMapKeyRef key that is not a ConfigMap key', () => {
    expect(propErrorOf(() => checkEnvVar('p', { name: 'A', valueFrom: { secretKeyRef: { name: 's', key: 'a/b' } } })).prop).toBe('p.valueFrom.secretKeyRef.key');
    expect(propErrorOf(() => checkEnvVar('p', { name: 'A', valueFrom: { configMapKeyRef: { name: 's', key: '' } } })).prop).toBe('p.valueFrom.configMapKeyRef.key');
  });
  test('fails for a secretKeyRef or configMapKeyRef name that is not a DNS subdomain', () => {
    expect(propErrorOf(() => checkEnvVar('p', { name: 'A', valueFrom: { secretKeyRef: { name: 'Bad_Name', key: 'k' } } })).prop).toBe('p.valueFrom.secretKeyRef.name');
    expect(propErrorOf(() => checkEnvVar('p', { name: 'A', valueFrom: { configMapKeyRef: { key: 'k' } } })).prop).toBe('p.valueFrom.configMapKeyRef.name');
    expect(() => checkEnvVar('p', { name: 'A', valueFrom: { configMapKeyRef: { name: 'my.config-1', key: 'k' } } })).not.toThrow();
  });
  test('fails for a fieldRef without a path', () => {
    expect(propErrorOf(() => checkEnvVar('p', { name: 'A', valueFrom: { fieldRef: {} } })).prop).toBe('p.valueFrom.fieldRef.fieldPath');
  });
  test.each(['a/b', '', '..', 'x'.repeat(254)])('fails for the ConfigMap key %j', (k) => {
    expect(() => checkConfigMapKey('p', k)).toThrow(StarRocksPropError);
  });
});

describe('tolerations', () => {
  test('accepts the usual forms', () => {
    expect(() => checkToleration('t', { key: 'k', operator: 'Equal', value: 'v', effect: 'NoSchedule' })).not.toThrow();
    expect(() => checkToleration('t', { operator: 'Exists' })).not.toThrow();
    expect(() => checkToleration('t', { key: 'k', effect: 'NoExecute', tolerationSeconds: 30 })).not.toThrow();
  });
  test('fails for operator Maybe', () => {
    expect(propErrorOf(() => checkToleration('t', { key: 'k', operator: 'Maybe' })).prop).toBe('t.operator');
  });
  test('fails for Exists with a value', () => {
    expect(propErrorOf(() => checkToleration('t', { key: 'k', operator: 'Exists', value: 'v' })).prop).toBe('t.value');
  });
  test('fails for tolerationSeconds without NoExecute', () => {
    expect(propErrorOf(() => checkToleration('t', { key: 'k', effect: 'NoSchedule', tolerationSeconds: 3 })).prop).toBe('t.tolerationSeconds');
  });
  test('fails for an unknown effect, a bad key, or an empty key with Equal', () => {
    expect(propErrorOf(() => checkToleration('t', { key: 'k', effect: 'Never' })).prop).toBe('t.effect');
    expect(propErrorOf(() => checkToleration('t', { key: 'a b' })).prop).toBe('t.key');
    expect(propErrorOf(() => checkToleration('t', { operator: 'Equal', value: 'v' })).prop).toBe('t.operator');
  });
});

describe('sysctls, host paths, IPs, ports', () => {
  test.each(['net.core.somaxconn', 'kernel.shm_rmid_forced', 'net/ipv4/ip_local_port_range'])('accepts the sysctl %s', (n) => {
    expect(checkSysctlName('p', n)).toBe(n);
  });
  test.each(['Net.core', 'net..core', '.net', 'net core', 'a'.repeat(254)])('fails for the sysctl %j', (n) => {
    expect(() => checkSysctlName('p', n)).toThrow(StarRocksPropError);
  });
  test('fails for a hostPath type that is not one of Kubernetes\'s', () => {
    expect(checkHostPathType('p', 'Directory')).toBe('Directory');
    expect(checkHostPathType('p', '')).toBe('');
    expect(propErrorOf(() => checkHostPathType('p', 'directory')).message).toContain('"DirectoryOrCreate"');
  });
  test('fails for an address that is not an IP', () => {
    expect(checkIp('p', '10.0.0.1')).toBe('10.0.0.1');
    expect(checkIp('p', 'fe80::1')).toBe('fe80::1');
    for (const bad of ['nope', '', '10.0.0.256', '10.0.0.1/8']) {
      expect(() => checkIp('p', bad)).toThrow(/an IPv4 or IPv6 address/);
    }
  });
  test('fails for ports outside 1-65535', () => {
    expect(checkPortNumber('p', 65535)).toBe(65535);
    for (const bad of [0, 70000, 1.5, -1]) {
      expect(() => checkPortNumber('p', bad)).toThrow(StarRocksPropError);
    }
  });
});

describe('ConfigMap data', () => {
  test('fails over 1 MiB', () => {
    expect(() => checkConfigMapData('fe.config', { 'fe.conf': 'x'.repeat(1024 * 1024) })).not.toThrow();
    const e = propErrorOf(() => checkConfigMapData('fe.config', { 'fe.conf': 'x'.repeat(1024 * 1024 + 1) }));
    expect(e.prop).toBe('fe.config');
    expect(e.message).toContain('1048577 bytes');
  });
});

describe('HPA metrics and maxUnavailable', () => {
  test('fails for an HPA metric type Bogus, and for a source of another type', () => {
    expect(() => checkHpaMetric('m', { type: 'Resource', resource: { name: 'cpu' } })).not.toThrow();
    expect(propErrorOf(() => checkHpaMetric('m', { type: 'Bogus' })).prop).toBe('m.type');
    expect(propErrorOf(() => checkHpaMetric('m', { type: 'Pods', resource: { name: 'cpu' } })).message).toContain('only its pods source, got ["resource"]');
    expect(propErrorOf(() => checkHpaMetric('m', { type: 'Resource', resource: {}, pods: {} })).prop).toBe('m');
  });
  test('fails for maxUnavailable over 100% or not positive', () => {
    for (const ok of [1, '1', '100%', '25%']) {
      expect(() => checkMaxUnavailable('u', ok)).not.toThrow();
    }
    for (const bad of ['200%', '101%', 0, '0%', '05', 'x', -1, '1.5']) {
      expect(() => checkMaxUnavailable('u', bad)).toThrow(StarRocksPropError);
    }
  });
});
