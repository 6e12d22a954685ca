import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Trigram similarity backs fuzzy search of names (hospitals, cities, sponsors), Chinese included.
  await sql`create extension if not exists pg_trgm`.execute(db);
  await db.schema
    .createTable('eligo_meta')
    .addColumn('key', 'text', (col) => col.primaryKey())
    .addColumn('value', 'text', (col) => col.notNull())
    .execute();
}
