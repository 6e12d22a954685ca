import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { testBackends } from '../support/databases.ts';
import { migrateToLatest } from '../../src/store/migrate.ts';

for (const backend of testBackends()) {
  test(`${backend.name}: migrations run once and are idempotent`, async () => {
    const database = await backend.open();
    try {
      await migrateToLatest(database.db); // a second run must be a no-op
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from kysely_migration`.execute(database.db);
      assert.ok(rows[0].n >= 1);
      const trgm = await sql<{ s: number }>`select similarity('aplastic', 'aplastik') as s`.execute(database.db);
      assert.ok(trgm.rows[0].s > 0.3, 'pg_trgm is installed');
    } finally {
      await database.dispose();
    }
  });
}
