// Consent: which form version, when, who obtained it, who signed (the patient, or a guardian named
// with their relationship), and its withdrawal. A consent is valid for enrollment while it is signed,
// not withdrawn and on the form version in force today (currentConsentForm).
import { auditActorOf } from '../audit/entry.ts';
import { SIGNATURE_STATUSES, SIGNERS, type ConsentView } from '../model.ts';
import type { ConsentService } from '../services.ts';
import { EligoError, notFound } from '../../core/problems.ts';
import { currentConsentForm, type ProtocolSettings } from '../../core/study/protocol.ts';
import { requireScope } from '../access/actor.ts';
import type { ConsentRecord } from '../../store/conduct/subject-repository.ts';
import { checkDate, checkDateTime, checkText, conductOf, latestToday, optionalText, subjectFor, systemClock, type SubjectServiceDependencies } from '../screening/subject-access.ts';

export function consentService({ stores, clock = systemClock }: SubjectServiceDependencies): ConsentService {
  const subjects = stores.subjects;
  return {
    async recordConsent(actor, input) {
      const now = clock.now();
      const { screening: seen } = await subjectFor(subjects, actor, input.studyId, input.subjectNumber, 'consent.write');
      const { protocol } = await conductOf(subjects, input.studyId);
      const form = protocol.consentForms.find((f) => f.version === input.formVersion);
      if (!form) throw EligoError.of('invalid', { code: 'unknown_form_version', field: 'formVersion', value: input.formVersion, expected: `a consent form version of the protocol: ${protocol.consentForms.map((f) => f.version).join(', ')}` });
      const signedAt = checkDateTime(input.signedAt, 'signedAt', now);
      const signedOn = signedAt.toISOString().slice(0, 10);
      // Compared as dates where they begin earliest and latest, so a signature in the site's morning of the effective day counts.
      if (latestToday(signedAt) < form.effectiveFrom) throw EligoError.of('invalid', { code: 'date_too_early', field: 'signedAt', value: input.signedAt, expected: `a signature on or after form ${form.version} took effect (${form.effectiveFrom})` });
      const inForce = currentConsentForm(protocol, latestToday(signedAt));
      if (inForce && inForce.version !== form.version) throw EligoError.of('conflict', { code: 'consent_outdated', field: 'formVersion', value: form.version, expected: `the form in force when it was signed (${inForce.version}, from ${inForce.effectiveFrom})` });
      if (!(SIGNERS as readonly unknown[]).includes(input.signer)) throw EligoError.of('invalid', { code: 'invalid_option', field: 'signer', value: input.signer, expected: 'patient or guardian' });
      if (!(SIGNATURE_STATUSES as readonly unknown[]).includes(input.signatureStatus)) throw EligoError.of('invalid', { code: 'invalid_option', field: 'signatureStatus', value: input.signatureStatus, expected: 'signed or refused' });
      let guardianName: string | null = null;
      let guardianRelationship: string | null = null;
      if (input.signer === 'guardian') {
        guardianName = checkText(input.guardianName, 'guardianName', 200, true);
        guardianRelationship = checkText(input.guardianRelationship, 'guardianRelationship', 100);
      } else if (input.guardianName || input.guardianRelationship) {
        throw EligoError.of('invalid', { code: 'guardian_not_signer', field: 'guardianName', expected: 'no guardian details when the patient signs (signer "guardian" for a guardian)' });
      }
      const obtainedBy = checkText(input.obtainedBy, 'obtainedBy', 200);
      const language = optionalText(input.language, 'language', 10);
      if (language !== null && !form.languages.includes(language as 'en' | 'zh')) throw EligoError.of('invalid', { code: 'invalid_option', field: 'language', value: language, expected: `a language of form ${form.version}: ${form.languages.join(', ')}` });
      return subjects.transaction(async (repo, tx) => {
        const scope = requireScope(actor, input.studyId, 'consent.write', seen.siteCode);
        const screening = (await repo.screening(scope, input.subjectNumber, { forUpdate: true }))!;
        const newer = (await repo.consents(scope, input.subjectNumber)).find((consent) => consent.signedAt > signedAt.toISOString());
        if (newer) throw EligoError.of('conflict', { code: 'consent_superseded', field: 'signedAt', value: input.signedAt, expected: `a consent signed after the latest one recorded (${newer.signedAt}, form ${newer.formVersion})` });
        const record = { screeningId: screening.id, formVersion: form.version, signedAt, obtainedBy, signer: input.signer, guardianName, guardianRelationship, signatureStatus: input.signatureStatus, language, at: now, by: actor.username };
        const id = await repo.insertConsent(record);
        await stores.auditWriter.append(tx, {
          actor: auditActorOf(actor), action: 'create', recordType: 'consent', recordId: String(id), studyId: input.studyId, siteCode: screening.siteCode, oldValue: null,
          // The guardian's name identifies the family: the entry keeps that there was one, and the relationship.
          newValue: { subjectNumber: input.subjectNumber, formVersion: form.version, signedAt: signedAt.toISOString(), signedOn, obtainedBy, signer: input.signer, guardianRelationship, signatureStatus: input.signatureStatus, language },
          reason: optionalText(input.reason, 'reason'), at: now,
        });
        const stored = (await repo.consent(scope, id))!;
        return consentView(stored, protocol, now);
      });
    },

    async withdrawConsent(actor, input) {
      const now = clock.now();
      const readable = requireScope(actor, input.studyId, 'study.read');
      if (!Number.isInteger(input.consentId) || input.consentId < 1) throw notFound('consent', 'consentId', input.consentId);
      const seen = await subjects.consent(readable, input.consentId);
      if (!seen) throw notFound('consent', 'consentId', input.consentId);
      const scope = requireScope(actor, input.studyId, 'consent.write', seen.siteCode);
      const withdrawnOn = checkDate(input.withdrawnOn, 'withdrawnOn', now, { notBefore: { date: seen.signedAt.slice(0, 10), what: 'the signature' } });
      const reason = checkText(input.reason, 'reason');
      const { protocol } = await conductOf(subjects, input.studyId);
      return subjects.transaction(async (repo, tx) => {
        const consent = (await repo.consent(scope, input.consentId, { forUpdate: true }))!;
        if (consent.withdrawnOn !== null) throw EligoError.of('conflict', { code: 'already_withdrawn', field: 'consentId', value: input.consentId, expected: `a consent not yet withdrawn (withdrawn on ${consent.withdrawnOn})` });
        if (consent.signatureStatus !== 'signed') throw EligoError.of('conflict', { code: 'not_signed', field: 'consentId', value: input.consentId, expected: 'a signed consent (this one was refused)' });
        await repo.withdrawConsent(consent.id, withdrawnOn, reason);
        await stores.auditWriter.append(tx, { actor: auditActorOf(actor), action: 'withdraw', recordType: 'consent', recordId: String(consent.id), studyId: input.studyId, siteCode: consent.siteCode, oldValue: { withdrawnOn: null }, newValue: { subjectNumber: consent.subjectNumber, withdrawnOn }, reason, at: now });
        return consentView({ ...consent, withdrawnOn, withdrawalReason: reason }, protocol, now);
      });
    },

    async listConsents(actor, studyId, subjectNumber) {
      const now = clock.now();
      const { scope } = await subjectFor(subjects, actor, studyId, subjectNumber, 'study.read');
      const { protocol } = await conductOf(subjects, studyId);
      return (await subjects.consents(scope, subjectNumber)).map((consent) => consentView(consent, protocol, now));
    },
  };
}

/** The consent as the outside sees it, with its state today. */
export function consentView(consent: ConsentRecord, protocol: ProtocolSettings, now: Date): ConsentView {
  const { screeningId: _screeningId, withdrawalReason: _withdrawalReason, ...view } = consent;
  return { ...view, state: consentState(consent, protocol, now) };
}

export function consentState(consent: Pick<ConsentRecord, 'signatureStatus' | 'withdrawnOn' | 'formVersion'>, protocol: ProtocolSettings, now: Date): ConsentView['state'] {
  if (consent.signatureStatus !== 'signed') return 'refused';
  if (consent.withdrawnOn !== null) return 'withdrawn';
  return currentConsentForm(protocol, latestToday(now))?.version === consent.formVersion ? 'valid' : 'outdated';
}
