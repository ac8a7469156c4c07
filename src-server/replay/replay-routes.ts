import { REPLAY_PAGE_EVENTS, replayableDay, replayPageSchema, type ReplayDay, type ReplayPage } from '../../src-shared/contract/replay';
import { refusal } from '../../src-shared/errors';
import type { ApiRoute } from '../http/server';
import { HttpAnswer } from '../http/server';
import { authenticatePerson } from '../intake/callers';
import { refusalAnswer } from '../intake/http-status';
import type { CaseService } from '../service/case-service';
import { scopeOf, type People } from '../service/people';
import { countEventsInSeqRange, daySeqRange, eventsInSeqRange } from '../store/case-queries';
import { statesAtDayStart } from './day-start';

/** The next page's `after`: the last seq of a full page, none when the page ran short. */
function nextAfter(events: readonly { seq: number }[], limit: number): number | null {
  return events.length === limit ? (events.at(-1)?.seq ?? null) : null;
}

/**
 * The briefing replay over HTTP (src-shared/contract/replay.ts): `GET /api/replay/:day` gives the
 * cases as they stood at the day's start and the first page of the day's events;
 * `GET /api/replay/:day/events?after=<seq>` the next pages. What a person gets is scoped as their
 * snapshot is (a department its cases, a supervisor their grids), by the cases' current state.
 * Plain GETs, not a socket event: a day is megabytes, paged, and the browser parses JSON natively.
 */
export function replayRoutes(service: CaseService, people: People): ApiRoute[] {
  const json = (body: ReplayDay | ReplayPage) => HttpAnswer.json(200, body, { 'cache-control': 'no-store' });
  return [
    {
      method: 'GET',
      path: '/api/replay/:day',
      async answer(request, { params, query }) {
        const who = await authenticatePerson(request, query, people);
        if (!who.ok) return refusalAnswer(who);
        const day = replayableDay(params['day'], service.now());
        if (!day.ok) return refusalAnswer(day);
        const scope = scopeOf(who.user);
        const db = service.store.db;
        const range = await daySeqRange(db, day.from, day.to);
        const [cases, events, totalEvents] = await Promise.all([
          statesAtDayStart(db, range, day, scope),
          eventsInSeqRange(db, range.first - 1, range.last, REPLAY_PAGE_EVENTS, scope),
          countEventsInSeqRange(db, range, scope),
        ]);
        return json({ ok: true, day: day.day, from: day.from, to: day.to, until: day.until, cases, events, totalEvents, next: nextAfter(events, REPLAY_PAGE_EVENTS) });
      },
    },
    {
      method: 'GET',
      path: '/api/replay/:day/events',
      async answer(request, { params, query }) {
        const who = await authenticatePerson(request, query, people);
        if (!who.ok) return refusalAnswer(who);
        const day = replayableDay(params['day'], service.now());
        if (!day.ok) return refusalAnswer(day);
        const page = replayPageSchema.safeParse({ after: query.get('after') ?? undefined, limit: query.get('limit') ?? undefined });
        if (!page.success) return refusalAnswer(refusal('VALIDATION_FAILED', { detail: page.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') }));
        const range = await daySeqRange(service.store.db, day.from, day.to);
        // Only the day's own events, whatever `after` says.
        const after = Math.max(page.data.after, range.first - 1);
        const events = await eventsInSeqRange(service.store.db, after, range.last, page.data.limit, scopeOf(who.user));
        return json({ ok: true, events, next: nextAfter(events, page.data.limit) });
      },
    },
  ];
}
