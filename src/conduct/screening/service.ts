// The screening log: a patient screened at a site against the study's current rule set with the
// site's reference ranges, given the site's next subject number, stored with the verdicts and the
// rule-set version, identity kept apart; confirmations and outcomes recorded; every change audited in
// its own transaction. Reads are within the actor's site scope.
import { requireScope, type Actor } from '../access/actor.ts';
import { auditActorOf } from '../audit/entry.ts';
import { CONFIRMATION_ANSWERS, SCREENING_OUTCOMES, type ScreeningView, type StartScreeningInput } from '../model.ts';
import type { ScreeningService } from '../services.ts';
import { bundleFromManualRecord, manualRecordSchema } from '../../core/patient/manual.ts';
import { EligoError, isEligoError, notFound, problem, type Problem } from '../../core/problems.ts';
import type { ProtocolSettings } from '../../core/study/protocol.ts';
import { formatSubjectNumber, parseSubjectNumber } from '../../core/study/subject-number.ts';
import { screenRecordWithFacts } from '../../eligibility/screening.ts';
import { storedRuleSetForScreening } from '../../eligibility/screen.ts';
import { withoutStoreFields } from '../../store/conduct/subjects.ts';
import type { ScreeningRecord } from '../../store/conduct/subject-repository.ts';
import { checkDate, checkPage, checkText, conductOf, optionalText, subjectFor, systemClock, type SubjectServiceDependencies } from './subject-access.ts';
import { screeningAuditValue } from './audit-values.ts';
import { checkIdentity } from './identity.ts';

export function screeningService({ stores, clock = systemClock }: SubjectServiceDependencies): ScreeningService {
  const subjects = stores.subjects;
  return {
    async startScreening(actor, input) {
      const scope = requireScope(actor, input.studyId, 'screening.write', input.siteCode);
      const now = clock.now();
      const screenedOn = checkDate(input.screenedOn, 'screenedOn', now);
      const identity = checkIdentity(input.identity, now);
      const { bundle, origin, reference } = recordOf(input.source);
      const [conduct, site] = await Promise.all([conductOf(subjects, input.studyId), subjects.site(scope, input.siteCode)]);
      if (!site) throw notFound('site', 'siteCode', input.siteCode);
      if (site.status !== 'active') throw EligoError.of('conflict', { code: 'site_not_active', field: 'siteCode', value: input.siteCode, expected: 'an active site (this one is ' + site.status + ')' });
      const factors = checkFactors(input.factors ?? {}, conduct.protocol);
      const stored = await storedRuleSetForScreening(stores, input.studyId).catch((error: unknown) => {
        if (isEligoError(error) && error.kind === 'not_found') throw EligoError.of('unprocessable', { code: 'no_rule_set', field: 'studyId', value: input.studyId, expected: 'a study whose trial has a rule set to screen with' });
        throw error;
      });
      const ranges = site.rangeSiteId ? await stores.siteRanges.list(site.rangeSiteId) : undefined;
      const { result, facts } = screenRecordWithFacts(stored.ruleSet, bundle, { asOf: screenedOn, siteRanges: ranges });
      const sex = facts.sex ?? null;
      return subjects.transaction(async (repo, tx) => {
        const seq = await repo.takeSubjectSeq(input.studyId, input.siteCode);
        const record = await repo.insertScreening(
          {
            studyId: input.studyId,
            siteCode: input.siteCode,
            subjectNumber: formatSubjectNumber(input.siteCode, seq),
            seq,
            screenedOn,
            origin,
            originReference: reference,
            protocolVersion: conduct.protocolVersion,
            ruleSet: { nctId: result.trial, version: result.ruleSet.version, review: result.ruleSet.review },
            verdict: result.verdict,
            result,
            sex,
            factors,
            at: now,
            by: actor.username,
          },
          identity,
        );
        await stores.auditWriter.append(tx, { actor: auditActorOf(actor), action: 'create', recordType: 'screening', recordId: record.subjectNumber, studyId: record.studyId, siteCode: record.siteCode, oldValue: null, newValue: screeningAuditValue(record), at: now });
        return withoutStoreFields(record);
      });
    },

    async recordConfirmations(actor, studyId, subjectNumber, answers, reason) {
      const now = clock.now();
      const { screening: seen } = await subjectFor(subjects, actor, studyId, subjectNumber, 'screening.write');
      checkAnswers(answers, seen.result);
      return subjects.transaction(async (repo, tx) => {
        const screening = (await repo.screening(requireScope(actor, studyId, 'screening.write', seen.siteCode), subjectNumber, { forUpdate: true }))!;
        const complete = screening.outcome !== 'pending' || screening.outcomeSetAt !== null;
        const why = complete ? checkText(reason, 'reason') : optionalText(reason, 'reason');
        const byCriterion = new Map(screening.confirmations.map((c) => [c.criterion, c]));
        for (const answer of answers) byCriterion.set(answer.criterion, { criterion: answer.criterion, answer: answer.answer, answeredBy: actor.username, at: now.toISOString() });
        const confirmations = [...byCriterion.values()];
        await repo.updateScreening(screening.id, { confirmations, at: now, by: actor.username });
        await stores.auditWriter.append(tx, { actor: auditActorOf(actor), action: 'update', recordType: 'screening', recordId: subjectNumber, studyId, siteCode: screening.siteCode, oldValue: { confirmations: screening.confirmations }, newValue: { confirmations }, reason: why, at: now });
        return withoutStoreFields({ ...screening, confirmations, updatedAt: now.toISOString() });
      });
    },

    async setOutcome(actor, studyId, subjectNumber, outcome, failureReasons, reason) {
      const now = clock.now();
      const { screening: seen } = await subjectFor(subjects, actor, studyId, subjectNumber, 'screening.write');
      if (!(SCREENING_OUTCOMES as readonly string[]).includes(outcome) || (outcome as string) === 'enrolled') {
        throw EligoError.of('invalid', { code: 'invalid_outcome', field: 'outcome', value: outcome, expected: '"pending", "screen_failure" or "declined" ("enrolled" is set by enrolling)' });
      }
      if (!Array.isArray(failureReasons) || failureReasons.length > 50) throw EligoError.of('invalid', { code: 'invalid_list', field: 'failureReasons', expected: 'a list of at most 50 reasons' });
      const reasons = failureReasons.map((text, index) => checkText(text, `failureReasons.${index}`, 500));
      if (outcome === 'screen_failure' && reasons.length === 0) throw EligoError.of('invalid', { code: 'required', field: 'failureReasons', expected: 'at least one reason for a screen failure' });
      return subjects.transaction(async (repo, tx) => {
        const screening = (await repo.screening(requireScope(actor, studyId, 'screening.write', seen.siteCode), subjectNumber, { forUpdate: true }))!;
        if (screening.outcome === 'enrolled') throw EligoError.of('conflict', { code: 'already_enrolled', field: 'outcome', value: outcome, expected: 'a subject not yet enrolled (an enrollment is final)' });
        const why = screening.outcomeSetAt !== null ? checkText(reason, 'reason') : optionalText(reason, 'reason');
        await repo.updateScreening(screening.id, { outcome, failureReasons: reasons, outcomeSetAt: now, at: now, by: actor.username });
        await stores.auditWriter.append(tx, { actor: auditActorOf(actor), action: 'update', recordType: 'screening', recordId: subjectNumber, studyId, siteCode: screening.siteCode, oldValue: { outcome: screening.outcome, failureReasons: screening.failureReasons }, newValue: { outcome, failureReasons: reasons }, reason: why, at: now });
        return withoutStoreFields({ ...screening, outcome, failureReasons: reasons, updatedAt: now.toISOString(), outcomeSetAt: now.toISOString() });
      });
    },

    async getScreening(actor, studyId, subjectNumber) {
      return withoutStoreFields((await subjectFor(subjects, actor, studyId, subjectNumber, 'study.read')).screening);
    },

    async listScreenings(actor, filter) {
      const scope = requireScope(actor, filter.studyId, 'study.read', filter.siteCode);
      const page = checkPage(filter.limit, filter.offset, 500, 100);
      if (filter.subjectNumber !== undefined) parseSubjectNumber(filter.subjectNumber);
      if (filter.outcome !== undefined && !(SCREENING_OUTCOMES as readonly string[]).includes(filter.outcome)) throw EligoError.of('invalid', { code: 'invalid_option', field: 'outcome', value: filter.outcome, expected: SCREENING_OUTCOMES.join(', ') });
      if (filter.verdict !== undefined && !['eligible', 'incomplete', 'ineligible'].includes(filter.verdict)) throw EligoError.of('invalid', { code: 'invalid_option', field: 'verdict', value: filter.verdict, expected: 'eligible, incomplete or ineligible' });
      const far = new Date(Date.UTC(9999, 0, 1));
      const screenedFrom = filter.screenedFrom === undefined ? undefined : checkDate(filter.screenedFrom, 'screenedFrom', far);
      const screenedTo = filter.screenedTo === undefined ? undefined : checkDate(filter.screenedTo, 'screenedTo', far);
      return subjects.listScreenings(scope, { ...filter, screenedFrom, screenedTo, ...page });
    },

    async countScreenings(actor, studyId) {
      return subjects.countScreenings(requireScope(actor, studyId, 'study.read'));
    },

    async getIdentity(actor, studyId, subjectNumber) {
      const { scope } = await subjectFor(subjects, actor, studyId, subjectNumber, 'identity.read');
      const identity = await subjects.identity(scope, subjectNumber);
      if (!identity) throw notFound('subject', 'subjectNumber', subjectNumber);
      return identity;
    },
  };
}

function recordOf(source: StartScreeningInput['source'] | undefined): { bundle: unknown; origin: ScreeningView['origin']; reference: string | null } {
  if (source?.kind === 'fhir') return { bundle: source.bundle, origin: 'fhir', reference: null };
  if (source?.kind === 'prescreen') return { bundle: source.bundle, origin: 'prescreen', reference: optionalText(source.reference, 'source.reference', 500) };
  if (source?.kind === 'manual') {
    const parsed = manualRecordSchema.safeParse(source.record);
    if (!parsed.success) {
      const problems: Problem[] = parsed.error.issues.map((issue) => problem({ code: 'invalid_record', field: ['source', 'record', ...issue.path.map(String)].join('.'), expected: issue.message }));
      throw EligoError.all('invalid', 'invalid_record', problems);
    }
    return { bundle: bundleFromManualRecord(parsed.data), origin: 'manual', reference: null };
  }
  throw EligoError.of('invalid', { code: 'invalid_source', field: 'source.kind', value: (source as { kind?: unknown } | undefined)?.kind, expected: '"fhir", "manual" or "prescreen"' });
}

/** Factors known at screening must be the protocol's stratum factors, each with one of its level codes. */
function checkFactors(factors: unknown, protocol: ProtocolSettings): Record<string, string> {
  if (typeof factors !== 'object' || factors === null || Array.isArray(factors)) throw EligoError.of('invalid', { code: 'invalid_factors', field: 'factors', expected: 'an object of protocol factor → level code' });
  const checked: Record<string, string> = {};
  for (const [key, value] of Object.entries(factors)) {
    const factor = protocol.strata.find((f) => f.key === key);
    if (!factor) throw EligoError.of('invalid', { code: 'unknown_factor', field: `factors.${key}`, expected: protocol.strata.length ? `one of the protocol's factors: ${protocol.strata.map((f) => f.key).join(', ')}` : 'no factors (the protocol has none)' });
    if (typeof value !== 'string' || !factor.levels.some((level) => level.code === value)) throw EligoError.of('invalid', { code: 'unknown_level', field: `factors.${key}`, value, expected: `one of ${factor.levels.map((level) => level.code).join(', ')}` });
    checked[key] = value;
  }
  return checked;
}

function checkAnswers(answers: unknown, result: ScreeningRecord['result']): void {
  if (!Array.isArray(answers) || answers.length === 0 || answers.length > 200) throw EligoError.of('invalid', { code: 'invalid_list', field: 'confirmations', expected: 'a list of 1 to 200 answers' });
  const ids = new Set(result.confirm.map((item) => item.criterion));
  answers.forEach((answer: { criterion?: unknown; answer?: unknown }, index) => {
    if (typeof answer?.criterion !== 'string' || !ids.has(answer.criterion)) throw EligoError.of('invalid', { code: 'unknown_criterion', field: `confirmations.${index}.criterion`, value: answer?.criterion, expected: ids.size ? `a criterion to confirm: ${[...ids].join(', ')}` : 'nothing: this screening has no points to confirm' });
    if (!(CONFIRMATION_ANSWERS as readonly unknown[]).includes(answer.answer)) throw EligoError.of('invalid', { code: 'invalid_answer', field: `confirmations.${index}.answer`, value: answer.answer, expected: 'yes, no or unknown' });
  });
}
