import { z } from 'zod';
import type { CaseState } from '../domain/case';
import type { CaseEvent } from '../domain/events';
import { refusal, type Refusal } from '../errors';
import { bucketKey, bucketRange } from '../kpi/board';

/**
 * The briefing replay (大屏复盘): a past day of the district, from the event log. The service
 * answers `GET /api/replay/:day` with the cases as they stood when the day began (Beijing time)
 * and the day's first page of events in sequence order; `GET /api/replay/:day/events?after=<seq>`
 * gives the next pages. A window plays them into its own CaseReplica, never the live one.
 *
 * Why pages: a simulated day at Chaoyang's rate (≈ 4,700 reports) is ≈ 35,000 events, tens of
 * megabytes of JSON; the first page lets the replay start at once and the rest follows while it
 * plays (test/bench/replay-day.bench.ts measures it).
 */

/** Speeds a leader picks from: an hour a minute, ten hours a minute, a day in 24 seconds. */
export const REPLAY_SPEEDS = [60, 600, 3600] as const;
export type ReplaySpeed = (typeof REPLAY_SPEEDS)[number];

/** Events per page: about 3 MB of JSON, a few seconds of play at the fastest speed. */
export const REPLAY_PAGE_EVENTS = 5_000;

/** A Beijing calendar date, as the day picker gives it. */
export const replayDaySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'the day must be written YYYY-MM-DD')
  // Date.parse rolls 02-30 over to 03-02 and gives NaN for month 13: both are not days.
  .refine((day) => {
    const start = Date.parse(`${day}T00:00:00+08:00`);
    return Number.isFinite(start) && beijingDayOf(new Date(start)) === day;
  }, 'no such calendar day');

export const replayPageSchema = z.object({
  /** The last sequence number already received; the page starts after it. */
  after: z.coerce.number().int().nonnegative(),
  limit: z.coerce.number().int().positive().max(REPLAY_PAGE_EVENTS).default(REPLAY_PAGE_EVENTS),
});

/** The instants a Beijing day covers: [from, to), 00:00 to 24:00 at UTC+8. */
export function beijingDayRange(day: string): { from: string; to: string } {
  return bucketRange(day, 'day');
}

/** The Beijing date of an instant ('2026-03-10'). */
export function beijingDayOf(instant: Date | string): string {
  return bucketKey(typeof instant === 'string' ? instant : instant.toISOString(), 'day');
}

/** The day before, as the day picker's default: yesterday's full day. */
export function dayBefore(day: string): string {
  return beijingDayOf(new Date(Date.parse(beijingDayRange(day).from) - 1));
}

/**
 * Whether a day can be replayed at `now`: a real date that has begun. Today replays up to now
 * (`until`); a past day to its end. The one rule the service and the day picker share.
 */
export function replayableDay(day: unknown, now: Date): ({ ok: true; day: string; until: string } & { from: string; to: string }) | Refusal {
  const parsed = replayDaySchema.safeParse(day);
  if (!parsed.success) return refusal('VALIDATION_FAILED', { detail: `day ${String(day).slice(0, 20)}: ${parsed.error.issues[0]?.message ?? 'invalid'}` });
  const range = beijingDayRange(parsed.data);
  if (Date.parse(range.from) > now.getTime()) {
    return refusal('VALIDATION_FAILED', { detail: `day ${parsed.data} has not begun yet (today is ${beijingDayOf(now)}, Beijing time)` });
  }
  const until = new Date(Math.min(Date.parse(range.to), now.getTime())).toISOString();
  return { ok: true, day: parsed.data, ...range, until };
}

/** The first answer: where the day stands, the cases at its start, and the first page. */
export interface ReplayDay {
  ok: true;
  day: string;
  /** The day's instants [from, to) and how far it has happened (to, or now for today). */
  from: string;
  to: string;
  until: string;
  /** The cases this person may see as they stood at `from`: open then, or touched during the day. */
  cases: CaseState[];
  /** Events of the day the person may see, in sequence order (this page). */
  events: CaseEvent[];
  /** How many events of the day the person may see, over every page. */
  totalEvents: number;
  /** The `after` for the next page, or null when this was the last. */
  next: number | null;
}

export interface ReplayPage {
  ok: true;
  events: CaseEvent[];
  next: number | null;
}
