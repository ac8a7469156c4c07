import { describe, expect, it } from 'vitest';
import { InvalidCodeError } from '../../../src-shared/codes/code-result';
import {
  formatGridCode,
  gridCodeInCommunity,
  gridInCommunity,
  gridInStreet,
  isGridCode,
  parseGridCode,
} from '../../../src-shared/codes/grid-code';

describe('parseGridCode', () => {
  it('splits a valid code into its levels', () => {
    expect(parseGridCode('11010100100101')).toEqual({
      ok: true,
      value: {
        county: '110101',
        street: '001',
        community: '001',
        sequence: '01',
        streetCode: '110101001',
        communityCode: '110101001001',
      },
    });
  });

  // Each bad code, the reason reported, and words the user should see in the message.
  const bad: [string, string, string, string][] = [
    ['1101010010010', 'length', '14 位', 'got 13'],
    ['110101001001011', 'length', '14 位', 'got 15'],
    ['', 'length', '实际为 0 位', 'got 0'],
    ['1101010010010A', 'non-digit', '第 14 位是“A”', "character 14 is 'A'"],
    ['11010100100 01', 'non-digit', '第 12 位', 'character 12'],
    ['99010100100101', 'county', '“99”不是省级', "'99' is not a province"],
    ['11000000100101', 'county', '不是县级', 'not county-level'],
    ['11010000100101', 'county', '不是县级', 'not county-level'],
    ['11010100000101', 'street', '第 7–9 位', 'street part (digits 7–9)'],
    ['11010100100001', 'community', '第 10–12 位', 'community part (digits 10–12)'],
    ['11010100100100', 'sequence', '网格顺序号（第 13–14 位）不能为 00', 'cannot be 00'],
  ];

  it.each(bad)('rejects %s (%s) with a message saying what is wrong', (code, reason, zh, en) => {
    const result = parseGridCode(code);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe('GRID_CODE_INVALID');
    expect(result.reason).toBe(reason);
    expect(result.message.zh).toContain(zh);
    expect(result.message.en).toContain(en);
  });

  it('isGridCode accepts only valid code strings', () => {
    expect(isGridCode('11010100100101')).toBe(true);
    expect(isGridCode('11010100100100')).toBe(false);
    expect(isGridCode(11010100100101)).toBe(false);
    expect(isGridCode(undefined)).toBe(false);
  });
});

describe('formatGridCode', () => {
  it('round-trips parsed codes', () => {
    for (const code of ['11010100100101', '11010101701312', '44030510220199']) {
      const parsed = parseGridCode(code);
      if (!parsed.ok) throw new Error(parsed.message.en);
      expect(formatGridCode(parsed.value)).toBe(code);
    }
  });

  it('pads numeric parts', () => {
    expect(formatGridCode({ county: 110101, street: 1, community: 17, sequence: 3 })).toBe('11010100101703');
  });

  it('throws a bilingual InvalidCodeError for bad parts', () => {
    expect(() => formatGridCode({ county: '110101', street: 1, community: 1, sequence: 0 })).toThrow(InvalidCodeError);
    try {
      formatGridCode({ county: '110101', street: 1, community: 1, sequence: 100 });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(RangeError);
      expect((error as InvalidCodeError).failure.reason).toBe('length');
      expect((error as InvalidCodeError).message).toContain('14 digits');
    }
  });

  it('numbers the grids of a community', () => {
    expect(gridCodeInCommunity('110101001001', 7)).toBe('11010100100107');
    expect(() => gridCodeInCommunity('110101001000', 7)).toThrow(/community part/);
    expect(() => gridCodeInCommunity('110101001001', 0)).toThrow(/grid sequence/);
  });
});

describe('membership by prefix', () => {
  it('a grid belongs to the community whose code is its first 12 digits', () => {
    expect(gridInCommunity('11010100100101', '110101001001')).toBe(true);
    expect(gridInCommunity('11010100100201', '110101001001')).toBe(false);
    // An invalid grid or community code belongs nowhere.
    expect(gridInCommunity('11010100100100', '110101001001')).toBe(false);
    expect(gridInCommunity('11010100000101', '110101000001')).toBe(false);
  });

  it('a grid belongs to the street whose code is its first 9 digits', () => {
    expect(gridInStreet('11010100100101', '110101001')).toBe(true);
    expect(gridInStreet('11010100200101', '110101001')).toBe(false);
    expect(gridInStreet('11010100100101', '110101000')).toBe(false);
  });
});
