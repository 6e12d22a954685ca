// Enrollment: a screened, consented, eligible (or investigator-overridden) subject gets an arm — by
// the concealed stratified block randomization for a randomized study, the one arm of a single-group
// study, or the group the investigator names where a non-randomized study keeps several. Everything
// happens in one transaction with the screening row locked: a refusal writes nothing, and two
// coordinators enrolling at once take distinct slots of the stratum. The allocation is final; the
// slot, block and sequence never leave this file.
import { canViewAllocation, requireScope, type Actor } from '../access/actor.ts';
import { auditActorOf } from '../audit/entry.ts';
import type { EnrollmentView } from '../model.ts';
import type { EnrollmentService } from '../services.ts';
import { EligoError } from '../../core/problems.ts';
import { assignmentOf, currentConsentForm, type ProtocolSettings } from '../../core/study/protocol.ts';
import { allocationAt, stratumKey } from '../../core/study/randomization.ts';
import { alreadyRandomized } from '../../store/conduct/subjects.ts';
import type { ConsentRecord, EnrollmentRecord, ScreeningRecord, SubjectRepository } from '../../store/conduct/subject-repository.ts';
import { checkPage, checkText, conductOf, latestToday, subjectFor, systemClock, type SubjectServiceDependencies } from '../screening/subject-access.ts';
import { blockSeeds } from './block-seed.ts';

export function enrollmentService({ stores, clock = systemClock }: SubjectServiceDependencies): EnrollmentService {
  const subjects = stores.subjects;
  const view = (actor: Actor, record: EnrollmentRecord, protocol: ProtocolSettings): EnrollmentView => ({
    studyId: record.studyId,
    siteCode: record.siteCode,
    subjectNumber: record.subjectNumber,
    arm: canViewAllocation(actor, record.studyId, record.siteCode, protocol.blinded) ? record.arm : null,
    strata: record.strata,
    randomizedAt: record.randomizedAt,
    randomizedBy: record.randomizedBy,
    overridden: record.overridden,
  });

  return {
    async enroll(actor, input) {
      const now = clock.now();
      const { screening: seen } = await subjectFor(subjects, actor, input.studyId, input.subjectNumber, 'enroll');
      const overrideReason = input.override === undefined ? undefined : checkOverride(actor, input, seen.siteCode);
      const { protocol, protocolVersion } = await conductOf(subjects, input.studyId);
      const assignment = assignmentOf(protocol);
      const chosenArm = checkArm(assignment, protocol, input.arm);
      return subjects.transaction(async (repo, tx) => {
        const scope = requireScope(actor, input.studyId, 'enroll', seen.siteCode);
        const screening = (await repo.screening(scope, input.subjectNumber, { forUpdate: true }))!;
        if (screening.outcome === 'enrolled' || (await repo.enrollment(scope, input.subjectNumber))) throw alreadyRandomized(input.subjectNumber);
        if (screening.outcome !== 'pending') throw EligoError.of('conflict', { code: 'screening_closed', field: 'outcome', value: screening.outcome, expected: 'a screening still pending (set its outcome back to pending first, with a reason)' });
        const consent = validConsent(await repo.consents(scope, input.subjectNumber), protocol, now);
        const overridden = checkEligibility(screening, overrideReason);
        const strata = strataOf(screening, protocol, assignment === 'randomized');
        let arm: string;
        let slot: { stratumKey: string; slot: number } | null = null;
        if (assignment === 'randomized') {
          const key = stratumKey(strata);
          const taken = await repo.takeStratumSlot(input.studyId, key);
          const secret = await repo.studySecret(input.studyId);
          arm = allocationAt(blockSeeds(secret, input.studyId, key), { arms: protocol.arms, blockMultiples: protocol.blockMultiples }, taken).arm;
          slot = { stratumKey: key, slot: taken };
        } else {
          arm = chosenArm ?? protocol.arms[0].code;
        }
        const id = await repo.insertEnrollment({ screeningId: screening.id, studyId: input.studyId, subjectNumber: input.subjectNumber, arm, assignment, strata, slot, protocolVersion, consentId: consent.id, overridden: overridden !== undefined, at: now, by: actor.username });
        await repo.updateScreening(screening.id, { outcome: 'enrolled', override: overridden === undefined ? undefined : { by: actor.username, reason: overridden, at: now }, at: now, by: actor.username });
        const audit = { actor: auditActorOf(actor), studyId: input.studyId, siteCode: screening.siteCode, at: now };
        if (overridden !== undefined) {
          await stores.auditWriter.append(tx, { ...audit, action: 'override', recordType: 'screening', recordId: input.subjectNumber, oldValue: { verdict: screening.verdict }, newValue: { enrollDespite: screening.verdict, ruleSet: screening.ruleSet }, reason: overridden });
        }
        await stores.auditWriter.append(tx, {
          ...audit, action: 'enroll', recordType: 'enrollment', recordId: input.subjectNumber, oldValue: { outcome: screening.outcome },
          // A blinded study's arm stays out of the audit trail (monitors read it); the enrollment row holds it.
          newValue: { subjectNumber: input.subjectNumber, assignment, ...(protocol.blinded ? {} : { arm }), strata, protocolVersion, consentFormVersion: consent.formVersion, overridden: overridden !== undefined },
        });
        return view(actor, { id, screeningId: screening.id, studyId: input.studyId, siteCode: screening.siteCode, subjectNumber: input.subjectNumber, arm, assignment, strata, protocolVersion, consentId: consent.id, overridden: overridden !== undefined, randomizedAt: now.toISOString(), randomizedBy: actor.username }, protocol);
      });
    },

    async getEnrollment(actor, studyId, subjectNumber) {
      const { scope } = await subjectFor(subjects, actor, studyId, subjectNumber, 'study.read');
      const record = await subjects.enrollment(scope, subjectNumber);
      if (!record) throw EligoError.of('not_found', { code: 'not_enrolled', field: 'subjectNumber', value: subjectNumber, expected: 'an enrolled subject', message: `${subjectNumber} is not enrolled` });
      return view(actor, record, (await conductOf(subjects, studyId)).protocol);
    },

    async listEnrollments(actor, studyId, options = {}) {
      const scope = requireScope(actor, studyId, 'study.read', options.siteCode);
      const page = checkPage(options.limit, options.offset, 500, 100);
      const { protocol } = await conductOf(subjects, studyId);
      const found = await subjects.listEnrollments(scope, { siteCode: options.siteCode, ...page });
      return { total: found.total, items: found.items.map((record) => view(actor, record, protocol)) };
    },

    async enrollmentCounts(actor, studyId) {
      return subjects.enrollmentCounts(requireScope(actor, studyId, 'study.read'));
    },

    async unblind(actor, input) {
      const now = clock.now();
      const { screening: seen } = await subjectFor(subjects, actor, input.studyId, input.subjectNumber, 'unblind');
      const { protocol } = await conductOf(subjects, input.studyId);
      if (!protocol.blinded) throw EligoError.of('conflict', { code: 'not_blinded', field: 'studyId', value: input.studyId, expected: 'a blinded study', message: 'open label: nothing to unblind' });
      const reason = checkText(input.reason, 'reason');
      return subjects.transaction(async (repo, tx) => {
        const record = await repo.enrollment(requireScope(actor, input.studyId, 'unblind', seen.siteCode), input.subjectNumber);
        if (!record) throw EligoError.of('conflict', { code: 'not_enrolled', field: 'subjectNumber', value: input.subjectNumber, expected: 'an enrolled subject' });
        await repo.insertUnblinding(record.id, reason, actor.username, now);
        // The entry records that the allocation was revealed, to whom and why — not the arm itself.
        await stores.auditWriter.append(tx, { actor: auditActorOf(actor), action: 'unblind', recordType: 'enrollment', recordId: input.subjectNumber, studyId: input.studyId, siteCode: record.siteCode, oldValue: null, newValue: { subjectNumber: input.subjectNumber, unblinded: true }, reason, at: now });
        return { studyId: input.studyId, subjectNumber: input.subjectNumber, arm: record.arm, by: actor.username, at: now.toISOString(), reason };
      });
    },
  };
}

function checkOverride(actor: Actor, input: { studyId: string; override?: { reason: string } }, siteCode: string): string {
  requireScope(actor, input.studyId, 'eligibility.override', siteCode);
  return checkText(input.override?.reason, 'override.reason');
}

function checkArm(assignment: ReturnType<typeof assignmentOf>, protocol: ProtocolSettings, arm: unknown): string | undefined {
  const codes = protocol.arms.map((a) => a.code);
  if (assignment === 'randomized') {
    if (arm !== undefined) throw EligoError.of('invalid', { code: 'arm_not_allowed', field: 'arm', value: arm, expected: 'no arm: this study is randomized, the system allocates it' });
    return undefined;
  }
  if (arm === undefined) {
    if (assignment === 'investigator_choice') throw EligoError.of('invalid', { code: 'required', field: 'arm', expected: `the group the investigator chose: ${codes.join(', ')}` });
    return undefined;
  }
  if (typeof arm !== 'string' || !codes.includes(arm)) throw EligoError.of('invalid', { code: 'unknown_arm', field: 'arm', value: arm, expected: `one of the study's groups: ${codes.join(', ')}` });
  return arm;
}

/** The consent enrollment rests on: signed, not withdrawn, on the form version in force today. */
function validConsent(consents: ConsentRecord[], protocol: ProtocolSettings, now: Date): ConsentRecord {
  const signed = consents.filter((consent) => consent.signatureStatus === 'signed' && consent.withdrawnOn === null);
  const current = currentConsentForm(protocol, latestToday(now));
  const valid = signed.find((consent) => consent.formVersion === current?.version);
  if (valid) return valid;
  if (signed.length > 0) {
    throw EligoError.of('unprocessable', { code: 'consent_outdated', field: 'formVersion', value: signed[0].formVersion, expected: `consent on the current form ${current?.version ?? '(none in force)'}: re-consent the patient first` });
  }
  throw EligoError.of('unprocessable', { code: 'consent_missing', field: 'subjectNumber', value: consents[0]?.subjectNumber, expected: 'a signed consent that has not been withdrawn', message: 'no valid consent: record a signed consent on the current form before enrolling' });
}

/** The override reason when one is needed and given; undefined for an eligible screening. */
function checkEligibility(screening: ScreeningRecord, overrideReason: string | undefined): string | undefined {
  if (screening.verdict === 'eligible') {
    if (overrideReason !== undefined) throw EligoError.of('invalid', { code: 'override_not_needed', field: 'override', expected: 'no override: the screening found the patient eligible' });
    return undefined;
  }
  if (overrideReason === undefined) {
    throw EligoError.of('unprocessable', { code: 'screening_ineligible', field: 'override', value: screening.verdict, expected: 'an eligible screening, or an investigator\'s override with a reason', message: `the screening found the patient ${screening.verdict}: only an investigator can enroll with an override and a reason` });
  }
  return overrideReason;
}

/** The strata: the site (when the protocol stratifies by it) and every protocol factor from the screening (all required to randomize). */
function strataOf(screening: ScreeningRecord, protocol: ProtocolSettings, required: boolean): Record<string, string> {
  const strata: Record<string, string> = {};
  if (protocol.stratifyBySite) strata.site = screening.siteCode;
  for (const factor of protocol.strata) {
    const level = screening.factors[factor.key];
    if (level === undefined && !required) continue;
    if (level === undefined) throw EligoError.of('unprocessable', { code: 'stratum_missing', field: `factors.${factor.key}`, expected: `the ${factor.label} (${factor.levels.map((l) => l.code).join(', ')}) recorded at screening` });
    strata[factor.key] = level;
  }
  return strata;
}

export type { SubjectRepository };
