// The laboratory repository over Kysely: results, transfusions and marrow examinations of one subject
// (by its screening row, found through the site-scoped subject repository first), and the dates and
// facts grading needs (day 0, birth date, the site's range set). Writes run in the caller's transaction.
import type { Kysely, Selectable } from 'kysely';
import type { SiteScope } from '../../conduct/access/actor.ts';
import type { LabCheckResult, LabContext, LabFilter, LabGrade, LabLimitBasis, LabResultView, MarrowExamView, TransfusionView } from '../../conduct/labs/model.ts';
import type { StoreTransaction } from '../accounts/repository.ts';
import type { LabResultTable, MarrowExamTable, TransfusionTable } from '../follow-up-tables.ts';
import type { Tables } from '../tables.ts';

export type LabResultRecord = LabResultView & { screeningId: number };

export interface SubjectLabFacts {
  enrolledOn: string | null;
  /** The first administration's date (UTC), when one is recorded. */
  firstDoseOn: string | null;
  birthDate: string | null;
  /** The screened record's sex (null when it did not say). */
  sex: 'female' | 'male' | 'other' | 'unknown' | null;
  /** study_site.range_site_id of the subject's site. */
  rangeSiteId: string | null;
}

/** A result to store: the view's fields (the service derives them) less what the database assigns, and who wrote it when. */
export type NewLabResult = Omit<LabResultView, 'id' | 'updatedAt' | 'updatedBy'> & { screeningId: number; at: Date; by: string };

export type LabResultChange = Partial<Pick<NewLabResult, 'value' | 'unit' | 'canonicalValue' | 'isBaseline' | 'grades' | 'checkResults' | 'lln' | 'uln' | 'limitBasis'>> & { at: Date; by: string };

export interface NewTransfusion {
  studyId: string; siteCode: string; screeningId: number; subjectNumber: string;
  givenOn: string; product: 'RBC' | 'platelets'; units: number; preHb: number | null; prePlatelets: number | null; note: string | null; at: Date; by: string;
}

export interface NewMarrowExam {
  studyId: string; siteCode: string; screeningId: number; subjectNumber: string;
  visitCode: string | null; examinedOn: string; cellularityPercent: number | null; residualHematopoieticPercent: number | null; findings: string | null; at: Date; by: string;
}

export interface LabRepository {
  facts(screeningId: number): Promise<SubjectLabFacts>;
  /** Every result of the subject (all analytes), ordered by collection date then id. */
  results(screeningId: number, filter?: LabFilter): Promise<LabResultRecord[]>;
  result(scope: SiteScope, screeningId: number, id: number, options?: { forUpdate?: boolean }): Promise<LabResultRecord | undefined>;
  resultBySource(screeningId: number, sourceReference: string): Promise<LabResultRecord | undefined>;
  insertResult(result: NewLabResult): Promise<LabResultRecord>;
  updateResult(id: number, change: LabResultChange): Promise<void>;
  transfusions(screeningId: number): Promise<TransfusionView[]>;
  transfusion(scope: SiteScope, screeningId: number, id: number, options?: { forUpdate?: boolean }): Promise<TransfusionView | undefined>;
  insertTransfusion(transfusion: NewTransfusion): Promise<TransfusionView>;
  updateTransfusion(id: number, change: Partial<Pick<NewTransfusion, 'givenOn' | 'product' | 'units' | 'preHb' | 'prePlatelets' | 'note'>> & { at: Date; by: string }): Promise<TransfusionView>;
  marrowExams(screeningId: number): Promise<MarrowExamView[]>;
  insertMarrowExam(exam: NewMarrowExam): Promise<MarrowExamView>;
  transaction<T>(work: (labs: LabRepository, tx: StoreTransaction) => Promise<T>): Promise<T>;
  /** The repository bound to a transaction another repository began. */
  within(tx: StoreTransaction): LabRepository;
}

const iso = (value: Date | string) => new Date(value).toISOString();
const day = (value: Date | string) => (typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10));

function inScope(scope: SiteScope, siteCode: string): boolean {
  return scope.sites === 'all' || scope.sites.includes(siteCode);
}

function labRecord(row: Selectable<LabResultTable>): LabResultRecord {
  return {
    id: row.id, studyId: row.study_id, siteCode: row.site_code, screeningId: row.screening_id, subjectNumber: row.subject_number, visitCode: row.visit_code,
    panel: row.panel, analyte: row.analyte, collectedOn: day(row.collected_on), value: row.value, unit: row.unit, canonicalValue: row.canonical_value,
    canonicalUnit: row.canonical_unit, method: row.method, lln: row.lln, uln: row.uln, limitBasis: (row.limit_basis ?? null) as LabLimitBasis | null,
    context: row.context as LabContext, isBaseline: row.is_baseline, grades: row.grades as LabGrade[], checkResults: row.check_results as LabCheckResult[],
    source: row.source, sourceReference: row.source_reference, updatedAt: iso(row.updated_at), updatedBy: row.updated_by,
  };
}

function transfusionView(row: Selectable<TransfusionTable>): TransfusionView {
  return {
    id: row.id, subjectNumber: row.subject_number, siteCode: row.site_code, givenOn: day(row.given_on), product: row.product, units: row.units,
    preHb: row.pre_hb, prePlatelets: row.pre_platelets, note: row.note, updatedAt: iso(row.updated_at), updatedBy: row.updated_by,
  };
}

function marrowView(row: Selectable<MarrowExamTable>): MarrowExamView {
  return {
    id: row.id, subjectNumber: row.subject_number, siteCode: row.site_code, visitCode: row.visit_code, examinedOn: day(row.examined_on),
    cellularityPercent: row.cellularity_percent, residualHematopoieticPercent: row.residual_hematopoietic_percent, findings: row.findings,
    updatedAt: iso(row.updated_at), updatedBy: row.updated_by,
  };
}

const json = (value: unknown) => JSON.stringify(value);

export function kyselyLabRepository(db: Kysely<Tables>): LabRepository {
  const lock = (forUpdate?: boolean) => {
    if (forUpdate && !db.isTransaction) throw new Error('a row lock needs a transaction');
  };
  const repository: LabRepository = {
    async facts(screeningId) {
      const subject = await db
        .selectFrom('screening')
        .innerJoin('study_site', (join) => join.onRef('study_site.study_id', '=', 'screening.study_id').onRef('study_site.site_code', '=', 'screening.site_code'))
        .leftJoin('enrollment', 'enrollment.screening_id', 'screening.id')
        .leftJoin('subject_identity', 'subject_identity.screening_id', 'screening.id')
        .select(['enrollment.randomized_at', 'subject_identity.birth_date', 'study_site.range_site_id', 'screening.sex'])
        .where('screening.id', '=', screeningId)
        .executeTakeFirstOrThrow();
      const dose = await db.selectFrom('administration').select('given_at').where('screening_id', '=', screeningId).orderBy('given_at').limit(1).executeTakeFirst();
      return {
        enrolledOn: subject.randomized_at ? day(iso(subject.randomized_at)) : null,
        firstDoseOn: dose ? day(iso(dose.given_at)) : null,
        birthDate: subject.birth_date ? day(subject.birth_date) : null,
        sex: subject.sex,
        rangeSiteId: subject.range_site_id,
      };
    },
    async results(screeningId, filter = {}) {
      let query = db.selectFrom('lab_result').selectAll().where('screening_id', '=', screeningId);
      if (filter.analyte) query = query.where('analyte', '=', filter.analyte);
      if (filter.from) query = query.where('collected_on', '>=', filter.from);
      if (filter.to) query = query.where('collected_on', '<=', filter.to);
      return (await query.orderBy('collected_on').orderBy('id').execute()).map(labRecord);
    },
    async result(scope, screeningId, id, options = {}) {
      lock(options.forUpdate);
      let query = db.selectFrom('lab_result').selectAll().where('id', '=', id).where('screening_id', '=', screeningId).where('study_id', '=', scope.studyId);
      if (options.forUpdate) query = query.forUpdate();
      const row = await query.executeTakeFirst();
      return row && inScope(scope, row.site_code) ? labRecord(row) : undefined;
    },
    async resultBySource(screeningId, sourceReference) {
      const row = await db.selectFrom('lab_result').selectAll().where('screening_id', '=', screeningId).where('source_reference', '=', sourceReference).executeTakeFirst();
      return row && labRecord(row);
    },
    async insertResult(result) {
      const row = await db
        .insertInto('lab_result')
        .values({
          screening_id: result.screeningId, study_id: result.studyId, site_code: result.siteCode, subject_number: result.subjectNumber, visit_code: result.visitCode,
          panel: result.panel, analyte: result.analyte, collected_on: result.collectedOn, value: result.value, unit: result.unit, canonical_value: result.canonicalValue,
          canonical_unit: result.canonicalUnit, method: result.method, lln: result.lln, uln: result.uln, limit_basis: result.limitBasis === null ? null : json(result.limitBasis),
          context: json(result.context), is_baseline: result.isBaseline, grades: json(result.grades), check_results: json(result.checkResults), source: result.source,
          source_reference: result.sourceReference, created_at: result.at, created_by: result.by, updated_at: result.at, updated_by: result.by,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return labRecord(row);
    },
    async updateResult(id, change) {
      await db
        .updateTable('lab_result')
        .set({
          ...(change.value !== undefined ? { value: change.value } : {}),
          ...(change.unit !== undefined ? { unit: change.unit } : {}),
          ...(change.canonicalValue !== undefined ? { canonical_value: change.canonicalValue } : {}),
          ...(change.isBaseline !== undefined ? { is_baseline: change.isBaseline } : {}),
          ...(change.grades !== undefined ? { grades: json(change.grades) } : {}),
          ...(change.checkResults !== undefined ? { check_results: json(change.checkResults) } : {}),
          ...(change.lln !== undefined ? { lln: change.lln } : {}),
          ...(change.uln !== undefined ? { uln: change.uln } : {}),
          ...(change.limitBasis !== undefined ? { limit_basis: change.limitBasis === null ? null : json(change.limitBasis) } : {}),
          updated_at: change.at,
          updated_by: change.by,
        })
        .where('id', '=', id)
        .execute();
    },
    async transfusions(screeningId) {
      return (await db.selectFrom('transfusion').selectAll().where('screening_id', '=', screeningId).orderBy('given_on').orderBy('id').execute()).map(transfusionView);
    },
    async transfusion(scope, screeningId, id, options = {}) {
      lock(options.forUpdate);
      let query = db.selectFrom('transfusion').selectAll().where('id', '=', id).where('screening_id', '=', screeningId).where('study_id', '=', scope.studyId);
      if (options.forUpdate) query = query.forUpdate();
      const row = await query.executeTakeFirst();
      return row && inScope(scope, row.site_code) ? transfusionView(row) : undefined;
    },
    async insertTransfusion(t) {
      const row = await db
        .insertInto('transfusion')
        .values({
          screening_id: t.screeningId, study_id: t.studyId, site_code: t.siteCode, subject_number: t.subjectNumber, given_on: t.givenOn, product: t.product, units: t.units,
          pre_hb: t.preHb, pre_platelets: t.prePlatelets, note: t.note, created_at: t.at, created_by: t.by, updated_at: t.at, updated_by: t.by,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return transfusionView(row);
    },
    async updateTransfusion(id, change) {
      const row = await db
        .updateTable('transfusion')
        .set({
          ...(change.givenOn !== undefined ? { given_on: change.givenOn } : {}),
          ...(change.product !== undefined ? { product: change.product } : {}),
          ...(change.units !== undefined ? { units: change.units } : {}),
          ...(change.preHb !== undefined ? { pre_hb: change.preHb } : {}),
          ...(change.prePlatelets !== undefined ? { pre_platelets: change.prePlatelets } : {}),
          ...(change.note !== undefined ? { note: change.note } : {}),
          updated_at: change.at,
          updated_by: change.by,
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      return transfusionView(row);
    },
    async marrowExams(screeningId) {
      return (await db.selectFrom('marrow_exam').selectAll().where('screening_id', '=', screeningId).orderBy('examined_on').orderBy('id').execute()).map(marrowView);
    },
    async insertMarrowExam(m) {
      const row = await db
        .insertInto('marrow_exam')
        .values({
          screening_id: m.screeningId, study_id: m.studyId, site_code: m.siteCode, subject_number: m.subjectNumber, visit_code: m.visitCode, examined_on: m.examinedOn,
          cellularity_percent: m.cellularityPercent, residual_hematopoietic_percent: m.residualHematopoieticPercent, findings: m.findings,
          created_at: m.at, created_by: m.by, updated_at: m.at, updated_by: m.by,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return marrowView(row);
    },
    async transaction(work) {
      if (db.isTransaction) throw new Error('already in a transaction');
      return db.transaction().execute((tx) => work(kyselyLabRepository(tx), tx));
    },
    within: (tx) => kyselyLabRepository(tx),
  };
  return repository;
}
