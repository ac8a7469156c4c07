import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATEGORIES, categoryByCode } from '../../../src-shared/catalog/categories';
import type { Category } from '../../../src-shared/catalog/category-types';
import { planDepartments } from '../../../src-shared/emergency/plan-departments';
import { emergencyPlanSchema } from '../../../src-shared/emergency/plan-schema';
import { EMERGENCY_PLANS, GENERIC_PLAN_CODE, planByCode, planForCategory } from '../../../src-shared/emergency/plans';
import { previewPlan } from '../../../src-shared/emergency/plan-preview';
import { emergencyReportPath } from '../../../src-shared/emergency/http-contract';

/** The district's real departments, as the service loads them. */
const departments: { id: string; kind: string }[] = JSON.parse(readFileSync(new URL('../../../resources/district/departments.json', import.meta.url), 'utf8'));
const departmentIds = new Set(departments.map((d) => d.id));
const streetCodes = departments.filter((d) => d.id.startsWith('street:')).map((d) => d.id.slice('street:'.length));
const urgent = CATEGORIES.filter((c) => c.urgency === 'urgent');

describe('emergency plans (预案) as data', () => {
  it('has a plan of its own for every urgent category of the catalog, and a generic fallback', () => {
    expect(urgent.map((c) => c.code)).toEqual(['E0401', 'E0402', 'E0403', 'E0404', 'E0405', 'E0406', 'E0407']);
    for (const c of urgent) expect(planForCategory(c.code).categoryCodes, c.code).toContain(c.code);
    expect(planForCategory('E0101').code).toBe(GENERIC_PLAN_CODE);
    // No category has two plans, and no plan names a category the catalog does not have.
    const named = EMERGENCY_PLANS.flatMap((p) => p.categoryCodes);
    expect(new Set(named).size).toBe(named.length);
    for (const code of named) expect(categoryByCode(code)?.urgency, code).toBe('urgent');
  });

  it('names only departments the district has, in every street', () => {
    for (const plan of EMERGENCY_PLANS) {
      const categories = plan.categoryCodes.length ? plan.categoryCodes.map((c) => categoryByCode(c) as Category) : urgent;
      for (const category of categories) {
        for (const street of streetCodes) {
          const { leadDepartmentId, linkedDepartmentIds } = planDepartments(plan, category, street);
          for (const id of [leadDepartmentId, ...linkedDepartmentIds]) expect(departmentIds.has(id), `${plan.code} ${id}`).toBe(true);
        }
      }
    }
  });

  it('leads with the category’s own lead department, and makes the scene safe within the category’s handling limit', () => {
    for (const plan of EMERGENCY_PLANS.filter((p) => p.code !== GENERIC_PLAN_CODE)) {
      for (const code of plan.categoryCodes) {
        const category = categoryByCode(code) as Category;
        expect(plan.lead, plan.code).toBe(category.leadDepartment);
        const last = Math.max(...plan.steps.map((s) => s.minutes));
        expect(last, plan.code).toBeLessThanOrEqual(category.limits.handle.minutes);
        expect(plan.steps[0]).toMatchObject({ id: 'confirm', by: 'duty' });
        expect(plan.sceneRadiusMetres).toBeGreaterThanOrEqual(300);
        expect(plan.sceneRadiusMetres).toBeLessThanOrEqual(500);
      }
    }
  });

  it('resolves the street office and the generic lead for the case’s street, naming each department once', () => {
    const gas = planByCode('EP-GAS');
    if (!gas) throw new Error('EP-GAS missing');
    expect(planDepartments(gas, categoryByCode('E0401') as Category, '110101003')).toEqual({
      leadDepartmentId: 'gas',
      linkedDepartmentIds: ['fire', 'police', 'street:110101003'],
    });
    const generic = planForCategory('E0106'); // piled materials, street-led, flagged urgent at registration
    expect(planDepartments(generic, categoryByCode('E0106') as Category, '110101003')).toEqual({
      leadDepartmentId: 'street:110101003',
      linkedDepartmentIds: ['police'],
    });
    expect(planByCode('EP-NOPE')).toBeUndefined();
  });

  it('refuses a malformed plan when it is loaded', () => {
    const good = planByCode('EP-FALLEN-TREE');
    const bad = (patch: Record<string, unknown>) => emergencyPlanSchema.safeParse({ ...good, ...patch }).success;
    expect(bad({})).toBe(true);
    expect(bad({ linked: ['traffic', 'nasa'] })).toBe(false);
    expect(bad({ linked: ['landscaping'] })).toBe(false); // the lead again
    expect(bad({ linked: ['traffic', 'traffic'] })).toBe(false);
    expect(bad({ steps: [...(good?.steps ?? []), good?.steps[0]] })).toBe(false); // duplicate step id
    expect(bad({ steps: [{ id: 'x1', title: { zh: '步骤', en: 'step' }, by: 'duty', minutes: 0 }] })).toBe(false);
    expect(bad({ sceneRadiusMetres: 50 })).toBe(false);
    expect(bad({ code: 'gas' })).toBe(false);
  });
});

describe('what starting a plan would do (the duty screen’s preview)', () => {
  it('gives the departments and every step’s deadline if started now, as decide will', () => {
    const at = new Date('2026-11-23T14:00:00.000Z');
    const preview = previewPlan({ categoryCode: 'E0403', place: { streetCode: '110101005' } }, at);
    expect(preview).toMatchObject({ plan: { code: 'EP-FALLEN-TREE', sceneRadiusMetres: 300 }, leadDepartmentId: 'landscaping', linkedDepartmentIds: ['traffic', 'power'] });
    expect(preview?.steps.map((s) => [s.id, s.dueAt])).toEqual([
      ['confirm', '2026-11-23T14:05:00.000Z'],
      ['guard', '2026-11-23T14:15:00.000Z'],
      ['check-lines', '2026-11-23T14:30:00.000Z'],
      ['cut-remove', '2026-11-23T15:30:00.000Z'],
      ['road-clear', '2026-11-23T16:00:00.000Z'],
    ]);
    expect(previewPlan({ categoryCode: 'E0403', place: { streetCode: '110101005' } }, at, 'EP-CROWD')?.leadDepartmentId).toBe('police');
    expect(previewPlan({ categoryCode: 'E0403', place: { streetCode: '110101005' } }, at, 'EP-NOPE')).toBeUndefined();
    expect(previewPlan({ categoryCode: 'E9999', place: { streetCode: '110101005' } }, at)).toBeUndefined();
  });

  it('builds the report’s address for a case', () => {
    expect(emergencyReportPath('case/1')).toBe('/api/cases/case%2F1/emergency-report');
    expect(emergencyReportPath('c1', 'en')).toBe('/api/cases/c1/emergency-report?lang=en');
  });
});
