import { readdirSync, readFileSync } from 'node:fs';

/**
 * What the processes this bench started cost, read from /proc (Linux only): CPU seconds and
 * memory of ffmpeg encoders, Chromium and anything else below our process. The video benches
 * compare these over time; they never depend on them to pass.
 */
export type ProcessKind = 'ffmpeg' | 'chromium' | 'other';

export interface ChildProcessFigures {
  pid: number;
  kind: ProcessKind;
  /** User + system CPU seconds since the process started. */
  cpuSeconds: number;
  /** Proportional set size (shared pages split between their users), bytes; 0 when unreadable. */
  pssBytes: number;
  /** Chromium's process role from its command line (browser, renderer, gpu-process, utility …). */
  role: string;
}

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** Every live process below this one (children, grandchildren …), with its CPU and, if asked, memory. */
export function ourProcesses(withMemory = false): ChildProcessFigures[] {
  const parent = new Map<number, number>();
  const seen = new Map<number, { kind: ProcessKind; cpuSeconds: number }>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const comm = stat.slice(stat.indexOf('(') + 1, close);
      const fields = stat.slice(close + 2).split(' ');
      // A zombie (state Z) has exited: its parent has not reaped it yet, but it holds nothing.
      if (fields[0] === 'Z') continue;
      parent.set(Number(name), Number(fields[1]));
      const kind: ProcessKind = /ffmpeg/.test(comm) ? 'ffmpeg' : /chrom/i.test(comm) ? 'chromium' : 'other';
      seen.set(Number(name), { kind, cpuSeconds: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND });
    } catch {
      // the process ended while we read
    }
  }
  const ours = (pid: number): boolean => {
    for (let p = parent.get(pid); p !== undefined && p > 1; p = parent.get(p)) if (p === process.pid) return true;
    return false;
  };
  const out: ChildProcessFigures[] = [];
  for (const [pid, figures] of seen) {
    if (!ours(pid)) continue;
    out.push({ pid, ...figures, pssBytes: withMemory ? pssOf(pid) : 0, role: figures.kind === 'chromium' ? chromiumRole(pid) : figures.kind });
  }
  return out;
}

/** CPU seconds by kind, summed over our processes alive now. */
export function cpuByKind(processes: readonly ChildProcessFigures[] = ourProcesses()): Map<ProcessKind, number> {
  const out = new Map<ProcessKind, number>();
  for (const p of processes) out.set(p.kind, (out.get(p.kind) ?? 0) + p.cpuSeconds);
  return out;
}

/**
 * CPU seconds of children this process has already reaped (/proc/self/stat cutime + cstime).
 * The demo's encoders are our direct children and stop when idle: adding this to the live ones
 * keeps an interval's ffmpeg CPU honest when encoders came and went within it.
 */
export function reapedChildrenCpuSeconds(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) / TICKS_PER_SECOND;
}

function chromiumRole(pid: number): string {
  try {
    // Chromium rewrites its process title: the arguments become one string split by spaces.
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(/[\0 ]/);
    const type = args.find((a) => a.startsWith('--type='))?.slice('--type='.length);
    const sub = args.find((a) => a.startsWith('--utility-sub-type='))?.split('.').pop();
    return type ? (sub ? `${type}:${sub}` : type) : 'browser';
  } catch {
    return 'gone';
  }
}

function pssOf(pid: number): number {
  try {
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    const kb = /^Pss:\s+(\d+)\s+kB/m.exec(rollup)?.[1];
    return kb ? Number(kb) * 1024 : 0;
  } catch {
    return 0;
  }
}
