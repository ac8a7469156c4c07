import type { ApiRoute } from '../http/server';
import { HttpAnswer } from '../http/server';
import { authenticatePerson } from '../intake/callers';
import { refusalAnswer } from '../intake/http-status';
import type { CaseService } from '../service/case-service';
import { scopeOf, type People } from '../service/people';
import { RECENTLY_ENDED_MS } from '../../src-shared/sync/case-replica';

/**
 * `GET /api/cases/snapshot`: a window's first load over plain HTTP — the cases it may see and
 * the sequence number they are valid at — streamed from the stored JSON text. Live events and
 * every later resync come over the socket (`case:sync` since that number).
 */
export function snapshotRoutes(service: CaseService, people: People): ApiRoute[] {
  return [
    {
      method: 'GET',
      path: '/api/cases/snapshot',
      async answer(request, { query }) {
        const who = await authenticatePerson(request, query, people);
        if (!who.ok) return refusalAnswer(who);
        // The number first: events after it may already be in the set; the window skips them by version.
        const seq = await service.store.headSeq();
        const endedSince = new Date(service.now().getTime() - RECENTLY_ENDED_MS).toISOString();
        const cases = await service.store.workingSetJson(scopeOf(who.user), endedSince);
        const body = `{"ok":true,"kind":"snapshot","seq":${seq},"cases":${cases}}`;
        return HttpAnswer.bytes(200, Buffer.from(body), 'application/json; charset=utf-8', { 'cache-control': 'no-store' });
      },
    },
  ];
}
