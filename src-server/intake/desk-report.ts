import { reportRequestSchema } from '../../src-shared/contract/socket';
import type { Actor } from '../../src-shared/domain/roles';
import { refusal } from '../../src-shared/errors';
import type { CaseService, CommandAnswer } from '../service/case-service';
import { ContactStore } from './reporter-contacts';

/** Where a contact keyed in at a desk came from (CONTACT_SOURCE_NAMES says it in words). */
export const DESK_CONTACT_SOURCE = 'intake-desk';

/**
 * A report keyed in at a desk (`case:report`): a phone call or a walk-in typed by the intake
 * operator. Like the 12345 hand-off it goes through CaseService.report (numbering, duplicate
 * linking at intake) and the caller goes to reporter_contacts, apart from the case, saved on
 * every accepted answer (a retry of a report whose contact was lost still stores it).
 * Photos were uploaded before (POST /api/photos, pending, by the same person); the commit
 * attaches the ones the report names.
 */
export async function reportFromDesk(service: CaseService, request: unknown, actor: Actor): Promise<CommandAnswer> {
  const parsed = reportRequestSchema.safeParse(request);
  if (!parsed.success) return refusal('VALIDATION_FAILED', { detail: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
  const { commandId, payload, caller } = parsed.data;
  const contact = {
    ...(caller?.name ? { name: caller.name } : {}),
    ...(caller?.phone ? { phone: caller.phone } : {}),
  };
  const hasContact = Object.keys(contact).length > 0;
  const answer = await service.report({ ...payload, hasReporterContact: hasContact }, actor, commandId);
  // Only onto this person's own report: a command id of someone else's replays their answer, and
  // must not put a caller onto their case.
  const ownReport = answer.ok && answer.events.some((e) => e.type === 'reported' && e.actor.userId === actor.userId);
  if (ownReport && hasContact) await new ContactStore(service.store.db).save(answer.state.id, { ...contact, source: DESK_CONTACT_SOURCE });
  return answer;
}
