// The figures of a study's report, from plain rows the storage shell reads within the reader's sites:
// the CONSORT-style flow, enrollment and conversion by site, haematological response by arm and time
// point with exact (Clopper–Pearson) intervals and the difference between arms, adverse events by
// term, arm and worst CTCAE grade per subject. Pure. Every count is of subjects, each counted once per
// row, so the figures add up (enrolled = the sum over arms; screened = failures + declined + pending +
// enrolled) and each can be traced to the subjects behind it (`subjects` lists of the drill-down).
import { clopperPearson, proportionDifference, roundProportion } from './statistics.ts';

export const REPORT_TIME_POINTS = ['month-3', 'month-6', 'month-12'] as const;
export type ReportTimePoint = (typeof REPORT_TIME_POINTS)[number];

/** The arm key of a subject whose allocation the reader may not see (a blinded study). */
export const BLINDED_ARM = 'blinded';

export interface ReportInput {
  studyId: string;
  /** The protocol's arms, in protocol order. */
  arms: ReadonlyArray<{ code: string; label: string }>;
  /** False when the reader may not see the allocation (blinded study): every subject counts under BLINDED_ARM. */
  armsVisible: boolean;
  /** The site the report is restricted to (null: every site the reader sees). */
  siteCode: string | null;
  asOf: string;
  screenings: ReadonlyArray<{ subjectNumber: string; siteCode: string; outcome: 'pending' | 'enrolled' | 'screen_failure' | 'declined'; failureReasons: readonly string[] }>;
  enrollments: ReadonlyArray<{ subjectNumber: string; arm: string }>;
  withdrawals: ReadonlyArray<{ subjectNumber: string; withdrawnOn: string; reason: string | null }>;
  /** Subjects with at least one administration of study treatment. */
  treated: readonly string[];
  assessments: ReadonlyArray<{ subjectNumber: string; timePoint: string; response: 'complete' | 'partial' | 'none' | null }>;
  adverseEvents: ReadonlyArray<{ subjectNumber: string; term: string; grade: number | null; serious: boolean }>;
}

export interface ResponseRow {
  arm: string;
  timepoint: ReportTimePoint;
  /** Subjects whose response at the time point was classified (the denominator). */
  n: number;
  complete: number;
  partial: number;
  /** complete + partial. */
  overall: number;
  none: number;
  /** Assessed at the time point but not classifiable (the reason is on each assessment); not in n. */
  notAssessable: number;
  /** Enrolled subjects of the arm without an assessment at the time point (not yet due, missed, withdrawn). */
  notAssessed: number;
  /** Exact 95 % intervals of complete/n and overall/n, as proportions; null when n = 0. */
  ci95: { complete: [number, number] | null; overall: [number, number] | null };
  subjects: { complete: string[]; partial: string[]; none: string[]; notAssessable: string[] };
}

export interface StudyReport {
  studyId: string;
  siteCode: string | null;
  asOf: string;
  armsVisible: boolean;
  arms: Array<{ code: string; label: string }>;
  consort: {
    screened: number;
    screenFailures: number;
    /** Subjects per failed criterion (a subject failing two criteria is in both rows, once in screenFailures). */
    screenFailuresByReason: Array<{ criterion: string; subjects: number }>;
    declined: number;
    pending: number;
    enrolled: number;
    byArm: Record<string, number>;
    treated: Record<string, number>;
    /** Subjects with a classified or unclassifiable assessment at each time point, per arm. */
    assessed: Record<ReportTimePoint, Record<string, number>>;
    discontinued: { total: number; byArm: Record<string, number>; reasons: Array<{ reason: string; subjects: number }> };
  };
  enrollmentBySite: Array<{ siteCode: string; screened: number; enrolled: number; conversion: number | null }>;
  response: ResponseRow[];
  /** Overall response, first arm − second arm, with Newcombe's 95 % interval (randomized two-arm studies with visible arms). */
  responseDifference: Array<{ timepoint: ReportTimePoint; arms: [string, string]; difference: number; ci95: [number, number] }>;
  /** Worst CTCAE grade per subject for each term and arm (subjects with the term at that worst grade). */
  adverseEvents: Array<{ term: string; arm: string; grade: number | null; subjects: number }>;
  seriousAdverseEvents: { events: number; subjects: Record<string, number> };
  /** What the denominators are, said rather than left to guess. */
  notes: string[];
}

const round = (pair: [number, number] | null): [number, number] | null => (pair ? [roundProportion(pair[0]), roundProportion(pair[1])] : null);

export function buildStudyReport(input: ReportInput): StudyReport {
  const armOf = new Map(input.enrollments.map((e) => [e.subjectNumber, input.armsVisible ? e.arm : BLINDED_ARM]));
  const armCodes = input.armsVisible ? input.arms.map((arm) => arm.code) : [BLINDED_ARM];
  const perArm = () => Object.fromEntries(armCodes.map((code) => [code, 0])) as Record<string, number>;
  const countBy = (subjects: Iterable<string>) => {
    const counts = perArm();
    // Each subject once, however many rows name them.
    for (const subject of new Set(subjects)) {
      const arm = armOf.get(subject);
      if (arm !== undefined) counts[arm] = (counts[arm] ?? 0) + 1;
    }
    return counts;
  };

  const outcome = (kind: string) => input.screenings.filter((s) => s.outcome === kind);
  const failures = outcome('screen_failure');
  const reasons = new Map<string, number>();
  for (const failure of failures) for (const criterion of new Set(failure.failureReasons)) reasons.set(criterion, (reasons.get(criterion) ?? 0) + 1);

  const enrolled = new Set(input.enrollments.map((e) => e.subjectNumber));
  const withdrawn = new Map(input.withdrawals.filter((w) => enrolled.has(w.subjectNumber)).map((w) => [w.subjectNumber, w]));
  const withdrawalReasons = new Map<string, number>();
  for (const w of withdrawn.values()) withdrawalReasons.set(w.reason ?? '(no reason given)', (withdrawalReasons.get(w.reason ?? '(no reason given)') ?? 0) + 1);

  // One assessment per subject and time point (the service replaces, never duplicates); keep the last given.
  const assessed = new Map<string, Map<string, ReportInput['assessments'][number]['response']>>();
  for (const a of input.assessments) {
    if (!enrolled.has(a.subjectNumber) || !(REPORT_TIME_POINTS as readonly string[]).includes(a.timePoint)) continue;
    let byPoint = assessed.get(a.timePoint);
    if (!byPoint) assessed.set(a.timePoint, (byPoint = new Map()));
    byPoint.set(a.subjectNumber, a.response);
  }

  const response: ResponseRow[] = [];
  for (const timepoint of REPORT_TIME_POINTS) {
    const byPoint = assessed.get(timepoint) ?? new Map<string, ReportInput['assessments'][number]['response']>();
    for (const arm of armCodes) {
      const members = [...enrolled].filter((subject) => armOf.get(subject) === arm).sort();
      const subjects = { complete: [] as string[], partial: [] as string[], none: [] as string[], notAssessable: [] as string[] };
      let notAssessed = 0;
      for (const subject of members) {
        if (!byPoint.has(subject)) { notAssessed++; continue; }
        const value = byPoint.get(subject) ?? null;
        subjects[value === null ? 'notAssessable' : value].push(subject);
      }
      const n = subjects.complete.length + subjects.partial.length + subjects.none.length;
      const overall = subjects.complete.length + subjects.partial.length;
      response.push({
        arm, timepoint, n, complete: subjects.complete.length, partial: subjects.partial.length, overall, none: subjects.none.length,
        notAssessable: subjects.notAssessable.length, notAssessed,
        ci95: { complete: round(clopperPearson(subjects.complete.length, n)), overall: round(clopperPearson(overall, n)) }, subjects,
      });
    }
  }

  const responseDifference: StudyReport['responseDifference'] = [];
  if (input.armsVisible && armCodes.length === 2) {
    for (const timepoint of REPORT_TIME_POINTS) {
      const [a, b] = armCodes.map((arm) => response.find((row) => row.arm === arm && row.timepoint === timepoint)!);
      const difference = proportionDifference({ successes: a.overall, n: a.n }, { successes: b.overall, n: b.n });
      if (difference) responseDifference.push({ timepoint, arms: [a.arm, b.arm], difference: roundProportion(difference.difference), ci95: round(difference.ci95)! });
    }
  }

  // Worst grade per subject and term; the subject counted once, at that grade.
  const worst = new Map<string, { subject: string; term: string; grade: number | null }>();
  for (const event of input.adverseEvents) {
    if (!enrolled.has(event.subjectNumber)) continue;
    const key = `${event.subjectNumber}\u0000${event.term}`;
    const seen = worst.get(key);
    if (!seen || (event.grade ?? -1) > (seen.grade ?? -1)) worst.set(key, { subject: event.subjectNumber, term: event.term, grade: event.grade });
  }
  const aeCounts = new Map<string, { term: string; arm: string; grade: number | null; subjects: number }>();
  for (const { subject, term, grade } of worst.values()) {
    const arm = armOf.get(subject)!;
    const key = `${term}\u0000${arm}\u0000${grade}`;
    const row = aeCounts.get(key) ?? { term, arm, grade, subjects: 0 };
    row.subjects++;
    aeCounts.set(key, row);
  }
  const adverseEvents = [...aeCounts.values()].sort((x, y) => x.term.localeCompare(y.term) || armCodes.indexOf(x.arm) - armCodes.indexOf(y.arm) || (x.grade ?? 0) - (y.grade ?? 0));
  const serious = input.adverseEvents.filter((event) => event.serious && enrolled.has(event.subjectNumber));

  const sites = [...new Set(input.screenings.map((s) => s.siteCode))].sort();
  return {
    studyId: input.studyId, siteCode: input.siteCode, asOf: input.asOf, armsVisible: input.armsVisible,
    arms: input.armsVisible ? input.arms.map((arm) => ({ code: arm.code, label: arm.label })) : [{ code: BLINDED_ARM, label: 'Blinded (allocation not visible to you)' }],
    consort: {
      screened: input.screenings.length, screenFailures: failures.length,
      screenFailuresByReason: [...reasons].map(([criterion, subjects]) => ({ criterion, subjects })).sort((x, y) => y.subjects - x.subjects || x.criterion.localeCompare(y.criterion)),
      declined: outcome('declined').length, pending: outcome('pending').length, enrolled: enrolled.size,
      byArm: countBy(enrolled), treated: countBy(input.treated.filter((subject) => enrolled.has(subject))),
      assessed: Object.fromEntries(REPORT_TIME_POINTS.map((point) => [point, countBy((assessed.get(point) ?? new Map()).keys())])) as StudyReport['consort']['assessed'],
      discontinued: { total: withdrawn.size, byArm: countBy(withdrawn.keys()), reasons: [...withdrawalReasons].map(([reason, subjects]) => ({ reason, subjects })) },
    },
    enrollmentBySite: sites.map((siteCode) => {
      const screened = input.screenings.filter((s) => s.siteCode === siteCode).length;
      const count = input.screenings.filter((s) => s.siteCode === siteCode && enrolled.has(s.subjectNumber)).length;
      return { siteCode, screened, enrolled: count, conversion: screened > 0 ? roundProportion(count / screened) : null };
    }),
    response, responseDifference, adverseEvents,
    seriousAdverseEvents: { events: serious.length, subjects: countBy(new Set(serious.map((event) => event.subjectNumber))) },
    notes: [
      'Response: n counts the subjects of the arm whose response at the time point was classified; those assessed but not classifiable (notAssessable) and those without an assessment (notAssessed) are listed beside it, not in n.',
      'Intervals: exact Clopper–Pearson 95 % for each proportion; the difference between arms with Newcombe\'s hybrid score 95 % interval.',
      'Adverse events: each subject counted once per term, at the worst CTCAE grade recorded.',
      ...(input.armsVisible ? [] : ['Arms: the allocation is blinded for you; subjects are counted together.']),
    ],
  };
}
