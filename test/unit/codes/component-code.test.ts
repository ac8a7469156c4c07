import { describe, expect, it } from 'vitest';
import { InvalidCodeError } from '../../../src-shared/codes/code-result';
import { formatComponentCode, isComponentCode, parseComponentCode } from '../../../src-shared/codes/component-code';

describe('parseComponentCode', () => {
  it('reads county, class, sub-kind, catalog kind and sequence', () => {
    expect(parseComponentCode('1101010112000123')).toEqual({
      ok: true,
      value: { county: '110101', classCode: '01', subKind: '12', kindCode: 'C0112', sequence: '000123' },
    });
  });

  const bad: [string, string, string][] = [
    ['110101011200012', 'length', 'has 16 digits; got 15'],
    ['11010101120001234', 'length', 'got 17'],
    ['11010101120001x3', 'non-digit', "character 15 is 'x'"],
    ['1100000112000123', 'county', 'not county-level'],
    ['0001010112000123', 'county', 'not a province code'],
    ['1101010712000123', 'class', 'must be 01–06; got 07'],
    ['1101010012000123', 'class', 'got 00'],
    ['1101010100000123', 'sub-kind', 'component sub-kind (digits 9–10) cannot be 00'],
    ['1101010112000000', 'sequence', 'component sequence (digits 11–16) cannot be 000000'],
  ];

  it.each(bad)('rejects %s (%s)', (code, reason, en) => {
    const result = parseComponentCode(code);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe('COMPONENT_CODE_INVALID');
    expect(result.reason).toBe(reason);
    expect(result.message.en).toContain(en);
    expect(result.message.zh.length).toBeGreaterThan(5);
  });

  it('class errors are explained in Chinese too', () => {
    const result = parseComponentCode('1101010712000123');
    expect(result.ok ? '' : result.message.zh).toBe('部件大类代码（第 7–8 位）应为 01–06，实际为 07');
  });

  it('isComponentCode', () => {
    expect(isComponentCode('1101010601000001')).toBe(true);
    expect(isComponentCode('1101010701000001')).toBe(false);
    expect(isComponentCode(null)).toBe(false);
  });
});

describe('formatComponentCode', () => {
  it('builds a code from a catalog kind and a number', () => {
    expect(formatComponentCode({ county: '110101', kindCode: 'C0112', sequence: 123 })).toBe('1101010112000123');
  });

  it('round-trips parsed codes', () => {
    for (const code of ['1101010112000123', '1101010602999999', '1101020401000001']) {
      const parsed = parseComponentCode(code);
      if (!parsed.ok) throw new Error(parsed.message.en);
      expect(formatComponentCode(parsed.value)).toBe(code);
    }
  });

  it('rejects malformed kind codes and bad parts', () => {
    expect(() => formatComponentCode({ county: '110101', kindCode: 'E0101', sequence: 1 })).toThrow(/looks like C0112/);
    expect(() => formatComponentCode({ county: '110101', kindCode: 'C0701', sequence: 1 })).toThrow(InvalidCodeError);
    expect(() => formatComponentCode({ county: '110101', kindCode: 'C0101', sequence: 1_000_000 })).toThrow(/got 17/);
  });
});
