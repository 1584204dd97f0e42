import type Database from 'better-sqlite3';

/** One schema change; applied once, in order, inside a transaction. */
export type Migration = { version: number; name: string; sql: string };

/** The schema's history. Never edit a released migration: add the next one. */
export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'plan records',
    sql: `
      CREATE TABLE departments (id TEXT PRIMARY KEY, name TEXT NOT NULL);
      CREATE TABLE goals (id TEXT PRIMARY KEY, title TEXT NOT NULL);
      CREATE TABLE strategies (
        id TEXT PRIMARY KEY, goal_id TEXT NOT NULL, area TEXT NOT NULL, text TEXT NOT NULL,
        responsible_department_ids TEXT NOT NULL
      );
      CREATE TABLE milestones (
        id TEXT PRIMARY KEY, strategy_id TEXT NOT NULL, title TEXT NOT NULL, done_on TEXT
      );
      CREATE TABLE trainings (
        id TEXT PRIMARY KEY, title TEXT NOT NULL, course_url TEXT NOT NULL,
        required_for_leads INTEGER NOT NULL
      );
      CREATE TABLE waves (
        id TEXT PRIMARY KEY, training_id TEXT NOT NULL REFERENCES trainings(id),
        sequence INTEGER NOT NULL, tier TEXT NOT NULL, opens_on TEXT NOT NULL, due_on TEXT NOT NULL,
        override_reason TEXT, UNIQUE (training_id, sequence)
      );
      CREATE TABLE people (
        id TEXT PRIMARY KEY, aad_object_id TEXT NOT NULL UNIQUE, display_name TEXT NOT NULL,
        upn TEXT NOT NULL, department_id TEXT NOT NULL, tier TEXT NOT NULL, job_title TEXT NOT NULL
      );
      CREATE INDEX people_department ON people (department_id);
      CREATE TABLE department_members (
        department_id TEXT NOT NULL, person_id TEXT NOT NULL, role TEXT NOT NULL, since TEXT NOT NULL,
        PRIMARY KEY (department_id, person_id, role)
      );
      CREATE TABLE completions (
        id TEXT PRIMARY KEY, person_id TEXT NOT NULL, training_id TEXT NOT NULL,
        wave_id TEXT NOT NULL, completed_on TEXT NOT NULL, recorded_at TEXT NOT NULL,
        source TEXT NOT NULL, UNIQUE (person_id, training_id)
      );
      CREATE INDEX completions_training ON completions (training_id);
      CREATE TABLE vision_statements (
        id TEXT PRIMARY KEY, department_id TEXT NOT NULL, text TEXT NOT NULL,
        adopted_on TEXT NOT NULL, version INTEGER NOT NULL, recorded_by TEXT NOT NULL,
        recorded_at TEXT NOT NULL, UNIQUE (department_id, version)
      );
      CREATE TABLE toolkit_analyses (
        id TEXT PRIMARY KEY, department_id TEXT NOT NULL, title TEXT NOT NULL, kind TEXT NOT NULL,
        council_file_number TEXT, steps TEXT NOT NULL, groups_benefited TEXT, groups_burdened TEXT,
        resulting_change TEXT, status TEXT NOT NULL, author_id TEXT NOT NULL, review_comment TEXT,
        reviewed_by TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, submitted_at TEXT,
        version INTEGER NOT NULL
      );
      CREATE INDEX toolkit_department ON toolkit_analyses (department_id, status);
      CREATE TABLE impact_statements (
        id TEXT PRIMARY KEY, department_id TEXT NOT NULL, council_file_number TEXT NOT NULL,
        title TEXT NOT NULL, guided_by TEXT NOT NULL, status TEXT NOT NULL, guided_on TEXT NOT NULL
      );
      CREATE TABLE strategy_statuses (
        id TEXT PRIMARY KEY, strategy_id TEXT NOT NULL, department_id TEXT NOT NULL,
        status TEXT NOT NULL, note TEXT NOT NULL, reported_on TEXT NOT NULL, reported_by TEXT NOT NULL
      );
      CREATE TABLE partnership_meetings (
        id TEXT PRIMARY KEY, department_id TEXT NOT NULL, held_on TEXT NOT NULL,
        partners TEXT NOT NULL, notes TEXT NOT NULL
      );
      CREATE TABLE outreach_events (
        id TEXT PRIMARY KEY, department_id TEXT NOT NULL, held_on TEXT NOT NULL, title TEXT NOT NULL,
        people_reached INTEGER NOT NULL
      );
      CREATE TABLE checklist_items (
        department_id TEXT NOT NULL, item_key TEXT NOT NULL, done_on TEXT,
        PRIMARY KEY (department_id, item_key)
      );
      CREATE TABLE survey_results (
        id TEXT PRIMARY KEY, year INTEGER NOT NULL, question TEXT NOT NULL, grp TEXT NOT NULL,
        respondents INTEGER NOT NULL, value REAL NOT NULL
      );
      CREATE TABLE focus_groups (
        id TEXT PRIMARY KEY, held_on TEXT NOT NULL, topic TEXT NOT NULL, participants INTEGER NOT NULL
      );
      CREATE TABLE indicator_points (
        indicator TEXT NOT NULL, grp TEXT NOT NULL, year INTEGER NOT NULL, value REAL NOT NULL,
        PRIMARY KEY (indicator, grp, year)
      );
      CREATE TABLE annual_reports (
        year INTEGER PRIMARY KEY, generated_at TEXT NOT NULL, content TEXT NOT NULL
      );
      CREATE TABLE conversations (
        person_id TEXT PRIMARY KEY, reference TEXT NOT NULL, updated_at TEXT NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'audit log',
    sql: `
      CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, at TEXT NOT NULL,
        actor_id TEXT NOT NULL, action TEXT NOT NULL, record_type TEXT NOT NULL,
        record_id TEXT NOT NULL, before TEXT, after TEXT
      );
      CREATE INDEX audit_record ON audit_log (record_type, record_id);
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log cannot be edited'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log cannot be edited'); END;
    `,
  },
  {
    version: 3,
    name: 'who recorded a completion',
    sql: `ALTER TABLE completions ADD COLUMN recorded_by TEXT;`,
  },
  {
    version: 4,
    name: 'campaign summaries',
    sql: `
      CREATE TABLE campaign_summaries (
        id TEXT PRIMARY KEY, started_at TEXT NOT NULL, content TEXT NOT NULL
      );
    `,
  },
  {
    version: 5,
    name: 'lead forms',
    sql: `
      ALTER TABLE toolkit_analyses ADD COLUMN step TEXT NOT NULL DEFAULT 'proposal';
      ALTER TABLE toolkit_analyses ADD COLUMN submitted_by TEXT;
      ALTER TABLE toolkit_analyses ADD COLUMN reviewed_at TEXT;
      ALTER TABLE impact_statements ADD COLUMN recorded_by TEXT;
      ALTER TABLE impact_statements ADD COLUMN recorded_at TEXT;
      ALTER TABLE strategy_statuses ADD COLUMN quarter TEXT NOT NULL DEFAULT '';
      ALTER TABLE strategy_statuses ADD COLUMN reported_at TEXT;
      CREATE INDEX strategy_statuses_quarter ON strategy_statuses (department_id, quarter);
      ALTER TABLE partnership_meetings ADD COLUMN people_reached INTEGER;
      ALTER TABLE partnership_meetings ADD COLUMN recorded_by TEXT;
      ALTER TABLE partnership_meetings ADD COLUMN recorded_at TEXT;
      ALTER TABLE outreach_events ADD COLUMN partners TEXT;
      ALTER TABLE outreach_events ADD COLUMN notes TEXT;
      ALTER TABLE outreach_events ADD COLUMN recorded_by TEXT;
      ALTER TABLE outreach_events ADD COLUMN recorded_at TEXT;
    `,
  },
  {
    version: 6,
    name: 'roster sync: people who left, settings',
    sql: `
      ALTER TABLE people ADD COLUMN active INTEGER;
      ALTER TABLE people ADD COLUMN left_on TEXT;
      CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at TEXT NOT NULL);
    `,
  },
  {
    version: 7,
    name: 'accountability: indicator place and source, survey and focus-group departments',
    // SQLite cannot change a primary key: the indicator table is rebuilt with `place` in its key.
    sql: `
      ALTER TABLE survey_results ADD COLUMN department_id TEXT;
      ALTER TABLE focus_groups ADD COLUMN department_id TEXT;
      ALTER TABLE focus_groups ADD COLUMN recorded_by TEXT;
      ALTER TABLE focus_groups ADD COLUMN recorded_at TEXT;
      CREATE TABLE indicator_points_next (
        indicator TEXT NOT NULL, grp TEXT NOT NULL, place TEXT NOT NULL DEFAULT '',
        year INTEGER NOT NULL, value REAL NOT NULL, source TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (indicator, grp, place, year)
      );
      INSERT INTO indicator_points_next (indicator, grp, year, value)
        SELECT indicator, grp, year, value FROM indicator_points;
      DROP TABLE indicator_points;
      ALTER TABLE indicator_points_next RENAME TO indicator_points;
    `,
  },
];

/**
 * Brings the database to the newest schema: each pending migration runs in its own transaction,
 * so a crash leaves the file at the last complete version.
 * @returns the versions applied now.
 */
export function migrate(db: Database.Database, migrations: Migration[] = MIGRATIONS): number[] {
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
  );
  const applied = new Set(
    db
      .prepare('SELECT version FROM schema_migrations')
      .all()
      .map((r) => (r as { version: number }).version),
  );
  const done: number[] = [];
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (applied.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        m.version,
        m.name,
        new Date().toISOString(),
      );
    })();
    done.push(m.version);
  }
  return done;
}
