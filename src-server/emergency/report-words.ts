import type { PhotoRef } from '../../src-shared/domain/case';
import type { StepPerformer } from '../../src-shared/emergency/plan-schema';

/** The after-action report's own words, in both languages the product ships. */
export interface ReportWords {
  lang: 'zh-CN' | 'en';
  title: string;
  printHint: string;
  sections: { overview: string; departments: string; steps: string; escalations: string; timeline: string; photos: string; summary: string };
  columns: {
    department: string;
    role: string;
    linkedAt: string;
    acknowledged: string;
    toAcknowledge: string;
    arrived: string;
    toArrive: string;
    step: string;
    by: string;
    dueAt: string;
    doneAt: string;
    status: string;
    note: string;
    at: string;
    what: string;
    who: string;
    detail: string;
    reason: string;
  };
  caseNumber: string;
  category: string;
  place: string;
  description: string;
  plan: string;
  grid: string;
  reportedAt: string;
  alarmAcknowledged: string;
  started: string;
  closedAt: string;
  stillRunning: string;
  stepsOnTime: string;
  doneCount: string;
  arrivedCount: string;
  caseStage: string;
  afterReport: string;
  lasted: string;
  minutes: string;
  lead: string;
  linked: string;
  notYet: string;
  none: string;
  noSummary: string;
  generated: string;
  performer: Record<StepPerformer, string>;
  status: Record<'onTime' | 'late' | 'overdue' | 'open' | 'notDone', string>;
  phase: Record<PhotoRef['phase'], string>;
}

export const REPORT_WORDS: Record<'zh' | 'en', ReportWords> = {
  zh: {
    lang: 'zh-CN',
    title: '应急处置报告',
    printHint: '打印本页（Ctrl+P）即得纸质或 PDF 报告',
    sections: { overview: '概况', departments: '联动单位', steps: '预案步骤', escalations: '升级督办', timeline: '处置时间线', photos: '现场照片', summary: '处置总结' },
    columns: {
      department: '单位',
      role: '角色',
      linkedAt: '联动时间',
      acknowledged: '接报确认',
      toAcknowledge: '确认用时',
      arrived: '到场',
      toArrive: '到场用时',
      step: '步骤',
      by: '执行',
      dueAt: '时限',
      doneAt: '完成',
      status: '状态',
      note: '备注',
      at: '时间',
      what: '事项',
      who: '操作人',
      detail: '内容',
      reason: '理由',
    },
    caseNumber: '案卷编号',
    category: '类别',
    place: '位置',
    description: '问题描述',
    plan: '应急预案',
    grid: '网格',
    reportedAt: '报警（上报）时间',
    alarmAcknowledged: '值班员确认警情',
    started: '启动预案',
    closedAt: '结束应急响应',
    stillRunning: '应急响应进行中',
    stepsOnTime: '按时完成步骤',
    doneCount: '已完成 {n} 项',
    arrivedCount: '已到场单位',
    caseStage: '案卷当前环节',
    afterReport: '报警后 {time}',
    lasted: '历时 {time}',
    minutes: '{n} 分钟',
    lead: '主办',
    linked: '联动',
    notYet: '未报告',
    none: '无',
    noSummary: '（尚未填写总结）',
    generated: '生成时间',
    performer: { duty: '值班员', lead: '主办单位', linked: '联动单位' },
    status: { onTime: '按时完成', late: '超时完成', overdue: '已超时未完成', open: '未到时限', notDone: '未完成（响应已结束）' },
    phase: { before: '上报', after: '处置后', check: '核查', evidence: '现场' },
  },
  en: {
    lang: 'en',
    title: 'Emergency after-action report',
    printHint: 'Print this page (Ctrl+P) for a paper or PDF report',
    sections: { overview: 'Overview', departments: 'Linked departments', steps: 'Plan steps', escalations: 'Escalations', timeline: 'Timeline', photos: 'Photos from the scene', summary: 'Summary' },
    columns: {
      department: 'Department',
      role: 'Role',
      linkedAt: 'Linked at',
      acknowledged: 'Acknowledged',
      toAcknowledge: 'Time to acknowledge',
      arrived: 'Arrived',
      toArrive: 'Time to arrive',
      step: 'Step',
      by: 'By',
      dueAt: 'Due',
      doneAt: 'Done',
      status: 'Status',
      note: 'Note',
      at: 'Time',
      what: 'What',
      who: 'Who',
      detail: 'Detail',
      reason: 'Reason',
    },
    caseNumber: 'Case number',
    category: 'Category',
    place: 'Place',
    description: 'Problem',
    plan: 'Emergency plan',
    grid: 'grid',
    reportedAt: 'Alarm (reported) at',
    alarmAcknowledged: 'Alarm acknowledged',
    started: 'Plan started',
    closedAt: 'Emergency closed',
    stillRunning: 'The response is still running',
    stepsOnTime: 'Steps done on time',
    doneCount: '{n} done',
    arrivedCount: 'Departments on scene',
    caseStage: 'Case stage now',
    afterReport: '{time} after the alarm',
    lasted: 'lasted {time}',
    minutes: '{n} min',
    lead: 'lead',
    linked: 'linked',
    notYet: 'not reported',
    none: 'none',
    noSummary: '(no summary yet)',
    generated: 'Generated',
    performer: { duty: 'duty officer', lead: 'lead', linked: 'linked' },
    status: { onTime: 'on time', late: 'done late', overdue: 'overdue, not done', open: 'not yet due', notDone: 'not done (response closed)' },
    phase: { before: 'report', after: 'after', check: 'check', evidence: 'scene' },
  },
};
