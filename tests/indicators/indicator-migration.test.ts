import path from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS, migrate } from '../../src/store/sqlite/migrations';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';
import { tempDir } from '../support/temp-dir';

// Migration 7 rebuilds the indicator table with `place` in its key: points stored before keep
// their values, with an empty place and source, and a point for another place is a new point.

describe('SQLite migration 7 (indicator place and source, survey and focus-group departments)', () => {
  it('keeps the points of an older file and adds place to their key', async () => {
    const file = path.join(tempDir(), 'v6.sqlite');
    const db = new Database(file);
    migrate(
      db,
      MIGRATIONS.filter((m) => m.version < 7),
    );
    db.prepare(
      "INSERT INTO indicator_points (indicator, grp, year, value) VALUES ('Infant mortality', 'Black', 2019, 14.2)",
    ).run();
    db.prepare(
      "INSERT INTO survey_results (id, year, question, grp, respondents, value) VALUES ('r1', 2020, 'q', 'Black', 40, 0.6)",
    ).run();
    db.close();
    const store = new SqliteStore(file);
    try {
      expect(await store.listIndicatorPoints()).toEqual([
        {
          indicator: 'Infant mortality',
          group: 'Black',
          place: '',
          year: 2019,
          value: 14.2,
          source: '',
        },
      ]);
      await store.putIndicatorPoints([
        {
          indicator: 'Infant mortality',
          group: 'Black',
          place: 'Milwaukee',
          year: 2019,
          value: 14,
          source: 'WISH',
        },
      ]);
      expect(await store.listIndicatorPoints()).toHaveLength(2);
      expect(await store.listSurveyResults()).toEqual([
        { id: 'r1', year: 2020, question: 'q', group: 'Black', respondents: 40, value: 0.6 },
      ]);
    } finally {
      await store.close();
    }
  });
});
