import type Database from 'better-sqlite3';
import type { Completion } from '../domain';

/**
 * Completions confirmed in chat that the plan's store has not taken yet. A confirmation is
 * written here (a local SQLite commit, well under a millisecond) before the bot answers, so the
 * answer never waits on a slow or throttled store, and a kill loses nothing: what is here is
 * written to the store as soon as it can be, at the latest when reap starts again.
 */
export class CompletionInbox {
  constructor(private readonly db: Database.Database) {}

  /** Keeps `completion` until the store has it; false when one for the same person and training is already waiting. */
  add(completion: Completion): boolean {
    return (
      this.db
        .prepare(
          'INSERT OR IGNORE INTO pending_completions (person_id, training_id, content) VALUES (?, ?, ?)',
        )
        .run(completion.personId, completion.trainingId, JSON.stringify(completion)).changes === 1
    );
  }

  /** Waiting completions, of one person or of everyone. */
  pending(personId?: string): Completion[] {
    const rows = (
      personId
        ? this.db
            .prepare('SELECT content FROM pending_completions WHERE person_id = ?')
            .all(personId)
        : this.db.prepare('SELECT content FROM pending_completions ORDER BY rowid').all()
    ) as Array<{ content: string }>;
    return rows.map((r) => JSON.parse(r.content) as Completion);
  }

  /** The store has it now. */
  remove(completion: Pick<Completion, 'personId' | 'trainingId'>): void {
    this.db
      .prepare('DELETE FROM pending_completions WHERE person_id = ? AND training_id = ?')
      .run(completion.personId, completion.trainingId);
  }

  /** The store refused or failed this time; kept for the next try. */
  failed(completion: Pick<Completion, 'personId' | 'trainingId'>, error: string): void {
    this.db
      .prepare(
        'UPDATE pending_completions SET attempts = attempts + 1, last_error = ? WHERE person_id = ? AND training_id = ?',
      )
      .run(error.slice(0, 500), completion.personId, completion.trainingId);
  }
}
