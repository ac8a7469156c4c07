import { categoryByCode } from '../../../src-shared/catalog/categories';
import { DISTRICT_DEPARTMENT_NAMES, isDistrictDepartmentId } from '../../../src-shared/catalog/departments';
import type { BilingualText } from '../../../src-shared/i18n-text';

/**
 * Names for codes in the list. Streets come from the district summary the window already has;
 * communities and grids are shown by their own part of the code (社区 003, 网格 07) — the
 * summary does not name them and a request per row is not worth it in a list.
 */
export type Lang = 'zh' | 'en';

export function langOf(locale: string): Lang {
  return locale.startsWith('zh') ? 'zh' : 'en';
}

export function pick(text: BilingualText | undefined, lang: Lang, fallback: string): string {
  return text ? text[lang] : fallback;
}

export function categoryName(code: string, lang: Lang): string {
  return pick(categoryByCode(code)?.name, lang, code);
}

/** The community's 3 digits within its street (12-digit code: street 9 + community 3). */
export function communityShort(code: string): string {
  return code.slice(9, 12) || code;
}

/** The grid's 2-digit sequence within its community (14-digit code). */
export function gridShort(code: string): string {
  return code.slice(12, 14) || code;
}

export function departmentName(id: string | undefined, lang: Lang, streetName: (code: string) => string | undefined): string {
  if (!id) return '';
  if (isDistrictDepartmentId(id)) return DISTRICT_DEPARTMENT_NAMES[id][lang];
  if (id.startsWith('street:')) {
    const code = id.slice('street:'.length);
    const street = streetName(code) ?? code;
    return lang === 'zh' ? `${street}办事处` : `${street} office`;
  }
  return id;
}

/** Short department names for a dense column (区环境卫生服务中心 → 环卫中心 would need a table; trim the district prefix). */
export function departmentShort(id: string | undefined, lang: Lang, streetName: (code: string) => string | undefined): string {
  const name = departmentName(id, lang, streetName);
  return lang === 'zh' ? name.replace(/^(区|东城)/, '') : name;
}
