import type { BilingualText } from '../i18n-text';
import type { CommandType } from './commands';
import type { Role } from './roles';
import { STAGES, TERMINAL_STAGES, type Stage } from './stages';

/**
 * The loop as data: which roles may issue which command from which stages. `decide` checks
 * this table first; command-specific guards (pending requests, deadlines, the emergency
 * route, …) follow in `decide.ts`. `allowedCommands` reads the same table, so a screen never
 * offers what the service would refuse.
 */
export interface CommandRule {
  roles: readonly Role[];
  /** 'new' = the command creates the case. */
  from: readonly Stage[] | 'new';
  name: BilingualText;
}

const OPEN: readonly Stage[] = STAGES.filter((s) => !TERMINAL_STAGES.includes(s));
const IN_HAND: readonly Stage[] = ['accepted', 'rework'];
const AWAITING_DISPATCH: readonly Stage[] = ['registered', 'returned'];
/** Stages in which some link's clock runs (a suspended case's clock is stopped). */
const TIMED: readonly Stage[] = ['reported', 'registered', 'returned', 'dispatched', 'accepted', 'rework', 'verifying'];

export const COMMAND_RULES: Record<CommandType, CommandRule> = {
  report: { roles: ['supervisor', 'intake', 'system'], from: 'new', name: { zh: '上报', en: 'report' } },
  register: { roles: ['intake'], from: ['reported'], name: { zh: '立案', en: 'register' } },
  reject: { roles: ['intake'], from: ['reported'], name: { zh: '不予立案', en: 'reject' } },
  linkDuplicate: { roles: ['intake', 'system'], from: ['reported'], name: { zh: '合并为重复案卷', en: 'link as duplicate' } },
  unlinkDuplicate: { roles: ['intake'], from: ['duplicate'], name: { zh: '取消重复关联', en: 'unlink duplicate' } },
  dispatch: { roles: ['dispatcher', 'duty'], from: AWAITING_DISPATCH, name: { zh: '派遣', en: 'dispatch' } },
  routeToEmergency: { roles: ['dispatcher', 'intake'], from: AWAITING_DISPATCH, name: { zh: '转应急联动', en: 'route to emergency' } },
  accept: { roles: ['department'], from: ['dispatched'], name: { zh: '签收', en: 'sign for' } },
  return: { roles: ['department'], from: ['dispatched', 'accepted'], name: { zh: '回退', en: 'return' } },
  requestExtension: { roles: ['department'], from: IN_HAND, name: { zh: '申请延期', en: 'request an extension' } },
  decideExtension: { roles: ['dispatcher', 'duty'], from: IN_HAND, name: { zh: '审批延期', en: 'decide an extension' } },
  requestSuspension: { roles: ['department'], from: IN_HAND, name: { zh: '申请挂账', en: 'request suspension' } },
  decideSuspension: { roles: ['dispatcher', 'duty'], from: IN_HAND, name: { zh: '审批挂账', en: 'decide a suspension' } },
  resume: { roles: ['dispatcher', 'duty'], from: ['suspended'], name: { zh: '恢复办理', en: 'resume' } },
  feedback: { roles: ['department'], from: IN_HAND, name: { zh: '处置反馈', en: 'feed back' } },
  sendToVerify: { roles: ['intake'], from: ['handled'], name: { zh: '派发核查', en: 'send to verify' } },
  verify: { roles: ['supervisor'], from: ['verifying'], name: { zh: '核查', en: 'verify' } },
  orderRework: { roles: ['intake'], from: ['handled', 'verified'], name: { zh: '返工', en: 'order rework' } },
  close: { roles: ['intake'], from: ['verified'], name: { zh: '结案', en: 'close' } },
  flagSupervision: { roles: ['dispatcher', 'duty', 'system'], from: OPEN, name: { zh: '督办', en: 'flag for supervision' } },
  raiseReminder: { roles: ['system'], from: TIMED, name: { zh: '时限提醒', en: 'raise a reminder' } },
  markOverdue: { roles: ['system'], from: TIMED, name: { zh: '超期告警', en: 'mark overdue' } },
  evaluate: { roles: ['intake'], from: ['closed'], name: { zh: '满意度回访', en: 'record the call-back' } },
  recordDuplicate: { roles: ['system'], from: STAGES, name: { zh: '登记重复上报', en: 'record a duplicate' } },
  attachEvidence: { roles: ['supervisor', 'intake', 'dispatcher', 'duty', 'department'], from: OPEN, name: { zh: '附加证据', en: 'attach evidence' } },
  // Emergency linkage: the duty officer runs the response; departments confirm and arrive; state guards in emergency-guards.ts.
  acknowledgeAlarm: { roles: ['duty'], from: OPEN, name: { zh: '确认警情', en: 'acknowledge the alarm' } },
  startEmergencyPlan: { roles: ['duty'], from: ['reported', ...AWAITING_DISPATCH], name: { zh: '启动应急预案', en: 'start the emergency plan' } },
  acknowledgeLinkage: { roles: ['department'], from: OPEN, name: { zh: '联动接报确认', en: 'acknowledge the linkage' } },
  reportArrival: { roles: ['department'], from: OPEN, name: { zh: '报告到场', en: 'report arrival on scene' } },
  completeStep: { roles: ['duty'], from: OPEN, name: { zh: '完成预案步骤', en: 'complete a plan step' } },
  addLinkedDepartment: { roles: ['duty'], from: OPEN, name: { zh: '增派联动单位', en: 'add a linked department' } },
  escalateEmergency: { roles: ['duty'], from: OPEN, name: { zh: '应急升级督办', en: 'escalate the emergency' } },
  closeEmergency: { roles: ['duty'], from: OPEN, name: { zh: '结束应急响应', en: 'close the emergency' } },
  markStepOverdue: { roles: ['system'], from: OPEN, name: { zh: '步骤超时告警', en: 'mark a plan step overdue' } },
};

/** The link whose clock runs in a stage (the one reminders and overdue alerts are about). */
export function currentLink(stage: Stage): 'register' | 'dispatch' | 'handle' | 'verify' | undefined {
  switch (stage) {
    case 'reported':
      return 'register';
    case 'registered':
    case 'returned':
      return 'dispatch';
    case 'dispatched':
    case 'accepted':
    case 'rework':
      return 'handle';
    case 'verifying':
      return 'verify';
    default:
      return undefined;
  }
}
