/**
 * Text a database cannot keep. PostgreSQL refuses a NUL character in text and in jsonb, and a
 * lone UTF-16 surrogate in jsonb; SQLite would keep them but every other reader of the case would
 * choke. Such input is malformed wherever it comes from (a socket, a form, a URL), so it is refused
 * at the boundary with the field it was found in, before any handler or store sees it.
 */
const MAX_DEPTH = 64;
const NUL = '\u0000';
/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function unstorable(text: string): boolean {
  return text.includes(NUL) || LONE_SURROGATE.test(text);
}

/** Where the first unstorable string is ('payload.description', '(value)'), or undefined when all is well. */
export function unstorableText(value: unknown, name = '(value)'): string | undefined {
  const stack: { v: unknown; path: string; depth: number }[] = [{ v: value, path: name, depth: 0 }];
  while (stack.length) {
    const { v, path, depth } = stack.pop()!;
    if (typeof v === 'string') {
      if (unstorable(v)) return `${path} holds a NUL character or broken Unicode`;
      continue;
    }
    if (typeof v !== 'object' || v === null) continue;
    // Nothing the service takes nests this deep; past it, walking is the attack.
    if (depth >= MAX_DEPTH) return `${path} nests deeper than ${MAX_DEPTH} levels`;
    for (const [key, child] of Object.entries(v)) {
      if (unstorable(key)) return `${path} has a key with a NUL character or broken Unicode`;
      stack.push({ v: child, path: `${path}.${key}`, depth: depth + 1 });
    }
  }
  return undefined;
}
