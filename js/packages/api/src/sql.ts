/**
 * @sash/api/sql - SQLite through the sql plugin (`sash_plugin_sql`).
 * Values go as bound parameters only (`?` with an array, `:name` with an
 * object).  Grant `sql:default` in sash.json.  SQLite errors reject with
 * code `sql_error` and SQLite's message.
 */
import { invoke, rows as rowsOf, type Rows } from './index.js';

export type SqlValue = null | boolean | number | string;
export type Params = SqlValue[] | Record<string, SqlValue>;

export interface ExecResult {
  rowsAffected: number;
  lastInsertId: number;
}

/** A windowed SELECT: the page fetches only the rows it renders. */
export interface Query<T> {
  total: number;
  columns: string[];
  rows: Rows<T>;
  /** Releases the query on the C side. */
  close(): Promise<void>;
}

export class Database {
  /** The file name in the app data folder, e.g. "notes.db". */
  readonly name: string;

  private constructor(name: string) {
    this.name = name;
  }

  /** Opens (creates) a database in the app data folder (WAL journal). */
  static async open(name: string): Promise<Database> {
    await invoke('sql:open', { db: name });
    return new Database(name);
  }

  /** Runs one statement that returns no rows. */
  execute(sql: string, params?: Params): Promise<ExecResult> {
    return invoke<ExecResult>('sql:execute', { db: this.name, sql, params: params ?? null });
  }

  /** Runs one SELECT; at most 10,000 rows (rejects `too_large`: use query()). */
  select<T = Record<string, SqlValue>>(sql: string, params?: Params): Promise<T[]> {
    return invoke<T[]>('sql:select', { db: this.name, sql, params: params ?? null });
  }

  /** Runs statements in one transaction: all or nothing. */
  batch(statements: { sql: string; params?: Params }[]): Promise<ExecResult[]> {
    return invoke<ExecResult[]>('sql:batch', {
      db: this.name,
      statements: statements.map((s) => ({ sql: s.sql, params: s.params ?? null })),
    });
  }

  /**
   * Brings the schema up to date: migrations[i] is the script of version
   * i + 1; those past the database's `user_version` run, each in its own
   * transaction.
   */
  migrate(migrations: string[]): Promise<{ from: number; to: number }> {
    return invoke<{ from: number; to: number }>('sql:migrate', { db: this.name, migrations });
  }

  /** A SELECT of any size, read in windows with `rows.get(from, to)`. */
  async query<T = Record<string, SqlValue>>(sql: string, params?: Params, pageSize = 200): Promise<Query<T>> {
    const r = await invoke<{ rows: string; total: number; columns: string[] }>('sql:query', {
      db: this.name, sql, params: params ?? null,
    });
    return {
      total: r.total,
      columns: r.columns,
      rows: rowsOf<T>(r.rows, pageSize),
      close: async () => {
        await invoke('sql:query_close', { rows: r.rows });
      },
    };
  }

  async close(): Promise<void> {
    await invoke('sql:close', { db: this.name });
  }
}
