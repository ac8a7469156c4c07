import { COMMAND_RULES } from '../../../src-shared/domain/rules';
import type { Role } from '../../../src-shared/domain/roles';

/** Whether the loop lets this role report a case (the intake operator, grid supervisors): who gets 新建案卷 and Alt+N. */
export function mayReport(role: Role | undefined): boolean {
  return role !== undefined && role !== 'system' && COMMAND_RULES.report.roles.includes(role);
}
