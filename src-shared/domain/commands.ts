import { z } from 'zod';
import { CHANNELS, SATISFACTION_LEVELS } from './case';
import { MAX_EXTENSION_MINUTES } from './extension';

/**
 * Commands: what a person (or the service) asks to happen to a case. Each has a runtime
 * schema, because commands cross a network boundary; the TypeScript types are inferred from
 * the schemas so the two cannot drift apart.
 */

const text = (max: number) => z.string().trim().min(1).max(max);
const reason = text(500);
const photoIds = z.array(z.string().min(1).max(100)).max(9).default([]);
const departmentId = z.string().min(1).max(64);
const stepId = z.string().min(1).max(40);

export const commandPayloadSchemas = {
  /** 信息收集: a new report. `number` is assigned by the service before deciding. */
  report: z.object({
    number: z.string().min(1).max(40),
    categoryCode: z.string().regex(/^[CE]\d{4}$/),
    channel: z.enum(CHANNELS),
    description: text(2000),
    lon: z.number().min(-180).max(180).optional(),
    lat: z.number().min(-90).max(90).optional(),
    gridCode: z.string().regex(/^\d{14}$/).optional(),
    address: z.string().max(200).optional(),
    componentCode: z.string().regex(/^\d{16}$/).optional(),
    photoIds,
    hasReporterContact: z.boolean().default(false),
    /** The person taking the report flags it urgent (a caller describing a danger): 24/7 clock from the start. */
    urgent: z.boolean().optional(),
    /** Set by the service's duplicate detection at intake: the open case this report repeats. */
    duplicateOf: z.string().min(1).max(64).optional(),
  }),
  /** 立案: the supervision centre accepts it, possibly re-categorised or marked urgent. */
  register: z.object({
    categoryCode: z.string().regex(/^[CE]\d{4}$/).optional(),
    urgent: z.boolean().optional(),
    note: z.string().max(500).optional(),
  }),
  reject: z.object({ reason }),
  linkDuplicate: z.object({ primaryCaseId: z.string().min(1).max(64) }),
  unlinkDuplicate: z.object({}),
  /** 任务派遣 to a lead department and any assisting ones. */
  dispatch: z.object({
    leadDepartmentId: departmentId,
    assistingDepartmentIds: z.array(departmentId).max(10).default([]),
    instructions: z.string().max(1000).optional(),
  }),
  routeToEmergency: z.object({ reason }),
  accept: z.object({}),
  return: z.object({ reason }),
  requestExtension: z.object({ minutes: z.number().int().positive().max(MAX_EXTENSION_MINUTES), reason }),
  decideExtension: z.object({ granted: z.boolean(), reason: z.string().max(500).optional() }),
  requestSuspension: z.object({ reason }),
  decideSuspension: z.object({ granted: z.boolean(), reason: z.string().max(500).optional() }),
  resume: z.object({ note: z.string().max(500).optional() }),
  feedback: z.object({ result: text(2000), photoIds }),
  sendToVerify: z.object({ supervisorId: z.string().max(64).optional() }),
  verify: z.object({ passed: z.boolean(), note: z.string().max(1000).optional(), photoIds }),
  orderRework: z.object({ reason }),
  close: z.object({ note: z.string().max(500).optional() }),
  flagSupervision: z.object({ reason }),
  raiseReminder: z.object({ link: z.enum(['register', 'dispatch', 'handle', 'verify']) }),
  markOverdue: z.object({ link: z.enum(['register', 'dispatch', 'handle', 'verify']) }),
  evaluate: z.object({ satisfaction: z.enum(SATISFACTION_LEVELS), note: z.string().max(500).optional() }),
  /** The service records on the first case that a later report was linked to it (or unlinked). */
  recordDuplicate: z.object({ duplicateCaseId: z.string().min(1).max(64), linked: z.boolean() }),
  attachEvidence: z.object({ photoIds: z.array(z.string().min(1).max(100)).min(1).max(9), note: z.string().max(500).optional() }),
  // Emergency linkage (应急联动): see emergency-decide.ts for what each does.
  /** The duty officer has heard the urgent-case alarm and takes the case. */
  acknowledgeAlarm: z.object({ note: z.string().max(500).optional() }),
  /** Starts a plan (default: the category's own, else the generic one): registers if needed and dispatches to every department at once. */
  startEmergencyPlan: z.object({ planCode: z.string().regex(/^EP-[A-Z0-9-]{2,30}$/).optional(), instructions: z.string().max(1000).optional() }),
  /** A lead or linked department has received the task. */
  acknowledgeLinkage: z.object({ note: z.string().max(500).optional() }),
  /** A lead or linked department is on the scene (scene photos optional). */
  reportArrival: z.object({ note: z.string().max(500).optional(), photoIds }),
  completeStep: z.object({ stepId, note: z.string().max(500).optional() }),
  addLinkedDepartment: z.object({ departmentId, reason: z.string().max(500).optional() }),
  /** Escalates the response (to the district emergency office / the leader on duty), optionally urging one department (催办). */
  escalateEmergency: z.object({ reason, departmentId: departmentId.optional() }),
  /** Ends the emergency response with the officer's summary; the case itself closes through the loop. */
  closeEmergency: z.object({ summary: text(2000) }),
  /** The deadline watcher: a checklist step passed its deadline undone. */
  markStepOverdue: z.object({ stepId }),
} as const;

export type CommandType = keyof typeof commandPayloadSchemas;
export const COMMAND_TYPES = Object.keys(commandPayloadSchemas) as CommandType[];

export type CommandPayloads = { [K in CommandType]: z.output<(typeof commandPayloadSchemas)[K]> };
export type CommandPayloadInputs = { [K in CommandType]: z.input<(typeof commandPayloadSchemas)[K]> };

const envelope = {
  /** Client-generated: the same id sent twice applies once (safe retries). */
  commandId: z.string().min(8).max(64),
  caseId: z.string().min(1).max(64),
  /** The case version the person was looking at; a stale one is a VERSION_CONFLICT. */
  expectedVersion: z.number().int().nonnegative().optional(),
};

const commandVariants = COMMAND_TYPES.map((type) =>
  z.object({ ...envelope, type: z.literal(type), payload: commandPayloadSchemas[type] }),
);

export const caseCommandSchema = z.discriminatedUnion(
  'type',
  commandVariants as unknown as [
    (typeof commandVariants)[number],
    ...(typeof commandVariants)[number][],
  ],
);

export type CaseCommand = {
  [K in CommandType]: {
    commandId: string;
    caseId: string;
    expectedVersion?: number;
    type: K;
    payload: CommandPayloads[K];
  };
}[CommandType];

/** A command as a client sends it: payload defaults (e.g. empty lists) may be left out. */
export type CaseCommandInput = {
  [K in CommandType]: {
    commandId: string;
    caseId: string;
    expectedVersion?: number;
    type: K;
    payload: CommandPayloadInputs[K];
  };
}[CommandType];

export type CommandOf<K extends CommandType> = Extract<CaseCommand, { type: K }>;
