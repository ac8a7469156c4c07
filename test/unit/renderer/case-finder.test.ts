import { describe, expect, it } from 'vitest';
import type { CaseSearchHit } from '../../../src-shared/contract/case-search';
import { hitPlace, hitToOpen, hitWhen, nextHighlight } from '../../../src-renderer/features/case-finder/finder';

const hit = (id: string, extra: Partial<CaseSearchHit> = {}): CaseSearchHit => ({
  id,
  number: `DC20261123-0000${id}`,
  stage: 'dispatched',
  categoryCode: 'E0101',
  streetCode: '110101001',
  communityCode: '110101001001',
  reportedAt: '2026-11-23T01:00:00.000Z',
  exact: false,
  ...extra,
});

describe('the case finder', () => {
  it('moves through the rows with ↓ and ↑, from the box to either end, wrapping round', () => {
    expect(nextHighlight(-1, 1, 3)).toBe(0);
    expect(nextHighlight(-1, -1, 3)).toBe(2);
    expect(nextHighlight(0, 1, 3)).toBe(1);
    expect(nextHighlight(2, 1, 3)).toBe(0);
    expect(nextHighlight(0, -1, 3)).toBe(2);
    expect(nextHighlight(-1, 1, 0)).toBe(-1);
  });

  it('opens the highlighted row on Enter, else the first (the exact number)', () => {
    const hits = [hit('1', { exact: true }), hit('2')];
    expect(hitToOpen(hits, -1)?.id).toBe('1');
    expect(hitToOpen(hits, 1)?.id).toBe('2');
    expect(hitToOpen([], -1)).toBeUndefined();
  });

  it('says where by the address, else by community and street names, else by the code', () => {
    const names = { community: (c: string) => (c === '110101001001' ? '多福巷社区' : undefined), street: (c: string) => (c === '110101001' ? '东华门街道' : undefined) };
    expect(hitPlace(hit('1', { address: '多福巷 12 号' }), names)).toBe('多福巷 12 号');
    expect(hitPlace(hit('1'), names)).toBe('多福巷社区 · 东华门街道');
    expect(hitPlace(hit('1'), { community: () => undefined, street: () => undefined })).toBe('110101001001');
  });

  it('says when by the closing of a closed case, else by the report', () => {
    expect(hitWhen(hit('1', { closedAt: '2026-11-24T02:00:00.000Z' }))).toEqual({ kind: 'closed', at: '2026-11-24T02:00:00.000Z' });
    expect(hitWhen(hit('1'))).toEqual({ kind: 'reported', at: '2026-11-23T01:00:00.000Z' });
  });
});
