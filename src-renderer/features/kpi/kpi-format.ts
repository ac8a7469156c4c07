import type { Locale } from '../../../src-shared/i18n-text';

export type Lang = 'zh' | 'en';
export const langOf = (locale: string): Lang => (locale === 'en' ? 'en' : 'zh');
export type { Locale };

/** A rate as the board prints it: one decimal, never rounded up to a flattering 100 %. */
export function percent(value: number | null): string | null {
  if (value === null) return null;
  return `${(Math.floor(value * 1000) / 10).toFixed(1)}%`;
}

/** A change in percentage points, signed. */
export function points(change: number | null): string {
  if (change === null) return '—';
  const pp = Math.round(change * 1000) / 10;
  return `${pp > 0 ? '+' : ''}${pp.toFixed(1)}`;
}

/** A duration for "late by": minutes, hours or days, whichever reads at a glance. */
export function shortDuration(ms: number, lang: Lang): string {
  const minutes = Math.round(Math.abs(ms) / 60_000);
  if (minutes < 60) return lang === 'zh' ? `${minutes}分钟` : `${minutes} min`;
  const hours = minutes / 60;
  if (hours < 48) return lang === 'zh' ? `${hours.toFixed(1)}小时` : `${hours.toFixed(1)} h`;
  return lang === 'zh' ? `${(hours / 24).toFixed(1)}天` : `${(hours / 24).toFixed(1)} d`;
}

/** Beijing wall-clock text of an instant ('03-10 14:05'). */
export function beijingTime(instant: string): string {
  return new Date(Date.parse(instant) + 8 * 3_600_000).toISOString().slice(5, 16).replace('T', ' ');
}
