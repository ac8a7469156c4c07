import type { BilingualText } from '../i18n-text';

/**
 * Official public-holiday arrangements of mainland China, as data.
 *
 * Copied from shared/data/holidays-cn.json (the team's checked copy of the State Council
 * notices); English names added. Dates are local calendar days in Asia/Shanghai, 'YYYY-MM-DD'.
 * A new year is added here when its notice is published (usually in November of the year before).
 */

/** One holiday period, both ends inclusive. A weekend day inside the range is part of the holiday. */
export interface HolidayRange {
  name: BilingualText;
  from: string;
  to: string;
}

export interface HolidayYear {
  /**
   * 'published': the State Council notice is in the data.
   * 'weekends-only': not yet published; every Monday–Friday counts as a working day (so fixed
   * holidays such as 1 January are NOT excluded until the notice is added).
   */
  status: 'published' | 'weekends-only';
  holidays: readonly HolidayRange[];
  /** Weekend days declared working days (调休), in exchange for a longer holiday. */
  makeUpWorkdays: readonly string[];
}

export interface HolidayData {
  source: string;
  rule: string;
  /** Keyed by the 4-digit year. A year missing here is treated like 'weekends-only'. */
  years: Readonly<Record<string, HolidayYear>>;
}

const NEW_YEAR: BilingualText = { zh: '元旦', en: "New Year's Day" };
const SPRING: BilingualText = { zh: '春节', en: 'Spring Festival' };
const QINGMING: BilingualText = { zh: '清明节', en: 'Qingming Festival' };
const LABOUR: BilingualText = { zh: '劳动节', en: 'Labour Day' };
const DRAGON_BOAT: BilingualText = { zh: '端午节', en: 'Dragon Boat Festival' };
const MID_AUTUMN: BilingualText = { zh: '中秋节', en: 'Mid-Autumn Festival' };
const NATIONAL: BilingualText = { zh: '国庆节', en: 'National Day' };

export const CN_HOLIDAYS: HolidayData = {
  source:
    'State Council General Office notices on public holiday arrangements (2025: notice of 2024-11-12; ' +
    '2026: notice of 2025-11-04). 2027 not yet verified: treat as weekends only until its notice is added.',
  rule:
    'a day is a working day if it is Monday to Friday and not a holiday, or if it is listed as a make-up working day',
  years: {
    '2025': {
      status: 'published',
      holidays: [
        { name: NEW_YEAR, from: '2025-01-01', to: '2025-01-01' },
        { name: SPRING, from: '2025-01-28', to: '2025-02-04' },
        { name: QINGMING, from: '2025-04-04', to: '2025-04-06' },
        { name: LABOUR, from: '2025-05-01', to: '2025-05-05' },
        { name: DRAGON_BOAT, from: '2025-05-31', to: '2025-06-02' },
        { name: { zh: '国庆节、中秋节', en: 'National Day and Mid-Autumn Festival' }, from: '2025-10-01', to: '2025-10-08' },
      ],
      makeUpWorkdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
    },
    '2026': {
      status: 'published',
      holidays: [
        { name: NEW_YEAR, from: '2026-01-01', to: '2026-01-03' },
        { name: SPRING, from: '2026-02-15', to: '2026-02-23' },
        { name: QINGMING, from: '2026-04-04', to: '2026-04-06' },
        { name: LABOUR, from: '2026-05-01', to: '2026-05-05' },
        { name: DRAGON_BOAT, from: '2026-06-19', to: '2026-06-21' },
        { name: MID_AUTUMN, from: '2026-09-25', to: '2026-09-27' },
        { name: NATIONAL, from: '2026-10-01', to: '2026-10-07' },
      ],
      makeUpWorkdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
    },
    // Not yet published (the notice for 2027 is expected around November 2026). Until it is
    // added, 2027 is weekends only: e.g. Friday 2027-01-01 counts as a working day.
    '2027': { status: 'weekends-only', holidays: [], makeUpWorkdays: [] },
  },
};
