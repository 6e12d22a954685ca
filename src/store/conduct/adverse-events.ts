// Adverse events (table adverse_event): one subject's events numbered 1..n (seq, the AE number), the
// grade as computed, suggested or given with its basis, seriousness, causality per product and the
// expedited-report dates. Reads take the actor's SiteScope (joined to screening through inScope), so a
// study-wide list never shows a site the actor cannot see; writes run in the caller's transaction.
import type { Kysely, Selectable } from 'kysely';
import type { SiteScope } from '../../conduct/access/actor.ts';
import type { StoreTransaction } from '../accounts/repository.ts';
import type { AdverseEventTable } from '../follow-up-tables.ts';
import type { Tables } from '../tables.ts';
import { inScope } from './subject-scope.ts';

export interface AdverseEventFields {
  term: string;
  description: string | null;
  onsetOn: string;
  resolvedOn: string | null;
  grade: number | null;
  gradeSource: 'computed' | 'suggested' | 'investigator';
  gradeBasis: unknown;
  ctcaeVersion: string;
  labResultId: number | null;
  serious: boolean;
  seriousness: string[];
  relatedness: Record<string, string>;
  actionTaken: string;
  outcome: string;
  awareAt: Date | null;
  reportDueAt: Date | null;
  sponsorReportedAt: Date | null;
  expected: boolean | null;
  authorityReportedAt: Date | null;
}

export interface AdverseEventRecord extends AdverseEventFields {
  id: number;
  screeningId: number;
  studyId: string;
  siteCode: string;
  subjectNumber: string;
  seq: number;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

/** A graded lab value of the study for the shift tables. */
export interface GradedLabRow {
  subjectNumber: string;
  siteCode: string;
  collectedOn: string;
  isBaseline: boolean;
  grades: Array<{ term: string; grade: number | null }>;
}

export interface AdverseEventRepository {
  list(scope: SiteScope, subjectNumber: string): Promise<AdverseEventRecord[]>;
  get(scope: SiteScope, subjectNumber: string, seq: number, options?: { forUpdate?: boolean }): Promise<AdverseEventRecord | undefined>;
  /** The study's events within the scope (optionally one site, only serious ones), by onset. */
  listStudy(scope: SiteScope, filter?: { siteCode?: string; serious?: boolean }): Promise<AdverseEventRecord[]>;
  /** The study's graded lab results within the scope (for shift tables). */
  gradedLabs(scope: SiteScope, siteCode?: string): Promise<GradedLabRow[]>;
  /** Inserts with the next AE number of the subject (the caller holds the screening row's lock). */
  insert(row: AdverseEventFields & { screeningId: number; studyId: string; siteCode: string; subjectNumber: string; at: Date; by: string }): Promise<AdverseEventRecord>;
  update(id: number, row: AdverseEventFields & { at: Date; by: string }): Promise<void>;
  within(tx: StoreTransaction): AdverseEventRepository;
}

const day = (value: Date | string) => (typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10));
const instant = (value: Date | string | null) => (value === null ? null : new Date(value));

function record(row: Selectable<AdverseEventTable>): AdverseEventRecord {
  return {
    id: row.id, screeningId: row.screening_id, studyId: row.study_id, siteCode: row.site_code, subjectNumber: row.subject_number, seq: row.seq,
    term: row.term, description: row.description, onsetOn: day(row.onset_on), resolvedOn: row.resolved_on === null ? null : day(row.resolved_on),
    grade: row.grade, gradeSource: row.grade_source, gradeBasis: row.grade_basis, ctcaeVersion: row.ctcae_version, labResultId: row.lab_result_id,
    serious: row.serious, seriousness: row.seriousness, relatedness: (row.relatedness ?? {}) as Record<string, string>, actionTaken: row.action_taken,
    outcome: row.outcome, awareAt: instant(row.aware_at), reportDueAt: instant(row.report_due_at), sponsorReportedAt: instant(row.reported_at),
    expected: row.expected, authorityReportedAt: instant(row.authority_reported_at),
    createdAt: new Date(row.created_at).toISOString(), createdBy: row.created_by, updatedAt: new Date(row.updated_at).toISOString(), updatedBy: row.updated_by,
  };
}

const columns = (row: AdverseEventFields) => ({
  term: row.term, description: row.description, onset_on: row.onsetOn, resolved_on: row.resolvedOn, grade: row.grade, grade_source: row.gradeSource,
  grade_basis: row.gradeBasis === null ? null : JSON.stringify(row.gradeBasis), ctcae_version: row.ctcaeVersion, lab_result_id: row.labResultId,
  serious: row.serious, seriousness: row.seriousness, relatedness: JSON.stringify(row.relatedness), action_taken: row.actionTaken, outcome: row.outcome,
  aware_at: row.awareAt, report_due_at: row.reportDueAt, reported_at: row.sponsorReportedAt, expected: row.expected, authority_reported_at: row.authorityReportedAt,
});

export function kyselyAdverseEventRepository(db: Kysely<Tables>): AdverseEventRepository {
  const study = (scope: SiteScope) =>
    db.selectFrom('adverse_event').innerJoin('screening', 'screening.id', 'adverse_event.screening_id').selectAll('adverse_event').where(inScope(scope));
  const subject = (scope: SiteScope, subjectNumber: string) => study(scope).where('screening.subject_number', '=', subjectNumber);
  return {
    async list(scope, subjectNumber) {
      return (await subject(scope, subjectNumber).orderBy('adverse_event.onset_on').orderBy('adverse_event.seq').execute()).map(record);
    },
    async get(scope, subjectNumber, seq, options = {}) {
      if (options.forUpdate && !db.isTransaction) throw new Error('a row lock needs a transaction');
      let query = subject(scope, subjectNumber).where('adverse_event.seq', '=', seq);
      if (options.forUpdate) query = query.forUpdate('adverse_event');
      const row = await query.executeTakeFirst();
      return row && record(row);
    },
    async listStudy(scope, filter = {}) {
      let query = study(scope);
      if (filter.siteCode) query = query.where('adverse_event.site_code', '=', filter.siteCode);
      if (filter.serious !== undefined) query = query.where('adverse_event.serious', '=', filter.serious);
      return (await query.orderBy('adverse_event.onset_on').orderBy('adverse_event.subject_number').orderBy('adverse_event.seq').execute()).map(record);
    },
    async gradedLabs(scope, siteCode) {
      let query = db.selectFrom('lab_result').innerJoin('screening', 'screening.id', 'lab_result.screening_id')
        .select(['lab_result.subject_number', 'lab_result.site_code', 'lab_result.collected_on', 'lab_result.is_baseline', 'lab_result.grades']).where(inScope(scope));
      if (siteCode) query = query.where('lab_result.site_code', '=', siteCode);
      const rows = await query.orderBy('lab_result.subject_number').orderBy('lab_result.collected_on').execute();
      return rows.map((row) => ({ subjectNumber: row.subject_number, siteCode: row.site_code, collectedOn: day(row.collected_on as Date | string), isBaseline: row.is_baseline, grades: (row.grades ?? []) as GradedLabRow['grades'] }));
    },
    async insert(row) {
      const { next } = await db.selectFrom('adverse_event').select((eb) => eb(eb.fn.coalesce(eb.fn.max('seq'), eb.val(0)), '+', 1).as('next'))
        .where('screening_id', '=', row.screeningId).executeTakeFirstOrThrow();
      const inserted = await db.insertInto('adverse_event').values({
        screening_id: row.screeningId, study_id: row.studyId, site_code: row.siteCode, subject_number: row.subjectNumber, seq: Number(next), ...columns(row),
        created_at: row.at, created_by: row.by, updated_at: row.at, updated_by: row.by,
      } as never).returningAll().executeTakeFirstOrThrow();
      return record(inserted as Selectable<AdverseEventTable>);
    },
    async update(id, row) {
      await db.updateTable('adverse_event').set({ ...columns(row), updated_at: row.at, updated_by: row.by } as never).where('id', '=', id).execute();
    },
    within: (tx) => kyselyAdverseEventRepository(tx),
  };
}
