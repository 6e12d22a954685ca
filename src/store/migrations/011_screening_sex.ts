import { sql, type Kysely } from 'kysely';

// The subject's recorded sex (FHIR Patient.gender of the screened record), kept with the screening:
// reference ranges (haemoglobin, creatinine) and the normal Hb of a response depend on it, and the
// screening result only mentions it where a criterion did. Screenings stored before this column
// get it back from their result where a criterion's evidence named it.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('screening')
    .addColumn('sex', 'text', (col) => col.check(sql`sex in ('female', 'male', 'other', 'unknown')`))
    .execute();
  await sql`
    update screening s set sex = found.value from (
      select distinct on (s2.id) s2.id, e->>'value' as value
      from screening s2, jsonb_array_elements(s2.result->'criteria') c, jsonb_array_elements(c->'evidence') e
      where e->>'source' = 'Patient.gender' and e->>'value' in ('female', 'male') and (e->>'kind' = 'sex' or e->>'value' = 'male')
      order by s2.id
    ) found where found.id = s.id`.execute(db);
}
