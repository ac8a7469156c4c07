import { types, type Database } from './db';

/**
 * Migrations are code, applied in order, each once, recorded in schema_migrations. Never edit
 * a released migration: add the next one.
 */
const MIGRATIONS: { version: number; name: string; sql: (t: ReturnType<typeof types>) => string[] }[] = [
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
];

export async function migrate(db: Database): Promise<number[]> {
  await db.run(`CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied: number[] = [];
  for (const migration of MIGRATIONS) {
    const done = await db.transaction(async (tx) => {
      if (tx.dialect === 'postgres') await tx.run('SELECT pg_advisory_xact_lock(7310001)'); // two nodes starting at once
      const seen = await tx.get<{ version: number }>('SELECT version FROM schema_migrations WHERE version = ?', [migration.version]);
      if (seen) return false;
      for (const statement of migration.sql(types(db.dialect))) await tx.run(statement);
      await tx.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [migration.version, migration.name, new Date().toISOString()]);
      return true;
    });
    if (done) applied.push(migration.version);
  }
  return applied;
}
