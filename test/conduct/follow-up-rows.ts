// Realistic follow-up rows inserted directly (the tables other helpers' services fill): CBC values with
// canonical units, site limits and context flags, transfusions, marrow examinations, doses, adverse
// events and visits of an enrolled subject (follow-up-fixtures.ts). Tests only.
import type { Kysely } from 'kysely';
import { analyteByKey, type AnalyteDefinition } from '../../src/core/clinical/tables/analytes.ts';
import { toCanonicalUnit } from '../../src/core/patient/units.ts';
import type { Tables } from '../../src/store/tables.ts';
import { STUDY } from './subject-fixtures.ts';
import type { EnrolledSubject } from './follow-up-fixtures.ts';

const stamp = (subject: EnrolledSubject) => ({
  screening_id: subject.screeningId, study_id: STUDY, site_code: subject.siteCode, subject_number: subject.subjectNumber,
  created_at: new Date('2026-09-01T04:00:00Z'), created_by: 'test-rows', updated_at: new Date('2026-09-01T04:00:00Z'), updated_by: 'test-rows',
});

/** Site limits of the test sites (canonical units), as H2's lab service would resolve them. */
const LIMITS: Record<string, { lln: number; uln: number }> = { hemoglobin: { lln: 115, uln: 150 }, anc: { lln: 1.8, uln: 6.3 }, platelets: { lln: 125, uln: 350 }, reticulocytes: { lln: 24, uln: 84 } };

export interface LabInput {
  analyte: string; collectedOn: string; value: number; unit?: string; method?: 'manual' | 'automated';
  context?: { gcsf?: boolean; transfusedWithinDays?: number }; isBaseline?: boolean;
}

export async function insertLab(db: Kysely<Tables>, subject: EnrolledSubject, lab: LabInput): Promise<number> {
  const analyte = analyteByKey(lab.analyte) as AnalyteDefinition;
  const unit = lab.unit ?? (analyte.unit as string);
  const converted = toCanonicalUnit(lab.value, unit, analyte);
  if (!converted.ok) throw new Error(converted.message);
  const limits = LIMITS[lab.analyte];
  const row = await db.insertInto('lab_result').values({
    ...stamp(subject), visit_code: null, panel: 'cbc', analyte: lab.analyte, collected_on: lab.collectedOn, value: lab.value, unit, canonical_value: converted.value, canonical_unit: analyte.unit as string,
    method: lab.method ?? (lab.analyte.startsWith('reticulocytes') ? 'automated' : null), lln: limits?.lln ?? null, uln: limits?.uln ?? null,
    limit_basis: JSON.stringify(limits ? { source: 'site' } : null), context: JSON.stringify(lab.context ?? {}), is_baseline: lab.isBaseline ?? false,
    grades: JSON.stringify([]), check_results: JSON.stringify([]), source: 'form', source_reference: null,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export interface CbcInput { hb?: number; anc: number; platelets: number; reticulocytes?: number; context?: LabInput['context']; isBaseline?: boolean; reticulocyteMethod?: 'manual' | 'automated' }

/** One CBC (Hb g/L, ANC and platelets 10*9/L, reticulocytes 10*9/L) on a date. */
export async function insertCbc(db: Kysely<Tables>, subject: EnrolledSubject, collectedOn: string, cbc: CbcInput): Promise<void> {
  const common = { collectedOn, context: cbc.context, isBaseline: cbc.isBaseline };
  if (cbc.hb !== undefined) await insertLab(db, subject, { ...common, analyte: 'hemoglobin', value: cbc.hb });
  await insertLab(db, subject, { ...common, analyte: 'anc', value: cbc.anc });
  await insertLab(db, subject, { ...common, analyte: 'platelets', value: cbc.platelets });
  if (cbc.reticulocytes !== undefined) await insertLab(db, subject, { ...common, analyte: 'reticulocytes', value: cbc.reticulocytes, method: cbc.reticulocyteMethod ?? 'automated' });
}

export async function insertTransfusion(db: Kysely<Tables>, subject: EnrolledSubject, givenOn: string, product: 'RBC' | 'platelets', units = 2): Promise<void> {
  await db.insertInto('transfusion').values({ ...stamp(subject), given_on: givenOn, product, units, pre_hb: product === 'RBC' ? 62 : null, pre_platelets: product === 'platelets' ? 8 : null, note: null }).execute();
}

export async function insertMarrow(db: Kysely<Tables>, subject: EnrolledSubject, examinedOn: string, cellularity: number, residual: number | null = null): Promise<void> {
  await db.insertInto('marrow_exam').values({ ...stamp(subject), visit_code: null, examined_on: examinedOn, cellularity_percent: cellularity, residual_hematopoietic_percent: residual, findings: 'hypocellular marrow, fat replacement' }).execute();
}

export async function insertDose(db: Kysely<Tables>, subject: EnrolledSubject, givenAt: string, product: 'UC-MSC' | 'UCB' | 'cyclosporine A' = 'UC-MSC'): Promise<void> {
  await db.insertInto('administration').values({
    ...stamp(subject), visit_code: 'DAY_0', product, lot: 'LOT-2026-0042', given_at: givenAt, route: 'IV', dose_value: 100, dose_unit: '10^6 cells', dose_total: 100, dose_per_kg: null, weight_kg: 60,
    details: JSON.stringify({}), dose_check: JSON.stringify({ ok: true }), infusion_reaction: null,
  }).execute();
}

export async function insertAdverseEvent(db: Kysely<Tables>, subject: EnrolledSubject, seq: number, event: { term: string; onsetOn: string; resolvedOn?: string; grade: number; serious?: boolean }): Promise<void> {
  await db.insertInto('adverse_event').values({
    ...stamp(subject), seq, term: event.term, description: null, onset_on: event.onsetOn, resolved_on: event.resolvedOn ?? null, grade: event.grade, grade_source: 'investigator', grade_basis: null,
    ctcae_version: '5.0', lab_result_id: null, serious: event.serious ?? false, seriousness: event.serious ? ['hospitalization'] : [], relatedness: JSON.stringify({ 'UC-MSC': 'unlikely' }),
    action_taken: 'none', outcome: event.resolvedOn ? 'recovered' : 'not recovered',
  }).execute();
}

export async function insertVisit(db: Kysely<Tables>, subject: EnrolledSubject, visitCode: string, visitDate: string): Promise<void> {
  await db.insertInto('subject_visit').values({ ...stamp(subject), visit_code: visitCode, status: 'done', visit_date: visitDate, not_done_reason: null, protocol_version: 1 }).execute();
}
