import type { CaseState } from '../../../src-shared/domain/case';
import type { CaseEvent } from '../../../src-shared/domain/events';
import { CaseStore } from '../../../src-server/store/case-store';
import type { Database, Queryable, SqlValue } from '../../../src-server/store/db';

/**
 * The `cases` row the service writes for a case, taken from the service's own code: the
 * case's final state goes through `CaseStore.commit` against this stand-in database, which
 * answers commit's reads as for a new case (no earlier answer, no row yet, the head of the
 * event log = the case's last sequence number) and keeps the projection INSERT it is given.
 * So every column (the KPI columns, next_alarm_at, department_ids…) is exactly what
 * `writeProjection` would store, with no copy of its mapping here to drift. Any statement
 * commit did not issue when this was written is an error, not a silent gap.
 */
class ProjectionCatcher implements Database {
  readonly dialect = 'postgres' as const;
  head = 0;
  row: { columns: string[]; values: readonly SqlValue[] } | undefined;

  async get<T>(sql: string): Promise<T | undefined> {
    if (/^SELECT MAX\(seq\) AS head FROM case_events$/.test(sql)) return { head: this.head } as T;
    if (/^SELECT (case_id, answer FROM commands|version(, \w+)* FROM cases) WHERE/.test(sql)) return undefined;
    throw new Error(`projection rows: CaseStore.commit read something new: ${sql}`);
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<{ changes: number }> {
    const insert = /^INSERT INTO cases \(([^)]+)\) VALUES/.exec(sql);
    if (insert) this.row = { columns: (insert[1] as string).split(',').map((c) => c.trim()), values: params };
    // The daily rollup's marks are not kept per case: the bench builds the rollup from the loaded cases (rebuildDaily).
    else if (!/^SELECT pg_advisory_xact_lock|^INSERT INTO commands |^INSERT INTO kpi_\w+ |^WITH t0 AS \(INSERT INTO kpi_/.test(sql)) throw new Error(`projection rows: CaseStore.commit wrote something new: ${sql}`);
    return { changes: 1 };
  }

  async all<T>(sql: string): Promise<T[]> {
    throw new Error(`projection rows: CaseStore.commit listed something new: ${sql}`);
  }

  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    return work(this);
  }

  async close(): Promise<void> {}

  /** The projection row written since the last call. */
  take(): { columns: string[]; values: readonly SqlValue[] } {
    const row = this.row;
    this.row = undefined;
    if (!row) throw new Error('projection rows: CaseStore.commit wrote no projection');
    return row;
  }
}

const catcher = new ProjectionCatcher();
const store = new CaseStore(catcher);

/** The projection row of `state` whose last event has sequence number `lastSeq`, as JSON text of { column: value }. */
export async function projectionRowJson(state: CaseState, lastSeq: number): Promise<{ columns: string[]; json: string }> {
  catcher.head = lastSeq;
  // No events: commit then numbers nothing and writes the projection with last_seq = head.
  await store.commit({ commandId: 'bench-projection', previousVersion: 0, events: [], state, answer: () => null });
  const row = catcher.take();
  return { columns: row.columns, json: rowJson(row.columns, row.values, 'state') };
}

/**
 * The `case_events` row of an event, as CaseStore.commit's INSERT maps it (seq, case_id,
 * version, type, at, actor_id, actor_role, from_stage, to_stage, command_id, event).
 */
export const EVENT_COLUMNS = ['seq', 'case_id', 'version', 'type', 'at', 'actor_id', 'actor_role', 'from_stage', 'to_stage', 'command_id', 'event'] as const;

export function eventRowJson(e: CaseEvent): string {
  const values = [e.seq, e.caseId, e.version, e.type, e.at, e.actor.userId, e.actor.role, e.fromStage, e.toStage, e.commandId, JSON.stringify(e)];
  return rowJson(EVENT_COLUMNS, values, 'event');
}

/** { column: value } as JSON text; `jsonColumn` already holds JSON text and goes in as a value, not a string. */
function rowJson(columns: readonly string[], values: readonly SqlValue[], jsonColumn: string): string {
  const parts = columns.map((column, i) => {
    const value = values[i] ?? null;
    return `${JSON.stringify(column)}:${column === jsonColumn ? String(value) : JSON.stringify(value)}`;
  });
  return `{${parts.join(',')}}`;
}
