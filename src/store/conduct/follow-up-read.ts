// Reads of one subject's follow-up records for the disease assessment and the timeline: labs,
// transfusions, marrow examinations, administrations, adverse events and visits. Every read is
// site-scoped in SQL (study_id and the scope's site codes) besides naming the subject's screening row.
import { sql, type Kysely } from 'kysely';
import type { SiteScope } from '../../conduct/access/actor.ts';
import type { Tables } from '../tables.ts';

export interface LabRow {
  id: number; analyte: string; collectedOn: string; value: number; unit: string; method: 'manual' | 'automated' | null;
  lln: number | null; uln: number | null; context: { gcsf?: boolean; transfusedWithinDays?: number } | null; isBaseline: boolean; visitCode: string | null;
}
export interface TransfusionRow { id: number; givenOn: string; product: 'RBC' | 'platelets'; units: number; preHb: number | null; prePlatelets: number | null }
export interface MarrowRow { id: number; examinedOn: string; cellularityPercent: number | null; residualHematopoieticPercent: number | null; findings: string | null }
export interface AdministrationRow { id: number; product: string; givenAt: string; doseValue: number; doseUnit: string; visitCode: string | null; lot: string | null }
export interface AdverseEventRow { id: number; seq: number; term: string; onsetOn: string; resolvedOn: string | null; grade: number | null; serious: boolean; outcome: string }
export interface VisitRow { visitCode: string; status: 'done' | 'not_done'; visitDate: string | null }

export interface FollowUpData {
  labs: LabRow[];
  transfusions: TransfusionRow[];
  marrow: MarrowRow[];
  administrations: AdministrationRow[];
  adverseEvents: AdverseEventRow[];
  visits: VisitRow[];
}

export interface FollowUpReader {
  /** The subject's follow-up records within the scope; analytes limits the lab rows. */
  followUp(scope: SiteScope, screeningId: number, options: { analytes: readonly string[] }): Promise<FollowUpData>;
}

const asDate = (value: unknown): string => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10));

/** The one filter of a subject's follow-up rows: the study, the scope's sites and the subject's screening row. */
/** ` and <column> in (sites…)` for a site-limited scope, ` and false` for one with no sites, nothing for study-wide. */
export function inScopeSites(scope: SiteScope, column: string) {
  return scope.sites === 'all' ? sql`` : scope.sites.length === 0 ? sql` and false` : sql` and ${sql.ref(column)} in (${sql.join([...scope.sites])})`;
}

export function subjectRowsInScope(scope: SiteScope, screeningId: number) {
  return sql<boolean>`study_id = ${scope.studyId} and screening_id = ${screeningId}${inScopeSites(scope, 'site_code')}`;
}

export function kyselyFollowUpReader(db: Kysely<Tables>): FollowUpReader {
  return {
    async followUp(scope, screeningId, { analytes }) {
      const where = subjectRowsInScope(scope, screeningId);
      const [labs, transfusions, marrow, administrations, events, visits] = await Promise.all([
        analytes.length === 0 ? Promise.resolve([]) : db.selectFrom('lab_result').selectAll().where(where).where('analyte', 'in', [...analytes]).orderBy('collected_on').orderBy('id').execute(),
        db.selectFrom('transfusion').selectAll().where(where).orderBy('given_on').orderBy('id').execute(),
        db.selectFrom('marrow_exam').selectAll().where(where).orderBy('examined_on').orderBy('id').execute(),
        db.selectFrom('administration').selectAll().where(where).orderBy('given_at').orderBy('id').execute(),
        db.selectFrom('adverse_event').selectAll().where(where).orderBy('onset_on').orderBy('seq').execute(),
        db.selectFrom('subject_visit').selectAll().where(where).orderBy('id').execute(),
      ]);
      return {
        labs: (labs as unknown as Array<Record<string, unknown>>).map((row) => ({
          id: Number(row.id), analyte: String(row.analyte), collectedOn: asDate(row.collected_on), value: Number(row.canonical_value), unit: String(row.canonical_unit),
          method: (row.method as LabRow['method']) ?? null, lln: row.lln === null ? null : Number(row.lln), uln: row.uln === null ? null : Number(row.uln),
          context: (row.context as LabRow['context']) ?? null, isBaseline: Boolean(row.is_baseline), visitCode: (row.visit_code as string | null) ?? null,
        })),
        transfusions: (transfusions as unknown as Array<Record<string, unknown>>).map((row) => ({
          id: Number(row.id), givenOn: asDate(row.given_on), product: row.product as TransfusionRow['product'], units: Number(row.units),
          preHb: row.pre_hb === null ? null : Number(row.pre_hb), prePlatelets: row.pre_platelets === null ? null : Number(row.pre_platelets),
        })),
        marrow: (marrow as unknown as Array<Record<string, unknown>>).map((row) => ({
          id: Number(row.id), examinedOn: asDate(row.examined_on), cellularityPercent: row.cellularity_percent === null ? null : Number(row.cellularity_percent),
          residualHematopoieticPercent: row.residual_hematopoietic_percent === null ? null : Number(row.residual_hematopoietic_percent), findings: (row.findings as string | null) ?? null,
        })),
        administrations: (administrations as unknown as Array<Record<string, unknown>>).map((row) => ({
          id: Number(row.id), product: String(row.product), givenAt: new Date(row.given_at as string).toISOString(), doseValue: Number(row.dose_value), doseUnit: String(row.dose_unit),
          visitCode: (row.visit_code as string | null) ?? null, lot: (row.lot as string | null) ?? null,
        })),
        adverseEvents: (events as unknown as Array<Record<string, unknown>>).map((row) => ({
          id: Number(row.id), seq: Number(row.seq), term: String(row.term), onsetOn: asDate(row.onset_on), resolvedOn: row.resolved_on === null ? null : asDate(row.resolved_on),
          grade: row.grade === null ? null : Number(row.grade), serious: Boolean(row.serious), outcome: String(row.outcome),
        })),
        visits: (visits as unknown as Array<Record<string, unknown>>).map((row) => ({ visitCode: String(row.visit_code), status: row.status as VisitRow['status'], visitDate: row.visit_date === null ? null : asDate(row.visit_date) })),
      };
    },
  };
}
