// Visits of enrolled subjects (table subject_visit) and what their calendars rest on: the enrollment
// and screening dates and the first administration's date. Every read takes the actor's SiteScope
// (joined to screening through inScope), so no query forgets the site filter; writes run inside the
// caller's transaction (`within(tx)`), beside the audit entry.
import type { Kysely, Selectable } from 'kysely';
import type { SiteScope } from '../../conduct/access/actor.ts';
import type { StoreTransaction } from '../accounts/repository.ts';
import type { SubjectVisitTable } from '../follow-up-tables.ts';
import type { Tables } from '../tables.ts';
import { inScope } from './subject-scope.ts';

export interface VisitRecord {
  id: number;
  screeningId: number;
  studyId: string;
  siteCode: string;
  subjectNumber: string;
  visitCode: string;
  status: 'done' | 'not_done';
  visitDate: string | null;
  reason: string | null;
  note: string | null;
  protocolVersion: number;
  updatedAt: string;
  updatedBy: string;
}

/** An enrolled subject's calendar dates: day 0 candidates and the earliest dates visits may bear. */
export interface EnrolledSubjectDates {
  screeningId: number;
  siteCode: string;
  subjectNumber: string;
  arm: string;
  screenedOn: string;
  /** UTC date of the enrollment. */
  enrolledOn: string;
  /** UTC date of the first administration (min given_at), when one exists. */
  firstDoseOn: string | undefined;
}

/** A visit to store: the record's fields less what the database assigns, and who wrote it when. */
export type NewVisit = Omit<VisitRecord, 'id' | 'updatedAt' | 'updatedBy'> & { at: Date; by: string };

export interface VisitRepository {
  /** The enrolled subjects in scope (one when subjectNumber is given; one site when siteCode is). */
  enrolledSubjects(scope: SiteScope, options?: { subjectNumber?: string; siteCode?: string }): Promise<EnrolledSubjectDates[]>;
  /** Visits recorded for the subjects in scope (of one subject or site when given), by subject then code. */
  visits(scope: SiteScope, options?: { subjectNumber?: string; siteCode?: string }): Promise<VisitRecord[]>;
  visit(scope: SiteScope, subjectNumber: string, visitCode: string, options?: { forUpdate?: boolean }): Promise<VisitRecord | undefined>;
  insert(visit: NewVisit): Promise<number>;
  update(id: number, changes: { status: 'done' | 'not_done'; visitDate: string | null; reason: string | null; at: Date; by: string }): Promise<void>;
  /** The same repository inside the caller's transaction. */
  within(tx: StoreTransaction): VisitRepository;
}

const utcDate = (value: Date | string) => new Date(value).toISOString().slice(0, 10);
const dateText = (value: unknown) => (value instanceof Date ? utcDate(value) : String(value).slice(0, 10));

function visitRecord(row: Selectable<SubjectVisitTable>): VisitRecord {
  return {
    id: row.id, screeningId: row.screening_id, studyId: row.study_id, siteCode: row.site_code, subjectNumber: row.subject_number, visitCode: row.visit_code,
    status: row.status, visitDate: row.visit_date === null ? null : dateText(row.visit_date), reason: row.not_done_reason, note: row.note, protocolVersion: row.protocol_version,
    updatedAt: new Date(row.updated_at).toISOString(), updatedBy: row.updated_by,
  };
}

export function kyselyVisitRepository(db: Kysely<Tables>): VisitRepository {
  return {
    async enrolledSubjects(scope, options = {}) {
      let query = db
        .selectFrom('enrollment')
        .innerJoin('screening', 'screening.id', 'enrollment.screening_id')
        .leftJoin(
          (eb) => eb.selectFrom('administration').select(['screening_id', (e) => e.fn.min('given_at').as('first_given_at')]).groupBy('screening_id').as('first_dose'),
          (join) => join.onRef('first_dose.screening_id', '=', 'screening.id'),
        )
        .select(['screening.id as screening_id', 'screening.site_code', 'screening.subject_number', 'screening.screened_on', 'enrollment.arm', 'enrollment.randomized_at', 'first_dose.first_given_at'])
        .where(inScope(scope));
      if (options.subjectNumber !== undefined) query = query.where('screening.subject_number', '=', options.subjectNumber);
      if (options.siteCode !== undefined) query = query.where('screening.site_code', '=', options.siteCode);
      const rows = await query.orderBy('screening.site_code').orderBy('screening.subject_number').execute();
      return rows.map((row) => ({
        screeningId: row.screening_id, siteCode: row.site_code, subjectNumber: row.subject_number, arm: row.arm, screenedOn: dateText(row.screened_on),
        enrolledOn: utcDate(row.randomized_at), firstDoseOn: row.first_given_at ? utcDate(row.first_given_at as Date) : undefined,
      }));
    },
    async visits(scope, options = {}) {
      let query = db.selectFrom('subject_visit').innerJoin('screening', 'screening.id', 'subject_visit.screening_id').selectAll('subject_visit').where(inScope(scope));
      if (options.subjectNumber !== undefined) query = query.where('screening.subject_number', '=', options.subjectNumber);
      if (options.siteCode !== undefined) query = query.where('screening.site_code', '=', options.siteCode);
      const rows = await query.orderBy('subject_visit.subject_number').orderBy('subject_visit.visit_code').execute();
      return rows.map(visitRecord);
    },
    async visit(scope, subjectNumber, visitCode, options = {}) {
      if (options.forUpdate && !db.isTransaction) throw new Error('a row lock needs a transaction');
      let query = db.selectFrom('subject_visit').innerJoin('screening', 'screening.id', 'subject_visit.screening_id').selectAll('subject_visit')
        .where(inScope(scope)).where('screening.subject_number', '=', subjectNumber).where('subject_visit.visit_code', '=', visitCode);
      if (options.forUpdate) query = query.forUpdate('subject_visit');
      const row = await query.executeTakeFirst();
      return row && visitRecord(row);
    },
    async insert(visit) {
      const { id } = await db.insertInto('subject_visit').values({
        screening_id: visit.screeningId, study_id: visit.studyId, site_code: visit.siteCode, subject_number: visit.subjectNumber, visit_code: visit.visitCode,
        status: visit.status, visit_date: visit.visitDate, not_done_reason: visit.reason, note: visit.note, protocol_version: visit.protocolVersion,
        created_at: visit.at, created_by: visit.by, updated_at: visit.at, updated_by: visit.by,
      }).returning('id').executeTakeFirstOrThrow();
      return id;
    },
    async update(id, changes) {
      await db.updateTable('subject_visit').set({ status: changes.status, visit_date: changes.visitDate, not_done_reason: changes.reason, updated_at: changes.at, updated_by: changes.by }).where('id', '=', id).execute();
    },
    within: (tx) => kyselyVisitRepository(tx),
  };
}
