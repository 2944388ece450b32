/**
 * The API server's rules for a container's `securityContext` (Kubernetes
 * pkg/apis/core/validation `ValidateSecurityContext`, `validateSeccompProfileField`,
 * `ValidateAppArmorProfileField`), for security contexts the library writes as given (the
 * operator's Deployment; the operator subchart's `securityContext`).
 *
 * @internal
 */
import { fail } from './validate';

/** core `validateSeccompProfileType` / `validateAppArmorProfileField`: the profile types. */
const PROFILE_TYPES: readonly string[] = ['RuntimeDefault', 'Unconfined', 'Localhost'];
/** core `validateProcMountType`. */
const PROC_MOUNTS: readonly string[] = ['Default', 'Unmasked'];

type Wire = { readonly [key: string]: unknown };
const asMap = (v: unknown): Wire => (typeof v === 'object' && v !== null && !Array.isArray(v) ? v as Wire : {});

/** A seccomp or AppArmor profile: a known type, and a localhost profile exactly with `Localhost`. */
function checkProfile(prop: string, value: unknown): void {
  if (value === undefined || value === null) {
    return;
  }
  const profile = asMap(value);
  if (typeof profile.type !== 'string' || !PROFILE_TYPES.includes(profile.type)) {
    fail(`${prop}.type`, `one of ${PROFILE_TYPES.map((t) => JSON.stringify(t)).join(', ')} (the API server requires it)`, profile.type);
  }
  const localhost = profile.localhostProfile;
  if (profile.type === 'Localhost' && (typeof localhost !== 'string' || localhost === '')) {
    fail(`${prop}.localhostProfile`, 'the profile\'s path when the type is "Localhost"', localhost);
  }
  if (profile.type !== 'Localhost' && localhost !== undefined && localhost !== null) {
    fail(`${prop}.localhostProfile`, 'left out unless the type is "Localhost"', localhost);
  }
}

function checkId(prop: string, value: unknown): void {
  if (value !== undefined && value !== null && (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 2147483647)) {
    fail(prop, 'a user or group ID from 0 to 2147483647', value);
  }
}

/**
 * A container's security context in wire form: `allowPrivilegeEscalation: false` not together
 * with `privileged` or the `SYS_ADMIN` capability, seccomp and AppArmor profiles with a known type
 * (and a path exactly for `Localhost`), user and group IDs from 0, a known `procMount`. @internal
 */
export function checkContainerSecurityContext(prop: string, sc: unknown): void {
  const s = asMap(sc);
  if (s.allowPrivilegeEscalation === false) {
    if (s.privileged === true) {
      fail(`${prop}.allowPrivilegeEscalation`, 'true when privileged is true (the API server rejects false)', false);
    }
    const add = asMap(s.capabilities).add;
    if (Array.isArray(add) && add.some((c) => c === 'SYS_ADMIN' || c === 'CAP_SYS_ADMIN')) {
      fail(`${prop}.allowPrivilegeEscalation`, 'true when capabilities.add contains SYS_ADMIN (the API server rejects false)', false);
    }
  }
  checkProfile(`${prop}.seccompProfile`, s.seccompProfile);
  checkProfile(`${prop}.appArmorProfile`, s.appArmorProfile);
  checkId(`${prop}.runAsUser`, s.runAsUser);
  checkId(`${prop}.runAsGroup`, s.runAsGroup);
  if (s.procMount !== undefined && s.procMount !== null && !PROC_MOUNTS.includes(s.procMount as string)) {
    fail(`${prop}.procMount`, 'one of "Default", "Unmasked"', s.procMount);
  }
}
