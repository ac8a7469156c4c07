import { describe, expect, it } from 'vitest';
import { CATEGORIES } from '../../../src-shared/catalog/categories';
import { isCallerPhone } from '../../../src-shared/contract/socket';
import { deskBusMessageSchema } from '../../../src-shared/contract/desk-bus';
import { DESK_MESSAGES } from '../../../src-renderer/app/i18n';
import { moveHighlight, searchCategories } from '../../../src-renderer/features/intake/category-search';
import { checkIntake, duplicateProbe, emptyIntake, gridCodeProblem, type IntakeValues } from '../../../src-renderer/features/intake/intake-form';

const DONGCHENG = '110101';
const GRID = '11010100100101';
const typed = (v: Partial<IntakeValues>): IntakeValues => ({ ...emptyIntake(), ...v });
const codes = (q: string) => searchCategories(CATEGORIES, q).map((c) => c.code);

describe('category search (what the caller says, or the code)', () => {
  it('puts the exact code first, then code prefixes, names that start with the text, names that contain it, class names last', () => {
    expect(codes('E0101')[0]).toBe('E0101');
    expect(codes('e01').every((c) => c.startsWith('E01'))).toBe(true);
    expect(codes('垃圾')).toEqual(['C0303', 'E0109', 'E0101', 'E0102', 'E0110']);
    expect(codes('路灯')).toEqual(['C0106', 'C0112']);
    expect(codes('garbage')).toContain('E0101');
    // 市容环境 is a class: every kind of it, after any kind named so.
    expect(codes('市容环境').length).toBeGreaterThan(3);
  });
  it('finds nothing for empty or unknown text, and caps the list', () => {
    expect(codes('  ')).toEqual([]);
    expect(codes('火星')).toEqual([]);
    expect(searchCategories(CATEGORIES, 'C', 5)).toHaveLength(5);
  });
  it('moves the highlight round the list with the arrow keys', () => {
    expect(moveHighlight(-1, 1, 3)).toBe(0);
    expect(moveHighlight(-1, -1, 3)).toBe(2);
    expect(moveHighlight(2, 1, 3)).toBe(0);
    expect(moveHighlight(0, -1, 3)).toBe(2);
    expect(moveHighlight(0, 1, 0)).toBe(-1);
  });
});

describe('the intake form → the case:report request', () => {
  it('names every bad field at once, and sends nothing', () => {
    const check = checkIntake(typed({ callerPhone: '1381234abcd', gridCode: '11010200100101' }), DONGCHENG);
    expect(check).toEqual({ ok: false, problems: { callerPhone: 'phoneMalformed', categoryCode: 'categoryRequired', gridCode: 'gridOtherDistrict', description: 'descriptionRequired' } });
    expect(checkIntake(typed({ categoryCode: 'E9999', description: 'x', gridCode: GRID }), DONGCHENG)).toMatchObject({ ok: false, problems: { categoryCode: 'categoryUnknown' } });
    expect(checkIntake(typed({ categoryCode: 'E0101', description: 'x' }), DONGCHENG)).toMatchObject({ ok: false, problems: { gridCode: 'placeRequired' } });
    expect(checkIntake(typed({ categoryCode: 'E0101', description: 'x', gridCode: '1101010010' }), DONGCHENG)).toMatchObject({ ok: false, problems: { gridCode: 'gridMalformed' } });
    expect(checkIntake(typed({ categoryCode: 'E0101', description: 'x', gridCode: GRID, photoCount: 10 }), DONGCHENG)).toMatchObject({ ok: false, problems: { photos: 'tooManyPhotos' } });
    expect(checkIntake(typed({ categoryCode: 'E0101', description: 'x'.repeat(2001), gridCode: GRID }), DONGCHENG)).toMatchObject({ ok: false, problems: { description: 'tooLong' } });
  });

  it('builds the phone-channel report with the caller beside it, trimmed', () => {
    const check = checkIntake(
      typed({ callerName: ' 张伟 ', callerPhone: '139 0101 8888', categoryCode: 'C0112', gridCode: '1101 0100 1001 01', address: ' 多福巷东口 ', description: ' 路灯不亮 ', urgent: true }),
      DONGCHENG,
    );
    expect(check).toEqual({
      ok: true,
      request: {
        payload: { categoryCode: 'C0112', channel: 'hotline', description: '路灯不亮', gridCode: GRID, address: '多福巷东口', photoIds: [], urgent: true },
        caller: { name: '张伟', phone: '139 0101 8888' },
      },
    });
  });

  it('takes a point picked on the map instead of a grid code; an anonymous caller sends no caller', () => {
    const check = checkIntake(typed({ categoryCode: 'E0101', point: { lon: 116.4, lat: 39.92 }, description: '垃圾' }), DONGCHENG);
    expect(check.ok && check.request).toEqual({ payload: { categoryCode: 'E0101', channel: 'hotline', description: '垃圾', lon: 116.4, lat: 39.92, photoIds: [] } });
  });

  it('asks for duplicates only once there is a category and a usable place', () => {
    expect(duplicateProbe(typed({ categoryCode: 'E0101' }), DONGCHENG)).toBeUndefined();
    expect(duplicateProbe(typed({ gridCode: GRID }), DONGCHENG)).toBeUndefined();
    expect(duplicateProbe(typed({ categoryCode: 'E0101', gridCode: '11010200100101' }), DONGCHENG)).toBeUndefined();
    expect(duplicateProbe(typed({ categoryCode: 'E0101', gridCode: GRID }), DONGCHENG)).toEqual({ categoryCode: 'E0101', gridCode: GRID });
    expect(duplicateProbe(typed({ categoryCode: 'E0101', point: { lon: 1, lat: 2 } }), DONGCHENG)).toEqual({ categoryCode: 'E0101', lon: 1, lat: 2 });
  });

  it('checks a grid code by its shape and its district, before the service says whether it exists', () => {
    expect(gridCodeProblem('', DONGCHENG)).toBeUndefined();
    expect(gridCodeProblem(GRID, DONGCHENG)).toBeUndefined();
    expect(gridCodeProblem('11010100100100', DONGCHENG)).toBe('gridMalformed'); // sequence 00
    expect(gridCodeProblem('1101010010010a', DONGCHENG)).toBe('gridMalformed');
    expect(gridCodeProblem('11010500100101', DONGCHENG)).toBe('gridOtherDistrict');
    // Before the district summary arrives the district is not known: only the shape is checked.
    expect(gridCodeProblem('11010500100101', undefined)).toBeUndefined();
  });

  it('accepts the phone numbers people give, and refuses what cannot be called back', () => {
    for (const ok of ['13901018888', '139 0101 8888', '+86 139 0101 8888', '010-6512 3456', '(010) 65123456', '12345']) expect(isCallerPhone(ok), ok).toBe(true);
    for (const bad of ['1381234abcd', '123', '1234', '+86 139 0101 8888 0000 99', '139.0101.8888', '']) expect(isCallerPhone(bad), bad).toBe(false);
  });

  it('has a message for every problem in both languages', () => {
    const problems = ['categoryRequired', 'categoryUnknown', 'placeRequired', 'gridMalformed', 'gridOtherDistrict', 'descriptionRequired', 'tooLong', 'phoneMalformed', 'tooManyPhotos'] as const;
    for (const p of problems) {
      expect(DESK_MESSAGES['zh-CN'].intake.problems[p], p).toBeTruthy();
      expect(DESK_MESSAGES.en.intake.problems[p], p).toBeTruthy();
    }
  });
});

describe('the desk bus messages of 选点', () => {
  it('checks a pick request, its answer and its cancellation', () => {
    expect(deskBusMessageSchema.safeParse({ type: 'place:pick', requestId: 'pick-1' }).success).toBe(true);
    expect(deskBusMessageSchema.safeParse({ type: 'place:picked', requestId: 'pick-1', lon: 116.41, lat: 39.92 }).success).toBe(true);
    expect(deskBusMessageSchema.safeParse({ type: 'place:pickCancelled', requestId: 'pick-1' }).success).toBe(true);
    expect(deskBusMessageSchema.safeParse({ type: 'place:picked', requestId: 'pick-1', lon: 'east', lat: 39.92 }).success).toBe(false);
    expect(deskBusMessageSchema.safeParse({ type: 'place:picked', requestId: '', lon: 116.41, lat: 39.92 }).success).toBe(false);
  });
});
