/**
 * The case detail's words for emergency linkage (应急联动), merged into `caseDetail` by i18n.ts
 * (kept apart so that file stays readable): the timeline's event names and details, and the
 * action forms' field labels. Plans, steps and departments are named by src-shared's data.
 */
const zh = {
  event: {
    alarmAcknowledged: '确认警情',
    emergencyPlanStarted: '启动应急预案',
    linkageAcknowledged: '联动接报确认',
    arrivalReported: '报告到场',
    stepCompleted: '完成预案步骤',
    linkedDepartmentAdded: '增派联动单位',
    emergencyEscalated: '应急升级督办',
    stepOverdue: '预案步骤超时',
    emergencyClosed: '结束应急响应',
  },
  trail: {
    plan: '预案：{name}',
    linked: '联动单位：{names}',
    steps: '处置步骤 {count} 项，最迟 {at}',
    department: '单位：{name}',
    step: '步骤：{title}',
    stepDue: '时限：{at}',
    summary: '总结：{text}',
    openSteps: '未完成步骤 {count} 项',
  },
  field: {
    planCode: '应急预案（默认按类别）',
    stepId: '预案步骤',
    departmentId: '单位',
    summary: '应急处置总结',
    noDepartment: '（不针对具体单位）',
    stepChoice: '{title}（时限 {at}）',
  },
};

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

const en: Shape<typeof zh> = {
  event: {
    alarmAcknowledged: 'Alarm acknowledged',
    emergencyPlanStarted: 'Emergency plan started',
    linkageAcknowledged: 'Linkage acknowledged',
    arrivalReported: 'Arrived on scene',
    stepCompleted: 'Plan step done',
    linkedDepartmentAdded: 'Department linked',
    emergencyEscalated: 'Emergency escalated',
    stepOverdue: 'Plan step overdue',
    emergencyClosed: 'Emergency closed',
  },
  trail: {
    plan: 'Plan: {name}',
    linked: 'Linked: {names}',
    steps: '{count} steps, the last due {at}',
    department: 'Department: {name}',
    step: 'Step: {title}',
    stepDue: 'Due {at}',
    summary: 'Summary: {text}',
    openSteps: '{count} step(s) left undone',
  },
  field: {
    planCode: 'Emergency plan (default: by category)',
    stepId: 'Plan step',
    departmentId: 'Department',
    summary: 'Summary of the response',
    noDepartment: '(no particular department)',
    stepChoice: '{title} (due {at})',
  },
};

export const emergencyCaseTexts = { zh, en };
