import { beijingCalendar } from '../../../src-shared/calendar';
import type { TimeLimit } from '../../../src-shared/catalog/category-types';
import { commandPayloadSchemas, type CommandType } from '../../../src-shared/domain/commands';
import { EXTENSION_UNITS, extensionMinutes, type ExtensionUnit } from '../../../src-shared/domain/extension';
import { planForCategory } from '../../../src-shared/emergency/plans';

/**
 * What each action's form asks for, and how its answers become the command's payload. The
 * payload is checked against src-shared's own schema before it is sent, so a form cannot drift
 * from what the service accepts.
 */
export type FieldKind =
  | 'reason' // required text area
  | 'note' // optional single line
  | 'text' // required text area (feedback result)
  | 'amount' // a number typed with the keyboard (the extension's amount)
  | 'extensionUnit' // working hours or working days
  | 'yesNo' // granted / passed
  | 'satisfaction'
  | 'category'
  | 'urgent'
  | 'case' // the primary of a duplicate
  | 'department'
  | 'departments'
  | 'photos'
  | 'user'
  | 'plan' // an emergency plan (预案)
  | 'step' // an open step of the case's running plan
  | 'linkedDepartment'; // a department of the case's running emergency (optional: none)

export interface FieldSpec {
  name: string;
  kind: FieldKind;
  required: boolean;
}

const reason: FieldSpec = { name: 'reason', kind: 'reason', required: true };
const note: FieldSpec = { name: 'note', kind: 'note', required: false };
const photos: FieldSpec = { name: 'photoIds', kind: 'photos', required: false };

/** The commands a person can issue (the service's own ones — report, alarms, duplicate records — never reach a form). */
export type PersonCommand = Exclude<CommandType, 'report' | 'raiseReminder' | 'markOverdue' | 'recordDuplicate' | 'markStepOverdue'>;

export const ACTION_FIELDS: Record<PersonCommand, readonly FieldSpec[]> = {
  register: [{ name: 'categoryCode', kind: 'category', required: false }, { name: 'urgent', kind: 'urgent', required: false }, note],
  reject: [reason],
  linkDuplicate: [{ name: 'primaryCaseId', kind: 'case', required: true }],
  unlinkDuplicate: [],
  dispatch: [
    { name: 'leadDepartmentId', kind: 'department', required: true },
    { name: 'assistingDepartmentIds', kind: 'departments', required: false },
    { name: 'instructions', kind: 'note', required: false },
  ],
  routeToEmergency: [reason],
  accept: [],
  return: [reason],
  requestExtension: [{ name: 'amount', kind: 'amount', required: true }, { name: 'unit', kind: 'extensionUnit', required: true }, reason],
  decideExtension: [{ name: 'granted', kind: 'yesNo', required: true }, { ...reason, required: false }],
  requestSuspension: [reason],
  decideSuspension: [{ name: 'granted', kind: 'yesNo', required: true }, { ...reason, required: false }],
  resume: [note],
  feedback: [{ name: 'result', kind: 'text', required: true }, photos],
  sendToVerify: [{ name: 'supervisorId', kind: 'user', required: false }],
  verify: [{ name: 'passed', kind: 'yesNo', required: true }, note, photos],
  orderRework: [reason],
  close: [note],
  flagSupervision: [reason],
  evaluate: [{ name: 'satisfaction', kind: 'satisfaction', required: true }, note],
  attachEvidence: [{ ...photos, required: true }, note],
  // Emergency linkage: the department desk acknowledges and reports arrival; the duty officer's
  // own screen (#/duty) offers the rest with its checklist, these forms are the plain fallback.
  acknowledgeAlarm: [note],
  startEmergencyPlan: [{ name: 'planCode', kind: 'plan', required: false }, { name: 'instructions', kind: 'note', required: false }],
  acknowledgeLinkage: [note],
  reportArrival: [note, photos],
  completeStep: [{ name: 'stepId', kind: 'step', required: true }, note],
  addLinkedDepartment: [{ name: 'departmentId', kind: 'department', required: true }, { ...note, name: 'reason' }],
  escalateEmergency: [reason, { name: 'departmentId', kind: 'linkedDepartment', required: false }],
  closeEmergency: [{ name: 'summary', kind: 'text', required: true }],
};

export function isPersonCommand(type: CommandType): type is PersonCommand {
  return type in ACTION_FIELDS;
}

export interface Shortcut {
  key: string;
  command: PersonCommand;
}

/**
 * One key per action, shown on its button and in the queue's shortcut sheet. decideExtension and
 * decideSuspension share "g": a case has at most one pending request, so only one is ever offered.
 * The queue keeps j/k/o/s, digits, "/" and "?" for moving in the list (features/queue/keyboard.ts).
 */
export const CASE_SHORTCUTS: readonly Shortcut[] = [
  { key: 'r', command: 'register' },
  { key: 'x', command: 'reject' },
  { key: 'l', command: 'linkDuplicate' },
  { key: 'n', command: 'unlinkDuplicate' },
  { key: 'd', command: 'dispatch' },
  { key: 'm', command: 'routeToEmergency' },
  { key: 'a', command: 'accept' },
  { key: 'b', command: 'return' },
  { key: 't', command: 'requestExtension' },
  { key: 'p', command: 'requestSuspension' },
  { key: 'g', command: 'decideExtension' },
  { key: 'g', command: 'decideSuspension' },
  { key: 'u', command: 'resume' },
  { key: 'f', command: 'feedback' },
  { key: 'h', command: 'sendToVerify' },
  { key: 'v', command: 'verify' },
  { key: 'w', command: 'orderRework' },
  { key: 'c', command: 'close' },
  { key: 'z', command: 'flagSupervision' },
  { key: 'e', command: 'evaluate' },
  { key: 'i', command: 'attachEvidence' },
  // A linked department's two steps; both can be offered at once, so they need keys of their own.
  { key: 'q', command: 'acknowledgeLinkage' },
  { key: 'y', command: 'reportArrival' },
];

export function shortcutOf(command: CommandType): string | undefined {
  return CASE_SHORTCUTS.find((s) => s.command === command)?.key;
}

/** The offered command a key opens, if any. */
export function commandForKey(key: string, offered: readonly CommandType[]): PersonCommand | undefined {
  const k = key.toLowerCase();
  return CASE_SHORTCUTS.find((s) => s.key === k && offered.includes(s.command))?.command;
}

export type FieldValue = string | boolean | string[];
export type FormValues = Record<string, FieldValue>;

/** A fresh form: empty texts, "yes" for decisions (the usual answer), the case's own category and its plan. */
export function initialValues(type: PersonCommand, defaults: { categoryCode?: string } = {}): FormValues {
  const values: FormValues = {};
  for (const f of ACTION_FIELDS[type]) {
    if (f.kind === 'departments') values[f.name] = [];
    else if (f.kind === 'urgent') values[f.name] = false;
    else if (f.kind === 'yesNo') values[f.name] = 'yes';
    else if (f.kind === 'satisfaction') values[f.name] = 'satisfied';
    else if (f.kind === 'category') values[f.name] = defaults.categoryCode ?? '';
    else if (f.kind === 'plan') values[f.name] = planForCategory(defaults.categoryCode ?? '').code;
    else if (f.kind === 'extensionUnit') values[f.name] = 'workingDays';
    else values[f.name] = '';
  }
  return values;
}

function splitIds(value: string): string[] {
  return value.split(/[\s,，、]+/).filter((s) => s.length > 0);
}

export type PayloadResult = { ok: true; payload: Record<string, unknown> } | { ok: false; fields: string[] };

/** What the form knows of the case: its category (register keeps it unless re-categorised) and the clock its handling runs on. */
export interface CaseFacts {
  categoryCode?: string;
  handleClock?: TimeLimit['clock'];
}

function isExtensionUnit(v: FieldValue | undefined): v is ExtensionUnit {
  return typeof v === 'string' && (EXTENSION_UNITS as readonly string[]).includes(v);
}

/**
 * The minutes an extension form asks for, or null while its amount is empty or wrong: typed in
 * working hours or days, sent as minutes of the handle clock (the command's unit).
 */
export function requestedMinutes(values: FormValues, clock: TimeLimit['clock'] = 'working'): number | null {
  const amount = values['amount'];
  const unit = values['unit'];
  const text = typeof amount === 'string' ? amount.trim() : '';
  if (!text || !isExtensionUnit(unit)) return null;
  return extensionMinutes(Number(text), unit, clock, beijingCalendar.minutesPerDay);
}

/**
 * The payload for a form's answers, or the fields that are missing or wrong. `facts.categoryCode`
 * drops a register category equal to the case's own (keep it unless re-categorised).
 */
export function buildPayload(type: PersonCommand, values: FormValues, facts: CaseFacts = {}): PayloadResult {
  const payload: Record<string, unknown> = {};
  const missing: string[] = [];
  for (const f of ACTION_FIELDS[type]) {
    const v = values[f.name];
    switch (f.kind) {
      case 'departments':
        payload[f.name] = Array.isArray(v) ? v : [];
        break;
      case 'photos': {
        const ids = typeof v === 'string' ? splitIds(v) : Array.isArray(v) ? v : [];
        if (f.required && ids.length === 0) missing.push(f.name);
        payload[f.name] = ids;
        break;
      }
      case 'urgent':
        if (v === true) payload[f.name] = true;
        break;
      case 'yesNo':
        payload[f.name] = v === 'yes' || v === true;
        break;
      case 'amount': {
        const minutes = requestedMinutes(values, facts.handleClock);
        if (minutes === null) missing.push(f.name);
        else payload['minutes'] = minutes;
        break;
      }
      case 'extensionUnit':
        if (!isExtensionUnit(v)) missing.push(f.name);
        break;
      default: {
        const s = typeof v === 'string' ? v.trim() : '';
        if (f.kind === 'category' && s === facts.categoryCode) break;
        if (s) payload[f.name] = s;
        else if (f.required) missing.push(f.name);
      }
    }
  }
  if (missing.length) return { ok: false, fields: missing };
  const parsed = commandPayloadSchemas[type].safeParse(payload);
  // The schema speaks of minutes; the person typed an amount.
  if (!parsed.success) return { ok: false, fields: [...new Set(parsed.error.issues.map((i) => String(i.path[0] ?? type)).map((f) => (f === 'minutes' ? 'amount' : f)))] };
  return { ok: true, payload };
}
