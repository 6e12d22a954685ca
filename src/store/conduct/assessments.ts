// Disease assessments over Kysely: the stored assessments of a subject, writing one time point
// (insert or replace inside the caller's transaction), what the response needs of the screening
// record (sex and birth date, never returned beyond the service), and the response summary rows.
// Every read is filtered by the actor's site scope in SQL.
import { sql, type Kysely, type Selectable } from 'kysely';
import type { SiteScope } from '../../conduct/access/actor.ts';
import type { StoreTransaction } from '../accounts/repository.ts';
import type { DiseaseAssessmentTable } from '../follow-up-tables.ts';
import type { Tables } from '../tables.ts';
import { inScopeSites, kyselyFollowUpReader, subjectRowsInScope, type FollowUpReader } from './follow-up-read.ts';

export interface AssessmentRecord {
  id: number;
  timePoint: string;
  assessedOn: string;
  severity: 'VSAA' | 'SAA' | 'NSAA' | null;
  severityScheme: string;
  severityReason: string;
  response: 'complete' | 'partial' | 'none' | null;
  responseScheme: string | null;
  responseReason: string | null;
  transfusionIndependent: boolean | null;
  inputs: unknown;
  recordedBy: string;
  recordedAt: string;
}

export interface NewAssessment {
  screeningId: number; studyId: string; siteCode: string; subjectNumber: string; timePoint: string; assessedOn: string;
  severity: AssessmentRecord['severity']; severityScheme: string; severityReason: string; response: AssessmentRecord['response'];
  responseScheme: string | null; responseReason: string | null; transfusionIndependent: boolean | null; inputs: unknown; by: string; at: Date;
}

/** One enrolled subject of the summary with its site, arm and the responses recorded per time point. */
export interface SummaryRow { siteCode: string; subjectNumber: string; arm: string; timePoint: string | null; response: AssessmentRecord['response'] }

export interface AssessmentRepository extends FollowUpReader {
  list(scope: SiteScope, screeningId: number): Promise<AssessmentRecord[]>;
  /** What the response needs of the screening: sex from the screening's evidence, the birth date (for the age only). */
  demographics(scope: SiteScope, screeningId: number): Promise<{ sex?: 'male' | 'female'; birthDate?: string }>;
  /** Inserts or replaces the time point; returns the row before (undefined when new). */
  save(tx: StoreTransaction, assessment: NewAssessment): Promise<{ before?: AssessmentRecord; after: AssessmentRecord }>;
  summaryRows(scope: SiteScope): Promise<SummaryRow[]>;
  transaction<T>(work: (tx: StoreTransaction) => Promise<T>): Promise<T>;
}

const asDate = (value: unknown): string => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10));

function record(row: Selectable<DiseaseAssessmentTable>): AssessmentRecord {
  return {
    id: row.id, timePoint: row.time_point, assessedOn: asDate(row.assessed_on), severity: row.severity, severityScheme: row.severity_scheme, severityReason: row.severity_reason,
    response: row.response, responseScheme: row.response_scheme, responseReason: row.response_reason, transfusionIndependent: row.transfusion_independent,
    inputs: row.inputs, recordedBy: row.updated_by, recordedAt: new Date(row.updated_at).toISOString(),
  };
}

/** The subject's sex as the screening engine read it from the record (evidence of kind 'sex'), if any criterion looked at it. */
function sexOfResult(result: unknown): 'male' | 'female' | undefined {
  const criteria = (result as { criteria?: Array<{ evidence?: Array<{ kind?: string; value?: unknown }> }> } | null)?.criteria ?? [];
  for (const criterion of criteria) {
    for (const evidence of criterion.evidence ?? []) {
      if (evidence.kind === 'sex' && (evidence.value === 'male' || evidence.value === 'female')) return evidence.value;
    }
  }
  return undefined;
}

export function kyselyAssessmentRepository(db: Kysely<Tables>): AssessmentRepository {
  return {
    ...kyselyFollowUpReader(db),
    async list(scope, screeningId) {
      const rows = await db.selectFrom('disease_assessment').selectAll().where(subjectRowsInScope(scope, screeningId)).orderBy('assessed_on').orderBy('id').execute();
      return rows.map(record);
    },
    async demographics(scope, screeningId) {
      const sites = inScopeSites(scope, 's.site_code');
      const { rows } = await sql<{ result: unknown; sex: string | null; birth_date: string | null }>`select s.result, s.sex, i.birth_date from screening s left join subject_identity i on i.screening_id = s.id where s.id = ${screeningId} and s.study_id = ${scope.studyId}${sites}`.execute(db);
      const row = rows[0];
      if (!row) return {};
      const sex = row.sex === 'male' || row.sex === 'female' ? row.sex : sexOfResult(row.result);
      return { ...(sex ? { sex } : {}), ...(row.birth_date ? { birthDate: asDate(row.birth_date) } : {}) };
    },
    async save(tx, a) {
      const existing = await tx.selectFrom('disease_assessment').selectAll().where('screening_id', '=', a.screeningId).where('time_point', '=', a.timePoint).forUpdate().executeTakeFirst();
      const values = {
        assessed_on: a.assessedOn, severity: a.severity, severity_scheme: a.severityScheme, severity_reason: a.severityReason, response: a.response, response_scheme: a.responseScheme,
        response_reason: a.responseReason, transfusion_independent: a.transfusionIndependent, inputs: JSON.stringify(a.inputs), updated_at: a.at, updated_by: a.by,
      };
      if (existing) {
        const row = await tx.updateTable('disease_assessment').set(values).where('id', '=', existing.id).returningAll().executeTakeFirstOrThrow();
        return { before: record(existing), after: record(row) };
      }
      const row = await tx.insertInto('disease_assessment').values({
        ...values, screening_id: a.screeningId, study_id: a.studyId, site_code: a.siteCode, subject_number: a.subjectNumber, time_point: a.timePoint, created_at: a.at, created_by: a.by,
      }).returningAll().executeTakeFirstOrThrow();
      return { after: record(row) };
    },
    async summaryRows(scope) {
      const sites = inScopeSites(scope, 's.site_code');
      const { rows } = await sql<{ site_code: string; subject_number: string; arm: string; time_point: string | null; response: SummaryRow['response'] }>`
        select s.site_code, s.subject_number, e.arm, d.time_point, d.response
        from enrollment e join screening s on s.id = e.screening_id
        left join disease_assessment d on d.screening_id = s.id and d.study_id = s.study_id
        where s.study_id = ${scope.studyId}${sites}
        order by s.site_code, s.subject_number`.execute(db);
      return rows.map((row) => ({ siteCode: row.site_code, subjectNumber: row.subject_number, arm: row.arm, timePoint: row.time_point, response: row.response }));
    },
    async transaction(work) {
      if (db.isTransaction) throw new Error('already in a transaction');
      return db.transaction().execute((tx) => work(tx));
    },
  };
}
