import Database from 'better-sqlite3';

/**
 * Tells whether anyone committed to a SQLite file: `PRAGMA data_version` on a connection of its
 * own changes whenever any other connection (the store's, a CLI import, another process) commits,
 * and costs a few microseconds, so a read model can ask it on every request.
 */
export class SqliteChangeProbe {
  private readonly db: Database.Database;
  private readonly statement: Database.Statement;

  /** @param file the database file; it must exist (the store opened it first). */
  constructor(file: string) {
    this.db = new Database(file, { readonly: true, fileMustExist: true });
    this.statement = this.db.prepare('PRAGMA data_version').pluck();
  }

  /** A number that differs from the last one read once anyone else has committed since. */
  token(): number {
    return this.statement.get() as number;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
