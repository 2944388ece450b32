import { StarRocksPropError } from '../../src/common/errors';
import { checkTopologySpreadConstraints } from '../../src/common/topology-spread-rules';

const VALID = { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule' };

describe('topology spread constraints (core validateTopologySpreadConstraints)', () => {
  test('accepts a complete constraint, with minDomains, node policies and a selector', () => {
    expect(() => checkTopologySpreadConstraints('t', [
      { ...VALID, minDomains: 2, nodeAffinityPolicy: 'Honor', nodeTaintsPolicy: 'Ignore', labelSelector: { matchLabels: { app: 'fe' } } },
      { ...VALID, whenUnsatisfiable: 'ScheduleAnyway' },
    ])).not.toThrow();
  });

  test.each([
    ['an empty constraint', {}, /^'t\[0\]\.maxSkew' must be .* got nothing/],
    ['maxSkew 0', { ...VALID, maxSkew: 0 }, /^'t\[0\]\.maxSkew' must be .*at least 1, got 0/],
    ['no topology key', { ...VALID, topologyKey: '' }, /^'t\[0\]\.topologyKey' must be a node label key/],
    ['a topology key with a space', { ...VALID, topologyKey: 'a b' }, /^'t\[0\]\.topologyKey' must be a qualified name/],
    ['whenUnsatisfiable Maybe', { ...VALID, whenUnsatisfiable: 'Maybe' }, /^'t\[0\]\.whenUnsatisfiable' must be one of "DoNotSchedule", "ScheduleAnyway", got "Maybe"/],
    ['minDomains with ScheduleAnyway', { ...VALID, whenUnsatisfiable: 'ScheduleAnyway', minDomains: 2 }, /^'t\[0\]\.minDomains' must be left out unless/],
    ['a node policy Always', { ...VALID, nodeTaintsPolicy: 'Always' }, /^'t\[0\]\.nodeTaintsPolicy' must be one of "Honor", "Ignore"/],
    ['a selector label with a space', { ...VALID, labelSelector: { matchLabels: { 'bad key': 'x' } } }, /^'t\[0\]\.labelSelector\.matchLabels'/],
  ])('fails for %s', (_what, constraint, message) => {
    expect(() => checkTopologySpreadConstraints('t', [constraint])).toThrow(StarRocksPropError);
    expect(() => checkTopologySpreadConstraints('t', [constraint])).toThrow(message);
  });

  test('fails for two constraints with one topology key and whenUnsatisfiable', () => {
    expect(() => checkTopologySpreadConstraints('t', [VALID, { ...VALID, maxSkew: 2 }])).toThrow(/^'t\[1\]' must be a constraint other than t\[0\]'s/);
  });
});
