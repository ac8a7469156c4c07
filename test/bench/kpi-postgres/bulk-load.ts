import pg from 'pg';
import { EVENT_COLUMNS, eventRowJson, projectionRowJson } from './projection-rows';
import type { LivedCase } from './year-of-cases';

/** Rows per INSERT: a few MB of JSON each (a case row ≈ 2 KB, an event ≈ 0.5 KB). */
const CASES_PER_STATEMENT = 2_000;
const EVENTS_PER_STATEMENT = 8_000;
/** Statements per transaction on each connection: big transactions, but not one for the whole year. */
const STATEMENTS_PER_TRANSACTION = 100;

/** One table's stream of INSERTs on its own connection, one statement in flight while the next is built. */
class TableStream {
  private rows: string[] = [];
  private inFlight: Promise<void> = Promise.resolve();
  private failure: unknown;
  private statements = 0;
  /** Time the generator waited for the database (back-pressure), ms. */
  waitedMs = 0;
  written = 0;

  constructor(
    private readonly client: pg.Client,
    private readonly table: string,
    private readonly perStatement: number,
  ) {}

  async add(rowJson: string, columns: readonly string[]): Promise<void> {
    this.rows.push(rowJson);
    if (this.rows.length >= this.perStatement) await this.flush(columns);
  }

  async flush(columns: readonly string[]): Promise<void> {
    const started = performance.now();
    await this.inFlight;
    this.waitedMs += performance.now() - started;
    if (this.failure) throw this.failure;
    if (this.rows.length === 0) return;
    const rows = this.rows;
    this.rows = [];
    const list = columns.join(', ');
    // One parameter, a JSON array of { column: value }: the server unpacks it into rows of the table's own types.
    const sql = `INSERT INTO ${this.table} (${list}) SELECT ${list} FROM json_populate_recordset(NULL::${this.table}, $1::json)`;
    const rotate = ++this.statements % STATEMENTS_PER_TRANSACTION === 0;
    this.inFlight = this.client
      .query(sql, [`[${rows.join(',')}]`])
      .then(() => (rotate ? this.client.query('COMMIT; BEGIN') : undefined))
      .then(
        () => {
          this.written += rows.length;
        },
        (error: unknown) => {
          this.failure = error;
        },
      );
  }

  async finish(columns: readonly string[]): Promise<void> {
    await this.flush(columns);
    await this.inFlight;
    if (this.failure) throw this.failure;
    await this.client.query('COMMIT');
  }
}

/**
 * Writes the generated year into the (index-free, see bench-database.ts) tables: every case's
 * projection row as the service writes it and every event, a few thousand rows per INSERT …
 * SELECT over one JSON parameter, in big transactions, cases and events on two connections so
 * the server stores one batch while this process builds the next.
 */
export class BulkLoader {
  private caseColumns: string[] | undefined;
  private readonly clients: pg.Client[];
  private readonly casesStream: TableStream;
  private readonly eventsStream: TableStream;

  private constructor(cases: pg.Client, events: pg.Client) {
    this.clients = [cases, events];
    this.casesStream = new TableStream(cases, 'cases', CASES_PER_STATEMENT);
    this.eventsStream = new TableStream(events, 'case_events', EVENTS_PER_STATEMENT);
  }

  static async open(url: string): Promise<BulkLoader> {
    const clients = [new pg.Client({ connectionString: url }), new pg.Client({ connectionString: url })] as const;
    for (const client of clients) {
      await client.connect();
      // A cache the bench can rebuild: no need to wait for each commit's WAL flush.
      await client.query('SET synchronous_commit = off');
      await client.query('BEGIN');
    }
    return new BulkLoader(clients[0], clients[1]);
  }

  get written(): { cases: number; events: number } {
    return { cases: this.casesStream.written, events: this.eventsStream.written };
  }

  /** How long the generator waited for the database, ms. */
  get waitedMs(): number {
    return this.casesStream.waitedMs + this.eventsStream.waitedMs;
  }

  async add(cases: readonly LivedCase[]): Promise<void> {
    for (const c of cases) {
      const last = c.events.at(-1);
      const row = await projectionRowJson(c.state, last?.seq ?? 0);
      this.caseColumns ??= row.columns;
      await this.casesStream.add(row.json, this.caseColumns);
      for (const e of c.events) await this.eventsStream.add(eventRowJson(e), EVENT_COLUMNS);
    }
  }

  /** Flushes, commits, and fills the service's case-number counters (the day's last number). */
  async finish(numbers: ReadonlyMap<string, number>): Promise<void> {
    await this.casesStream.finish(this.caseColumns ?? []);
    await this.eventsStream.finish(EVENT_COLUMNS);
    const [client] = this.clients;
    const days = [...numbers.entries()];
    if (client && days.length > 0) {
      await client.query('INSERT INTO case_numbers (day, last) SELECT * FROM unnest($1::text[], $2::int[])', [days.map(([d]) => d), days.map(([, n]) => n)]);
    }
  }

  async close(): Promise<void> {
    for (const client of this.clients) await client.end();
  }
}
