import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  communityInStreet,
  isCommunityCode,
  isStreetCode,
  parseCommunityCode,
  parseStreetCode,
} from '../../../src-shared/codes/admin-codes';

/** Codes from the official Dongcheng data shipped with the app. */
function column(file: string): string[] {
  const text = readFileSync(new URL(`../../../resources/district/source/${file}`, import.meta.url), 'utf8');
  return text.trim().split(/\r?\n/).slice(1).map((line) => line.split(',')[0] ?? '');
}

describe('street codes (9 digits)', () => {
  it('parse into county and street parts', () => {
    expect(parseStreetCode('110101001')).toEqual({
      ok: true,
      value: { county: '110101', street: '001', streetCode: '110101001' },
    });
  });

  it('reject wrong length, letters, a bad county and street 000', () => {
    const reasons = ['11010100', '11010100x', '000101001', '110101000'].map((c) => {
      const r = parseStreetCode(c);
      return r.ok ? 'ok' : `${r.code}:${r.reason}`;
    });
    expect(reasons).toEqual([
      'STREET_CODE_INVALID:length',
      'STREET_CODE_INVALID:non-digit',
      'STREET_CODE_INVALID:county',
      'STREET_CODE_INVALID:street',
    ]);
  });

  it('accept every real Dongcheng street', () => {
    const streets = column('streets.csv');
    expect(streets.length).toBe(17);
    for (const code of streets) expect(isStreetCode(code), code).toBe(true);
  });
});

describe('community codes (12 digits)', () => {
  it('parse into their levels', () => {
    expect(parseCommunityCode('110101001005')).toEqual({
      ok: true,
      value: {
        county: '110101',
        street: '001',
        streetCode: '110101001',
        community: '005',
        communityCode: '110101001005',
      },
    });
  });

  it('reject community 000 and street 000', () => {
    const community = parseCommunityCode('110101001000');
    expect(community.ok ? '' : community.message.en).toContain('community part (digits 10–12) cannot be 000');
    const street = parseCommunityCode('110101000001');
    expect(street.ok ? '' : street.reason).toBe('street');
    expect(isCommunityCode(110101001005)).toBe(false);
  });

  it('accept every real Dongcheng community, each inside its street', () => {
    const text = readFileSync(new URL('../../../resources/district/source/communities.csv', import.meta.url), 'utf8');
    const rows = text.trim().split(/\r?\n/).slice(1).map((line) => line.split(','));
    expect(rows.length).toBeGreaterThan(150);
    for (const [code = '', , street = ''] of rows) {
      expect(isCommunityCode(code), code).toBe(true);
      expect(communityInStreet(code, street), code).toBe(true);
    }
  });

  it('a community is not in another street, and invalid codes are in none', () => {
    expect(communityInStreet('110101001001', '110101002')).toBe(false);
    expect(communityInStreet('110101001000', '110101001')).toBe(false);
    expect(communityInStreet('110101001001', '11010100')).toBe(false);
  });
});
