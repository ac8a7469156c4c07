import { isRefusal, refusal, type Refusal } from '../errors';
import type { CasePlace, CaseState } from './case';
import { caseCommandSchema, type CaseCommand, type CommandOf, type CommandType } from './commands';
import type { DecideContext } from './context';
import type { CaseEvent } from './events';
import { categoryOf, deadline, draft, photos, type Draft } from './decide-helpers';
import { ROLE_NAMES, type Actor } from './roles';
import { COMMAND_RULES } from './rules';
import { STAGE_NAMES } from './stages';
import { stateGuard } from './guards';
import { decideOnCase } from './decide-on-case';
import { LINKAGE_COMMAND_TYPES } from './emergency-guards';

/** An event before the store gives it a global sequence number. */
export type NewCaseEvent = CaseEvent;

export type Decision = { ok: true; events: NewCaseEvent[] } | Refusal;

/** Validates untrusted input against the command schemas. */
export function parseCommand(input: unknown): { ok: true; command: CaseCommand } | Refusal {
  const parsed = caseCommandSchema.safeParse(input);
  if (!parsed.success) {
    const detail = parsed.error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.join('.') || '(command)'}: ${issue.message}`)
      .join('; ');
    return refusal('VALIDATION_FAILED', { detail });
  }
  // The schema is built variant by variant from the same payload schemas as CaseCommand.
  return { ok: true, command: parsed.data as unknown as CaseCommand };
}

/**
 * Checks that do not depend on the command's payload: role, stage, department, and the
 * case's own state. Shared by `decide` and `allowedCommands`.
 */
export function checkPermission(state: CaseState | null, type: CommandType, actor: Actor): Refusal | null {
  if (actor.role === 'leader') return refusal('READ_ONLY_ROLE');
  const rule = COMMAND_RULES[type];
  if (!rule.roles.includes(actor.role)) {
    const role = ROLE_NAMES[actor.role];
    return refusal('ROLE_NOT_ALLOWED', { role: role.zh, roleEn: role.en.toLowerCase(), action: rule.name.zh, actionEn: rule.name.en });
  }
  if (rule.from === 'new' || state === null) return null;
  if (!rule.from.includes(state.stage)) {
    const stage = STAGE_NAMES[state.stage];
    return refusal('STAGE_NOT_ALLOWED', { stage: stage.zh, stageEn: stage.en.toLowerCase(), action: rule.name.zh, actionEn: rule.name.en });
  }
  // Linked departments of an emergency act too: their guard (emergency-guards.ts) checks membership.
  if (actor.role === 'department' && !LINKAGE_COMMAND_TYPES.includes(type) && state.leadDepartmentId !== actor.departmentId) {
    return refusal('NOT_YOUR_DEPARTMENT');
  }
  return stateGuard(state, type, actor);
}

/** The commands this person may issue on this case now: what a screen should offer. */
export function allowedCommands(state: CaseState, actor: Actor): CommandType[] {
  return (Object.keys(COMMAND_RULES) as CommandType[]).filter(
    (type) => COMMAND_RULES[type].from !== 'new' && checkPermission(state, type, actor) === null,
  );
}

/**
 * The loop's single decision point: given the case (null if it does not exist yet) and a
 * command, either the events that happen or a refusal. Pure: same input, same answer.
 */
export function decide(state: CaseState | null, input: unknown, ctx: DecideContext): Decision {
  const parsed = parseCommand(input);
  if (!parsed.ok) return parsed;
  const command = parsed.command;
  if (ctx.actor.role === 'leader') return refusal('READ_ONLY_ROLE');
  const creates = COMMAND_RULES[command.type].from === 'new';
  if (creates && state !== null) return refusal('CASE_EXISTS', { caseId: command.caseId });
  if (!creates && state === null) return refusal('CASE_NOT_FOUND', { caseId: command.caseId });
  if (state !== null && command.expectedVersion !== undefined && command.expectedVersion !== state.version) {
    return refusal(
      'VERSION_CONFLICT',
      { current: state.version, expected: command.expectedVersion },
      { currentVersion: state.version, state },
    );
  }
  const denied = checkPermission(state, command.type, ctx.actor);
  if (denied) return denied;

  const drafts = state === null ? decideReport(command as CommandOf<'report'>, ctx) : decideOnCase(state, command, ctx);
  if (!Array.isArray(drafts)) return drafts;
  const fromStage = state?.stage ?? null;
  const baseVersion = state?.version ?? 0;
  const at = ctx.now.toISOString();
  const actor = { userId: ctx.actor.userId, role: ctx.actor.role, ...(ctx.actor.departmentId ? { departmentId: ctx.actor.departmentId } : {}) };
  let stageBefore = fromStage;
  const events = drafts.map((d, i) => {
    const event = {
      seq: 0,
      caseId: command.caseId,
      version: baseVersion + i + 1,
      type: d.type,
      at,
      actor,
      fromStage: stageBefore,
      toStage: d.toStage,
      commandId: command.commandId,
      payload: d.payload,
    } as CaseEvent;
    stageBefore = d.toStage;
    return event;
  });
  return { ok: true, events };
}

/**
 * Where a report is: its grid from the point (point in polygon) or from the grid code, both
 * checked against each other. Exported for the desk's duplicate suggestions, which must find
 * the place exactly as the report will.
 */
export function resolvePlace(p: Pick<CommandOf<'report'>['payload'], 'lon' | 'lat' | 'gridCode' | 'address'>, ctx: Pick<DecideContext, 'district'>): CasePlace | Refusal {
  const hasPoint = p.lon !== undefined && p.lat !== undefined;
  if (!hasPoint && p.gridCode === undefined) return refusal('LOCATION_REQUIRED');
  const given = p.gridCode === undefined ? undefined : ctx.district.gridByCode(p.gridCode);
  if (p.gridCode !== undefined && given === undefined) return refusal('UNKNOWN_GRID', { gridCode: p.gridCode });
  let grid = given;
  if (hasPoint) {
    const located = ctx.district.locate(p.lon as number, p.lat as number);
    if (located === undefined) return refusal('OUTSIDE_DISTRICT', { lon: p.lon as number, lat: p.lat as number });
    if (given !== undefined && located.gridCode !== given.gridCode) {
      return refusal('LOCATION_MISMATCH', { located: located.gridCode, gridCode: given.gridCode });
    }
    grid = located;
  }
  const g = grid as NonNullable<typeof grid>;
  return {
    lon: hasPoint ? (p.lon as number) : g.centroid.lon,
    lat: hasPoint ? (p.lat as number) : g.centroid.lat,
    gridCode: g.gridCode,
    communityCode: g.communityCode,
    streetCode: g.streetCode,
    ...(p.address ? { address: p.address } : {}),
  };
}

function decideReport(command: CommandOf<'report'>, ctx: DecideContext): Draft[] | Refusal {
  const p = command.payload;
  const category = categoryOf(p.categoryCode, ctx);
  if (isRefusal(category)) return category;
  const place = resolvePlace(p, ctx);
  if (isRefusal(place)) return place;
  const urgency = p.urgent === true ? 'urgent' : category.urgency;
  return [
    draft(
      'reported',
      {
        number: p.number,
        categoryCode: category.code,
        kind: category.kind,
        urgency,
        level: category.level,
        channel: p.channel,
        description: p.description,
        place,
        ...(p.componentCode ? { componentCode: p.componentCode } : {}),
        photos: photos(p.photoIds, 'before'),
        hasReporterContact: p.hasReporterContact,
        registerDeadline: deadline(ctx, category, 'register', urgency),
      },
      'reported',
    ),
    // A repeat of an open case is linked in the same decision, so it is never dispatched twice.
    ...(p.duplicateOf ? [draft('linkedAsDuplicate', { primaryCaseId: p.duplicateOf }, 'duplicate')] : []),
  ];
}

