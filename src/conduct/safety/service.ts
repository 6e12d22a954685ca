// Adverse events and expedited safety reporting (issue 9 item 4; clinical-domain.md §4, §9). An event
// is recorded by the site (data.write) with its CTCAE v5.0 grade: computed from a stored lab result
// against the subject's baseline (§4b; a cytopenia no worse than baseline is refused as a shift, §4d),
// suggested from findings for hypertension and infusion reactions, else given by the site from the
// grade texts. A serious event carries its report deadlines (24 h to the sponsor; a SUSAR 7 or 15 days
// to the authority), shown on the homes. Changing causality after entry is the investigator's
// (assessment.sign); expectedness and the report to the authority are the sponsor's (safety.report).
// One transaction per change with the screening row locked; every change audited old → new.
import { requireScope, scopeOf, type Actor } from '../access/actor.ts';
import { auditActorOf } from '../audit/entry.ts';
import { RELATED_LEVELS } from '../../core/clinical/tables/safety-reporting.ts';
import { ctcaeTerm } from '../../core/clinical/tables/ctcae-v5-terms.ts';
import { ctcaeLabTerm } from '../../core/clinical/tables/ctcae-v5.ts';
import { EligoError, notFound } from '../../core/problems.ts';
import { gradeAdverseEvent, type AdverseEventGrade, type AdverseEventGradeInput } from '../../core/study/adverse-event-grade.ts';
import { reportsDue, urgencyOf, type DueReport } from '../../core/study/expedited-reporting.ts';
import type { CtcaeGrade } from '../../core/study/grading.ts';
import { shiftTable, type GradedValue } from '../../core/study/shifts.ts';
import type { ProtocolSettings } from '../../core/study/protocol.ts';
import { armProducts } from '../../core/study/treatment.ts';
import type { StoreTransaction } from '../../store/accounts/repository.ts';
import type { AdverseEventFields, AdverseEventRecord } from '../../store/conduct/adverse-events.ts';
import type { LabRepository } from '../../store/conduct/labs.ts';
import type { SubjectRepository } from '../../store/conduct/subject-repository.ts';
import { checkDateTime, checkText, conductOf, subjectFor, systemClock, type SubjectServiceDependencies } from '../screening/subject-access.ts';
import { notEnrolled } from '../visits/service.ts';
import { checkEvent, checkGradeValue, type CheckedEvent } from './checks.ts';
import type { AdverseEventFieldsInput, AdverseEventInput, AdverseEventView, CorrectAdverseEventInput, GradeBasis, ReportInput, ReportView, SeriousEventRow, ShiftsView } from './model.ts';

export interface SafetyService {
  /** Records an adverse event (data.write at the subject's site); refused with nothing written on any bad field. */
  recordAdverseEvent(actor: Actor, input: AdverseEventInput): Promise<AdverseEventView>;
  listAdverseEvents(actor: Actor, studyId: string, subjectNumber: string): Promise<AdverseEventView[]>;
  getAdverseEvent(actor: Actor, studyId: string, subjectNumber: string, aeNumber: number): Promise<AdverseEventView>;
  /** Corrects an event with a reason (the same checks on the result); causality changes need assessment.sign. */
  correctAdverseEvent(actor: Actor, input: CorrectAdverseEventInput): Promise<AdverseEventView>;
  /** Records a report sent: to the sponsor (the site, data.write) or to the authority with expectedness (safety.report). */
  recordReport(actor: Actor, input: ReportInput): Promise<AdverseEventView>;
  /** The study's serious events within the actor's sites, most urgent first. */
  seriousEvents(actor: Actor, studyId: string, filter?: { siteCode?: string; status?: 'due' | 'overdue' | 'done' }): Promise<SeriousEventRow[]>;
  /** Baseline → worst post-baseline CTCAE grade of each graded lab term, subjects counted (§4d). */
  shifts(actor: Actor, studyId: string, filter?: { siteCode?: string }): Promise<ShiftsView>;
}

/** The pure grade preview the entry form shows (any signed-in user: no study data involved). */
export function previewGrade(input: AdverseEventGradeInput): AdverseEventGrade {
  return gradeAdverseEvent(input);
}

const iso = (value: Date | null) => (value === null ? null : value.toISOString());
const reportView = (report: DueReport): ReportView => ({ ...report, dueAt: report.dueAt.toISOString(), followUpDueAt: iso(report.followUpDueAt), reportedAt: iso(report.reportedAt) });
const isRelated = (relatedness: Record<string, string>) => Object.values(relatedness).some((level) => (RELATED_LEVELS as readonly string[]).includes(level));

function reportsOf(record: Pick<AdverseEventFields, 'serious' | 'seriousness' | 'relatedness' | 'expected' | 'awareAt' | 'sponsorReportedAt' | 'authorityReportedAt'>, now: Date): DueReport[] {
  if (!record.serious || !record.awareAt) return [];
  return reportsDue({
    serious: true, seriousness: record.seriousness as never, related: isRelated(record.relatedness), expected: record.expected ?? undefined, awareAt: record.awareAt,
    reported: { sponsor: record.sponsorReportedAt, authority: record.authorityReportedAt },
  }, now);
}

function view(record: AdverseEventRecord, now: Date): AdverseEventView {
  return {
    id: record.id, studyId: record.studyId, siteCode: record.siteCode, subjectNumber: record.subjectNumber, aeNumber: record.seq, term: record.term,
    termZh: ctcaeTerm(record.term)?.termZh ?? record.term, description: record.description, onsetOn: record.onsetOn, resolvedOn: record.resolvedOn,
    grade: record.grade, gradeSource: record.gradeSource, gradeBasis: (record.gradeBasis ?? null) as GradeBasis | null, ctcaeVersion: record.ctcaeVersion,
    labResultId: record.labResultId, serious: record.serious, seriousness: record.seriousness, relatedness: record.relatedness, related: isRelated(record.relatedness),
    expected: record.expected, actionTaken: record.actionTaken, outcome: record.outcome, awareAt: iso(record.awareAt), reports: reportsOf(record, now).map(reportView),
    createdAt: record.createdAt, createdBy: record.createdBy, updatedAt: record.updatedAt, updatedBy: record.updatedBy,
  };
}

/** What the audit trail keeps of an event. */
function auditValue(fields: AdverseEventFields) {
  return { ...fields, awareAt: iso(fields.awareAt), reportDueAt: iso(fields.reportDueAt), sponsorReportedAt: iso(fields.sponsorReportedAt), authorityReportedAt: iso(fields.authorityReportedAt) };
}

const CHANGEABLE = ['term', 'description', 'onsetOn', 'resolvedOn', 'grade', 'gradeOverrideReason', 'labResultId', 'serious', 'seriousness', 'relatedness', 'actionTaken', 'outcome', 'awareAt', 'bloodPressure', 'infusion'] as const;

function inputOf(record: AdverseEventRecord): AdverseEventFieldsInput {
  const basis = record.gradeBasis as GradeBasis | null;
  return {
    term: record.term, description: record.description, onsetOn: record.onsetOn, resolvedOn: record.resolvedOn, labResultId: record.labResultId,
    grade: record.grade, ...(basis?.overrideReason ? { gradeOverrideReason: basis.overrideReason } : {}), serious: record.serious, seriousness: record.seriousness,
    relatedness: record.relatedness, actionTaken: record.actionTaken, outcome: record.outcome, awareAt: iso(record.awareAt),
  };
}

const invalid = (code: string, field: string, value: unknown, expected: string) => EligoError.of('invalid', { code, field, value, expected });

export function safetyService({ stores, clock = systemClock }: SubjectServiceDependencies): SafetyService {
  const subjects = stores.subjects;

  /** The grade to store and its basis: computed from the linked lab result, suggested, or the site's. */
  async function gradeOf(input: AdverseEventFieldsInput, checked: CheckedEvent, ctx: { screeningId: number; scope: ReturnType<typeof requireScope>; version: string }, tx: LabRepository): Promise<{ grade: number; source: AdverseEventFields['gradeSource']; basis: GradeBasis; labResultId: number | null }> {
    const term = checked.entry.term;
    const labTerm = ctcaeLabTerm(term);
    const given = input.grade === undefined || input.grade === null ? undefined : checkGradeValue(input.grade);
    if (input.labResultId !== undefined && input.labResultId !== null) {
      if (!labTerm) throw invalid('not_a_lab_term', 'labResultId', input.labResultId, `a lab result only for a laboratory term; ${term} is graded by the investigator`);
      const result = Number.isInteger(input.labResultId) ? await tx.result(ctx.scope, ctx.screeningId, input.labResultId) : undefined;
      if (!result) throw notFound('lab result', 'labResultId', input.labResultId);
      if (result.analyte !== labTerm.analyte) throw invalid('term_not_of_lab_result', 'labResultId', input.labResultId, `a ${labTerm.analyte} result for ${term} (this one is ${result.analyte})`);
      const baseline = (await tx.results(ctx.screeningId, { analyte: result.analyte })).find((r) => r.isBaseline && r.id !== result.id);
      const measured = (r: typeof result) => ({ value: r.canonicalValue, unit: r.canonicalUnit, ...(r.lln !== null ? { lln: r.lln } : {}), ...(r.uln !== null ? { uln: r.uln } : {}), ...(r.context.anticoagulated ? { anticoagulated: true } : {}) });
      const graded = gradeAdverseEvent({ term, lab: measured(result), ...(baseline ? { baseline: measured(baseline) } : {}) });
      if (graded.kind === 'refused') throw EligoError.of(graded.code === 'baseline_shift' ? 'conflict' : 'invalid', { code: graded.code, field: graded.code === 'baseline_shift' ? 'labResultId' : graded.field, value: input.labResultId, expected: graded.expected, message: graded.reason });
      if (graded.kind !== 'computed') throw new Error(`a lab term graded as ${graded.kind}`);
      const basis: GradeBasis = { grade: graded.grade, kind: 'computed', reason: graded.reason, reasonZh: graded.reasonZh, version: graded.version, labResultId: result.id, baselineGrade: graded.baselineGrade };
      if (given === undefined || given === graded.grade) return { grade: graded.grade, source: 'computed', basis, labResultId: result.id };
      if (!input.gradeOverrideReason) throw invalid('grade_mismatch', 'grade', given, `grade ${graded.grade} as computed from the lab result (${graded.reason}), or a gradeOverrideReason`);
      return { grade: given, source: 'investigator', basis: { ...basis, overrideReason: checkText(input.gradeOverrideReason, 'gradeOverrideReason') }, labResultId: result.id };
    }
    const graded = gradeAdverseEvent({ term, ...(input.bloodPressure ? { bloodPressure: input.bloodPressure } : {}), ...(input.infusion ? { infusion: input.infusion } : {}) });
    if (graded.kind === 'refused' && graded.code !== 'lab_value_required') throw EligoError.of('invalid', { code: graded.code, field: graded.field, value: graded.value, expected: graded.expected, message: graded.reason });
    if (graded.kind === 'suggested') {
      const basis: GradeBasis = { grade: graded.grade, kind: 'suggested', reason: graded.reason, reasonZh: graded.reasonZh, version: graded.version };
      return given === undefined || given === graded.grade ? { grade: graded.grade, source: 'suggested', basis, labResultId: null } : { grade: given, source: 'investigator', basis, labResultId: null };
    }
    // A lab term with no stored result (e.g. a value from another hospital) or a clinical term: the site grades it.
    if (given === undefined) throw invalid('grade_required', 'grade', input.grade, labTerm ? `a grade 1–5, or labResultId to compute it from a stored ${labTerm.analyte} result` : `a grade 1–5 from the CTCAE v${ctx.version} grade texts of ${term}`);
    return { grade: given, source: 'investigator', labResultId: null, basis: { grade: given, kind: 'investigator', version: ctx.version, reason: graded.reason, reasonZh: graded.reasonZh } };
  }

  /** Checks and grades the event of an enrolled subject inside the transaction; returns what to store. */
  async function fieldsFor(actor: Actor, protocol: ProtocolSettings, subjectNumber: string, input: AdverseEventFieldsInput, repo: SubjectRepository, tx: StoreTransaction, before?: AdverseEventRecord) {
    const now = clock.now();
    const studyId = protocol.studyId;
    const readable = requireScope(actor, studyId, 'study.read');
    const screening = (await repo.screening(readable, subjectNumber, { forUpdate: true }))!;
    const scope = requireScope(actor, studyId, 'data.write', screening.siteCode);
    const enrollment = await repo.enrollment(scope, subjectNumber);
    if (!enrollment) throw notEnrolled(subjectNumber);
    const arm = protocol.arms.find((a) => a.code === enrollment.arm);
    const checked = checkEvent(input, { products: arm ? armProducts(arm) : [], enrolledOn: enrollment.randomizedAt.slice(0, 10), now });
    const graded = await gradeOf(input, checked, { screeningId: screening.id, scope, version: protocol.ctcaeVersion }, stores.labs.within(tx));
    if (graded.grade === 5 && checked.outcome !== 'fatal') throw invalid('grade_outcome_mismatch', 'outcome', checked.outcome, 'fatal for a grade 5 event (death related to the adverse event)');
    const fields: AdverseEventFields = {
      term: checked.entry.term, description: checked.description, onsetOn: checked.onsetOn, resolvedOn: checked.resolvedOn, grade: graded.grade, gradeSource: graded.source,
      gradeBasis: graded.basis, ctcaeVersion: protocol.ctcaeVersion, labResultId: graded.labResultId, serious: checked.serious, seriousness: checked.seriousness,
      relatedness: checked.relatedness, actionTaken: checked.actionTaken, outcome: checked.outcome, awareAt: checked.awareAt, reportDueAt: null,
      sponsorReportedAt: checked.serious ? before?.sponsorReportedAt ?? null : null, expected: before?.expected ?? null, authorityReportedAt: checked.serious ? before?.authorityReportedAt ?? null : null,
    };
    return { fields: withDeadline(fields, now), screening, scope, now };
  }

  function withDeadline(fields: AdverseEventFields, now: Date): AdverseEventFields {
    const open = reportsOf(fields, now).filter((r) => r.status !== 'done');
    return { ...fields, reportDueAt: open.length ? new Date(urgencyOf(open)) : null };
  }

  async function existing(actor: Actor, studyId: string, subjectNumber: string, aeNumber: number, permission: Parameters<typeof requireScope>[2], inTx?: { repo: SubjectRepository; tx: StoreTransaction }) {
    const tx = inTx?.tx;
    const { scope, screening } = await subjectFor(inTx?.repo ?? subjects, actor, studyId, subjectNumber, permission);
    const events = tx ? stores.adverseEvents.within(tx) : stores.adverseEvents;
    const record = Number.isInteger(aeNumber) && aeNumber >= 1 ? await events.get(scope, subjectNumber, aeNumber, { forUpdate: Boolean(tx) }) : undefined;
    if (!record) throw notFound('adverse event', 'aeNumber', aeNumber);
    return { record, scope, screening, events };
  }

  return {
    async recordAdverseEvent(actor, input) {
      const { studyId, subjectNumber } = input;
      await subjectFor(subjects, actor, studyId, subjectNumber, 'data.write');
      const { protocol } = await conductOf(subjects, studyId);
      return subjects.transaction(async (repo, tx) => {
        const { fields, screening, now } = await fieldsFor(actor, protocol, subjectNumber, input, repo, tx);
        const events = stores.adverseEvents.within(tx);
        const stored = await events.insert({ ...fields, screeningId: screening.id, studyId, siteCode: screening.siteCode, subjectNumber, at: now, by: actor.username });
        await stores.auditWriter.append(tx, { actor: auditActorOf(actor), action: 'create', recordType: 'adverse_event', recordId: String(stored.id), studyId, siteCode: screening.siteCode, oldValue: null, newValue: auditValue(fields), at: now });
        return view(stored, now);
      });
    },

    async listAdverseEvents(actor, studyId, subjectNumber) {
      const { scope } = await subjectFor(subjects, actor, studyId, subjectNumber, 'study.read');
      const now = clock.now();
      return (await stores.adverseEvents.list(scope, subjectNumber)).map((record) => view(record, now));
    },

    async getAdverseEvent(actor, studyId, subjectNumber, aeNumber) {
      return view((await existing(actor, studyId, subjectNumber, aeNumber, 'study.read')).record, clock.now());
    },

    async correctAdverseEvent(actor, input) {
      const reason = checkText(input.reason, 'reason');
      const changes = (input.changes ?? {}) as Record<string, unknown>;
      const unknown = Object.keys(changes).find((key) => !(CHANGEABLE as readonly string[]).includes(key));
      if (unknown) throw invalid('unknown_field', `changes.${unknown}`, unknown, `one of ${CHANGEABLE.join(', ')}`);
      if (Object.keys(changes).length === 0) throw invalid('required', 'changes', undefined, `at least one of ${CHANGEABLE.join(', ')}`);
      await subjectFor(subjects, actor, input.studyId, input.subjectNumber, 'data.write');
      const { protocol } = await conductOf(subjects, input.studyId);
      return subjects.transaction(async (repo, tx) => {
        const { record, events } = await existing(actor, input.studyId, input.subjectNumber, input.aeNumber, 'data.write', { repo, tx });
        const merged = { ...inputOf(record), ...changes } as AdverseEventFieldsInput;
        // A lab-linked grade is re-computed unless the correction gives a grade itself.
        if (!('grade' in changes) && merged.labResultId) merged.grade = undefined;
        const { fields, now } = await fieldsFor(actor, protocol, input.subjectNumber, merged, repo, tx, record);
        if (JSON.stringify(fields.relatedness) !== JSON.stringify(record.relatedness)) requireCausality(actor, input.studyId, record.siteCode);
        await events.update(record.id, { ...fields, at: now, by: actor.username });
        await stores.auditWriter.append(tx, { actor: auditActorOf(actor), action: 'update', recordType: 'adverse_event', recordId: String(record.id), studyId: input.studyId, siteCode: record.siteCode, oldValue: auditValue(record), newValue: auditValue(fields), reason, at: now });
        return view((await events.get(requireScope(actor, input.studyId, 'study.read'), input.subjectNumber, record.seq))!, now);
      });
    },

    async recordReport(actor, input) {
      if (input.recipient !== 'sponsor' && input.recipient !== 'authority') throw invalid('unknown_recipient', 'recipient', input.recipient, 'sponsor (the site\'s report) or authority (the sponsor\'s expedited report)');
      const permission = input.recipient === 'sponsor' && input.expected === undefined ? 'data.write' : 'safety.report';
      await subjectFor(subjects, actor, input.studyId, input.subjectNumber, permission);
      return subjects.transaction(async (repo, tx) => {
        const now = clock.now();
        const { record, events } = await existing(actor, input.studyId, input.subjectNumber, input.aeNumber, permission, { repo, tx });
        if (!record.serious || !record.awareAt) throw EligoError.of('conflict', { code: 'not_serious', field: 'aeNumber', value: input.aeNumber, expected: 'a serious adverse event (only those have expedited reports)' });
        const reportedAt = checkDateTime(input.reportedAt, 'reportedAt', now);
        if (reportedAt.getTime() < record.awareAt.getTime()) throw invalid('reported_before_awareness', 'reportedAt', input.reportedAt, `a date-time at or after the site learnt of the event (${record.awareAt.toISOString()})`);
        if (input.expected !== undefined && typeof input.expected !== 'boolean') throw invalid('invalid_boolean', 'expected', input.expected, 'true or false');
        const { id: _id, screeningId: _s, studyId: _st, siteCode: _si, subjectNumber: _sn, seq: _seq, createdAt: _ca, createdBy: _cb, updatedAt: _ua, updatedBy: _ub, ...before } = record;
        const fields = withDeadline({
          ...before,
          ...(input.recipient === 'sponsor' ? { sponsorReportedAt: reportedAt } : { authorityReportedAt: reportedAt }),
          ...(input.expected !== undefined ? { expected: input.expected } : {}),
        }, now);
        await events.update(record.id, { ...fields, at: now, by: actor.username });
        await stores.auditWriter.append(tx, { actor: auditActorOf(actor), action: 'update', recordType: 'adverse_event', recordId: String(record.id), studyId: input.studyId, siteCode: record.siteCode, oldValue: auditValue(before), newValue: auditValue(fields), reason: `report to the ${input.recipient}`, at: now });
        return view((await events.get(requireScope(actor, input.studyId, 'study.read'), input.subjectNumber, record.seq))!, now);
      });
    },

    async seriousEvents(actor, studyId, filter = {}) {
      const scope = requireScope(actor, studyId, 'study.read');
      await checkSite(studyId, filter.siteCode);
      const now = clock.now();
      const rows = (await stores.adverseEvents.listStudy(scope, { serious: true, ...(filter.siteCode ? { siteCode: filter.siteCode } : {}) })).map((record) => {
        const reports = reportsOf(record, now);
        const open = reports.filter((r) => r.status !== 'done');
        const status: SeriousEventRow['status'] = open.some((r) => r.status === 'overdue') ? 'overdue' : open.length ? 'due' : 'done';
        const urgency = urgencyOf(reports);
        return {
          urgency,
          row: {
            studyId, siteCode: record.siteCode, subjectNumber: record.subjectNumber, aeNumber: record.seq, term: record.term, termZh: ctcaeTerm(record.term)?.termZh ?? record.term,
            grade: record.grade, onsetOn: record.onsetOn, seriousness: record.seriousness, awareAt: iso(record.awareAt), reports: reports.map(reportView),
            nextDueAt: Number.isFinite(urgency) ? new Date(urgency).toISOString() : null, status,
          } satisfies SeriousEventRow,
        };
      });
      return rows.filter(({ row }) => !filter.status || row.status === filter.status).sort((a, b) => a.urgency - b.urgency || (a.row.onsetOn < b.row.onsetOn ? 1 : -1)).map(({ row }) => row);
    },

    async shifts(actor, studyId, filter = {}) {
      const scope = requireScope(actor, studyId, 'study.read');
      await checkSite(studyId, filter.siteCode);
      const labs = await stores.adverseEvents.gradedLabs(scope, filter.siteCode);
      const baselineOn = new Map<string, string>();
      for (const row of labs) if (row.isBaseline && (baselineOn.get(row.subjectNumber) ?? '') < row.collectedOn) baselineOn.set(row.subjectNumber, row.collectedOn);
      const values: GradedValue[] = [];
      for (const row of labs) {
        // Post-baseline means after the baseline result; earlier screening values count for neither side.
        const from = baselineOn.get(row.subjectNumber);
        if (!row.isBaseline && from !== undefined && row.collectedOn <= from) continue;
        for (const g of row.grades) values.push({ subject: row.subjectNumber, term: g.term, date: row.collectedOn, grade: g.grade as CtcaeGrade | null, baseline: row.isBaseline });
      }
      const terms = [...new Set(values.map((v) => v.term))].sort();
      return { terms: terms.map((term) => ({ ...shiftTable(values, term), termZh: ctcaeTerm(term)?.termZh ?? term })) };
    },
  };

  async function checkSite(studyId: string, siteCode: string | undefined): Promise<void> {
    if (siteCode !== undefined && !(await stores.studyDirectory.siteExists(studyId, siteCode))) throw invalid('unknown_site', 'site', siteCode, `a site code of ${studyId}`);
  }
}

/** Causality is the investigator's judgement: changing it after entry needs assessment.sign at the site. */
function requireCausality(actor: Actor, studyId: string, siteCode: string): void {
  const scope = scopeOf(actor, studyId, 'assessment.sign');
  if (!scope || (scope.sites !== 'all' && !scope.sites.includes(siteCode))) {
    throw EligoError.of('forbidden', { code: 'causality_needs_investigator', field: 'changes.relatedness', expected: 'an investigator (assessment.sign) to change the causality', message: 'only an investigator may change the causality of an adverse event' });
  }
}
