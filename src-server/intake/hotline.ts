import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { ROLE_NAMES, type Actor } from '../../src-shared/domain/roles';
import { refusal, type Refusal } from '../../src-shared/errors';
import type { ApiRoute } from '../http/server';
import { readValidated } from '../http/request-body';
import { actorOf, type People } from '../service/people';
import { authenticatePerson, derivedCommandId, headerValue, isKnownKey } from './callers';
import { externalId, optionalNumber, optionalText, requiredText } from './fields';
import { refusalAnswer, reportAnswer } from './http-status';
import type { IntakeDeps } from './options';
import { ContactStore } from './reporter-contacts';

/**
 * 12345 hand-off: the city hotline forwards a citizen's call. The caller's name and phone go
 * to reporter_contacts, never into the case or its events; the ticket id makes the command id,
 * so the hotline system may resend a ticket as often as its retry policy likes: one case.
 */

/** Hotline calls that fit no kind go to 其他事件 (the street office sorts them out). */
export const HOTLINE_FALLBACK_CATEGORY = 'E0603';
export const HOTLINE_SOURCE = 'hotline-12345';
/** The actor recorded when the hotline system itself hands a ticket over. */
export const HOTLINE_ACTOR: Actor = { userId: 'hotline-12345', role: 'system' };

const hotlineSchema = z.object({
  ticketId: externalId,
  categoryCode: optionalText(10),
  description: requiredText(2000),
  location: z.object({
    lon: optionalNumber,
    lat: optionalNumber,
    gridCode: optionalText(14),
    address: optionalText(200),
  }),
  caller: z
    .object({
      name: optionalText(50),
      phone: z.preprocess((v) => (v === '' ? undefined : v), z.string().trim().regex(/^\+?[\d\s()-]{3,32}$/).optional()),
    })
    .optional(),
});

/** The hotline system by its key, or an intake operator keying a call in by hand. */
async function hotlineCaller(request: IncomingMessage, query: URLSearchParams, people: People, keys: readonly string[]): Promise<{ ok: true; actor: Actor } | Refusal> {
  const key = headerValue(request, 'x-api-key');
  if (key !== undefined) return isKnownKey(key, keys) ? { ok: true, actor: HOTLINE_ACTOR } : refusal('API_KEY_INVALID');
  const who = await authenticatePerson(request, query, people);
  if (!who.ok) return who;
  if (who.user.role !== 'intake') {
    const role = ROLE_NAMES[who.user.role];
    return refusal('ROLE_NOT_ALLOWED', { role: role.zh, roleEn: role.en.toLowerCase(), action: '转交热线工单', actionEn: 'hand over hotline tickets' });
  }
  return { ok: true, actor: actorOf(who.user) };
}

export function hotlineRoutes(deps: IntakeDeps): ApiRoute[] {
  const { service, people, options, logger } = deps;
  const contacts = new ContactStore(service.store.db);
  return [
    {
      method: 'POST',
      path: '/api/intake/hotline',
      async answer(request, { query }) {
        const caller = await hotlineCaller(request, query, people, options.hotlineApiKeys);
        if (!caller.ok) {
          request.resume();
          return refusalAnswer(caller);
        }
        const body = await readValidated(request, hotlineSchema, ['json'], 64 * 1024);
        if (!body.ok) return refusalAnswer(body);
        const t = body.value;
        const contact = {
          ...(t.caller?.name ? { name: t.caller.name } : {}),
          ...(t.caller?.phone ? { phone: t.caller.phone } : {}),
        };
        const hasContact = Object.keys(contact).length > 0;
        const answer = await service.report(
          {
            categoryCode: t.categoryCode ?? HOTLINE_FALLBACK_CATEGORY,
            channel: 'hotline',
            description: t.description,
            ...(t.location.lon !== undefined ? { lon: t.location.lon } : {}),
            ...(t.location.lat !== undefined ? { lat: t.location.lat } : {}),
            ...(t.location.gridCode ? { gridCode: t.location.gridCode } : {}),
            ...(t.location.address ? { address: t.location.address } : {}),
            photoIds: [],
            hasReporterContact: hasContact,
          },
          caller.actor,
          derivedCommandId('hotline', t.ticketId),
        );
        // Saved on every accepted answer, retries included: if the first attempt died after the
        // case was committed, the resend still stores the contact (the first one stored wins).
        if (answer.ok && hasContact) await contacts.save(answer.state.id, { ...contact, source: HOTLINE_SOURCE });
        logger.info({ ticketId: t.ticketId, ok: answer.ok, code: answer.ok ? undefined : answer.code, replayed: answer.ok && answer.duplicate === true }, 'hotline hand-off');
        return reportAnswer(answer);
      },
    },
  ];
}
