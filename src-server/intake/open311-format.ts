import { WORKING_DAY_MINUTES, WORKING_HOUR_MINUTES } from '../../src-shared/catalog/categories';
import type { Category, TimeLimit } from '../../src-shared/catalog/category-types';
import type { Department } from '../../src-shared/district/types';
import type { CaseState } from '../../src-shared/domain/case';
import { ROLE_NAMES } from '../../src-shared/domain/roles';
import { isOpenStage, STAGE_NAMES } from '../../src-shared/domain/stages';
import type { ErrorCode, Refusal } from '../../src-shared/errors';
import { textIn, type BilingualText, type Locale } from '../../src-shared/i18n-text';
import { HttpAnswer } from '../http/server';
import { httpStatusOf } from './http-status';

/**
 * Our cases in the shapes of Open311 GeoReport v2 (wiki.open311.org/GeoReport_v2): services
 * are catalog categories, service requests are cases (service_request_id = the case number a
 * citizen can quote on the phone), errors are `[{ code, description }]`.
 */

export interface Open311Service {
  service_code: string;
  service_name: string;
  description: string;
  metadata: false;
  type: 'realtime';
  keywords: string;
  group: string;
}

export interface Open311Request {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string | null;
  service_name: string | null;
  service_code: string;
  description: string;
  agency_responsible: string | null;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
  address: string | null;
  address_id: string;
  zipcode: null;
  lat: number;
  long: number;
  media_url: string | null;
}

export function localeOf(query: URLSearchParams): Locale {
  return query.get('locale')?.toLowerCase().startsWith('en') ? 'en' : 'zh-CN';
}

/** "4 工作小时" / "4 working hours", "2 小时" / "2 hours", "1 工作日" / "1 working day". */
export function limitText(limit: TimeLimit, locale: Locale): string {
  const working = limit.clock === 'working';
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (working && limit.minutes % WORKING_DAY_MINUTES === 0) {
    const days = limit.minutes / WORKING_DAY_MINUTES;
    return locale === 'en' ? plural(days, 'working day') : `${days} 个工作日`;
  }
  if (limit.minutes % WORKING_HOUR_MINUTES === 0) {
    const hours = limit.minutes / WORKING_HOUR_MINUTES;
    if (locale === 'en') return plural(hours, working ? 'working hour' : 'hour');
    return `${hours} ${working ? '工作小时' : '小时'}`;
  }
  return locale === 'en' ? plural(limit.minutes, working ? 'working minute' : 'minute') : `${limit.minutes} ${working ? '工作分钟' : '分钟'}`;
}

/** FixMyStreet's lesson: show the expected response time per category. */
export function serviceNotice(category: Category, locale: Locale): string {
  const limit = limitText(category.limits.handle, locale);
  return locale === 'en' ? `Handled within ${limit} once dispatched` : `派遣后 ${limit} 内处置`;
}

export function open311Service(category: Category, locale: Locale): Open311Service {
  return {
    service_code: category.code,
    service_name: textIn(category.name, locale),
    description: serviceNotice(category, locale),
    metadata: false,
    type: 'realtime',
    keywords: [textIn(category.name, locale), category.kind === 'component' ? (locale === 'en' ? 'component' : '部件') : locale === 'en' ? 'event' : '事件'].join(','),
    group: textIn(category.className, locale),
  };
}

/** What the request mapping needs besides the case itself. */
export interface RequestContext {
  locale: Locale;
  categoryOf(code: string): Category | undefined;
  departmentOf(id: string): Department | undefined;
  personName(userId: string): string | undefined;
  /** Case id → case number, for duplicates' "merged into request X". */
  numberOf(caseId: string): string | undefined;
  /** Base of photo links, e.g. http://127.0.0.1:5178 */
  origin: string;
  /** Before dispatch the supervision centre holds the case. */
  supervisionCentre: BilingualText;
}

function statusNotes(s: CaseState, ctx: RequestContext): string | null {
  const en = ctx.locale === 'en';
  if (s.stage === 'rejected' && s.rejection) {
    const role = ROLE_NAMES.intake;
    const who = `${ctx.personName(s.rejection.by) ?? s.rejection.by}${en ? ', ' : '，'}${textIn(role, ctx.locale)}`;
    return en ? `Rejected by ${who}: ${s.rejection.reason}` : `不予立案（${who}）：${s.rejection.reason}`;
  }
  if (s.stage === 'duplicate' && s.duplicateOf) {
    const primary = ctx.numberOf(s.duplicateOf) ?? s.duplicateOf;
    return en ? `Merged into request ${primary}` : `已合并至诉求 ${primary}`;
  }
  if (s.stage === 'closed' && s.result) return en ? `Closed: ${s.result}` : `已结案：${s.result}`;
  return textIn(STAGE_NAMES[s.stage], ctx.locale);
}

export function open311Request(s: CaseState, updatedAt: string, ctx: RequestContext): Open311Request {
  const category = ctx.categoryOf(s.categoryCode);
  const lead = s.leadDepartmentId ? ctx.departmentOf(s.leadDepartmentId) : undefined;
  const agency = lead ? textIn(lead.name, ctx.locale) : s.leadDepartmentId ?? textIn(ctx.supervisionCentre, ctx.locale);
  const photo = s.photos.find((p) => p.phase === 'before') ?? s.photos[0];
  return {
    service_request_id: s.number,
    status: isOpenStage(s.stage) ? 'open' : 'closed',
    status_notes: statusNotes(s, ctx),
    service_name: category ? textIn(category.name, ctx.locale) : null,
    service_code: s.categoryCode,
    description: s.description,
    agency_responsible: agency,
    service_notice: category ? serviceNotice(category, ctx.locale) : null,
    requested_datetime: s.reportedAt,
    updated_datetime: updatedAt,
    // The department's promise exists only once it has the case.
    expected_datetime: s.dispatchedAt ? (s.deadlines.handle ?? null) : null,
    address: s.place.address ?? null,
    // Our address ids are unit-grid codes (单元网格): the unit every Chinese city addresses work by.
    address_id: s.place.gridCode,
    zipcode: null,
    lat: s.place.lat,
    long: s.place.lon,
    media_url: photo ? `${ctx.origin}/api/photos/${photo.id}` : null,
  };
}

/** Open311 speaks three refusal statuses: 400 bad request, 403 key, 404 unknown; plus our 500. */
export function open311Status(code: ErrorCode): 400 | 403 | 404 | 500 {
  const status = httpStatusOf(code);
  if (status === 401 || status === 403) return 403;
  if (status === 404 || status === 500) return status;
  return 400;
}

export function open311Error(r: Refusal, locale: Locale, status: number = open311Status(r.code)): HttpAnswer {
  return HttpAnswer.json(status, [{ code: status, description: `${r.code}: ${textIn(r.message, locale)}` }]);
}
