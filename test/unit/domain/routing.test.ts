import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../../../src-shared/calendar';
import { categoryByCode } from '../../../src-shared/catalog/categories';
import type { Category } from '../../../src-shared/catalog/category-types';
import { LOOP_NAMES, suggestRouting, type RoutingCase } from '../../../src-shared/domain/routing';

const calendar = new WorkingCalendar();
const friday17 = new Date('2026-11-27T09:00:00.000Z'); // Friday 17:00 in Beijing
const place = { streetCode: '110101001', communityCode: '110101001001' };
const normal: RoutingCase = { place, urgency: 'normal', emergency: false };

function category(code: string): Category {
  const c = categoryByCode(code);
  if (!c) throw new Error(`no category ${code}`);
  return c;
}

describe('the routing suggestion', () => {
  it('sends a district-level kind to its district department: the big loop, working-hours deadline', () => {
    const s = suggestRouting(normal, category('E0101'), calendar, friday17); // exposed garbage, 4 working hours
    expect(s).toMatchObject({ leadDepartmentId: 'sanitation', loop: 'big', owner: { level: 'district' }, desk: 'dispatcher' });
    expect(s.handleLimit).toEqual({ minutes: 240, clock: 'working' });
    // 30 min on Friday, 210 on Monday: 09:00–12:00 and 13:30–14:00.
    expect(s.handleDeadline).toBe('2026-11-30T06:00:00.000Z');
    expect(s.loopName).toEqual(LOOP_NAMES.big);
  });

  it('keeps a street-level kind in the street (small loop, street office) and a community one in the community (micro loop)', () => {
    expect(suggestRouting(normal, category('E0106'), calendar, friday17)).toMatchObject({
      leadDepartmentId: 'street:110101001',
      loop: 'small',
      owner: { level: 'street', streetCode: '110101001' },
    });
    expect(suggestRouting(normal, category('E0107'), calendar, friday17)).toMatchObject({
      leadDepartmentId: 'street:110101001',
      loop: 'micro',
      owner: { level: 'community', communityCode: '110101001001' },
    });
  });

  it('puts an urgent case on the natural clock and the duty officer’s desk', () => {
    const s = suggestRouting({ ...normal, urgency: 'urgent' }, category('E0101'), calendar, friday17);
    expect(s).toMatchObject({ desk: 'duty', handleLimit: { minutes: 240, clock: 'natural' }, handleDeadline: '2026-11-27T13:00:00.000Z' });
  });

  it('gives an emergency-routed normal case to the duty officer, with the deadline dispatch will set', () => {
    const s = suggestRouting({ ...normal, emergency: true }, category('E0101'), calendar, friday17);
    expect(s).toMatchObject({ desk: 'duty', handleLimit: { clock: 'natural', minutes: 240 } });
  });

  it('refuses a street-led kind without a valid street code', () => {
    expect(() => suggestRouting({ ...normal, place: { streetCode: 'x', communityCode: 'y' } }, category('E0106'), calendar, friday17)).toThrow(RangeError);
  });
});
