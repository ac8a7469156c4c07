import { refusal } from '../../src-shared/errors';
import { HttpAnswer, type ApiRoute } from '../http/server';
import { readFields } from '../http/request-body';
import { authenticatePerson, bearerToken, originOf } from '../intake/callers';
import { refusalAnswer } from '../intake/http-status';
import type { People } from '../service/people';
import type { Accounts } from './accounts';
import { auditCsv } from './audit';

export const SESSION_ROUTES = { session: '/api/session', audit: '/api/audit' } as const;

/**
 * Sign-in and sign-out over HTTP (the same for the web desk and the Electron desk), and the audit
 * log for administrators.
 */
export function accountRoutes(accounts: Accounts, people: People): ApiRoute[] {
  return [
    {
      method: 'POST',
      path: SESSION_ROUTES.session,
      async answer(request) {
        const body = await readFields(request, ['json', 'form'], 4096);
        if (!body.ok) return refusalAnswer(body);
        const answer = await accounts.signIn(body.value, originOf(request));
        // A token must not be cached by anything between the desk and the service.
        return answer.ok ? HttpAnswer.json(201, answer, { 'cache-control': 'no-store' }) : refusalAnswer(answer);
      },
    },
    {
      method: 'DELETE',
      path: SESSION_ROUTES.session,
      async answer(request) {
        const token = bearerToken(request);
        if (token === undefined) return refusalAnswer(refusal('NOT_AUTHENTICATED'));
        const answer = await accounts.signOut(token, originOf(request));
        return answer.ok ? answer : refusalAnswer(answer);
      },
    },
    {
      method: 'GET',
      path: SESSION_ROUTES.audit,
      async answer(request, { query }) {
        const who = await authenticatePerson(request, query, people);
        if (!who.ok) return refusalAnswer(who);
        if (who.user.role !== 'admin') return refusalAnswer(refusal('ADMIN_ONLY', { action: '查看审计日志', actionEn: 'read the audit log' }));
        const read = await accounts.readAudit(Object.fromEntries(query));
        if (!read.ok) return refusalAnswer(read);
        // Reading the log is itself worth recording: who looked at whose sign-ins.
        await accounts.audit({ actorId: who.user.id, action: 'audit-read', target: null, detail: { since: query.get('since'), until: query.get('until'), rows: read.entries.length }, origin: originOf(request) });
        if (read.format === 'csv') {
          const csv = new TextEncoder().encode(`\uFEFF${auditCsv(read.entries)}`);
          return HttpAnswer.bytes(200, csv, 'text/csv; charset=utf-8', { 'content-disposition': 'attachment; filename="audit-log.csv"', 'cache-control': 'no-store' });
        }
        return HttpAnswer.json(200, { ok: true, entries: read.entries }, { 'cache-control': 'no-store' });
      },
    },
  ];
}
