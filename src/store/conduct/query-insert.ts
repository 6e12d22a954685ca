// Raising a data query inside the caller's transaction: shared by the query service (a monitor's
// query) and the follow-up services whose soft edit checks raise one (origin 'edit_check'), so the
// record, its query and their audit entries commit together. The query service owns everything else.
import type { StoreTransaction } from '../accounts/repository.ts';

export interface NewQuery {
  studyId: string;
  siteCode: string;
  screeningId: number;
  subjectNumber: string;
  /** The record queried: subject_visit, administration, lab_result, transfusion, marrow_exam, adverse_event, disease_assessment, … */
  recordType: string;
  recordId: number | null;
  /** The field within the record (e.g. "value", "onsetOn"), when one. */
  field: string | null;
  origin: 'manual' | 'edit_check';
  /** The edit check's id (origin edit_check only). */
  checkId: string | null;
  text: string;
  by: string;
  at: Date;
}

/** Inserts the query (state open) and its 'raise' event; returns the query id. */
export async function insertQuery(tx: StoreTransaction, query: NewQuery): Promise<number> {
  const { id } = await tx
    .insertInto('data_query')
    .values({
      study_id: query.studyId, site_code: query.siteCode, screening_id: query.screeningId, subject_number: query.subjectNumber,
      record_type: query.recordType, record_id: query.recordId, field: query.field, origin: query.origin, check_id: query.checkId,
      state: 'open', text: query.text, raised_by: query.by, raised_at: query.at, updated_at: query.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx.insertInto('data_query_event').values({ query_id: id, action: 'raise', text: query.text, state_after: 'open', by: query.by, at: query.at }).execute();
  return id;
}
