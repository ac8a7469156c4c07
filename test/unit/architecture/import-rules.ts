import { builtinModules } from 'node:module';
import { posix } from 'node:path';

/**
 * The import direction of ARCHITECTURE.md as data and one pure function, so the rule itself can be
 * tested with made-up files (a check that cannot fail checks nothing).
 *
 *   src-shared   ← everyone; imports only itself and a few pure packages
 *   src-renderer → src-shared (never Node, Electron or server code)
 *   src-server   → src-shared (never Electron, main or renderer code)
 *   src-main     → src-shared, src-server (to embed the service); `electron` only at its edge
 */
export const ROOMS = ['src-shared', 'src-server', 'src-main', 'src-renderer'] as const;
export type Room = (typeof ROOMS)[number];

/** Packages src-shared may use: pure, no I/O, run the same in Node and in a page. */
export const SHARED_PACKAGES = ['zod', 'date-fns', '@date-fns/tz', 'gcoord'];

/** The Electron edge: only these files may import `electron`, so everything else stays testable. */
export const ELECTRON_EDGE = ['src-main/index.ts', 'src-main/preload.ts'];

export interface SourceFile {
  /** Repo-relative, forward slashes: "src-shared/domain/case.ts". */
  path: string;
  text: string;
}

export interface Violation {
  file: string;
  specifier: string;
  rule: string;
}

const NODE_BUILTINS = new Set(builtinModules);

function roomOf(path: string): Room | null {
  const first = path.split('/')[0];
  return (ROOMS as readonly string[]).includes(first ?? '') ? (first as Room) : null;
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

function isNodeBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:') || NODE_BUILTINS.has(packageName(specifier));
}

function isElectron(specifier: string): boolean {
  return packageName(specifier) === 'electron' || specifier.startsWith('@electron/');
}

/** Comments may mention anything; strip them before looking for imports or globals. */
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

const IMPORT_PATTERNS = [
  /\bimport\s+(?:type\s+)?[^'"`;]*?\sfrom\s*['"]([^'"]+)['"]/g, // import x from '…', import { a } from '…'
  /\bexport\s+(?:type\s+)?[^'"`;]*?\sfrom\s*['"]([^'"]+)['"]/g, // export { a } from '…'
  /\bimport\s*['"]([^'"]+)['"]/g, // import '…' (side effect)
  /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g, // import('…')
  /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g, // require('…')
];

export function importsOf(text: string): string[] {
  const code = withoutComments(text);
  const found = new Set<string>();
  for (const pattern of IMPORT_PATTERNS) {
    for (const match of code.matchAll(pattern)) if (match[1]) found.add(match[1]);
  }
  return [...found];
}

/** Cheap check that src-shared stays runnable anywhere: no page or Node globals. */
const HOST_GLOBALS = /(?<![\w.$])(window|document|localStorage|sessionStorage|navigator|process|Buffer)\s*\./g;

export function findViolations(files: readonly SourceFile[]): Violation[] {
  const violations: Violation[] = [];
  for (const file of files) {
    const room = roomOf(file.path);
    if (!room) continue;
    const report = (specifier: string, rule: string): void => {
      violations.push({ file: file.path, specifier, rule });
    };
    for (const specifier of importsOf(file.text)) {
      const relative = specifier.startsWith('.');
      const targetRoom = relative ? roomOf(posix.normalize(posix.join(posix.dirname(file.path), specifier))) : null;
      switch (room) {
        case 'src-shared':
          if (relative && targetRoom !== 'src-shared') report(specifier, 'src-shared imports only src-shared');
          if (!relative && !SHARED_PACKAGES.includes(packageName(specifier)) && !specifier.startsWith('src-shared/')) {
            report(specifier, `src-shared may use only ${SHARED_PACKAGES.join(', ')}`);
          }
          break;
        case 'src-renderer':
          if (isNodeBuiltin(specifier)) report(specifier, 'the renderer never imports Node');
          else if (isElectron(specifier)) report(specifier, 'the renderer never imports Electron');
          else if (targetRoom === 'src-server' || targetRoom === 'src-main') report(specifier, `the renderer never imports ${targetRoom}`);
          break;
        case 'src-server':
          if (isElectron(specifier)) report(specifier, 'the service never imports Electron (it also runs without it)');
          else if (targetRoom === 'src-main' || targetRoom === 'src-renderer') report(specifier, `the service never imports ${targetRoom}`);
          break;
        case 'src-main':
          if (targetRoom === 'src-renderer') report(specifier, 'the main process never imports renderer code');
          else if (isElectron(specifier) && !ELECTRON_EDGE.includes(file.path)) {
            report(specifier, `only ${ELECTRON_EDGE.join(' and ')} import electron (keep the rest testable)`);
          }
          break;
      }
    }
    if (room === 'src-shared') {
      for (const match of withoutComments(file.text).matchAll(HOST_GLOBALS)) {
        report(`${match[1]}.`, 'src-shared uses no DOM or Node globals');
      }
    }
  }
  return violations;
}

export function describeViolations(violations: readonly Violation[]): string {
  return violations.map((v) => `${v.file}: "${v.specifier}" — ${v.rule}`).join('\n');
}

/**
 * Import circles among the repo's own modules, type imports included: each circle once, its files
 * sorted. A circle makes start-up order matter and no module of it can be read alone.
 */
export function findImportCircles(files: readonly SourceFile[]): string[][] {
  const paths = new Set(files.map((f) => f.path));
  const resolveSpecifier = (from: string, specifier: string): string | undefined => {
    if (!specifier.startsWith('.')) return undefined;
    const base = posix.normalize(posix.join(posix.dirname(from), specifier));
    return [base, `${base}.ts`, `${base}/index.ts`].find((p) => paths.has(p));
  };
  const edges = new Map(
    files.map((f) => [f.path, importsOf(f.text).flatMap((s) => resolveSpecifier(f.path, s) ?? [])] as const),
  );
  // Tarjan's strongly connected components; a component of two or more files is a circle.
  let index = 0;
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const circles: string[][] = [];
  const visit = (v: string): void => {
    order.set(v, index);
    low.set(v, index);
    index += 1;
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!order.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, order.get(w)!));
    }
    if (low.get(v) === order.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) circles.push(component.sort());
    }
  };
  for (const v of edges.keys()) if (!order.has(v)) visit(v);
  return circles;
}
