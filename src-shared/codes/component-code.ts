import { checkCounty, checkNotZero, checkShape, firstFailure, InvalidCodeError, part, type CodeResult } from './code-result';

/**
 * The 16-digit component code (部件编码, CJ/T 214): 6-digit county + 2-digit major class (01–06)
 * + 2-digit sub-kind + 6-digit sequence, e.g. 1101010112000123 = a street lamp (kind C0112),
 * number 123 in county 110101.
 */
export interface ComponentCode {
  county: string;
  /** Major class '01'–'06' (公用设施 … 其他设施). */
  classCode: string;
  /** 2-digit sub-kind within the class. */
  subKind: string;
  /** Catalog code of the kind, 'C' + class + sub-kind, e.g. 'C0112'. */
  kindCode: string;
  /** 6-digit number of this component within its county and kind, from 000001. */
  sequence: string;
}

export interface ComponentCodeParts {
  county: string | number;
  /** Catalog kind code such as 'C0112'. */
  kindCode: string;
  sequence: string | number;
}

export type ComponentCodeResult = CodeResult<ComponentCode, 'COMPONENT_CODE_INVALID'>;

const COMPONENT_LABEL = { zh: '部件编码', en: 'component code' };
const MAJOR_CLASSES = new Set(['01', '02', '03', '04', '05', '06']);

export function parseComponentCode(input: string): ComponentCodeResult {
  const classCode = input.slice(6, 8);
  const failure = firstFailure('COMPONENT_CODE_INVALID', [
    () => checkShape(input, 16, COMPONENT_LABEL),
    () => checkCounty(input.slice(0, 6)),
    () =>
      MAJOR_CLASSES.has(classCode)
        ? undefined
        : {
            reason: 'class',
            message: {
              zh: `部件大类代码（第 7–8 位）应为 01–06，实际为 ${classCode}`,
              en: `The component major class (digits 7–8) must be 01–06; got ${classCode}`,
            },
          },
    () => checkNotZero(input.slice(8, 10), 'sub-kind', { zh: '部件小类代码', en: 'component sub-kind' }, 9),
    () => checkNotZero(input.slice(10, 16), 'sequence', { zh: '部件顺序号', en: 'component sequence' }, 11),
  ]);
  if (failure) return failure;
  const subKind = input.slice(8, 10);
  return {
    ok: true,
    value: { county: input.slice(0, 6), classCode, subKind, kindCode: `C${classCode}${subKind}`, sequence: input.slice(10, 16) },
  };
}

export function isComponentCode(value: unknown): value is string {
  return typeof value === 'string' && parseComponentCode(value).ok;
}

/** Builds and validates a component code; throws InvalidCodeError (bilingual message) if the parts are wrong. */
export function formatComponentCode(parts: ComponentCodeParts): string {
  const kind = /^C(\d{4})$/u.exec(parts.kindCode);
  if (!kind) {
    throw new InvalidCodeError({
      ok: false,
      code: 'COMPONENT_CODE_INVALID',
      reason: 'kind',
      message: {
        zh: `部件类别代码应形如 C0112，实际为“${parts.kindCode}”`,
        en: `A component kind code looks like C0112; got '${parts.kindCode}'`,
      },
    });
  }
  const code = part(parts.county, 6) + kind[1] + part(parts.sequence, 6);
  const parsed = parseComponentCode(code);
  if (!parsed.ok) throw new InvalidCodeError(parsed);
  return code;
}
