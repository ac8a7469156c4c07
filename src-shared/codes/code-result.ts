import type { BilingualText } from '../i18n-text';

/** What is wrong with a code, for programs; the bilingual message is for people. */
export type CodeErrorReason =
  | 'length'
  | 'non-digit'
  | 'county'
  | 'street'
  | 'community'
  | 'sequence'
  | 'class'
  | 'sub-kind'
  | 'kind';

export interface CodeFailure<C extends string> {
  ok: false;
  code: C;
  reason: CodeErrorReason;
  message: BilingualText;
}

export type CodeResult<T, C extends string> = { ok: true; value: T } | CodeFailure<C>;

/** Thrown by the format functions when the parts do not make a valid code. */
export class InvalidCodeError extends RangeError {
  constructor(readonly failure: CodeFailure<string>) {
    super(`${failure.message.en} (${failure.message.zh})`);
    this.name = 'InvalidCodeError';
  }
}

/** A problem found by a check, before it is tagged with the code's error code. */
export interface Problem {
  reason: CodeErrorReason;
  message: BilingualText;
}

/** The kind of code being checked, as named in messages. */
export type CodeLabel = BilingualText;

export function checkShape(input: string, length: number, label: CodeLabel): Problem | undefined {
  if (input.length !== length) {
    return {
      reason: 'length',
      message: {
        zh: `${label.zh}应为 ${length} 位数字，实际为 ${input.length} 位`,
        en: `A ${label.en} has ${length} digits; got ${input.length} characters`,
      },
    };
  }
  const bad = /\D/u.exec(input);
  if (bad) {
    const at = bad.index + 1;
    return {
      reason: 'non-digit',
      message: {
        zh: `${label.zh}只能包含数字，第 ${at} 位是“${bad[0]}”`,
        en: `A ${label.en} has digits only; character ${at} is '${bad[0]}'`,
      },
    };
  }
  return undefined;
}

/** Province-level codes of GB/T 2260 (the first two digits of every county code). */
const PROVINCES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
  '71', '81', '82',
]);

/** A county-level code: a real province, and neither the city nor the county part is 00. */
export function checkCounty(county: string): Problem | undefined {
  const province = county.slice(0, 2);
  if (!PROVINCES.has(province)) {
    return {
      reason: 'county',
      message: {
        zh: `区县代码“${county}”无效：前两位“${province}”不是省级行政区代码`,
        en: `County code '${county}' is invalid: '${province}' is not a province code`,
      },
    };
  }
  if (county.slice(2, 4) === '00' || county.slice(4, 6) === '00') {
    return {
      reason: 'county',
      message: {
        zh: `区县代码“${county}”不是县级代码（第 3–4 位或第 5–6 位为 0）`,
        en: `County code '${county}' is not county-level (digits 3–4 or 5–6 are zero)`,
      },
    };
  }
  return undefined;
}

/** Sub-codes are numbered from 1: an all-zero part is never assigned. */
export function checkNotZero(
  part: string,
  reason: CodeErrorReason,
  what: CodeLabel,
  firstDigit: number,
): Problem | undefined {
  if (/[^0]/u.test(part)) return undefined;
  const span = `${firstDigit}–${firstDigit + part.length - 1}`;
  return {
    reason,
    message: {
      zh: `${what.zh}（第 ${span} 位）不能为 ${part}`,
      en: `The ${what.en} (digits ${span}) cannot be ${part}`,
    },
  };
}

/** The first problem among checks run in order, tagged with the code's error code. */
export function firstFailure<C extends string>(code: C, checks: (() => Problem | undefined)[]): CodeFailure<C> | undefined {
  for (const check of checks) {
    const problem = check();
    if (problem) return { ok: false, code, ...problem };
  }
  return undefined;
}

/** Left-pads a numeric part; strings are taken as they are (so '7' stays wrong for a 3-digit part). */
export function part(value: string | number, width: number): string {
  return typeof value === 'number' ? String(value).padStart(width, '0') : value;
}
