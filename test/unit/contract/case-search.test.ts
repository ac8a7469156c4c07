import { describe, expect, it } from 'vitest';
import { caseNumberOf, compareHits, foldForSearch, parseCaseSearch, type CaseSearchHit } from '../../../src-shared/contract/case-search';
import { ERROR_MESSAGES } from '../../../src-shared/errors';

const hit = (id: string, reportedAt: string, exact = false): CaseSearchHit => ({
  id,
  number: `DC-${id}`,
  stage: 'closed',
  categoryCode: 'E0101',
  streetCode: '110101001',
  communityCode: '110101001001',
  reportedAt,
  exact,
});

describe('the case finder question', () => {
  it('takes a trimmed text and a limit of 20 unless asked, at most 50', () => {
    expect(parseCaseSearch({ text: '  DC20261123-00042 ' })).toEqual({ text: 'DC20261123-00042', limit: 20 });
    expect(parseCaseSearch({ text: '多福巷', limit: 50 })).toEqual({ text: '多福巷', limit: 50 });
  });

  it('says what to type when the text is empty, blank or too long', () => {
    for (const text of ['', '   ', 'x'.repeat(101), 42]) {
      const answer = parseCaseSearch({ text });
      expect(answer, String(text)).toMatchObject({ ok: false, code: 'SEARCH_TEXT_INVALID' });
      if ('ok' in answer) expect(answer.message.zh).toContain('100');
    }
    expect(parseCaseSearch(undefined)).toMatchObject({ ok: false, code: 'SEARCH_TEXT_INVALID' });
    expect(parseCaseSearch({ text: 'x'.repeat(100) })).toMatchObject({ text: 'x'.repeat(100) });
  });

  it('refuses a bad limit or an unknown field as malformed', () => {
    for (const query of [{ text: 'a', limit: 51 }, { text: 'a', limit: 0 }, { text: 'a', limit: 2.5 }, { text: 'a', stage: 'closed' }]) {
      const answer = parseCaseSearch(query);
      expect(answer, JSON.stringify(query)).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
      if ('ok' in answer) expect(answer.message.en).toMatch(/limit|query|Unrecognized/);
    }
  });

  it('has words in both languages for the refusal', () => {
    expect(ERROR_MESSAGES.SEARCH_TEXT_INVALID.zh).toContain('案卷编号');
    expect(ERROR_MESSAGES.SEARCH_TEXT_INVALID.en).toContain('case number');
  });

  it('reads a number typed in lower case as the number', () => {
    expect(caseNumberOf(' dc20261123-00042 ')).toBe('DC20261123-00042');
  });

  it('folds Latin letters only, as both databases fold the stored text', () => {
    expect(foldForSearch('KTV 门口 Wangfujing ÄÖ')).toBe('ktv 门口 wangfujing ÄÖ');
  });

  it('ranks the exact number first, then the newest report, then by id', () => {
    const hits = [hit('b', '2026-11-20T01:00:00Z'), hit('c', '2026-11-23T01:00:00Z'), hit('x', '2026-01-01T00:00:00Z', true), hit('a', '2026-11-20T01:00:00Z')];
    expect(hits.sort(compareHits).map((h) => h.id)).toEqual(['x', 'c', 'a', 'b']);
    expect(compareHits(hit('a', 't'), hit('a', 't'))).toBe(0);
  });
});
