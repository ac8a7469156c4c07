import type { TimeLimit } from '../../../src-shared/catalog/category-types';

/** An instant given as Beijing wall-clock time, 'YYYY-MM-DD HH:mm'. */
export function bj(local: string): Date {
  return new Date(`${local.replace(' ', 'T')}:00+08:00`);
}

/** An instant printed as Beijing wall-clock time, for readable failures. */
export function show(date: Date): string {
  return new Date(date.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

export const working = (minutes: number): TimeLimit => ({ minutes, clock: 'working' });
export const natural = (minutes: number): TimeLimit => ({ minutes, clock: 'natural' });
