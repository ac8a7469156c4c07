import type { Category } from '../catalog/category-types';
import { refusal, type Refusal } from '../errors';
import type { CaseState, PhotoRef } from './case';
import { effectiveLimit, type DecideContext } from './context';
import type { CaseEventType, EventPayloads } from './events';
import type { Stage } from './stages';

/** An event as a command handler proposes it, before the envelope is added. */
export interface Draft {
  type: CaseEventType;
  payload: EventPayloads[CaseEventType];
  toStage: Stage;
}

export function draft<T extends CaseEventType>(type: T, payload: EventPayloads[T], toStage: Stage): Draft {
  return { type, payload, toStage };
}

export function categoryOf(code: string, ctx: DecideContext): Category | Refusal {
  return ctx.categories.byCode(code) ?? refusal('UNKNOWN_CATEGORY', { categoryCode: code });
}

export function photos(ids: string[], phase: PhotoRef['phase']): PhotoRef[] {
  return ids.map((id) => ({ id, phase }));
}

/** The deadline of a link, from the category's limit and the working-hours calendar. */
export function deadline(
  ctx: DecideContext,
  category: Category,
  link: keyof Category['limits'],
  urgency: CaseState['urgency'],
  from: Date = ctx.now,
): string {
  return ctx.calendar.addLimit(from, effectiveLimit(category.limits[link], urgency)).toISOString();
}

/** Whether an action at `now` comes after the link's deadline. */
export function isLate(state: CaseState, link: keyof CaseState['deadlines'], now: Date): boolean {
  const due = state.deadlines[link];
  return due !== undefined && now.getTime() > Date.parse(due);
}
