// Storing laboratory results inside one transaction: limits of normal (the result's own, the site's
// range valid on the collection date, else the default table), hard edit checks refusing the whole
// entry, soft ones stored with a data query each, then the baseline flag and CTCAE grades re-derived
// over every result of the analytes touched. Shared by panel entry, FHIR import and corrections.
import { analyteByKey } from '../../core/clinical/tables/analytes.ts';
import { evaluateEditChecks, type CheckFinding } from '../../core/study/edit-checks.ts';
import { baselineOf, gradesOf } from '../../core/study/lab-results.ts';
import type { QuantityFact } from '../../core/patient/facts.ts';
import { resolveLimit, type LimitPatient, type SiteRangeIndex } from '../../core/patient/limits.ts';
import { EligoError, problem } from '../../core/problems.ts';
import type { StoreTransaction } from '../../store/accounts/repository.ts';
import type { LabRepository, LabResultRecord, NewLabResult } from '../../store/conduct/labs.ts';
import { insertQuery } from '../../store/conduct/query-insert.ts';
import type { LabCheckResult, LabContext, LabLimitBasis, LabPanel } from './model.ts';

export interface PendingResult {
  /** Where refusals point: "results.2" or "resources.0". */
  field: string;
  panel: LabPanel;
  analyte: string;
  collectedOn: string;
  visitCode: string | null;
  value: number;
  unit: string;
  canonicalValue: number;
  canonicalUnit: string;
  method: 'manual' | 'automated' | null;
  context: LabContext;
  referenceRange?: QuantityFact['referenceRange'];
  source: 'form' | 'fhir' | 'import';
  sourceReference: string | null;
}

export interface SubjectContext {
  studyId: string;
  siteCode: string;
  screeningId: number;
  subjectNumber: string;
  dayZero: string;
  ctcaeVersion: string;
  patient: LimitPatient;
  siteRanges?: SiteRangeIndex;
  by: string;
  at: Date;
}

/** The soft/hard findings of the pending results against each other (same date) and the subject's other results. */
export function checkPending(pending: readonly PendingResult[], others: readonly LabResultRecord[], transfusions: readonly { givenOn: string; product: 'RBC' | 'platelets' }[]): Map<number, CheckFinding[]> {
  const byIndex = new Map<number, CheckFinding[]>();
  const dates = [...new Set(pending.map((result) => result.collectedOn))];
  for (const collectedOn of dates) {
    const indexes = pending.map((result, index) => ({ result, index })).filter(({ result }) => result.collectedOn === collectedOn);
    const sameDay = others.filter((other) => other.collectedOn === collectedOn && !indexes.some(({ result }) => result.analyte === other.analyte));
    const results = [...indexes.map(({ result }) => ({ analyte: result.analyte, value: result.canonicalValue })), ...sameDay.map((other) => ({ analyte: other.analyte, value: other.canonicalValue }))];
    const transfusedWithinDays = indexes.map(({ result }) => result.context.transfusedWithinDays).find((days) => days !== undefined);
    const findings = evaluateEditChecks({
      collectedOn, results, earlier: others.map((other) => ({ analyte: other.analyte, collectedOn: other.collectedOn, value: other.canonicalValue })), transfusions,
      ...(transfusedWithinDays !== undefined ? { context: { transfusedWithinDays } } : {}),
    });
    for (const found of findings) {
      if (found.index >= indexes.length) continue; // on an already stored result of the day: its own check stands
      const index = indexes[found.index].index;
      byIndex.set(index, [...(byIndex.get(index) ?? []), found]);
    }
  }
  return byIndex;
}

/** Refuses (unprocessable, nothing written) when any pending result fails a hard check. */
export function refuseHard(pending: readonly PendingResult[], findings: Map<number, CheckFinding[]>): void {
  const problems = [...findings].flatMap(([index, list]) => list.filter((found) => found.severity === 'hard').map((found) => problem({
    code: 'edit_check_failed', field: `${pending[index].field}.value`, value: pending[index].value, expected: found.message.en, message: `${pending[index].field}.value: ${found.message.en} (check ${found.checkId})`,
  })));
  if (problems.length > 0) throw EligoError.all('unprocessable', 'edit_check_failed', problems);
}

export function softResults(findings: readonly CheckFinding[] | undefined): LabCheckResult[] {
  return (findings ?? []).filter((found) => found.severity === 'soft').map((found) => ({ check: found.checkId, severity: 'soft' as const, message: found.message, params: found.params }));
}

/** Limits of normal in the canonical unit, and where each came from. */
export function limitsOf(result: PendingResult, subject: SubjectContext): { lln: number | null; uln: number | null; limitBasis: LabLimitBasis | null } {
  const fact: QuantityFact = {
    analyte: result.analyte, value: result.canonicalValue, unit: result.canonicalUnit, recorded: { value: result.value, unit: result.unit }, date: result.collectedOn,
    source: result.sourceReference ?? 'form', ...(result.referenceRange ? { referenceRange: result.referenceRange } : {}),
  };
  const low = resolveLimit(fact, 'low', subject.patient, subject.siteRanges);
  const high = resolveLimit(fact, 'high', subject.patient, subject.siteRanges);
  const basis: LabLimitBasis = {
    ...(low ? { low: { source: low.source, detail: low.detail, basis: low.basis } } : {}),
    ...(high ? { high: { source: high.source, detail: high.detail, basis: high.basis } } : {}),
  };
  return { lln: low?.value ?? null, uln: high?.value ?? null, limitBasis: low || high ? basis : null };
}

export function queryText(found: LabCheckResult): string {
  return `${found.message.en} / ${found.message.zh}`;
}

/** Inserts the results, raises a query per soft finding and re-derives baseline and grades; returns the stored rows. */
export async function insertPending(repo: LabRepository, tx: StoreTransaction, subject: SubjectContext, pending: readonly PendingResult[], findings: Map<number, CheckFinding[]>): Promise<{ stored: LabResultRecord[]; regraded: number[] }> {
  const ids: number[] = [];
  for (const [index, result] of pending.entries()) {
    const checks = softResults(findings.get(index));
    const row: NewLabResult = {
      studyId: subject.studyId, siteCode: subject.siteCode, screeningId: subject.screeningId, subjectNumber: subject.subjectNumber, visitCode: result.visitCode, panel: result.panel,
      analyte: result.analyte, collectedOn: result.collectedOn, value: result.value, unit: result.unit, canonicalValue: result.canonicalValue, canonicalUnit: result.canonicalUnit,
      method: result.method, ...limitsOf(result, subject), context: result.context, isBaseline: false, grades: [], checkResults: checks, source: result.source,
      sourceReference: result.sourceReference, at: subject.at, by: subject.by,
    };
    const stored = await repo.insertResult(row);
    ids.push(stored.id);
    for (const found of checks) {
      await insertQuery(tx, {
        studyId: subject.studyId, siteCode: subject.siteCode, screeningId: subject.screeningId, subjectNumber: subject.subjectNumber, recordType: 'lab_result', recordId: stored.id,
        field: 'value', origin: 'edit_check', checkId: found.check, text: queryText(found), by: subject.by, at: subject.at,
      });
    }
  }
  const regraded = await regrade(repo, subject, [...new Set(pending.map((result) => result.analyte))], new Set(ids));
  const all = await repo.results(subject.screeningId);
  return { stored: ids.map((id) => all.find((result) => result.id === id) as LabResultRecord), regraded };
}

/**
 * Re-derives the baseline flag and the grades of every result of the analytes; writes the rows that
 * changed. Returns the ids of rows changed other than `fresh` (earlier results re-graded).
 */
export async function regrade(repo: LabRepository, subject: SubjectContext, analytes: readonly string[], fresh: ReadonlySet<number>): Promise<number[]> {
  const changed: number[] = [];
  for (const analyte of analytes) {
    const results = await repo.results(subject.screeningId, { analyte });
    const baselineId = baselineOf(results, subject.dayZero);
    const baseline = results.find((result) => result.id === baselineId);
    for (const result of results) {
      const grades = gradesOf({ analyte, value: result.canonicalValue, unit: result.canonicalUnit, lln: result.lln, uln: result.uln, anticoagulated: result.context.anticoagulated === true }, baseline?.canonicalValue, subject.ctcaeVersion);
      const isBaseline = result.id === baselineId;
      if (isBaseline === result.isBaseline && JSON.stringify(grades) === JSON.stringify(result.grades)) continue;
      await repo.updateResult(result.id, { isBaseline, grades, at: subject.at, by: fresh.has(result.id) ? subject.by : result.updatedBy });
      if (!fresh.has(result.id)) changed.push(result.id);
    }
  }
  return changed;
}

/** The analyte's canonical unit label for messages. */
export function canonicalUnitOf(analyte: string): string {
  return analyteByKey(analyte)?.unit ?? '1';
}
