// The migrated schema matches src/store/tables.ts: every table and column of TABLE_COLUMNS (which the
// type-check ties to tables.ts) exists with its SQL type and nullability, and the migrations create no
// column that tables.ts does not know.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { testBackends } from '../support/databases.ts';
import { TABLE_COLUMNS } from '../../src/store/table-columns.ts';

/** Kysely's own bookkeeping, not part of Tables. */
const MIGRATOR_TABLES = new Set(['kysely_migration', 'kysely_migration_lock']);

for (const backend of testBackends()) {
  test(`${backend.name}: the migrated schema has exactly the columns of tables.ts, with their types and nullability`, async () => {
    const database = await backend.open();
    try {
      const { rows } = await sql<{ table_name: string; column_name: string; data_type: string; is_nullable: 'YES' | 'NO' }>`
        select table_name, column_name, data_type, is_nullable from information_schema.columns
        where table_schema = current_schema() order by table_name, column_name`.execute(database.db);
      const migrated = Object.fromEntries(
        rows.filter((row) => !MIGRATOR_TABLES.has(row.table_name)).map((row) => [`${row.table_name}.${row.column_name}`, `${row.data_type}${row.is_nullable === 'YES' ? ' null' : ''}`]),
      );
      const declared = Object.fromEntries(
        Object.entries(TABLE_COLUMNS).flatMap(([table, columns]) => Object.entries(columns as Record<string, { type: string; nullable: boolean }>).map(([column, spec]) => [`${table}.${column}`, `${spec.type}${spec.nullable ? ' null' : ''}`])),
      );
      assert.deepEqual(migrated, declared);
    } finally {
      await database.dispose();
    }
  });
}
