import { categoryByCode } from '../../../src-shared/catalog/categories';
import { DISTRICT_DEPARTMENT_NAMES, isDistrictDepartmentId } from '../../../src-shared/catalog/departments';
import { beijingCalendar } from '../../../src-shared/calendar';
import type { TimeLimit } from '../../../src-shared/catalog/category-types';
import { extensionAmount } from '../../../src-shared/domain/extension';
import { ROLE_NAMES, type Role } from '../../../src-shared/domain/roles';
import { textIn, type BilingualText, type Locale } from '../../../src-shared/i18n-text';
import { caseDetailMessages, type CaseDetailTexts } from './i18n';

/**
 * Pure wording helpers shared by the detail's parts and their unit tests: the same functions
 * word a deadline, a department or a person on every line, in the window's language.
 */

export function texts(locale: Locale): CaseDetailTexts {
  return (locale === 'en' ? caseDetailMessages.en : caseDetailMessages.zh) as CaseDetailTexts;
}

/** Fills `{name}` slots (the same syntax as vue-i18n, for texts built outside components). */
export function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (slot, name: string) => (name in params ? String(params[name]) : slot));
}

const BEIJING = 'Asia/Shanghai';
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(withYear: boolean): Intl.DateTimeFormat {
  const key = withYear ? 'y' : 'n';
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone: BEIJING,
      ...(withYear ? { year: 'numeric' } : {}),
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(key, f);
  }
  return f;
}

/** Beijing wall time, "11-23 17:52" (or "2026-11-23 17:52"): the centre works on Beijing time whatever the PC's zone. */
export function beijingTime(iso: string | Date, withYear = false): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(d.getTime())) return String(iso);
  const parts = Object.fromEntries(formatter(withYear).formatToParts(d).map((p) => [p.type, p.value]));
  const date = withYear ? `${parts['year']}-${parts['month']}-${parts['day']}` : `${parts['month']}-${parts['day']}`;
  return `${date} ${parts['hour']}:${parts['minute']}`;
}

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A deadline as people say it, Beijing time: "12月8日 17:30" / "Dec 8 17:30". */
export function beijingDayAndTime(iso: string | Date, locale: Locale): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(d.getTime())) return String(iso);
  const parts = Object.fromEntries(formatter(false).formatToParts(d).map((p) => [p.type, p.value]));
  const month = Number(parts['month']);
  const day = Number(parts['day']);
  const time = `${parts['hour']}:${parts['minute']}`;
  return locale === 'en' ? `${MONTHS_EN[month - 1] ?? month} ${day} ${time}` : `${month}月${day}日 ${time}`;
}

/** An extension's minutes in the unit it was asked in: 840 → "2个工作日", 90 → "1.5个工作小时". */
export function extensionWords(minutes: number, clock: TimeLimit['clock'], locale: Locale): string {
  const { amount, unit } = extensionAmount(minutes, clock, beijingCalendar.minutesPerDay);
  return fill(texts(locale).field.amounts[clock][unit], { n: amount });
}

/** 45 → "45分钟", 135 → "2小时15分", 3000 → "2天2小时" (sign dropped: callers say "left" or "overdue"). */
export function duration(minutes: number, locale: Locale): string {
  const m = Math.round(Math.abs(minutes));
  const d = texts(locale).duration;
  if (m < 60) return fill(d.minutes, { m });
  if (m < 24 * 60) return fill(m % 60 === 0 ? d.wholeHours : d.hours, { h: Math.floor(m / 60), m: m % 60 });
  return fill(d.days, { d: Math.floor(m / 1440), h: Math.floor((m % 1440) / 60) });
}

export function bilingual(text: BilingualText, locale: Locale): string {
  return textIn(text, locale);
}

/** Street names from the district summary (code → name), when loaded. */
export type StreetNames = ReadonlyMap<string, string>;

/** A department's name: district departments from the catalog, street offices by their street's name. */
export function departmentName(id: string, locale: Locale, streets: StreetNames = new Map()): string {
  if (isDistrictDepartmentId(id)) return textIn(DISTRICT_DEPARTMENT_NAMES[id], locale);
  if (id.startsWith('street:')) {
    const code = id.slice('street:'.length);
    return fill(texts(locale).dispatch.streetOffice, { name: streets.get(code) ?? code });
  }
  return id;
}

export function categoryName(code: string, locale: Locale): string {
  const c = categoryByCode(code);
  return c ? textIn(c.name, locale) : code;
}

export function roleName(role: Role, locale: Locale): string {
  return textIn(ROLE_NAMES[role], locale);
}

/**
 * A person's name when this window knows it (itself; the service sends no directory yet),
 * else the user id, which is what the audit log keys on anyway.
 */
export function personName(userId: string, known: ReadonlyMap<string, string>): string {
  return known.get(userId) ?? userId;
}

/** Metres between two points (equirectangular: exact enough within a district). */
export function metresBetween(a: { lon: number; lat: number }, b: { lon: number; lat: number }): number {
  const rad = Math.PI / 180;
  const x = (b.lon - a.lon) * rad * Math.cos(((a.lat + b.lat) / 2) * rad);
  const y = (b.lat - a.lat) * rad;
  return Math.sqrt(x * x + y * y) * 6_371_000;
}
