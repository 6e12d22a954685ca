// What happens to a demo patient after the eligibility engine has screened them: the investigator's
// answers to the confirm points, consent (signed or refused, by the patient or a minor's guardian,
// on the form in force that day), enrollment — with an override where the protocol contradicts
// itself — screen failure with the failed criteria as reasons, or pending. Pure: the steps follow
// from the patient, the engine's result and the protocol's consent forms.
import type { ConfirmationAnswer } from '../conduct/model.ts';
import type { ScreeningResult } from '../core/criteria/evaluate.ts';
import { currentConsentForm, type ProtocolSettings, type StratumFactor } from '../core/study/protocol.ts';
import { classifySeverity } from '../core/study/severity.ts';
import { addDays } from './dates.ts';
import { CONSENT_CRITERION, type DemoPatient } from './patients.ts';

export type DemoActor = 'investigator' | 'coordinator';

export type DemoStep =
  | { kind: 'confirm'; on: string; by: DemoActor; answers: Array<{ criterion: string; answer: ConfirmationAnswer }> }
  | { kind: 'outcome'; on: string; by: DemoActor; outcome: 'screen_failure' | 'declined'; failureReasons: string[] }
  | { kind: 'consent'; on: string; by: DemoActor; obtainedBy: DemoActor; formVersion: string; signatureStatus: 'signed' | 'refused'; signer: 'patient' | 'guardian'; guardianName?: string; guardianRelationship?: string }
  | { kind: 'enroll'; on: string; by: DemoActor; override?: { reason: string } }
  | { kind: 'withdraw'; on: string; by: DemoActor; reason: string };

export interface PlanContext {
  /** The study's protocol settings (their consent forms decide the version signed). */
  protocol: ProtocolSettings;
  recruitment: { from: string; to: string };
  /** No step is planned after this day (the last day that is in the past). */
  until: string;
}

/** Screenings this close to the end of recruitment are still being worked up when the run ends. */
const PENDING_WINDOW_DAYS = { incomplete: 60, eligible: 21 };

/** The criteria the engine failed, and those a confirm answer fails (inclusion answered no, exclusion yes). */
export function failingCriteria(result: ScreeningResult, answers: Readonly<Record<string, ConfirmationAnswer>>): string[] {
  const failed = new Set(result.criteria.filter((criterion) => criterion.status === 'fail').map((criterion) => criterion.id));
  for (const criterion of result.criteria) {
    if (criterion.status !== 'confirm') continue;
    const answer = answers[criterion.id];
    if ((criterion.kind === 'inclusion' && answer === 'no') || (criterion.kind === 'exclusion' && answer === 'yes')) failed.add(criterion.id);
  }
  return [...failed];
}

function answersFor(result: ScreeningResult, patient: DemoPatient, criteria: (id: string) => boolean): Array<{ criterion: string; answer: ConfirmationAnswer }> {
  const asked = [...new Set(result.confirm.map((item) => item.criterion))].filter(criteria);
  return asked.map((criterion) => {
    const answer = patient.answers[criterion as keyof DemoPatient['answers']];
    if (!answer) throw new Error(`the demo has no answer for the confirm point ${criterion}: add it to CONFIRM_CRITERIA`);
    return { criterion, answer };
  });
}

export function planSteps(patient: DemoPatient, result: ScreeningResult, context: PlanContext): DemoStep[] {
  const steps: DemoStep[] = [];
  const reviewOn = addDays(patient.screenedOn, patient.timing.reviewAfter);
  const judgement = answersFor(result, patient, (id) => id !== CONSENT_CRITERION);
  if (judgement.length > 0) steps.push({ kind: 'confirm', on: reviewOn, by: 'investigator', answers: judgement });

  const answersGiven = Object.fromEntries(judgement.map((item) => [item.criterion, item.answer]));
  const failing = failingCriteria(result, answersGiven);
  const daysLeft = (on: string) => (Date.parse(context.recruitment.to) - Date.parse(on)) / 86_400_000;
  const onlyAlp = failing.length === 1 && failing[0] === 'exc-5' && patient.alpBetweenLimits;
  if (failing.length > 0 && !onlyAlp) {
    steps.push({ kind: 'outcome', on: reviewOn, by: 'investigator', outcome: 'screen_failure', failureReasons: failing });
    return steps.filter((step) => step.on <= context.until);
  }
  if (result.verdict === 'incomplete') {
    // The missing work-up (an echocardiogram, an HBV DNA load, a serology) could not be done within the screening window.
    if (daysLeft(patient.screenedOn) > PENDING_WINDOW_DAYS.incomplete) {
      const unknown = result.criteria.filter((criterion) => criterion.status === 'unknown').map((criterion) => criterion.id);
      steps.push({ kind: 'outcome', on: addDays(reviewOn, 14), by: 'investigator', outcome: 'screen_failure', failureReasons: unknown });
    }
    return steps.filter((step) => step.on <= context.until);
  }
  if (daysLeft(patient.screenedOn) <= PENDING_WINDOW_DAYS.eligible) return steps.filter((step) => step.on <= context.until);

  const consentOn = addDays(reviewOn, patient.timing.consentAfter);
  const form = currentConsentForm(context.protocol, consentOn);
  if (!form) throw new Error(`no consent form is in force on ${consentOn}: the protocol's first form must be effective from the start of recruitment (${context.recruitment.from})`);
  const signer = patient.guardian ? { signer: 'guardian' as const, guardianName: patient.guardian.name, guardianRelationship: patient.guardian.relationship } : { signer: 'patient' as const };
  steps.push({ kind: 'consent', on: consentOn, by: 'coordinator', obtainedBy: 'investigator', formVersion: form.version, signatureStatus: patient.willConsent ? 'signed' : 'refused', ...signer });
  steps.push({ kind: 'confirm', on: consentOn, by: 'investigator', answers: [{ criterion: CONSENT_CRITERION, answer: patient.willConsent ? 'yes' : 'no' }] });
  if (!patient.willConsent) {
    steps.push({ kind: 'outcome', on: consentOn, by: 'investigator', outcome: 'declined', failureReasons: [] });
    return steps.filter((step) => step.on <= context.until);
  }
  // Enrolled on a day the same form is still the current one (a new version needs a new consent).
  let enrollOn = addDays(consentOn, patient.timing.enrollAfter);
  if (currentConsentForm(context.protocol, enrollOn)?.version !== form.version) enrollOn = consentOn;
  const override = onlyAlp ? { reason: alpOverrideReason(result) } : undefined;
  steps.push({ kind: 'enroll', on: enrollOn, by: override ? 'investigator' : 'coordinator', ...(override ? { override } : {}) });
  if (patient.timing.withdrawAfter !== null) {
    steps.push({ kind: 'withdraw', on: addDays(enrollOn, patient.timing.withdrawAfter), by: 'coordinator', reason: '患者本人要求退出研究 (the patient asked to leave the study)' });
  }
  return steps.filter((step) => step.on <= context.until);
}

/** The override's reason names the protocol's contradiction: inclusion 2 allows ALP ≤ 3×ULN, exclusion 5 excludes above 1.5×ULN. */
function alpOverrideReason(result: ScreeningResult): string {
  const alp = result.criteria.find((criterion) => criterion.id === 'exc-5')?.evidence.find((evidence) => evidence.ratio !== undefined && /phosphatase|ALP/i.test(evidence.label));
  const ratio = alp?.ratio !== undefined ? `${alp.ratio.toFixed(2)}×ULN` : 'between 1.5 and 3×ULN';
  return `ALP ${ratio} meets inclusion 2 (≤ 3×ULN) but not exclusion 5 (≤ 1.5×ULN); the protocol contradicts itself and the sponsor's medical monitor agreed to enroll`;
}

/**
 * The patient's protocol factors (the randomization's strata) in the study's own level codes: the
 * diagnosis group, and the severity by modified-Camitta counts (for other diagnoses than aplastic
 * anaemia too: the stratum is about how deep the cytopenia is). A level the study does not have falls
 * back to its broader one (VSAA → SAA, PRCA → OTHER_BMF).
 */
export function factorsFor(patient: DemoPatient, strata: readonly StratumFactor[]): Record<string, string> {
  const factors: Record<string, string> = {};
  for (const factor of strata) {
    const codes = new Set(factor.levels.map((level) => level.code));
    let candidates: string[];
    if (factor.key === 'diagnosisGroup') candidates = [patient.diagnosisGroup, 'OTHER_BMF', 'OTHER'];
    else if (factor.key === 'severity') {
      const severity = patient.severity ?? severityOfCounts(patient);
      candidates = severity === 'VSAA' ? ['VSAA', 'SAA'] : [severity];
    } else throw new Error(`the demo does not know the stratum factor "${factor.key}" of the protocol`);
    const level = candidates.find((code) => codes.has(code));
    if (!level) throw new Error(`the protocol's stratum "${factor.key}" has no level for ${candidates[0]} (levels: ${[...codes].join(', ')})`);
    factors[factor.key] = level;
  }
  return factors;
}

function severityOfCounts(patient: DemoPatient): 'VSAA' | 'SAA' | 'NSAA' {
  const count = (analyte: string) => ({ value: patient.record.results!.find((result) => result.analyte === analyte)!.value, unit: '10*9/L' });
  return classifySeverity({ anc: count('anc'), platelets: count('platelets'), reticulocytes: count('reticulocytes'), reticulocyteMethod: 'automated' }).severity ?? 'NSAA';
}
