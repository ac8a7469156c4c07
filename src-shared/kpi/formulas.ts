import type { BilingualText } from '../i18n-text';
import { CHANNELS, type CaseState, type Channel } from '../domain/case';

/**
 * The evaluation indicators (综合评价), each a ratio with its definition, numerator and
 * denominator, so a board can always show how a figure was made. Low figures are returned as
 * they are; an empty denominator gives `null` ("no data"), never 0 % or 100 %.
 */
export interface Period {
  /** Inclusive start and exclusive end (ISO instants). */
  from: string;
  to: string;
  /** The moment the figures are computed at: deadlines after it are not yet due. */
  asOf: string;
}

export interface KpiValue {
  id: KpiId;
  name: BilingualText;
  definition: BilingualText;
  numerator: number;
  denominator: number;
  /** numerator / denominator, or null when there is nothing to measure. */
  value: number | null;
}

export const KPI_IDS = [
  'onTimeClosureRate',
  'closureRate',
  'reworkRate',
  'timelyVerificationRate',
  'returnRate',
  'extensionRate',
  'reportAccuracy',
  'satisfactionRate',
] as const;
export type KpiId = (typeof KPI_IDS)[number];

export const KPI_DEFINITIONS: Record<KpiId, { name: BilingualText; definition: BilingualText }> = {
  onTimeClosureRate: {
    name: { zh: '按期结案率', en: 'On-time closure rate' },
    definition: {
      zh: '按期结案数 ÷（应结案数 − 挂账数）× 100%。应结案：处置时限在统计期内已到期、或在统计期内结案的案卷；按期：结案且处置环节从未超期。',
      en: 'Cases closed on time ÷ (cases due − suspended) × 100 %. Due: the handling deadline fell in the period (and has passed), or the case was closed in the period; on time: closed and the handling link never ran late.',
    },
  },
  closureRate: {
    name: { zh: '结案率', en: 'Closure rate' },
    definition: {
      zh: '结案数 ÷（应结案数 − 挂账数）× 100%。',
      en: 'Cases closed ÷ (cases due − suspended) × 100 %.',
    },
  },
  reworkRate: {
    name: { zh: '返工率', en: 'Rework rate' },
    definition: {
      zh: '返工过的案卷数 ÷ 统计期内反馈过的案卷数 × 100%。',
      en: 'Cases sent back for rework ÷ cases fed back in the period × 100 %.',
    },
  },
  timelyVerificationRate: {
    name: { zh: '按时核查率', en: 'Timely verification rate' },
    definition: {
      zh: '按时完成核查数 ÷ 应核查数 × 100%。应核查：统计期内派发核查、且已核查或核查时限已到的案卷。',
      en: 'Checks done on time ÷ checks due × 100 %. Due: sent to verify in the period and either checked or past the verification deadline.',
    },
  },
  returnRate: {
    name: { zh: '回退率（派遣不准确）', en: 'Return (mis-dispatch) rate' },
    definition: {
      zh: '被部门回退过的案卷数 ÷ 统计期内派遣的案卷数 × 100%。',
      en: 'Cases returned by a department ÷ cases dispatched in the period × 100 %.',
    },
  },
  extensionRate: {
    name: { zh: '延期率', en: 'Extension rate' },
    definition: {
      zh: '获批延期的案卷数 ÷ 统计期内派遣的案卷数 × 100%。',
      en: 'Cases granted an extension ÷ cases dispatched in the period × 100 %.',
    },
  },
  reportAccuracy: {
    name: { zh: '监督员上报准确率', en: 'Supervisor report accuracy' },
    definition: {
      zh: '立案的监督员上报数 ÷ 已受理的监督员上报数 × 100%（不予立案、重复上报为不准确）。',
      en: 'Supervisor reports registered ÷ supervisor reports decided × 100 % (rejected and duplicate reports count as inaccurate).',
    },
  },
  satisfactionRate: {
    name: { zh: '满意率', en: 'Satisfaction rate' },
    definition: {
      zh: '（满意 + 基本满意）÷ 回访接通数 × 100%（未接通不计入）。',
      en: '(Satisfied + basically satisfied) ÷ call-backs that reached the citizen × 100 % (unreachable not counted).',
    },
  },
};

function within(instant: string | undefined, period: Period): boolean {
  if (instant === undefined) return false;
  const t = Date.parse(instant);
  return t >= Date.parse(period.from) && t < Date.parse(period.to) && t <= Date.parse(period.asOf);
}

/** An indicator's value with its shared name and definition: the one way a figure is built, in memory or from SQL. */
export function kpiValue(id: KpiId, numerator: number, denominator: number): KpiValue {
  return { id, ...KPI_DEFINITIONS[id], numerator, denominator, value: denominator === 0 ? null : numerator / denominator };
}

/** A case the department had to settle within the period (see the on-time closure definition). */
export function isDue(c: CaseState, period: Period): boolean {
  return within(c.deadlines.handle, period) || within(c.closedAt, period);
}

function closedBy(c: CaseState, period: Period): boolean {
  return c.closedAt !== undefined && Date.parse(c.closedAt) <= Date.parse(period.asOf);
}

export function onTimeClosureRate(cases: readonly CaseState[], period: Period): KpiValue {
  const due = cases.filter((c) => isDue(c, period) && c.stage !== 'suspended');
  return kpiValue('onTimeClosureRate', due.filter((c) => closedBy(c, period) && !c.late.handle).length, due.length);
}

export function closureRate(cases: readonly CaseState[], period: Period): KpiValue {
  const due = cases.filter((c) => isDue(c, period) && c.stage !== 'suspended');
  return kpiValue('closureRate', due.filter((c) => closedBy(c, period)).length, due.length);
}

export function reworkRate(cases: readonly CaseState[], period: Period): KpiValue {
  const fedBack = cases.filter((c) => within(c.handledAt, period));
  return kpiValue('reworkRate', fedBack.filter((c) => c.reworkCount > 0).length, fedBack.length);
}

export function timelyVerificationRate(cases: readonly CaseState[], period: Period): KpiValue {
  const asOf = Date.parse(period.asOf);
  const due = cases.filter((c) => {
    if (!within(c.sentToVerifyAt, period)) return false;
    const checked = c.stage !== 'verifying';
    return checked || (c.deadlines.verify !== undefined && Date.parse(c.deadlines.verify) <= asOf);
  });
  return kpiValue('timelyVerificationRate', due.filter((c) => c.stage !== 'verifying' && !c.late.verify).length, due.length);
}

export function returnRate(cases: readonly CaseState[], period: Period): KpiValue {
  const dispatched = cases.filter((c) => within(c.dispatchedAt, period));
  return kpiValue('returnRate', dispatched.filter((c) => c.returnCount > 0).length, dispatched.length);
}

export function extensionRate(cases: readonly CaseState[], period: Period): KpiValue {
  const dispatched = cases.filter((c) => within(c.dispatchedAt, period));
  return kpiValue('extensionRate', dispatched.filter((c) => c.extensionCount > 0).length, dispatched.length);
}

export function reportAccuracy(cases: readonly CaseState[], period: Period): KpiValue {
  const decided = cases.filter((c) => c.channel === 'patrol' && within(c.reportedAt, period) && c.stage !== 'reported');
  return kpiValue('reportAccuracy', decided.filter((c) => c.stage !== 'rejected' && c.stage !== 'duplicate').length, decided.length);
}

export function satisfactionRate(cases: readonly CaseState[], period: Period): KpiValue {
  const reached = cases.filter((c) => c.evaluation !== undefined && within(c.evaluation.at, period) && c.evaluation.satisfaction !== 'unreachable');
  const happy = reached.filter((c) => c.evaluation?.satisfaction === 'satisfied' || c.evaluation?.satisfaction === 'basic');
  return kpiValue('satisfactionRate', happy.length, reached.length);
}

export type ChannelCounts = Record<Channel, { reports: number; valid: number }>;

/** Reports received in the period, per channel (every channel present, zeros included). */
export function reportsByChannel(cases: readonly CaseState[], period: Period): ChannelCounts {
  const counts = Object.fromEntries(CHANNELS.map((ch) => [ch, { reports: 0, valid: 0 }])) as ChannelCounts;
  for (const c of cases) {
    if (!within(c.reportedAt, period)) continue;
    counts[c.channel].reports += 1;
    if (c.stage !== 'reported' && c.stage !== 'rejected' && c.stage !== 'duplicate') counts[c.channel].valid += 1;
  }
  return counts;
}

/** The balanced set, side by side: no board shows one indicator alone. */
export function balancedIndicators(cases: readonly CaseState[], period: Period): KpiValue[] {
  return [
    onTimeClosureRate(cases, period),
    closureRate(cases, period),
    reworkRate(cases, period),
    timelyVerificationRate(cases, period),
    returnRate(cases, period),
    extensionRate(cases, period),
    reportAccuracy(cases, period),
    satisfactionRate(cases, period),
  ];
}

/** The levels a board drills down by (district → street → community → grid), and the other two cuts. */
export const KPI_GROUP_BY = ['street', 'community', 'grid', 'department', 'channel'] as const;
export type KpiGroupBy = (typeof KPI_GROUP_BY)[number];

/** The group a case counts in; null when it has no value there (a case never dispatched has no lead department). */
export function kpiGroupKey(c: CaseState, by: KpiGroupBy): string | null {
  switch (by) {
    case 'street':
      return c.place.streetCode;
    case 'community':
      return c.place.communityCode;
    case 'grid':
      return c.place.gridCode;
    case 'department':
      return c.leadDepartmentId ?? null;
    case 'channel':
      return c.channel;
  }
}

/** One group's figures: the balanced set and the report counts, as a board shows them. */
export interface KpiGroup {
  /** The street / community / grid code, department id or channel; 'district' when not grouped; null = no value. */
  key: string | null;
  label?: BilingualText;
  indicators: KpiValue[];
  reportsByChannel: ChannelCounts;
}
