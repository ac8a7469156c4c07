import { describe, expect, it } from 'vitest';
import { unstorableText } from '../../../src-shared/text-safety';

describe('text no store can keep', () => {
  it('names the field holding a NUL or a lone surrogate, at any depth', () => {
    expect(unstorableText({ payload: { description: 'a\u0000b' } }, 'case:report')).toBe('case:report.payload.description holds a NUL character or broken Unicode');
    expect(unstorableText(['ok', { note: 'x\ud800' }])).toBe('(value).1.note holds a NUL character or broken Unicode');
    expect(unstorableText({ ['k\u0000']: 1 })).toBe('(value) has a key with a NUL character or broken Unicode');
  });

  it('lets ordinary Chinese text, emoji and surrogate pairs through', () => {
    expect(unstorableText({ description: '东城区井盖缺失 𠮷 🚧', n: 1, list: [null, true, 'a\tb\n'] })).toBeUndefined();
  });

  it('refuses nesting past 64 levels instead of walking it', () => {
    const deep = JSON.parse(`${'['.repeat(10_000)}1${']'.repeat(10_000)}`) as unknown;
    expect(unstorableText(deep)).toMatch(/nests deeper than 64 levels/);
    const fine = JSON.parse(`${'['.repeat(60)}1${']'.repeat(60)}`) as unknown;
    expect(unstorableText(fine)).toBeUndefined();
  });
});
