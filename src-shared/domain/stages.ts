import type { BilingualText } from '../i18n-text';

/**
 * Where a case stands in the seven-link loop (collect → register → dispatch → handle →
 * feed back → verify & close → evaluate), with its side paths.
 */
export const STAGES = [
  'reported', // 上报: collected, waiting for the supervision centre
  'registered', // 立案: accepted as a case, waiting for dispatch
  'rejected', // 不予立案: refused with a reason (terminal)
  'duplicate', // 重复案卷: linked to an earlier case, never dispatched (terminal unless unlinked)
  'dispatched', // 已派遣: sent to a lead department, waiting for it to sign
  'accepted', // 已签收: the department has signed for it and is working
  'returned', // 已回退: the department says it is not theirs; back to the command centre
  'suspended', // 挂账: a hard case parked with the dispatcher's consent
  'handled', // 已反馈: result and after-photos fed back
  'verifying', // 核查中: a supervisor is checking on site
  'verified', // 核查通过: the check passed, waiting for the supervision centre to close
  'rework', // 返工: the check failed; back to the department
  'closed', // 已结案 (terminal; evaluation attaches here)
] as const;

export type Stage = (typeof STAGES)[number];

/** Stages in which nothing more happens to the case itself (evaluation aside). */
export const TERMINAL_STAGES: readonly Stage[] = ['rejected', 'duplicate', 'closed'];

/** Stages in which a department holds the case (their handling clock runs, unless suspended). */
export const DEPARTMENT_STAGES: readonly Stage[] = ['dispatched', 'accepted', 'rework'];

export function isOpenStage(stage: Stage): boolean {
  return !TERMINAL_STAGES.includes(stage);
}

export const STAGE_NAMES: Record<Stage, BilingualText> = {
  reported: { zh: '待立案', en: 'Reported' },
  registered: { zh: '待派遣', en: 'Registered' },
  rejected: { zh: '不予立案', en: 'Rejected' },
  duplicate: { zh: '重复案卷', en: 'Duplicate' },
  dispatched: { zh: '待签收', en: 'Dispatched' },
  accepted: { zh: '处置中', en: 'In hand' },
  returned: { zh: '已回退', en: 'Returned' },
  suspended: { zh: '挂账', en: 'Suspended' },
  handled: { zh: '已反馈', en: 'Fed back' },
  verifying: { zh: '核查中', en: 'Verifying' },
  verified: { zh: '待结案', en: 'Verified' },
  rework: { zh: '返工', en: 'Rework' },
  closed: { zh: '已结案', en: 'Closed' },
};

/** The time-limited links of the loop, each with its own deadline. */
export const LINKS = ['register', 'dispatch', 'handle', 'verify'] as const;
export type Link = (typeof LINKS)[number];

export const LINK_NAMES: Record<Link, BilingualText> = {
  register: { zh: '立案', en: 'Register' },
  dispatch: { zh: '派遣', en: 'Dispatch' },
  handle: { zh: '处置', en: 'Handle' },
  verify: { zh: '核查', en: 'Verify' },
};
