import { describe, expect, it } from 'vitest';
import { DESK_MESSAGES } from '../../../src-renderer/app/i18n';
import { demoUserFromLocation } from '../../../src-renderer/app/session';

function flatten(value: unknown, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) for (const [kk, vv] of flatten(v, prefix ? `${prefix}.${k}` : k)) out.set(kk, vv);
  } else out.set(prefix, value);
  return out;
}

describe('every text of the product exists in both languages', () => {
  const zh = flatten(DESK_MESSAGES['zh-CN']);
  const en = flatten(DESK_MESSAGES.en);
  it('has the same keys in Chinese and English', () => {
    expect([...en.keys()].filter((k) => !zh.has(k))).toEqual([]);
    expect([...zh.keys()].filter((k) => !en.has(k))).toEqual([]);
  });
  it('has no empty text, and the placeholders of each key match', () => {
    for (const [key, text] of zh) {
      expect(typeof text === 'string' && text.length > 0, key).toBe(true);
      const slots = (s: unknown) => [...String(s).matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(slots(en.get(key)), key).toEqual(slots(text));
    }
  });
});

describe('demo sign-in from the address', () => {
  it('reads ?as= from the hash route or the page query', () => {
    expect(demoUserFromLocation({ hash: '#/queue?as=intake-1', search: '' })).toBe('intake-1');
    expect(demoUserFromLocation({ hash: '#/queue', search: '?as=leader-1' })).toBe('leader-1');
    expect(demoUserFromLocation({ hash: '#/queue', search: '' })).toBeUndefined();
  });
});
