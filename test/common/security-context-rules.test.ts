import { checkContainerSecurityContext } from '../../src/common/security-context-rules';

describe('container security contexts (core ValidateSecurityContext)', () => {
  test('accepts the operator chart\'s and a complete one', () => {
    expect(() => checkContainerSecurityContext('s', { runAsNonRoot: true, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true })).not.toThrow();
    expect(() => checkContainerSecurityContext('s', {
      runAsUser: 1000,
      runAsGroup: 0,
      procMount: 'Default',
      seccompProfile: { type: 'Localhost', localhostProfile: 'profiles/sr.json' },
      appArmorProfile: { type: 'RuntimeDefault' },
    })).not.toThrow();
  });

  test.each([
    ['privileged without privilege escalation', { privileged: true, allowPrivilegeEscalation: false }, /^'s\.allowPrivilegeEscalation' must be true when privileged/],
    ['SYS_ADMIN without privilege escalation', { allowPrivilegeEscalation: false, capabilities: { add: ['SYS_ADMIN'] } }, /SYS_ADMIN/],
    ['an AppArmor profile without a type', { appArmorProfile: {} }, /^'s\.appArmorProfile\.type' must be one of "RuntimeDefault", "Unconfined", "Localhost"/],
    ['a seccomp profile of an unknown type', { seccompProfile: { type: 'Strict' } }, /^'s\.seccompProfile\.type' must be one of/],
    ['a Localhost profile without its path', { seccompProfile: { type: 'Localhost' } }, /^'s\.seccompProfile\.localhostProfile' must be the profile's path/],
    ['a path with another type', { appArmorProfile: { type: 'Unconfined', localhostProfile: 'x' } }, /^'s\.appArmorProfile\.localhostProfile' must be left out/],
    ['a negative user ID', { runAsUser: -1 }, /^'s\.runAsUser' must be a user or group ID/],
    ['procMount Masked', { procMount: 'Masked' }, /^'s\.procMount' must be one of "Default", "Unmasked"/],
  ])('fails for %s', (_what, sc, message) => {
    expect(() => checkContainerSecurityContext('s', sc)).toThrow(message);
  });
});
