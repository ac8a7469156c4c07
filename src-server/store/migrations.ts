import { types, type Database, type Dialect, type Queryable } from './db';
import { rebuildDaily } from './kpi-daily';

/**
 * Migrations are code, applied in order, each once, recorded in schema_migrations. Never edit
 * a released migration: add the next one.
 */
interface Migration {
  version: number;
  name: string;
  sql: (t: ReturnType<typeof types>, dialect: Dialect) => string[];
  /** Fills what the statements created from the rows already there, in the same transaction. */
  backfill?: (tx: Queryable) => Promise<unknown>;
}

const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'event log, case projection, command answers',
    sql: (t) => [
      `CREATE TABLE case_events (
        seq ${t.bigint} PRIMARY KEY,
        case_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        type TEXT NOT NULL,
        at TEXT NOT NULL,
        actor_id TEXT NOT NULL,
        actor_role TEXT NOT NULL,
        from_stage TEXT,
        to_stage TEXT NOT NULL,
        command_id TEXT NOT NULL,
        event ${t.json} NOT NULL,
        UNIQUE (case_id, version)
      )`,
      `CREATE INDEX case_events_at ON case_events (at)`,
      `CREATE TABLE cases (
        id TEXT PRIMARY KEY,
        number TEXT NOT NULL UNIQUE,
        version INTEGER NOT NULL,
        stage TEXT NOT NULL,
        category_code TEXT NOT NULL,
        urgency TEXT NOT NULL,
        channel TEXT NOT NULL,
        street_code TEXT NOT NULL,
        community_code TEXT NOT NULL,
        grid_code TEXT NOT NULL,
        lon REAL NOT NULL,
        lat REAL NOT NULL,
        component_code TEXT,
        department_ids TEXT NOT NULL,
        lead_department_id TEXT,
        reported_at TEXT NOT NULL,
        dispatched_at TEXT,
        handled_at TEXT,
        closed_at TEXT,
        current_deadline TEXT,
        is_open INTEGER NOT NULL,
        last_seq ${t.bigint} NOT NULL,
        state ${t.json} NOT NULL
      )`,
      `CREATE INDEX cases_stage ON cases (stage)`,
      `CREATE INDEX cases_open_deadline ON cases (is_open, current_deadline)`,
      `CREATE INDEX cases_grid ON cases (grid_code)`,
      `CREATE INDEX cases_street ON cases (street_code)`,
      `CREATE INDEX cases_reported ON cases (reported_at)`,
      `CREATE INDEX cases_closed ON cases (closed_at)`,
      `CREATE INDEX cases_lead ON cases (lead_department_id)`,
      `CREATE INDEX cases_open_category ON cases (is_open, category_code)`,
      `CREATE INDEX cases_component ON cases (component_code)`,
      `CREATE TABLE commands (
        command_id TEXT PRIMARY KEY,
        case_id TEXT,
        at TEXT NOT NULL,
        answer ${t.json} NOT NULL
      )`,
      `CREATE TABLE case_numbers (day TEXT PRIMARY KEY, last INTEGER NOT NULL)`,
      `CREATE TABLE reporter_contacts (
        case_id TEXT PRIMARY KEY,
        name TEXT,
        phone TEXT,
        source TEXT NOT NULL
      )`,
      `CREATE TABLE access_log (
        id ${t.serial},
        at TEXT NOT NULL,
        user_id TEXT NOT NULL,
        role TEXT NOT NULL,
        case_id TEXT,
        action TEXT NOT NULL,
        detail TEXT
      )`,
      `CREATE TABLE photos (
        id TEXT PRIMARY KEY,
        case_id TEXT,
        mime TEXT NOT NULL,
        size INTEGER NOT NULL,
        bytes ${t.blob} NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL
      )`,
    ],
  },
  {
    version: 2,
    name: 'next deadline alarm per case, for the deadline watcher',
    sql: () => [
      // The earliest instant a reminder / overdue alert / supervision not yet raised falls due
      // (ISO text like every instant here, so it compares as text). NULL = none will. Rows
      // written before this migration are filled in by the watcher when it starts.
      `ALTER TABLE cases ADD COLUMN next_alarm_at TEXT`,
      `CREATE INDEX cases_open_next_alarm ON cases (is_open, next_alarm_at)`,
    ],
  },
  {
    version: 3,
    name: 'reporter e-mail, for Open311 reports that give one',
    // Open311 clients may send an e-mail instead of a phone; kept apart from the case like the phone.
    sql: () => [`ALTER TABLE reporter_contacts ADD COLUMN email TEXT`],
  },
  {
    version: 4,
    name: 'projection columns for the evaluation indicators (KPI aggregates in SQL)',
    // What src-shared/kpi/formulas.ts reads from a case, as columns, so the service can count in
    // SQL. Instants stay ISO text (compared as text); flags and counts are integers, 0 when absent.
    // Existing rows are filled from their state here, so the figures cover the whole history.
    sql: (_t, dialect) => [
        `ALTER TABLE cases ADD COLUMN handle_deadline TEXT`,
        `ALTER TABLE cases ADD COLUMN verify_deadline TEXT`,
        `ALTER TABLE cases ADD COLUMN registered_at TEXT`,
        `ALTER TABLE cases ADD COLUMN sent_to_verify_at TEXT`,
        `ALTER TABLE cases ADD COLUMN late_handle INTEGER NOT NULL DEFAULT 0`,
        `ALTER TABLE cases ADD COLUMN late_verify INTEGER NOT NULL DEFAULT 0`,
        `ALTER TABLE cases ADD COLUMN rework_count INTEGER NOT NULL DEFAULT 0`,
        `ALTER TABLE cases ADD COLUMN return_count INTEGER NOT NULL DEFAULT 0`,
        `ALTER TABLE cases ADD COLUMN extension_count INTEGER NOT NULL DEFAULT 0`,
        `ALTER TABLE cases ADD COLUMN evaluation_satisfaction TEXT`,
        `ALTER TABLE cases ADD COLUMN evaluated_at TEXT`,
        kpiColumnsBackfill(dialect),
        // Every indicator's denominator needs one instant in the period: with each instant
        // indexed, the period filter (an OR of ranges) can use the indexes instead of a scan.
        `CREATE INDEX cases_handle_deadline ON cases (handle_deadline)`,
        `CREATE INDEX cases_sent_to_verify ON cases (sent_to_verify_at)`,
        `CREATE INDEX cases_evaluated ON cases (evaluated_at)`,
        `CREATE INDEX cases_dispatched ON cases (dispatched_at)`,
        `CREATE INDEX cases_handled ON cases (handled_at)`,
    ],
  },
  {
    version: 5,
    name: 'daily rollup of the evaluation figures (kpi-daily.ts)',
    // Literal SQL, frozen as released: a migration must not change when the rollup's code does.
    // Counters start at 0 so a row inserted by one mark can take the next by adding. The
    // primary keys are the rollup's keys (every query filters on its days first); the due
    // pairs also need their closure days found without a scan of the deadline days.
    // test/integration/kpi/rollup-schema.test.ts fails when DAILY_TABLES and the migrated tables
    // differ: a change to the rollup's tables needs a migration of its own (and a rebuild).
    sql: () => [
      `CREATE TABLE kpi_daily (
          day TEXT NOT NULL,
          street_code TEXT NOT NULL,
          lead_department_id TEXT NOT NULL,
          channel TEXT NOT NULL,
          reported INTEGER NOT NULL DEFAULT 0,
          reported_decided INTEGER NOT NULL DEFAULT 0,
          reported_valid INTEGER NOT NULL DEFAULT 0,
          dispatched INTEGER NOT NULL DEFAULT 0,
          dispatched_returned INTEGER NOT NULL DEFAULT 0,
          dispatched_extended INTEGER NOT NULL DEFAULT 0,
          handled INTEGER NOT NULL DEFAULT 0,
          handled_reworked INTEGER NOT NULL DEFAULT 0,
          checked INTEGER NOT NULL DEFAULT 0,
          checked_on_time INTEGER NOT NULL DEFAULT 0,
          closed INTEGER NOT NULL DEFAULT 0,
          reached INTEGER NOT NULL DEFAULT 0,
          satisfied INTEGER NOT NULL DEFAULT 0,
          PRIMARY KEY (day, street_code, lead_department_id, channel)
        )`,
      `CREATE TABLE kpi_due_daily (
          deadline_day TEXT NOT NULL,
          closed_day TEXT NOT NULL,
          street_code TEXT NOT NULL,
          lead_department_id TEXT NOT NULL,
          channel TEXT NOT NULL,
          due INTEGER NOT NULL DEFAULT 0,
          due_in_time INTEGER NOT NULL DEFAULT 0,
          PRIMARY KEY (deadline_day, closed_day, street_code, lead_department_id, channel)
        )`,
      `CREATE TABLE kpi_category_daily (
          day TEXT NOT NULL,
          street_code TEXT NOT NULL,
          lead_department_id TEXT NOT NULL,
          category_code TEXT NOT NULL,
          reported INTEGER NOT NULL DEFAULT 0,
          reported_valid INTEGER NOT NULL DEFAULT 0,
          closed INTEGER NOT NULL DEFAULT 0,
          PRIMARY KEY (day, street_code, lead_department_id, category_code)
        )`,
      `CREATE TABLE kpi_community_daily (
          day TEXT NOT NULL,
          street_code TEXT NOT NULL,
          community_code TEXT NOT NULL,
          lead_department_id TEXT NOT NULL,
          channel TEXT NOT NULL,
          reported INTEGER NOT NULL DEFAULT 0,
          reported_decided INTEGER NOT NULL DEFAULT 0,
          reported_valid INTEGER NOT NULL DEFAULT 0,
          dispatched INTEGER NOT NULL DEFAULT 0,
          dispatched_returned INTEGER NOT NULL DEFAULT 0,
          dispatched_extended INTEGER NOT NULL DEFAULT 0,
          handled INTEGER NOT NULL DEFAULT 0,
          handled_reworked INTEGER NOT NULL DEFAULT 0,
          checked INTEGER NOT NULL DEFAULT 0,
          checked_on_time INTEGER NOT NULL DEFAULT 0,
          closed INTEGER NOT NULL DEFAULT 0,
          reached INTEGER NOT NULL DEFAULT 0,
          satisfied INTEGER NOT NULL DEFAULT 0,
          PRIMARY KEY (day, street_code, community_code, lead_department_id, channel)
        )`,
      `CREATE TABLE kpi_community_due_daily (
          deadline_day TEXT NOT NULL,
          closed_day TEXT NOT NULL,
          street_code TEXT NOT NULL,
          community_code TEXT NOT NULL,
          lead_department_id TEXT NOT NULL,
          channel TEXT NOT NULL,
          due INTEGER NOT NULL DEFAULT 0,
          due_in_time INTEGER NOT NULL DEFAULT 0,
          PRIMARY KEY (deadline_day, closed_day, street_code, community_code, lead_department_id, channel)
        )`,
      `CREATE INDEX kpi_due_daily_closed ON kpi_due_daily (closed_day)`,
      `CREATE INDEX kpi_community_due_daily_closed ON kpi_community_due_daily (closed_day)`,
      // A community's board (its figures, its grids' ranking) is counted from `cases`: without
      // this, a year of one community read the whole table (0.8 s each panel, 5.4 s the board).
      `CREATE INDEX cases_community ON cases (community_code)`,
    ],
    // Fills the tables from the cases already there (none on a fresh database).
    backfill: (tx) => rebuildDaily(tx),
  },
  {
    version: 6,
    name: "search text per case (address and the reporter's words), for the desk's case finder",
    // Literal SQL, frozen as released. The finder matches words anywhere in the address and the
    // description, so no index can seek to them: it scans newest first and stops at its limit.
    // SQLite scans a covering index of what the finder reads (time, number, text, scope, id)
    // instead of the wide rows with their state JSON: 200,000 cases with no match in 50–75 ms,
    // not 0.3–0.7 s. PostgreSQL gets no such index (a B-tree entry is capped near 2.7 kB, and a
    // description may be 2,000 characters); it walks cases_reported (≈ 0.25 s for 200,000 and
    // no match). A trigram index would need the pg_trgm extension, the operator's to install.
    sql: (_t, dialect) =>
      dialect === 'postgres'
        ? [`ALTER TABLE cases ADD COLUMN search_text TEXT NOT NULL DEFAULT ''`, SEARCH_TEXT_BACKFILL.postgres]
        : [
            `ALTER TABLE cases ADD COLUMN search_text TEXT NOT NULL DEFAULT ''`,
            SEARCH_TEXT_BACKFILL.sqlite,
            `CREATE INDEX cases_search ON cases (reported_at, number, search_text, department_ids, grid_code, id)`,
          ],
  },
  {
    version: 7,
    name: 'accounts with passwords, sessions, the audit log',
    // grid_codes is a JSON array (a supervisor's grids). Only a SHA-256 of a session token is
    // kept: a copy of the database does not let anyone in. audit_log is append-only.
    sql: (t) => [
      `CREATE TABLE accounts (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        role TEXT NOT NULL,
        department_id TEXT,
        street_code TEXT,
        grid_codes ${t.json},
        password_hash TEXT NOT NULL,
        enabled INTEGER NOT NULL DEFAULT 1,
        failed_attempts INTEGER NOT NULL DEFAULT 0,
        locked_until TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      )`,
      `CREATE INDEX accounts_updated ON accounts (updated_at)`,
      `CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        token_hash TEXT NOT NULL UNIQUE,
        user_id TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        revoked_at TEXT
      )`,
      `CREATE INDEX sessions_user ON sessions (user_id)`,
      `CREATE INDEX sessions_expires ON sessions (expires_at)`,
      `CREATE INDEX sessions_revoked ON sessions (revoked_at)`,
      `CREATE TABLE audit_log (
        seq ${t.serial},
        at TEXT NOT NULL,
        actor_id TEXT NOT NULL,
        action TEXT NOT NULL,
        target TEXT,
        detail ${t.json} NOT NULL,
        origin TEXT NOT NULL
      )`,
      `CREATE INDEX audit_log_at ON audit_log (at)`,
    ],
  },
];

/**
 * Fills migration 6's search_text from each row's state as `searchTextOf` writes it: the address,
 * a line break, the description, Latin letters lower-cased (SQLite's lower() folds ASCII only;
 * PostgreSQL's translate() is told A–Z), so both dialects compare with a plain LIKE (PostgreSQL's
 * ILIKE folds every row it reads: 4× slower). Literal SQL, part of a released migration; exported
 * so a test can check it against the write path on both dialects.
 */
export const SEARCH_TEXT_BACKFILL: Readonly<Record<Dialect, string>> = {
  sqlite: `UPDATE cases SET search_text = lower(COALESCE(json_extract(state, '$.place.address'), '') || char(10) || COALESCE(json_extract(state, '$.description'), ''))`,
  postgres: `UPDATE cases SET search_text = translate(COALESCE(state #>> '{place,address}', '') || chr(10) || COALESCE(state ->> 'description', ''), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')`,
};

/**
 * Fills migration 4's columns from each row's state, as `writeProjection` would. Idempotent;
 * exported so a test can check it against the write path on both dialects.
 */
export function kpiColumnsBackfill(dialect: Dialect): string {
  const json = stateJson(dialect);
  return `UPDATE cases SET
    handle_deadline = ${json.text('deadlines', 'handle')},
    verify_deadline = ${json.text('deadlines', 'verify')},
    registered_at = ${json.text('registeredAt')},
    sent_to_verify_at = ${json.text('sentToVerifyAt')},
    late_handle = ${json.flag('late', 'handle')},
    late_verify = ${json.flag('late', 'verify')},
    rework_count = ${json.int('reworkCount')},
    return_count = ${json.int('returnCount')},
    extension_count = ${json.int('extensionCount')},
    evaluation_satisfaction = ${json.text('evaluation', 'satisfaction')},
    evaluated_at = ${json.text('evaluation', 'at')}`;
}

/**
 * Reading a field of the stored state (the `state` column) in SQL, for backfills. The keys are
 * fixed identifiers from the code above, never input. SQLite's json_extract gives JSON true as 1;
 * PostgreSQL's #>> gives text ('true').
 */
function stateJson(dialect: Dialect): { text: (...path: string[]) => string; flag: (...path: string[]) => string; int: (...path: string[]) => string } {
  if (dialect === 'postgres') {
    const at = (path: string[]) => `(state #>> '{${path.join(',')}}')`;
    return {
      text: (...path) => at(path),
      flag: (...path) => `CASE WHEN ${at(path)} = 'true' THEN 1 ELSE 0 END`,
      int: (...path) => `COALESCE(${at(path)}::integer, 0)`,
    };
  }
  const at = (path: string[]) => `json_extract(state, '$.${path.join('.')}')`;
  return {
    text: (...path) => at(path),
    flag: (...path) => `CASE WHEN ${at(path)} THEN 1 ELSE 0 END`,
    int: (...path) => `COALESCE(${at(path)}, 0)`,
  };
}

export async function migrate(db: Database): Promise<number[]> {
  await db.run(`CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied: number[] = [];
  for (const migration of MIGRATIONS) {
    const done = await db.transaction(async (tx) => {
      if (tx.dialect === 'postgres') await tx.run('SELECT pg_advisory_xact_lock(7310001)'); // two nodes starting at once
      const seen = await tx.get<{ version: number }>('SELECT version FROM schema_migrations WHERE version = ?', [migration.version]);
      if (seen) return false;
      for (const statement of migration.sql(types(db.dialect), db.dialect)) await tx.run(statement);
      await migration.backfill?.(tx);
      await tx.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [migration.version, migration.name, new Date().toISOString()]);
      return true;
    });
    if (done) applied.push(migration.version);
  }
  return applied;
}
