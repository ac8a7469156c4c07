import { COMMUNITY_PART, isCommunityCode, isStreetCode, parseCommunityCode, STREET_PART } from './admin-codes';
import {
  checkCounty,
  checkNotZero,
  checkShape,
  firstFailure,
  InvalidCodeError,
  part,
  type CodeResult,
} from './code-result';

/**
 * The 14-digit unit-grid code (单元网格编码, CJ/T 213 / CJ/T 349):
 * 6-digit county + 3-digit street + 3-digit community + 2-digit sequence, e.g. 11010100100101.
 */
export interface GridCode {
  county: string;
  street: string;
  community: string;
  /** 2-digit grid number within the community, from 01. */
  sequence: string;
  /** First 9 digits: the street's code. */
  streetCode: string;
  /** First 12 digits: the community's code. */
  communityCode: string;
}

/** Parts to build a code from; numbers are zero-padded to the part's width. */
export interface GridCodeParts {
  county: string | number;
  street: string | number;
  community: string | number;
  sequence: string | number;
}

export type GridCodeResult = CodeResult<GridCode, 'GRID_CODE_INVALID'>;

const GRID_LABEL = { zh: '单元网格编码', en: 'unit-grid code' };

export function parseGridCode(input: string): GridCodeResult {
  const failure = firstFailure('GRID_CODE_INVALID', [
    () => checkShape(input, 14, GRID_LABEL),
    () => checkCounty(input.slice(0, 6)),
    () => checkNotZero(input.slice(6, 9), 'street', STREET_PART, 7),
    () => checkNotZero(input.slice(9, 12), 'community', COMMUNITY_PART, 10),
    () => checkNotZero(input.slice(12, 14), 'sequence', { zh: '网格顺序号', en: 'grid sequence' }, 13),
  ]);
  if (failure) return failure;
  return {
    ok: true,
    value: {
      county: input.slice(0, 6),
      street: input.slice(6, 9),
      community: input.slice(9, 12),
      sequence: input.slice(12, 14),
      streetCode: input.slice(0, 9),
      communityCode: input.slice(0, 12),
    },
  };
}

export function isGridCode(value: unknown): value is string {
  return typeof value === 'string' && parseGridCode(value).ok;
}

/** Builds and validates a grid code; throws InvalidCodeError (with a bilingual message) if the parts are wrong. */
export function formatGridCode(parts: GridCodeParts): string {
  const code =
    part(parts.county, 6) + part(parts.street, 3) + part(parts.community, 3) + part(parts.sequence, 2);
  const parsed = parseGridCode(code);
  if (!parsed.ok) throw new InvalidCodeError(parsed);
  return code;
}

/** The code of grid number `sequence` (1–99) of a community. */
export function gridCodeInCommunity(communityCode: string, sequence: number): string {
  const community = parseCommunityCode(communityCode);
  if (!community.ok) throw new InvalidCodeError(community);
  const { county, street, community: communityPart } = community.value;
  return formatGridCode({ county, street, community: communityPart, sequence });
}

/** A grid belongs to a community iff both codes are valid and the grid's first 12 digits are the community code. */
export function gridInCommunity(gridCode: string, communityCode: string): boolean {
  return isGridCode(gridCode) && isCommunityCode(communityCode) && gridCode.slice(0, 12) === communityCode;
}

/** A grid belongs to a street iff both codes are valid and the grid's first 9 digits are the street code. */
export function gridInStreet(gridCode: string, streetCode: string): boolean {
  return isGridCode(gridCode) && isStreetCode(streetCode) && gridCode.slice(0, 9) === streetCode;
}
