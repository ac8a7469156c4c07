import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The commands' lane to the embedded database. SQLite runs one statement at a time, in the
 * service's own thread; a command is a dozen statements in turn, and in one queue each of them
 * would wait behind a flood of KPI and queue reads (measured: a report's ack at 1–3 s beside
 * three windows flooding heavy reads, 4 ms alone). Statements of work started inside
 * `asCommand` go first, and while a command is under way no read starts (a command's next
 * statement is not queued yet in the gap between two of them) — for at most `READS_HELD_MS`,
 * so a steady stream of commands cannot starve the reads.
 */
const lane = new AsyncLocalStorage<true>();
let active = 0;
const settled = new Set<() => void>();

/** The longest reads wait while commands keep coming. */
export const READS_HELD_MS = 50;

export async function asCommand<T>(work: () => Promise<T>): Promise<T> {
  if (lane.getStore()) return work(); // already in one (a report's own command)
  active += 1;
  try {
    return await lane.run(true, work);
  } finally {
    active -= 1;
    if (active === 0) for (const listener of settled) listener();
  }
}

export function inCommand(): boolean {
  return lane.getStore() === true;
}

export function commandsUnderWay(): number {
  return active;
}

/** Called when the last command under way has finished. */
export function onCommandsSettled(listener: () => void): () => void {
  settled.add(listener);
  return () => settled.delete(listener);
}
