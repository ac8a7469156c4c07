/**
 * The queue's keyboard, as data and one pure function: operators work a shift on the keyboard,
 * and the shortcut sheet lists exactly what this table handles (one source, no drift).
 */
export type KeyAction =
  | { kind: 'move'; by: 1 | -1 }
  | { kind: 'edge'; to: 'first' | 'last' }
  | { kind: 'open' }
  | { kind: 'tab'; index: number }
  | { kind: 'search' }
  | { kind: 'star' }
  | { kind: 'help' }
  | { kind: 'close' }
  | { kind: 'newCase' };

export interface Shortcut {
  keys: readonly string[];
  /** Key of the description under `queue.keys.*`. */
  text: string;
  /** Only for people who may report (the key does nothing for the others, so their sheet leaves it out). */
  reportersOnly?: boolean;
  /** Works while typing in a field (every other key is text there). */
  whileTyping?: boolean;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { keys: ['↓', 'j'], text: 'next' },
  { keys: ['↑', 'k'], text: 'previous' },
  { keys: ['Home', 'End'], text: 'edges' },
  { keys: ['Enter', 'o'], text: 'open' },
  { keys: ['1–9'], text: 'tab' },
  { keys: ['/'], text: 'search' },
  { keys: ['s'], text: 'star' },
  { keys: ['?'], text: 'help' },
  { keys: ['Esc'], text: 'close' },
  { keys: ['Alt+N'], text: 'newCase', reportersOnly: true, whileTyping: true },
  { keys: ['Ctrl+K'], text: 'findCase', whileTyping: true },
];

/** The shortcuts this user can use: the sheet lists no key that would do nothing for them. */
export function shortcutsFor(user: { mayReport: boolean }): readonly Shortcut[] {
  return SHORTCUTS.filter((s) => !s.reportersOnly || user.mayReport);
}

/**
 * The case finder in the masthead, on every view. Ctrl+K is the finder key of many desk apps
 * (and Cmd+K on a Mac); it works while typing, like Alt+N, since a person in the queue's search
 * box who wants a case outside the queue should not have to leave it first.
 */
export const FIND_CASE_KEY = 'Ctrl+K';

export function isFindCaseKey(e: KeyInput): boolean {
  return (e.ctrlKey === true || e.metaKey === true) && !e.altKey && !e.shiftKey && (e.code === 'KeyK' || e.key.toLowerCase() === 'k');
}

/**
 * 新建案卷 / 来电登记. Every letter is taken (the queue's j/k/o/s, the case actions' keys on their
 * buttons, which also answer to Shift), and Ctrl+N is the browser's new window: Alt+N is free in
 * both, and works while typing (an operator on a call may be in the search box).
 */
export const NEW_CASE_KEY = 'Alt+N';

export interface KeyInput {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  shiftKey?: boolean;
  /** The physical key (KeyN), so Alt+N works whatever the layout makes of it (macOS Option+N is a dead key). */
  code?: string;
  /** The element that has focus (or the event's target). */
  target?: { tagName?: string; isContentEditable?: boolean; type?: string } | null;
}

/** While someone types in a field, letters are text, not commands. */
export function isTyping(target: KeyInput['target']): boolean {
  if (!target) return false;
  if (target.isContentEditable) return true;
  const tag = (target.tagName ?? '').toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes((target.type ?? 'text').toLowerCase());
}

export function keyAction(e: KeyInput): KeyAction | null {
  if (e.altKey && !e.ctrlKey && !e.metaKey && (e.code === 'KeyN' || e.key.toLowerCase() === 'n')) return { kind: 'newCase' };
  // Browser and system shortcuts (Ctrl+F, Cmd+1…) stay theirs.
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  if (isTyping(e.target)) return e.key === 'Escape' ? { kind: 'close' } : null;
  switch (e.key) {
    case 'ArrowDown':
    case 'j':
      return { kind: 'move', by: 1 };
    case 'ArrowUp':
    case 'k':
      return { kind: 'move', by: -1 };
    case 'Home':
      return { kind: 'edge', to: 'first' };
    case 'End':
      return { kind: 'edge', to: 'last' };
    case 'Enter':
    case 'o':
      return { kind: 'open' };
    case '/':
      return { kind: 'search' };
    case 's':
      return { kind: 'star' };
    case '?':
      return { kind: 'help' };
    case 'Escape':
      return { kind: 'close' };
    default:
      if (/^[1-9]$/.test(e.key)) return { kind: 'tab', index: Number(e.key) - 1 };
      return null;
  }
}
