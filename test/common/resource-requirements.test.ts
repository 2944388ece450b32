/**
 * The API server's rules for a container's requests and limits (core `ValidateResourceRequirements`),
 * and the exact comparison of quantities they need.
 */
import { checkResourceName } from '../../src/common/k8s-rules';
import { checkResourceRequirements, compareQuantities, ResourceQuantity } from '../../src/common/quantity';
import { propErrorOf } from '../util/errors';

const q = (text: string) => ResourceQuantity.of(text);

describe('compareQuantities', () => {
  test.each([
    ['500m', '1', -1],
    ['1', '1000m', 0],
    ['1Gi', '512Mi', 1],
    ['1Gi', '1073741824', 0],
    ['1Gi', '1073741825', -1],
    ['1Ei', '1152921504606846976', 0],
    ['1Ei', '1152921504606846977', -1],
    ['1E', '1000000000000000001', -1],
    ['999999999999999999999999', '1e24', -1],
    ['1e400', '1e401', -1],
    ['1e400', '10e399', 0],
    ['0.1', '100m', 0],
    ['1n', '0.000000001', 0],
    ['0', '-0', 0],
    ['.5', '0.5000000000000000000001', -1],
  ])('%s compared with %s is %d', (a, b, expected) => {
    expect(compareQuantities(q(a), q(b))).toBe(expected);
    expect(compareQuantities(q(b), q(a))).toBe(-expected || 0);
  });

  test('compares quantities from numbers with ones from text', () => {
    expect(compareQuantities(ResourceQuantity.fromNumber(0.5), q('500m'))).toBe(0);
    expect(compareQuantities(ResourceQuantity.fromNumber(2), q('1999m'))).toBe(1);
  });
});

describe('negative and malformed quantities', () => {
  test.each(['-1', '-0.5', '-1Gi', '-1e-400'])('fails for of(%j)', (text) => {
    expect(() => ResourceQuantity.of(text)).toThrow(/'quantity' must be a quantity of 0 or more/);
  });
  test('accepts a negative zero', () => {
    expect(ResourceQuantity.of('-0').value).toBe('-0');
  });
  test('fails for a fractional decimal exponent, which ParseQuantity refuses', () => {
    expect(() => ResourceQuantity.of('1e1.5')).toThrow(/'quantity' must be a Kubernetes quantity/);
  });
});

describe('resource names', () => {
  test.each(['cpu', 'memory', 'ephemeral-storage', 'hugepages-2Mi', 'nvidia.com/gpu', 'example.kubernetes.io/thing'])('accepts %s', (n) => {
    expect(checkResourceName('r', n)).toBe(n);
  });
  test.each(['bad name', 'storage', 'gpu', 'requests.example.com/gpu', 'Example.com/gpu', 'a/b/c', ''])('fails for %j', (n) => {
    const e = propErrorOf(() => checkResourceName('fe.resources.limits', n));
    expect(e.prop).toBe('fe.resources.limits');
    expect(e.message).toContain(`got ${JSON.stringify(n)}`);
  });
});

describe('checkResourceRequirements', () => {
  test('accepts requests at or below their limits', () => {
    expect(() => checkResourceRequirements('r', { cpu: q('500m'), memory: q('512Mi') }, { cpu: q('1'), memory: q('1Gi') })).not.toThrow();
    expect(() => checkResourceRequirements('r', { cpu: q('1') }, { cpu: q('1000m') })).not.toThrow();
    expect(() => checkResourceRequirements('r', { cpu: q('2') }, undefined)).not.toThrow();
  });
  test('fails for a request above its limit, naming it and the limit', () => {
    const e = propErrorOf(() => checkResourceRequirements('fe.resources', { memory: q('1Gi') }, { memory: q('512Mi') }));
    expect(e.prop).toBe('fe.resources.requests.memory');
    expect(e.message).toBe('\'fe.resources.requests.memory\' must be at most its limit "512Mi" (the API server refuses a request above the limit), got "1Gi"');
    expect(propErrorOf(() => checkResourceRequirements('r', { cpu: q('1001m') }, { cpu: q('1') })).prop).toBe('r.requests.cpu');
  });
  test('fails for a request above its limit by one in big values', () => {
    expect(() => checkResourceRequirements('r', { memory: q('1152921504606846977') }, { memory: q('1Ei') })).toThrow(/at most its limit "1Ei"/);
  });
  test('fails for a bad resource name in requests or limits', () => {
    expect(propErrorOf(() => checkResourceRequirements('r', { 'bad name': q('1') }, undefined)).prop).toBe('r.requests');
    expect(propErrorOf(() => checkResourceRequirements('r', undefined, { 'bad name': q('1') })).prop).toBe('r.limits');
  });
  test('extended resources: a limit is needed, equal to the request, and whole', () => {
    expect(() => checkResourceRequirements('r', { 'nvidia.com/gpu': q('1') }, { 'nvidia.com/gpu': q('1') })).not.toThrow();
    expect(propErrorOf(() => checkResourceRequirements('r', { 'nvidia.com/gpu': q('1') }, undefined)).prop).toBe('r.limits');
    expect(propErrorOf(() => checkResourceRequirements('r', { 'nvidia.com/gpu': q('1') }, { 'nvidia.com/gpu': q('2') })).message).toContain('equal to its limit "2"');
    expect(propErrorOf(() => checkResourceRequirements('r', undefined, { 'nvidia.com/gpu': q('500m') })).prop).toBe('r.limits.nvidia.com/gpu');
    expect(() => checkResourceRequirements('r', undefined, { 'nvidia.com/gpu': q('1000m') })).not.toThrow();
  });
  test('fails for huge pages without cpu or memory', () => {
    expect(propErrorOf(() => checkResourceRequirements('r', undefined, { 'hugepages-2Mi': q('100Mi') })).prop).toBe('r');
    expect(() => checkResourceRequirements('r', undefined, { 'hugepages-2Mi': q('100Mi'), 'memory': q('1Gi') })).not.toThrow();
  });
});
