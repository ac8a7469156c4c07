import type { BilingualText } from '../i18n-text';

/**
 * Who may act on a case. The supervision centre (supervisor, intake operator) and the command
 * centre (dispatcher, duty officer) are split on purpose (管办分离): nobody grades their own work.
 * `system` is the service itself (deadline watcher, camera alerts, the simulator's intake).
 */
export const ROLES = [
  'supervisor', // 监督员 / 网格员: reports, verifies on site
  'intake', // 受理员: registers, rejects, links duplicates, sends to verify, closes, calls back
  'dispatcher', // 派遣员: dispatches, handles returns, grants extensions/suspensions
  'department', // 专业部门处置人员: signs for, handles, returns, asks for time
  'duty', // 应急联动值班员: urgent cases, emergency plans
  'leader', // 领导: reads everything, changes nothing
  'admin', // 系统管理员
  'system', // the service itself
] as const;

export type Role = (typeof ROLES)[number];

export const ROLE_NAMES: Record<Role, BilingualText> = {
  supervisor: { zh: '监督员', en: 'Grid supervisor' },
  intake: { zh: '受理员', en: 'Intake operator' },
  dispatcher: { zh: '派遣员', en: 'Dispatcher' },
  department: { zh: '专业部门', en: 'Department handler' },
  duty: { zh: '应急值班员', en: 'Emergency duty officer' },
  leader: { zh: '领导', en: 'Leader' },
  admin: { zh: '系统管理员', en: 'Administrator' },
  system: { zh: '系统', en: 'System' },
};

/** The person (or the service) behind a command. */
export interface Actor {
  userId: string;
  role: Role;
  /** Set for department handlers: the department they act for. */
  departmentId?: string;
}
