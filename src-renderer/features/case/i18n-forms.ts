/**
 * The case detail's words for the action forms' extension (延期 in working hours or days, with
 * the new deadline previewed) and for the latest word beside the actions (回退原因, 延期理由,
 * 核查未通过), merged into `caseDetail` by i18n.ts (kept apart so that file stays readable).
 */
const zh = {
  latestWord: {
    title: '最近说明',
    returned: '回退原因',
    extension: '延期理由',
    suspension: '挂账理由',
    checkFailed: '核查未通过',
    reworkOrdered: '返工理由',
    noText: '（未填写说明）',
    by: '{who}（{role}）',
    department: '回退部门：{name}',
    asked: '申请延长 {time}',
    pending: '待审批',
    granted: '{who} 已同意',
    grantedUntil: '{who} 已同意，新处置时限 {at}',
    refused: '{who} 未同意',
    refusedBecause: '{who} 未同意：{reason}',
  },
  actions: {
    extensionPreview: '延期后处置时限：{at}',
    grantPreview: '同意后处置时限：{at}',
    previewFrom: '原时限 {at}，按工作日历顺延，周末和节假日不计',
    previewFromNatural: '原时限 {at}，紧急案卷按自然时间连续计算',
  },
  field: {
    amount: '延长时间',
    unit: '单位',
    units: {
      working: { workingHours: '工作小时', workingDays: '工作日' },
      natural: { workingHours: '小时', workingDays: '天（24小时）' },
    },
    amounts: {
      working: { workingHours: '{n}个工作小时', workingDays: '{n}个工作日' },
      natural: { workingHours: '{n}小时', workingDays: '{n}天' },
    },
  },
};

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

const en: Shape<typeof zh> = {
  latestWord: {
    title: 'Latest word',
    returned: 'Returned because',
    extension: 'Extension asked because',
    suspension: 'Suspension asked because',
    checkFailed: 'Check failed',
    reworkOrdered: 'Rework ordered because',
    noText: '(no note written)',
    by: '{who} ({role})',
    department: 'Returned by {name}',
    asked: 'asks for {time} more',
    pending: 'awaiting a decision',
    granted: 'granted by {who}',
    grantedUntil: 'granted by {who}, handle by {at}',
    refused: 'refused by {who}',
    refusedBecause: 'refused by {who}: {reason}',
  },
  actions: {
    extensionPreview: 'Handle by, once extended: {at}',
    grantPreview: 'Handle by, if granted: {at}',
    previewFrom: 'Now due {at}; counted in working time, weekends and holidays skipped',
    previewFromNatural: 'Now due {at}; an urgent case counts round the clock',
  },
  field: {
    amount: 'Extra time',
    unit: 'Unit',
    units: {
      working: { workingHours: 'working hours', workingDays: 'working days' },
      natural: { workingHours: 'hours', workingDays: 'days (24 h)' },
    },
    amounts: {
      working: { workingHours: '{n} working hour(s)', workingDays: '{n} working day(s)' },
      natural: { workingHours: '{n} hour(s)', workingDays: '{n} day(s)' },
    },
  },
};

export const formCaseTexts = { zh, en };
