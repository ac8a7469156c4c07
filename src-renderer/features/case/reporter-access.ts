import type { Role } from '../../../src-shared/domain/roles';
import { REVEAL_ROLES } from '../../../src-shared/personal-data';

/** Who may reveal a reporter's full contact: the service decides; this only hides a button it would refuse. */
export function mayReveal(role: Role | undefined): boolean {
  return role !== undefined && REVEAL_ROLES.includes(role);
}
