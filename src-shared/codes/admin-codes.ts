import { checkCounty, checkNotZero, checkShape, firstFailure, type CodeResult } from './code-result';

/**
 * Administrative codes below the county (GB/T 10114 style, as in the official Dongcheng data):
 * 9-digit street (街道) = 6-digit county + 3-digit street; 12-digit community (社区) = street + 3 digits.
 * Each level's code is the prefix of the codes below it, which is how membership is checked.
 */

export interface StreetCode {
  county: string;
  /** The 3-digit street part. */
  street: string;
  /** The whole 9-digit code. */
  streetCode: string;
}

export interface CommunityCode extends StreetCode {
  /** The 3-digit community part. */
  community: string;
  /** The whole 12-digit code. */
  communityCode: string;
}

const STREET_LABEL = { zh: '街道编码', en: 'street code' };
const COMMUNITY_LABEL = { zh: '社区编码', en: 'community code' };
export const STREET_PART = { zh: '街道代码', en: 'street part' };
export const COMMUNITY_PART = { zh: '社区代码', en: 'community part' };

export function parseStreetCode(input: string): CodeResult<StreetCode, 'STREET_CODE_INVALID'> {
  const failure = firstFailure('STREET_CODE_INVALID', [
    () => checkShape(input, 9, STREET_LABEL),
    () => checkCounty(input.slice(0, 6)),
    () => checkNotZero(input.slice(6, 9), 'street', STREET_PART, 7),
  ]);
  if (failure) return failure;
  return { ok: true, value: { county: input.slice(0, 6), street: input.slice(6, 9), streetCode: input } };
}

export function parseCommunityCode(input: string): CodeResult<CommunityCode, 'COMMUNITY_CODE_INVALID'> {
  const failure = firstFailure('COMMUNITY_CODE_INVALID', [
    () => checkShape(input, 12, COMMUNITY_LABEL),
    () => checkCounty(input.slice(0, 6)),
    () => checkNotZero(input.slice(6, 9), 'street', STREET_PART, 7),
    () => checkNotZero(input.slice(9, 12), 'community', COMMUNITY_PART, 10),
  ]);
  if (failure) return failure;
  return {
    ok: true,
    value: {
      county: input.slice(0, 6),
      street: input.slice(6, 9),
      streetCode: input.slice(0, 9),
      community: input.slice(9, 12),
      communityCode: input,
    },
  };
}

export function isStreetCode(value: unknown): value is string {
  return typeof value === 'string' && parseStreetCode(value).ok;
}

export function isCommunityCode(value: unknown): value is string {
  return typeof value === 'string' && parseCommunityCode(value).ok;
}

/** A community belongs to a street iff both codes are valid and its first 9 digits are the street code. */
export function communityInStreet(communityCode: string, streetCode: string): boolean {
  return isCommunityCode(communityCode) && isStreetCode(streetCode) && communityCode.slice(0, 9) === streetCode;
}
