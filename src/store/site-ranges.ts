// Site reference ranges in the database. A site's ranges are replaced whole in one transaction, and
// the rows go in as one jsonb parameter expanded by jsonb_to_recordset: an upload of any size is one
// statement with a fixed number of parameters (a multi-row VALUES insert overflows at ~5,950 rows).
import { sql, type Kysely } from 'kysely';
import type { SiteReferenceRange } from '../core/patient/limits.ts';
import type { Tables } from './tables.ts';

export async function replaceSiteRanges(db: Kysely<Tables>, siteId: string, ranges: readonly SiteReferenceRange[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('eligibility_site_range').where('site_id', '=', siteId).execute();
    if (ranges.length === 0) return;
    const rows = ranges.map((range) => ({
      site_id: siteId,
      analyte: range.analyte,
      sex: range.sex,
      age_from: range.ageFrom ?? null,
      age_to: range.ageTo ?? null,
      low: range.low ?? null,
      high: range.high ?? null,
      unit: range.unit,
      source: range.source,
      effective_from: range.effectiveFrom,
      effective_to: range.effectiveTo ?? null,
    }));
    await sql`
      insert into eligibility_site_range (site_id, analyte, sex, age_from, age_to, low, high, unit, source, effective_from, effective_to)
      select site_id, analyte, sex, age_from, age_to, low, high, unit, source, effective_from, effective_to
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as input (
        site_id text, analyte text, sex text, age_from integer, age_to integer, low double precision, high double precision,
        unit text, source text, effective_from date, effective_to date)`.execute(trx);
  });
}
export async function siteRanges(db: Kysely<Tables>, siteId: string): Promise<SiteReferenceRange[]> {
  const rows = await db.selectFrom('eligibility_site_range').selectAll().where('site_id', '=', siteId).orderBy('analyte').orderBy('sex').orderBy('age_from').orderBy('effective_from').execute();
  return rows.map((row) => {
    const range: SiteReferenceRange = { siteId: row.site_id, analyte: row.analyte, sex: row.sex, unit: row.unit, source: row.source, effectiveFrom: row.effective_from };
    if (row.age_from !== null) range.ageFrom = row.age_from;
    if (row.age_to !== null) range.ageTo = row.age_to;
    if (row.low !== null) range.low = row.low;
    if (row.high !== null) range.high = row.high;
    if (row.effective_to !== null) range.effectiveTo = row.effective_to;
    return range;
  });
}

/** Every site with configured reference ranges, with how many ranges and analytes it has. */
export async function sitesWithRanges(db: Kysely<Tables>): Promise<Array<{ siteId: string; ranges: number; analytes: number }>> {
  const rows = await db
    .selectFrom('eligibility_site_range')
    .select('site_id')
    .select((eb) => [eb.fn.countAll<number>().as('ranges'), eb.fn.count<number>('analyte').distinct().as('analytes')])
    .groupBy('site_id')
    .orderBy('site_id')
    .execute();
  return rows.map((row) => ({ siteId: row.site_id, ranges: Number(row.ranges), analytes: Number(row.analytes) }));
}
