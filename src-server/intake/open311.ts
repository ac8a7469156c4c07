import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { CATEGORIES, categoryByCode } from '../../src-shared/catalog/categories';
import type { CaseState } from '../../src-shared/domain/case';
import type { Actor } from '../../src-shared/domain/roles';
import { refusal } from '../../src-shared/errors';
import type { Locale } from '../../src-shared/i18n-text';
import { HttpAnswer, type ApiRoute } from '../http/server';
import { readFields, validate } from '../http/request-body';
import { fromJson, type SqlValue } from '../store/db';
import { headerValue, isKnownKey } from './callers';
import { optionalNumber, optionalText } from './fields';
import { open311Error, open311Request, open311Service, serviceNotice, type RequestContext } from './open311-format';
import { localeOf } from './open311-format';
import type { IntakeDeps } from './options';
import { ContactStore } from './reporter-contacts';

/**
 * Open311 GeoReport v2 for citizen apps, JSON format, under /open311/v2/. Reports come in
 * through CaseService.report (channel 'app'), so an app report and a supervisor's report of the
 * same thing are linked as duplicates like any other two.
 */

const BASE = '/open311/v2';
/** The channel Open311 reports arrive on, and the only one its public reads show. */
const OPEN311_CHANNEL = 'app';
const MAX_REQUESTS = 1000;
const DEFAULT_WINDOW_MS = 90 * 24 * 3_600_000;
const SUPERVISION_CENTRE = { zh: '东城区网格化城市管理监督中心', en: 'Dongcheng Grid Management Supervision Centre' };

const apiKeySchema = z.object({ api_key: z.string().max(200) });

const postSchema = z.object({
  api_key: z.string(),
  jurisdiction_id: z.string().optional(),
  service_code: z.string().trim().min(1).max(20),
  lat: optionalNumber,
  long: optionalNumber,
  address_string: optionalText(200),
  /** Our address ids are unit-grid codes. */
  address_id: optionalText(14),
  email: optionalText(120),
  device_id: optionalText(120),
  account_id: optionalText(120),
  first_name: optionalText(40),
  last_name: optionalText(40),
  phone: optionalText(32),
  description: optionalText(4000),
  // Not fetched: the service does not download from addresses a client names (SSRF, and the
  // picture would bypass the photo cleaning). Accepted so that clients sending it are not refused.
  media_url: optionalText(2000),
});

const isoInstant = z.iso.datetime({ offset: true });
const listQuerySchema = z.object({
  service_request_id: optionalText(20_000),
  service_code: optionalText(20),
  start_date: isoInstant.optional(),
  end_date: isoInstant.optional(),
  status: z.string().regex(/^(open|closed)(,(open|closed))?$/).optional(),
});

/** Who posted: apps are told apart by a digest of their key, never the key itself. */
function appActor(key: string): Actor {
  return { userId: `open311:${createHash('sha256').update(key).digest('hex').slice(0, 8)}`, role: 'system' };
}

function originOf(request: IncomingMessage, configured: string | undefined): string {
  if (configured) return configured.replace(/\/$/, '');
  return `http://${headerValue(request, 'host') ?? 'localhost'}`;
}

export function open311Routes(deps: IntakeDeps): ApiRoute[] {
  const { service, people, options, logger } = deps;
  const db = service.store.db;
  const contacts = new ContactStore(db);
  const departments = new Map(service.district.district.departments.map((d) => [d.id as string, d]));

  async function requestContext(request: IncomingMessage, locale: Locale, states: readonly CaseState[]): Promise<RequestContext> {
    const primaryIds = [...new Set(states.map((s) => s.duplicateOf).filter((id): id is string => id !== undefined))];
    const primaries = new Map((await service.store.loadCases(primaryIds)).map((s) => [s.id, s.number]));
    return {
      locale,
      categoryOf: categoryByCode,
      departmentOf: (id) => departments.get(id),
      personName: (id) => people.user(id)?.name,
      numberOf: (id) => primaries.get(id),
      origin: originOf(request, options.publicOrigin),
      supervisionCentre: SUPERVISION_CENTRE,
    };
  }

  /**
   * Cases with the instant of their latest event (updated_datetime), newest report first. The
   * reads are public (GeoReport v2 asks no key to read), so they hold only what citizens reported
   * through the apps: never a supervisor's patrol, a 12345 call, a camera alert or a desk report,
   * whose words and places are the centre's, not the public's.
   */
  async function findCases(where: string[], params: SqlValue[]): Promise<{ state: CaseState; updatedAt: string }[]> {
    const rows = await db.all<{ state: unknown; updated_at: string | null }>(
      `SELECT c.state AS state, e.at AS updated_at FROM cases c LEFT JOIN case_events e ON e.seq = c.last_seq
       WHERE c.channel = ? AND ${where.length ? where.join(' AND ') : '1 = 1'} ORDER BY c.reported_at DESC, c.number DESC LIMIT ?`,
      [OPEN311_CHANNEL, ...params, MAX_REQUESTS],
    );
    return rows.map((r) => {
      const state = fromJson<CaseState>(r.state);
      return { state, updatedAt: r.updated_at ?? state.reportedAt };
    });
  }

  async function answerRequests(request: IncomingMessage, locale: Locale, found: { state: CaseState; updatedAt: string }[]) {
    const ctx = await requestContext(request, locale, found.map((f) => f.state));
    return found.map((f) => open311Request(f.state, f.updatedAt, ctx));
  }

  return [
    {
      method: 'GET',
      path: `${BASE}/services.json`,
      answer: (_request, { query }) => CATEGORIES.map((c) => open311Service(c, localeOf(query))),
    },
    {
      method: 'GET',
      path: `${BASE}/services/:code.json`,
      answer(_request, { params, query }) {
        const locale = localeOf(query);
        const category = categoryByCode(params['code'] as string);
        if (!category) return open311Error(refusal('SERVICE_NOT_FOUND', { serviceCode: params['code'] as string }), locale);
        // Without attributes (metadata false) the definition has only the code and no attributes.
        return { service_code: category.code, attributes: [] };
      },
    },
    {
      method: 'POST',
      path: `${BASE}/requests.json`,
      async answer(request, { query }) {
        const locale = localeOf(query);
        const body = await readFields(request, ['form', 'json'], 64 * 1024);
        if (!body.ok) return open311Error(body, locale);
        // The key is checked first: an app without a valid key learns nothing about the rest.
        const key = apiKeySchema.safeParse(body.value).data?.api_key;
        if (key === undefined || !isKnownKey(key, options.open311ApiKeys)) return open311Error(refusal('API_KEY_INVALID'), locale);
        const fields = validate(postSchema, body.value);
        if (!fields.ok) return open311Error(fields, locale);
        const f = fields.value;
        const hasPoint = f.lat !== undefined && f.long !== undefined;
        if (!hasPoint && f.address_id === undefined) {
          // We do not geocode free-text addresses: say so instead of guessing a place.
          return open311Error(refusal('LOCATION_REQUIRED'), locale);
        }
        const category = categoryByCode(f.service_code);
        if (!category) return open311Error(refusal('UNKNOWN_CATEGORY', { categoryCode: f.service_code }), locale);
        const name = [f.first_name, f.last_name].filter(Boolean).join(' ');
        const contact = { ...(name ? { name } : {}), ...(f.phone ? { phone: f.phone } : {}), ...(f.email ? { email: f.email } : {}) };
        const hasContact = Object.keys(contact).length > 0;
        const answer = await service.report(
          {
            categoryCode: category.code,
            channel: OPEN311_CHANNEL,
            description: f.description ?? category.name.zh,
            ...(hasPoint ? { lon: f.long as number, lat: f.lat as number } : {}),
            ...(f.address_id ? { gridCode: f.address_id } : {}),
            ...(f.address_string ? { address: f.address_string } : {}),
            photoIds: [],
            hasReporterContact: hasContact,
          },
          appActor(key),
        );
        if (!answer.ok) return open311Error(answer, locale);
        if (hasContact) await contacts.save(answer.state.id, { ...contact, source: 'open311' });
        const primary = answer.state.duplicateOf ? (await service.store.loadCase(answer.state.duplicateOf))?.number : undefined;
        const notice = primary
          ? locale === 'en'
            ? `Already reported as request ${primary}: merged into it`
            : `该问题已有诉求 ${primary}，已合并处理`
          : serviceNotice(category, locale);
        logger.info({ number: answer.state.number, duplicateOf: primary }, 'open311 request');
        return HttpAnswer.json(200, [{ service_request_id: answer.state.number, service_notice: notice, account_id: null }]);
      },
    },
    {
      method: 'GET',
      path: `${BASE}/requests.json`,
      async answer(request, { query }) {
        const locale = localeOf(query);
        const parsed = validate(listQuerySchema, Object.fromEntries(query));
        if (!parsed.ok) return open311Error(parsed, locale);
        const q = parsed.value;
        const where: string[] = [];
        const params: SqlValue[] = [];
        const ids = q.service_request_id?.split(',').map((id) => id.trim()).filter(Boolean) ?? [];
        if (ids.length > 0) {
          // Per the spec, a list of ids overrides every other filter.
          where.push(`c.number IN (${ids.map(() => '?').join(',')})`);
          params.push(...ids.slice(0, MAX_REQUESTS));
        } else {
          const end = q.end_date ? new Date(q.end_date) : service.now();
          const start = q.start_date ? new Date(q.start_date) : new Date(end.getTime() - DEFAULT_WINDOW_MS);
          where.push('c.reported_at >= ?', 'c.reported_at <= ?');
          params.push(start.toISOString(), end.toISOString());
          if (q.service_code) {
            where.push('c.category_code = ?');
            params.push(q.service_code);
          }
          const statuses = new Set(q.status?.split(',') ?? []);
          if (statuses.size === 1) {
            where.push('c.is_open = ?');
            params.push(statuses.has('open') ? 1 : 0);
          }
        }
        return answerRequests(request, locale, await findCases(where, params));
      },
    },
    {
      method: 'GET',
      path: `${BASE}/requests/:id.json`,
      async answer(request, { params, query }) {
        const locale = localeOf(query);
        const id = params['id'] as string;
        const found = await findCases(['c.number = ?'], [id]);
        if (found.length === 0) return open311Error(refusal('REQUEST_NOT_FOUND', { requestId: id }), locale);
        return answerRequests(request, locale, found);
      },
    },
  ];
}
