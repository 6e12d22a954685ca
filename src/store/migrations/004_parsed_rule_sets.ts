import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Rule sets produced by the criteria parser record which parser made them and from which criteria
  // text (md5 of the text, so that PostgreSQL can compare it with the stored record in SQL): a set
  // whose parser version or text hash no longer matches is re-parsed after an import.
  await db.schema.alterTable('eligibility_rule_set').addColumn('parser_version', 'text').execute();
  await db.schema.alterTable('eligibility_rule_set').addColumn('criteria_hash', 'text').execute();
}
