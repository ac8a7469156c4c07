import { REVEAL_ROLES } from '../../src-shared/personal-data';
import { z } from 'zod';
import type { Actor } from '../../src-shared/domain/roles';
import { ROLE_NAMES } from '../../src-shared/domain/roles';
import { refusal } from '../../src-shared/errors';
import { maskContact, type ReporterContact } from '../../src-shared/personal-data';
import type { ApiRoute } from '../http/server';
import { readValidated } from '../http/request-body';
import { inScope } from '../store/case-store';
import type { Database } from '../store/db';
import { scopeOf } from '../service/people';
import { authenticatePerson, originOf } from './callers';
import { refusalAnswer } from './http-status';
import type { IntakeDeps } from './options';

/**
 * Reporters' contacts live apart from the case (never in its state or events, which every
 * screen and the event log see). Screens get them masked; the clear text goes only to the
 * roles that call citizens back, with a stated reason, and every look is written to access_log.
 */

/** Who calls a reporter back: the intake operator, the dispatcher, the duty officer. */

export class ContactStore {
  constructor(private readonly db: Database) {}

  /** The first contact given for a case stays: a retried hand-off must not overwrite it. */
  async save(caseId: string, contact: ReporterContact): Promise<void> {
    const verb = this.db.dialect === 'postgres' ? 'INSERT' : 'INSERT OR IGNORE';
    const tail = this.db.dialect === 'postgres' ? ' ON CONFLICT (case_id) DO NOTHING' : '';
    await this.db.run(`${verb} INTO reporter_contacts (case_id, name, phone, email, source) VALUES (?, ?, ?, ?, ?)${tail}`, [
      caseId,
      contact.name ?? null,
      contact.phone ?? null,
      contact.email ?? null,
      contact.source,
    ]);
  }

  async load(caseId: string): Promise<ReporterContact | undefined> {
    const row = await this.db.get<{ name: string | null; phone: string | null; email: string | null; source: string }>(
      'SELECT name, phone, email, source FROM reporter_contacts WHERE case_id = ?',
      [caseId],
    );
    if (!row) return undefined;
    return { source: row.source, ...(row.name ? { name: row.name } : {}), ...(row.phone ? { phone: row.phone } : {}), ...(row.email ? { email: row.email } : {}) };
  }

  async logAccess(entry: { at: Date; actor: Actor; caseId: string; action: string; detail: string }): Promise<void> {
    await this.db.run('INSERT INTO access_log (at, user_id, role, case_id, action, detail) VALUES (?, ?, ?, ?, ?, ?)', [
      entry.at.toISOString(),
      entry.actor.userId,
      entry.actor.role,
      entry.caseId,
      entry.action,
      entry.detail,
    ]);
  }
}

const revealSchema = z.object({ reason: z.string().trim().min(2).max(200) });

export function reporterContactRoutes(deps: IntakeDeps): ApiRoute[] {
  const { service, people } = deps;
  const contacts = new ContactStore(service.store.db);

  /** The case if this person may see it; department handlers see only their department's. */
  async function visibleCase(caseId: string, user: Parameters<typeof scopeOf>[0]) {
    const state = await service.store.loadCase(caseId);
    return state && inScope(state, scopeOf(user)) ? state : undefined;
  }

  return [
    {
      method: 'GET',
      path: '/api/cases/:id/reporter',
      async answer(request, { params, query }) {
        const who = await authenticatePerson(request, query, people);
        if (!who.ok) return refusalAnswer(who);
        const caseId = params['id'] as string;
        const state = await visibleCase(caseId, who.user);
        if (!state) return refusalAnswer(refusal('CASE_NOT_FOUND', { caseId }));
        const contact = await contacts.load(caseId);
        return { ok: true, caseId, contact: contact ? maskContact(contact) : null };
      },
    },
    {
      method: 'POST',
      path: '/api/cases/:id/reporter/reveal',
      async answer(request, { params, query }) {
        const who = await authenticatePerson(request, query, people);
        if (!who.ok) return refusalAnswer(who);
        const body = await readValidated(request, revealSchema, ['json', 'form'], 4096);
        if (!body.ok) return refusalAnswer(body);
        const caseId = params['id'] as string;
        const state = await visibleCase(caseId, who.user);
        if (!state) return refusalAnswer(refusal('CASE_NOT_FOUND', { caseId }));
        const actor: Actor = { userId: who.user.id, role: who.user.role, ...(who.user.departmentId ? { departmentId: who.user.departmentId } : {}) };
        const at = service.now();
        if (!REVEAL_ROLES.includes(who.user.role)) {
          // A refused attempt is worth as much to an auditor as a granted one.
          await contacts.logAccess({ at, actor, caseId, action: 'reveal-reporter-refused', detail: body.value.reason });
          await people.accounts?.audit({ actorId: actor.userId, action: 'reveal-reporter-contact-refused', target: caseId, detail: { role: actor.role, reason: body.value.reason }, origin: originOf(request) });
          const role = ROLE_NAMES[who.user.role];
          return refusalAnswer(refusal('REVEAL_NOT_ALLOWED', { role: role.zh, roleEn: role.en.toLowerCase() }));
        }
        const contact = await contacts.load(caseId);
        if (!contact) return refusalAnswer(refusal('NO_REPORTER_CONTACT', { caseId }));
        // Logged before it is shown: if the log cannot be written, nothing is revealed.
        await contacts.logAccess({ at, actor, caseId, action: 'reveal-reporter', detail: body.value.reason });
        await people.accounts?.audit({ actorId: actor.userId, action: 'reveal-reporter-contact', target: caseId, detail: { role: actor.role, reason: body.value.reason }, origin: originOf(request) });
        deps.logger.info({ caseId, userId: actor.userId, role: actor.role }, 'reporter contact revealed');
        return { ok: true, caseId, contact };
      },
    },
  ];
}
