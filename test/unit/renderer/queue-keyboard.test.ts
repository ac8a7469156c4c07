import { describe, expect, it } from 'vitest';
import { DESK_MESSAGES } from '../../../src-renderer/app/i18n';
import { isFindCaseKey, isTyping, keyAction, shortcutsFor, SHORTCUTS } from '../../../src-renderer/features/queue/keyboard';
import { mayReport } from '../../../src-renderer/features/intake/may-report';
import { loadWatchList, saveWatchList, toggled, type WatchStorage } from '../../../src-renderer/features/queue/watch-list';

describe('queue keyboard', () => {
  it('maps the keys of the shortcut sheet', () => {
    expect(keyAction({ key: 'ArrowDown' })).toEqual({ kind: 'move', by: 1 });
    expect(keyAction({ key: 'j' })).toEqual({ kind: 'move', by: 1 });
    expect(keyAction({ key: 'k' })).toEqual({ kind: 'move', by: -1 });
    expect(keyAction({ key: 'ArrowUp' })).toEqual({ kind: 'move', by: -1 });
    expect(keyAction({ key: 'Enter' })).toEqual({ kind: 'open' });
    expect(keyAction({ key: 'o' })).toEqual({ kind: 'open' });
    expect(keyAction({ key: '1' })).toEqual({ kind: 'tab', index: 0 });
    expect(keyAction({ key: '9' })).toEqual({ kind: 'tab', index: 8 });
    expect(keyAction({ key: '0' })).toBeNull();
    expect(keyAction({ key: '/' })).toEqual({ kind: 'search' });
    expect(keyAction({ key: 's' })).toEqual({ kind: 'star' });
    expect(keyAction({ key: '?' })).toEqual({ kind: 'help' });
    expect(keyAction({ key: 'Escape' })).toEqual({ kind: 'close' });
  });

  it('does not steal keys while typing or from browser shortcuts', () => {
    const input = { tagName: 'INPUT', type: 'search' };
    expect(isTyping(input)).toBe(true);
    expect(isTyping({ tagName: 'INPUT', type: 'checkbox' })).toBe(false);
    expect(isTyping({ tagName: 'TEXTAREA' })).toBe(true);
    expect(isTyping({ tagName: 'DIV', isContentEditable: true })).toBe(true);
    expect(keyAction({ key: 'j', target: input })).toBeNull();
    expect(keyAction({ key: 's', target: { tagName: 'TEXTAREA' } })).toBeNull();
    expect(keyAction({ key: '1', target: input })).toBeNull();
    expect(keyAction({ key: 'Escape', target: input })).toEqual({ kind: 'close' });
    expect(keyAction({ key: '1', ctrlKey: true })).toBeNull();
    expect(keyAction({ key: 'k', metaKey: true })).toBeNull();
  });

  it('opens 新建案卷 on Alt+N, also while typing, by the physical key whatever the layout makes of it', () => {
    expect(keyAction({ key: 'n', altKey: true })).toEqual({ kind: 'newCase' });
    expect(keyAction({ key: 'N', altKey: true, shiftKey: true })).toEqual({ kind: 'newCase' });
    expect(keyAction({ key: 'Dead', code: 'KeyN', altKey: true })).toEqual({ kind: 'newCase' });
    expect(keyAction({ key: 'n', altKey: true, target: { tagName: 'INPUT', type: 'search' } })).toEqual({ kind: 'newCase' });
    // Plain n is the case action "unlink duplicate"; Ctrl+N the browser's new window.
    expect(keyAction({ key: 'n' })).toBeNull();
    expect(keyAction({ key: 'n', ctrlKey: true })).toBeNull();
    expect(keyAction({ key: 'n', altKey: true, ctrlKey: true })).toBeNull();
    expect(SHORTCUTS.some((s) => s.keys.includes('Alt+N'))).toBe(true);
  });

  it('focuses the case finder on Ctrl+K (Cmd+K on a Mac), also while typing, and leaves plain k to the queue', () => {
    expect(isFindCaseKey({ key: 'k', ctrlKey: true })).toBe(true);
    expect(isFindCaseKey({ key: 'k', metaKey: true })).toBe(true);
    expect(isFindCaseKey({ key: 'л', code: 'KeyK', ctrlKey: true })).toBe(true);
    expect(isFindCaseKey({ key: 'K', ctrlKey: true, shiftKey: true })).toBe(false);
    expect(isFindCaseKey({ key: 'k', ctrlKey: true, altKey: true })).toBe(false);
    expect(isFindCaseKey({ key: 'k' })).toBe(false);
    expect(keyAction({ key: 'k' })).toEqual({ kind: 'move', by: -1 });
    expect(keyAction({ key: 'k', ctrlKey: true })).toBeNull();
  });

  it('lists only the keys this user can use: Alt+N for those who may report', () => {
    expect(mayReport('intake')).toBe(true);
    expect(mayReport('supervisor')).toBe(true);
    for (const role of ['dispatcher', 'department', 'leader', 'duty', 'system'] as const) expect(mayReport(role), role).toBe(false);
    expect(mayReport(undefined)).toBe(false);
    const forIntake = shortcutsFor({ mayReport: true }).map((s) => s.keys.join(' '));
    const forDispatcher = shortcutsFor({ mayReport: false }).map((s) => s.keys.join(' '));
    expect(forIntake).toHaveLength(11);
    expect(forIntake).toContain('Alt+N');
    expect(forDispatcher).toHaveLength(10);
    expect(forDispatcher).not.toContain('Alt+N');
    expect(forDispatcher).toContain('Ctrl+K');
  });

  it('has a text for every shortcut in both languages', () => {
    for (const s of SHORTCUTS) {
      expect(DESK_MESSAGES['zh-CN'].queue.keys[s.text as keyof typeof DESK_MESSAGES['zh-CN']['queue']['keys']], s.text).toBeTruthy();
      expect(DESK_MESSAGES.en.queue.keys[s.text as keyof typeof DESK_MESSAGES['en']['queue']['keys']], s.text).toBeTruthy();
    }
  });
});

describe('watch list', () => {
  function memory(): WatchStorage & { data: Map<string, string> } {
    const data = new Map<string, string>();
    return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
  }

  it('is kept per user and survives a reload', () => {
    const store = memory();
    saveWatchList(store, 'dispatcher-1', toggled(new Set(), 'case-1'));
    expect([...loadWatchList(store, 'dispatcher-1')]).toEqual(['case-1']);
    expect([...loadWatchList(store, 'dispatcher-2')]).toEqual([]);
    expect([...toggled(new Set(['case-1']), 'case-1')]).toEqual([]);
  });

  it('starts empty on a damaged entry or without storage', () => {
    const store = memory();
    store.data.set('queue.watch.intake-1', '{not json');
    expect(loadWatchList(store, 'intake-1').size).toBe(0);
    expect(loadWatchList(undefined, 'intake-1').size).toBe(0);
  });
});
