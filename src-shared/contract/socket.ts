import { z } from 'zod';
import type { BilingualText } from '../i18n-text';
import type { RoutingSuggestion } from '../domain/routing';
import type { Refusal } from '../errors';
import type { CaseSearchQuery, CaseSearchResult } from './case-search';
import { commandPayloadSchemas, type CaseCommandInput } from '../domain/commands';
import type { CaseEvent } from '../domain/events';
import type { CasePlace, CaseState } from '../domain/case';
import { ROLES } from '../domain/roles';
import { STAGES } from '../domain/stages';
import { CHANNELS } from '../domain/case';
import { KPI_GROUP_BY, type KpiGroup } from '../kpi/formulas';
import { AREA_CODE_PATTERNS, BREAKDOWN_BY, bucketAllowed, HOURLY_TREND_MAX_DAYS, KPI_LISTS, TREND_BUCKETS, type BreakdownRow, type TrendPoint } from '../kpi/board';

/**
 * The socket.io contract between the case service and every window. The typed maps give the
 * compiler both directions; the zod schemas check, at run time, everything a peer sends.
 */

/** An acknowledgement: the answer to one request, a value either way. */
export type Answer<T> = ({ ok: true } & T) | Refusal;

export const syncRequestSchema = z.object({
  /** The last global sequence number this window applied; absent = "give me a snapshot". */
  sinceSeq: z.number().int().nonnegative().optional(),
});
export type SyncRequest = z.infer<typeof syncRequestSchema>;

/** Either the events the window missed, or a fresh snapshot when it is too far behind. */
export type SyncAnswer =
  | { kind: 'events'; events: CaseEvent[]; headSeq: number }
  | { kind: 'snapshot'; cases: CaseState[]; seq: number };

export const caseQuerySchema = z.object({
  stages: z.array(z.enum(STAGES)).max(STAGES.length).optional(),
  streetCode: z.string().regex(/^\d{9}$/).optional(),
  communityCode: z.string().regex(/^\d{12}$/).optional(),
  gridCode: z.string().regex(/^\d{14}$/).optional(),
  categoryCode: z.string().regex(/^[CE]\d{4}$/).optional(),
  urgency: z.enum(['normal', 'urgent']).optional(),
  channel: z.enum(CHANNELS).optional(),
  departmentId: z.string().max(64).optional(),
  overdueOnly: z.boolean().optional(),
  text: z.string().max(100).optional(),
  sort: z.enum(['deadline', 'reportedAt', 'number']).default('deadline'),
  order: z.enum(['asc', 'desc']).default('asc'),
  offset: z.number().int().nonnegative().default(0),
  limit: z.number().int().positive().max(500).default(100),
});
export type CaseQuery = z.infer<typeof caseQuerySchema>;

/** A caller's phone as a person dials it: digits with the usual separators, +86 allowed (the 12345 hand-off's characters). */
export const CALLER_PHONE_PATTERN = /^\+?[\d\s()-]{3,32}$/;

/**
 * A number someone can be called back on: the hotline's characters, and 5–15 digits (a
 * 5-digit service line up to an international number; E.164 caps at 15). The desk's form and
 * the service check the same rule.
 */
export function isCallerPhone(phone: string): boolean {
  const digits = phone.replace(/\D/g, '').length;
  return CALLER_PHONE_PATTERN.test(phone) && digits >= 5 && digits <= 15;
}

/**
 * Who called or walked in, as the desk keys it in. Stored apart from the case
 * (reporter_contacts), masked on every screen, never in the case's state or events.
 */
export const deskCallerSchema = z
  .object({
    name: z.string().trim().max(50).optional(),
    phone: z.string().trim().refine(isCallerPhone, { message: 'not a phone number' }).optional(),
  })
  .strict();
export type DeskCaller = z.infer<typeof deskCallerSchema>;

/**
 * A report made at a desk (e.g. an intake operator typing in a phone call): the service numbers
 * it. The caller rides beside the payload, not in it: the command and its events never hold it.
 */
export const reportRequestSchema = z.object({
  commandId: z.string().min(8).max(64),
  payload: commandPayloadSchemas.report.omit({ number: true, duplicateOf: true, hasReporterContact: true }),
  caller: deskCallerSchema.optional(),
});
export type ReportRequest = z.input<typeof reportRequestSchema>;

/**
 * "Is this already reported?" before a desk saves a report: the open cases the duplicate rule
 * would link it to (same component, or same category nearby), and the place the report would
 * get (its grid found from the point), within the asker's scope.
 */
export const duplicateQuerySchema = z
  .object({
    categoryCode: z.string().regex(/^[CE]\d{4}$/),
    lon: z.number().min(-180).max(180).optional(),
    lat: z.number().min(-90).max(90).optional(),
    gridCode: z.string().regex(/^\d{14}$/).optional(),
    componentCode: z.string().regex(/^\d{16}$/).optional(),
  })
  .strict()
  .refine((q) => (q.lon === undefined) === (q.lat === undefined), { message: 'lon and lat go together', path: ['lat'] });
export type DuplicateQuery = z.input<typeof duplicateQuerySchema>;
export interface DuplicateSuggestions {
  place: CasePlace;
  cases: CaseState[];
}

/** The longest period one KPI request may span: a year and a bit, so year-on-year boards fit. */
export const KPI_MAX_PERIOD_DAYS = 400;

const instant = z.iso.datetime({ offset: true });

/**
 * The part of the district a KPI request is about (the board's drill step), within the
 * requester's scope: codes by pattern, unknown keys refused; none given = the whole scope.
 */
export const kpiAreaSchema = z
  .object({
    streetCode: z.string().regex(AREA_CODE_PATTERNS.streetCode).optional(),
    communityCode: z.string().regex(AREA_CODE_PATTERNS.communityCode).optional(),
    gridCode: z.string().regex(AREA_CODE_PATTERNS.gridCode).optional(),
  })
  .strict();
export type KpiAreaQuery = z.infer<typeof kpiAreaSchema>;

/** Evaluation figures for a period [from, to), computed as of `asOf` (default: the service's now). */
export const kpiQuerySchema = z
  .object({
    from: instant,
    to: instant,
    asOf: instant.optional(),
    groupBy: z.enum(KPI_GROUP_BY).optional(),
    area: kpiAreaSchema.optional(),
  })
  .refine((q) => Date.parse(q.from) < Date.parse(q.to), { message: 'from must be before to', path: ['to'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= KPI_MAX_PERIOD_DAYS * 86_400_000, {
    message: `the period may span at most ${KPI_MAX_PERIOD_DAYS} days`,
    path: ['to'],
  });
export type KpiQuery = z.input<typeof kpiQuerySchema>;

/** The board's other figures share the period rules of `kpi:query`. */
const kpiPeriod = { from: instant, to: instant, asOf: instant.optional(), area: kpiAreaSchema.optional() };
const periodInOrder = (q: { from: string; to: string }) => Date.parse(q.from) < Date.parse(q.to);
const periodNotTooLong = (q: { from: string; to: string }) => Date.parse(q.to) - Date.parse(q.from) <= KPI_MAX_PERIOD_DAYS * 86_400_000;
const tooLong = { message: `the period may span at most ${KPI_MAX_PERIOD_DAYS} days`, path: ['to'] };
const inOrder = { message: 'from must be before to', path: ['to'] };

/** Counts per Beijing-time hour, day or week (src-shared/kpi/board.ts `trend`). */
export const kpiTrendSchema = z
  .object({ ...kpiPeriod, bucket: z.enum(TREND_BUCKETS) })
  .refine(periodInOrder, inOrder)
  .refine(periodNotTooLong, tooLong)
  .refine((q) => bucketAllowed(q, q.bucket), { message: `an hourly trend covers at most ${HOURLY_TREND_MAX_DAYS} days: ask by day or week`, path: ['bucket'] });
export type KpiTrendQuery = z.input<typeof kpiTrendSchema>;

/** Reports and closures per category or channel. */
export const kpiBreakdownSchema = z.object({ ...kpiPeriod, by: z.enum(BREAKDOWN_BY) }).refine(periodInOrder, inOrder).refine(periodNotTooLong, tooLong);
export type KpiBreakdownQuery = z.input<typeof kpiBreakdownSchema>;

/**
 * Open overdue or supervised (督办) cases as of now (no period: they are open now), or the
 * cases of a period ('period': from and to required), most overdue first, in an optional area.
 */
export const kpiCasesSchema = z
  .object({
    list: z.enum(KPI_LISTS),
    limit: z.number().int().positive().max(200).default(50),
    area: kpiAreaSchema.optional(),
    from: instant.optional(),
    to: instant.optional(),
    asOf: instant.optional(),
  })
  .refine((q) => q.list !== 'period' || (q.from !== undefined && q.to !== undefined), { message: "the 'period' list needs from and to", path: ['from'] })
  .refine((q) => q.from === undefined || q.to === undefined || periodInOrder({ from: q.from, to: q.to }), inOrder)
  .refine((q) => q.from === undefined || q.to === undefined || periodNotTooLong({ from: q.from, to: q.to }), tooLong);
export type KpiCasesQuery = z.input<typeof kpiCasesSchema>;

export const routingRequestSchema = z.object({
  caseId: z.string().min(1).max(64),
  /** Ask "what if it were re-categorised as …" before registering or dispatching. */
  categoryCode: z.string().regex(/^[CE]\d{4}$/).optional(),
});

export const caseTrailRequestSchema = z.object({ caseId: z.string().min(1).max(64) });

/** The signed-in person, as the service tells each window. */
export const sessionUserSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  departmentId: z.string().optional(),
  streetCode: z.string().optional(),
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

/** What the service checks of every event it sends, and what a window checks of every event it gets. */
export const caseEventEnvelopeSchema = z.object({
  seq: z.number().int().positive(),
  caseId: z.string().min(1),
  version: z.number().int().positive(),
  type: z.string().min(1),
  at: z.iso.datetime(),
  actor: z.object({ userId: z.string(), role: z.enum(ROLES), departmentId: z.string().optional() }),
  fromStage: z.enum(STAGES).nullable(),
  toStage: z.enum(STAGES),
  commandId: z.string().min(1),
  payload: z.record(z.string(), z.unknown()),
});

export const eventBatchSchema = z.object({
  events: z.array(caseEventEnvelopeSchema),
  headSeq: z.number().int().nonnegative(),
  cases: z.array(z.object({ id: z.string(), version: z.number().int().positive() }).loose()).optional(),
});
/**
 * A batch of live events. A scoped window (a department) does not see every event, so gaps
 * are found per case (its version), not in the global sequence; the global sequence is the
 * resume point. `cases` carries the full state of cases that have just come into this
 * window's scope (e.g. a case newly dispatched to the department).
 */
export interface EventBatch {
  events: CaseEvent[];
  headSeq: number;
  cases?: CaseState[];
}

export interface Hello {
  user: SessionUser;
  /** The newest global sequence number at connection time. */
  headSeq: number;
  serverTime: string;
  /** Service-clock seconds per real second: 1, or more when the demo runs accelerated. */
  clockRate: number;
}

export interface ClientToServerEvents {
  'case:command': (command: CaseCommandInput, ack: (answer: Answer<{ events: CaseEvent[]; state: CaseState; duplicate?: boolean }>) => void) => void;
  'case:report': (request: ReportRequest, ack: (answer: Answer<{ events: CaseEvent[]; state: CaseState; duplicate?: boolean }>) => void) => void;
  /** The open cases a report about to be saved would repeat, and the place it would get. */
  'case:duplicates': (query: DuplicateQuery, ack: (answer: Answer<DuplicateSuggestions>) => void) => void;
  /** Any case by number, address or the reporter's words, open or closed, within the asker's scope. */
  'case:search': (query: CaseSearchQuery, ack: (answer: Answer<CaseSearchResult>) => void) => void;
  'case:sync': (request: SyncRequest, ack: (answer: Answer<SyncAnswer>) => void) => void;
  'case:query': (query: Partial<CaseQuery>, ack: (answer: Answer<{ cases: CaseState[]; total: number }>) => void) => void;
  'case:routing': (request: z.input<typeof routingRequestSchema>, ack: (answer: Answer<{ suggestion: RoutingSuggestionView }>) => void) => void;
  /** The district's staff (names and roles) so trails say who acted; no personal contact data. */
  'people:directory': (request: Record<string, never>, ack: (answer: Answer<{ people: SessionUser[] }>) => void) => void;
  'case:trail': (request: { caseId: string }, ack: (answer: Answer<{ case: CaseState; events: CaseEvent[] }>) => void) => void;
  /** A department handler gets the figures of the cases its department leads; everyone else the district's. */
  'kpi:query': (query: KpiQuery, ack: (answer: Answer<{ groups: KpiGroup[] }>) => void) => void;
  'kpi:trend': (query: KpiTrendQuery, ack: (answer: Answer<{ points: TrendPoint[]; asOf: string }>) => void) => void;
  'kpi:breakdown': (query: KpiBreakdownQuery, ack: (answer: Answer<{ rows: BreakdownRow[] }>) => void) => void;
  'kpi:cases': (query: KpiCasesQuery, ack: (answer: Answer<{ cases: CaseState[]; total: number; asOf: string }>) => void) => void;
}

/** The KPI board's requests, and their payload and answer types (one typed call on the window's socket). */
export type KpiEvent = Extract<keyof ClientToServerEvents, `kpi:${string}`>;
export type KpiRequest<E extends KpiEvent> = Parameters<ClientToServerEvents[E]>[0];
export type KpiAnswer<E extends KpiEvent> = Parameters<Parameters<ClientToServerEvents[E]>[1]>[0];

/** The dispatcher's routing suggestion: lead department, loop level, desk and the deadline if dispatched now. */
export type RoutingSuggestionView = RoutingSuggestion & { leadDepartmentKnown: boolean; leadDepartmentName?: BilingualText };

/**
 * Emergency linkage rides on the same two events, with no alarm event of its own: the duty
 * desk's sound-and-light alarm is `alarmPending(state)` of an urgent case in its replica (it
 * sees the whole district), so it survives a reconnect and one officer's acknowledgeAlarm
 * silences every duty window. A linked department's room gets the case when the plan (or
 * addLinkedDepartment) links it, with its state so far. Plans, previews and the after-action
 * report are HTTP routes: src-shared/emergency/http-contract.ts.
 */
export interface ServerToClientEvents {
  hello: (hello: Hello) => void;
  /** Live events, in sequence order, scoped to what this user may see. */
  'case:events': (batch: EventBatch) => void;
}
