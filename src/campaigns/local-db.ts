import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrate, type Migration } from '../store/sqlite/migrations';

/**
 * The local queue's schema: what reap keeps on the machine it runs on and never in SharePoint —
 * one row per message a campaign sends, and completions confirmed in chat that the plan's store
 * has not taken yet.
 */
const QUEUE_MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'send queue and completion inbox',
    sql: `
      CREATE TABLE campaigns (
        id TEXT PRIMARY KEY, content TEXT NOT NULL, state TEXT NOT NULL, created_at TEXT NOT NULL
      );
      CREATE TABLE messages (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        campaign_id TEXT NOT NULL REFERENCES campaigns (id),
        person_id TEXT NOT NULL,
        conversation_id TEXT,
        reference TEXT,
        state TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        not_before INTEGER NOT NULL DEFAULT 0,
        activity_id TEXT,
        detail TEXT,
        updated_at TEXT NOT NULL,
        UNIQUE (campaign_id, person_id)
      );
      CREATE INDEX messages_ready ON messages (state, not_before);
      CREATE INDEX messages_campaign ON messages (campaign_id, state);
      CREATE TABLE pending_completions (
        person_id TEXT NOT NULL, training_id TEXT NOT NULL, content TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT,
        PRIMARY KEY (person_id, training_id)
      );
    `,
  },
  {
    version: 2,
    name: 'notices: one card for one person, queued like a campaign of one',
    sql: `ALTER TABLE campaigns ADD COLUMN kind TEXT NOT NULL DEFAULT 'campaign';`,
  },
];

/**
 * Opens (creating and migrating) `queue.sqlite` in `dataDir`. WAL with `synchronous = NORMAL`:
 * a committed change survives the process being killed (the question a send queue must answer);
 * a power cut may lose the last changes, which at worst sends their messages again.
 */
export function openLocalDb(dataDir: string, file = 'queue.sqlite'): Database.Database {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, file));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  migrate(db, QUEUE_MIGRATIONS);
  return db;
}
