// One fake patient referred to NCT05794425: identity, a hand-entry record (ManualRecord, the same
// shape the web form and the API take) with the labs dated on the screening day, and what the
// investigator will answer to the study's confirm points. Pure: every draw comes from `rng`.
import type { ConfirmationAnswer, SubjectIdentity } from '../conduct/model.ts';
import type { ManualRecord } from '../core/patient/manual.ts';
import { ageInYears } from '../core/clinical/calendar.ts';
import { addDays } from './dates.ts';
import { fullName, surname, type Sex } from './names.ts';
import {
  AA_COUNTS, AGE_BANDS, countLimits, DIAGNOSIS_GROUP, DIAGNOSIS_MIX, ECOG_MIX, MALE_SHARE, MALIGNANCIES, MILD_ALLERGENS,
  OTHER_COUNTS, PREVALENCE as P, SEVERE_ALLERGENS, SEVERITY_MIX, upperLimits, type AaSeverity, type CountProfile, type Diagnosis, type Range,
} from './population.ts';
import { boundedNormal, chance, intBetween, logUniform, pick, roundTo, unit, weighted, type RandomGenerator } from './random.ts';

/** The confirm points of the NCT05794425 rule set (data/seed-trials/NCT05794425.rules.json) the investigator answers. */
export const CONFIRM_CRITERIA = ['inc-3', 'inc-6', 'inc-8', 'exc-1', 'exc-4', 'exc-7', 'exc-8', 'exc-9', 'exc-10'] as const;
/** "Volunteers and has signed the informed consent": answered once consent is recorded. */
export const CONSENT_CRITERION = 'inc-8';

export interface DemoSiteLab {
  siteCode: string;
  /** The site's coagulation reagents' upper limits (reagent-dependent: no national default, §6). */
  ptUln: number;
  apttUln: number;
}

export interface DemoPatient {
  siteCode: string;
  screenedOn: string;
  sex: Sex;
  age: number;
  diagnosis: Diagnosis;
  diagnosisGroup: (typeof DIAGNOSIS_GROUP)[Diagnosis];
  /** Aplastic anaemia only. */
  severity: AaSeverity | null;
  identity: SubjectIdentity;
  record: ManualRecord;
  /** The investigator's answer to each confirm point the engine may raise. */
  answers: Record<(typeof CONFIRM_CRITERIA)[number], ConfirmationAnswer>;
  /** Whether the patient agrees to take part when asked. */
  willConsent: boolean;
  /** A minor's parent, who signs the consent. */
  guardian?: { name: string; relationship: string };
  /** ALP between the protocol's two limits (1.5× and 3×ULN): the investigator may enroll with an override. */
  alpBetweenLimits: boolean;
  /** Days after screening: investigator's review, consent talk, enrollment after consent; withdrawal after enrollment. */
  timing: { reviewAfter: number; consentAfter: number; enrollAfter: number; withdrawAfter: number | null };
}

const draw = (rng: RandomGenerator, [min, max]: Range): number => logUniform(rng, min, max);

function counts(rng: RandomGenerator, diagnosis: Diagnosis, severity: AaSeverity | null): CountProfile {
  return diagnosis === 'aplastic-anemia' ? AA_COUNTS[severity!] : OTHER_COUNTS[diagnosis];
}

function birthDateFor(rng: RandomGenerator, age: number, on: string): string {
  const [year, month, day] = on.split('-').map(Number);
  const sameDay = `${year - age}-${String(month).padStart(2, '0')}-${String(Math.min(day, 28)).padStart(2, '0')}`;
  return addDays(sameDay, -intBetween(rng, 1, 360));
}

/** A hospital (inpatient) number as Chinese hospitals print them: two-digit year and six digits. */
function hospitalNumber(rng: RandomGenerator, on: string): string {
  return `${on.slice(2, 4)}${String(intBetween(rng, 0, 999_999)).padStart(6, '0')}`;
}

/** The ratio of a value to its limit, drawn in a band, turned into a value with that limit. */
const times = (rng: RandomGenerator, limit: number, band: Range, decimals = 0) => roundTo(limit * (band[0] + unit(rng) * (band[1] - band[0])), decimals);

export function generatePatient(rng: RandomGenerator, site: DemoSiteLab, screenedOn: string): DemoPatient {
  const diagnosis = weighted(rng, DIAGNOSIS_MIX);
  const severity = diagnosis === 'aplastic-anemia' ? weighted(rng, SEVERITY_MIX) : null;
  const severe = severity === 'SAA' || severity === 'VSAA';
  const sex: Sex = chance(rng, MALE_SHARE) ? 'male' : 'female';
  const [low, high] = weighted(rng, AGE_BANDS[diagnosis === 'myelodysplastic-syndrome' ? 'older' : 'default']);
  const age = intBetween(rng, low, high);
  const birthDate = birthDateFor(rng, age, screenedOn);
  const familyName = surname(rng);
  const identity: SubjectIdentity = { name: fullName(rng, sex, familyName), hospitalNumber: hospitalNumber(rng, screenedOn), birthDate, phone: null };
  const guardian = age < 18 ? (chance(rng, 0.6) ? { name: fullName(rng, 'female'), relationship: '母亲 (mother)' } : { name: fullName(rng, 'male', familyName), relationship: '父亲 (father)' }) : undefined;

  // Labs from the screening visit, up to a week before the screening is recorded.
  const labDay = addDays(screenedOn, -intBetween(rng, 0, 6));
  const echoDay = addDays(screenedOn, -intBetween(rng, 0, 30));
  const record: Required<Pick<ManualRecord, 'conditions' | 'results' | 'tests' | 'scores' | 'medications' | 'procedures' | 'allergies'>> & ManualRecord = {
    sex, birthDate, conditions: [], results: [], tests: [], scores: [], medications: [], procedures: [], allergies: [],
  };
  const onset = addDays(screenedOn, -Math.round(logUniform(rng, 14, 1500)));
  record.conditions.push({ concept: diagnosis, onset });

  const profile = counts(rng, diagnosis, severity);
  const limits = countLimits(sex);
  const anc = roundTo(draw(rng, profile.anc), 2);
  const lymphocytes = roundTo(logUniform(rng, 0.6, 2.2), 2);
  record.results.push(
    { analyte: 'hemoglobin', value: Math.round(draw(rng, profile.hemoglobin)), unit: 'g/L', date: labDay, lln: limits.hemoglobin[0], uln: limits.hemoglobin[1] },
    { analyte: 'wbc', value: roundTo(anc + lymphocytes + logUniform(rng, 0.05, 0.4), 2), unit: '10*9/L', date: labDay, lln: limits.wbc[0], uln: limits.wbc[1] },
    { analyte: 'anc', value: anc, unit: '10*9/L', date: labDay, lln: limits.anc[0], uln: limits.anc[1] },
    { analyte: 'lymphocytes', value: lymphocytes, unit: '10*9/L', date: labDay, lln: 1.1, uln: 3.2 },
    { analyte: 'platelets', value: Math.round(draw(rng, profile.platelets)), unit: '10*9/L', date: labDay, lln: limits.platelets[0], uln: limits.platelets[1] },
    { analyte: 'reticulocytes', value: roundTo(draw(rng, profile.reticulocytes), 1), unit: '10*9/L', date: labDay },
  );

  // Organ function against the site's limits (China, §6a); the exclusions come from the prevalences.
  const uln = upperLimits(sex, age);
  const liver = unit(rng);
  const altRatio: Range = liver < P.transaminasesHigh ? [2.6, 5] : liver < P.transaminasesHigh + P.transaminasesMild ? [1.05, 2.4] : [0.2, 0.95];
  const alt = times(rng, uln.alt, altRatio);
  const astShare = 0.6 + unit(rng) * 0.4;
  const bilirubinRatio: Range = diagnosis === 'paroxysmal-nocturnal-hemoglobinuria' ? [0.7, 1.9] : chance(rng, P.bilirubinHigh) ? [1.6, 2.5] : [0.25, 0.95];
  const alpBetweenLimits = chance(rng, P.alpHigh);
  const anticoagulated = chance(rng, diagnosis === 'paroxysmal-nocturnal-hemoglobinuria' ? P.anticoagulatedPnh : P.anticoagulated);
  const coagulopathy = !anticoagulated && chance(rng, P.coagulopathy);
  record.results.push(
    { analyte: 'alt', value: alt, unit: 'U/L', date: labDay, uln: uln.alt },
    { analyte: 'ast', value: Math.max(5, Math.round(alt * astShare * (uln.ast / uln.alt))), unit: 'U/L', date: labDay, uln: uln.ast },
    { analyte: 'bilirubin.total', value: times(rng, uln.bilirubin, bilirubinRatio, 1), unit: 'umol/L', date: labDay, uln: uln.bilirubin },
    { analyte: 'alp', value: times(rng, uln.alp, alpBetweenLimits ? [1.55, 2.6] : [0.35, 1.0]), unit: 'U/L', date: labDay, uln: uln.alp },
    { analyte: 'creatinine', value: times(rng, uln.creatinine, chance(rng, P.creatinineHigh) ? [1.6, 2.6] : [0.5, 1.0]), unit: 'umol/L', date: labDay, uln: uln.creatinine },
    { analyte: 'pt', value: times(rng, site.ptUln, anticoagulated ? [1.6, 2.4] : coagulopathy ? [1.55, 1.9] : [0.78, 1.02], 1), unit: 's', date: labDay, uln: site.ptUln },
    { analyte: 'aptt', value: times(rng, site.apttUln, coagulopathy ? [1.55, 2.0] : [0.75, 1.02], 1), unit: 's', date: labDay, uln: site.apttUln },
    { analyte: 'inr', value: anticoagulated ? roundTo(2 + unit(rng), 2) : roundTo(0.88 + unit(rng) * 0.25 + (coagulopathy ? 0.8 : 0), 2), unit: '{INR}', date: labDay, lln: 0.8, uln: uln.inr },
  );
  if (anticoagulated) {
    record.medications.push({ concept: 'anticoagulant', since: addDays(screenedOn, -intBetween(rng, 30, 700)) });
    if (diagnosis === 'paroxysmal-nocturnal-hemoglobinuria') record.conditions.push({ concept: 'thromboembolism', onset: addDays(screenedOn, -intBetween(rng, 40, 700)) });
  }

  const echo = unit(rng);
  if (echo >= P.lvefMissing) record.results.push({ analyte: 'lvef', value: Math.round(echo < P.lvefMissing + P.lvefLow ? boundedNormal(rng, 44, 3, 35, 49) : boundedNormal(rng, 63, 5, 52, 75)), unit: '%', date: echoDay });

  // Blood pressure, heart, other illnesses.
  const hypertensive = chance(rng, age >= 45 ? P.hypertension.from45 : P.hypertension.under45);
  const uncontrolled = hypertensive && chance(rng, P.hypertensionUncontrolled);
  if (hypertensive) record.conditions.push({ concept: 'hypertension', onset: addDays(screenedOn, -intBetween(rng, 200, 4000)) });
  record.results.push(
    { analyte: 'bp.systolic', value: Math.round(uncontrolled ? boundedNormal(rng, 168, 6, 160, 185) : boundedNormal(rng, hypertensive ? 138 : 118, 9, 95, 156)), unit: 'mm[Hg]', date: screenedOn },
    { analyte: 'bp.diastolic', value: Math.round(uncontrolled ? boundedNormal(rng, 100, 6, 88, 115) : boundedNormal(rng, hypertensive ? 86 : 75, 7, 55, 99)), unit: 'mm[Hg]', date: screenedOn },
  );
  if (chance(rng, age >= 45 ? P.diabetes.from45 : P.diabetes.under45)) record.conditions.push({ concept: 'diabetes', onset: addDays(screenedOn, -intBetween(rng, 200, 4000)) });
  if (age >= 50 && chance(rng, P.heartFailure.from50)) {
    record.conditions.push({ concept: 'heart-failure', onset: addDays(screenedOn, -intBetween(rng, 100, 2000)) });
    record.scores.push({ scale: 'NYHA', grade: chance(rng, P.nyhaSevere) ? 3 : intBetween(rng, 1, 2), date: screenedOn });
  }
  if (chance(rng, P.depression)) record.conditions.push({ concept: 'depression', onset: addDays(screenedOn, -intBetween(rng, 100, 3000)) });
  if (chance(rng, P.severeMentalIllness)) record.conditions.push({ concept: 'severe-mental-illness', onset: addDays(screenedOn, -intBetween(rng, 300, 5000)) });
  const cancer = unit(rng);
  if (cancer < P.malignancyRecent + P.malignancyRemote && age >= 25) {
    const recent = cancer < P.malignancyRecent;
    const began = addDays(screenedOn, -(recent ? intBetween(rng, 200, 1500) : intBetween(rng, 2300, 5000)));
    record.conditions.push({ concept: pick(rng, MALIGNANCIES[sex]), onset: began, resolved: addDays(began, intBetween(rng, 90, 200)) });
  }
  const severeForInfection = severe ? P.infection.severe : P.infection.other;
  const infected = chance(rng, severeForInfection);
  if (infected) record.conditions.push({ concept: 'infection', onset: addDays(screenedOn, -intBetween(rng, 1, 14)) });

  // Viral and syphilis serology (HBV is common in China: HBcAb alone marks a past infection).
  const serologyDay = addDays(screenedOn, -intBetween(rng, 0, 20));
  const hbsag = chance(rng, P.hbsag);
  const hbcab = hbsag || chance(rng, P.hbcabOnly);
  const tests = [
    ['hbsag', hbsag],
    ['hbcab', hbcab],
    ['hiv', chance(rng, P.hiv)],
    ['hcv.ab', chance(rng, P.hcv)],
    ['syphilis', chance(rng, P.syphilis)],
  ] as const;
  const missingTest = chance(rng, P.serologyMissing) ? pick(rng, ['hiv', 'hcv.ab', 'syphilis']) : undefined;
  for (const [analyte, positive] of tests) if (analyte !== missingTest) record.tests.push({ analyte, result: positive ? 'positive' : 'negative', date: serologyDay });
  if (hbcab && !(!hbsag && chance(rng, P.hbvDnaMissing))) {
    const high = hbsag && chance(rng, P.hbvDnaHigh);
    record.results.push({ analyte: 'hbv.dna', value: Math.round(high ? logUniform(rng, 2_000, 5e7) : logUniform(rng, 20, 900)), unit: '{copies}/mL', date: serologyDay });
  }

  record.scores.push({ scale: 'ECOG', grade: weighted(rng, ECOG_MIX[severity === 'VSAA' ? 'VSAA' : severity === 'SAA' ? 'SAA' : 'other']), date: screenedOn });

  if (chance(rng, P.allergySevere)) record.allergies.push({ substance: pick(rng, SEVERE_ALLERGENS), severe: true });
  else if (chance(rng, P.allergyMild)) record.allergies.push({ substance: pick(rng, MILD_ALLERGENS), severe: false });
  if (chance(rng, P.priorTransplant)) record.procedures.push({ concept: 'hsct', date: addDays(screenedOn, -intBetween(rng, 400, 3000)) });

  // Recorded for every woman: the exclusion needs a status whatever her age.
  if (sex === 'female') {
    record.pregnancy = { pregnant: age >= 18 && age <= 45 && chance(rng, P.pregnant), date: labDay };
    record.breastfeeding = { breastfeeding: age >= 18 && age <= 45 && chance(rng, P.breastfeeding), date: labDay };
  }

  const plansTransplant = chance(rng, age < 35 && severe ? P.plansTransplant.under35Severe : P.plansTransplant.other);
  const yesWhen = (condition: boolean): ConfirmationAnswer => (condition ? 'yes' : 'no');
  const willConsent = !chance(rng, P.declines);
  const answers: DemoPatient['answers'] = {
    'inc-3': 'yes', // on an anticoagulant: the investigator judges the coagulation appropriate for it
    'inc-6': yesWhen(!plansTransplant),
    'inc-8': yesWhen(willConsent),
    'exc-1': 'no', // a melanoma within 5 years was cured by surgery
    'exc-4': yesWhen(infected && chance(rng, P.infectionSignificant)),
    'exc-7': yesWhen(chance(rng, P.productAllergy)),
    'exc-8': yesWhen(sex === 'female' && age >= 20 && age <= 40 && chance(rng, P.childbirthPlan)),
    'exc-9': yesWhen(plansTransplant),
    'exc-10': yesWhen(chance(rng, P.investigatorOther)),
  };

  return {
    siteCode: site.siteCode, screenedOn, sex, age: ageInYears(birthDate, screenedOn), diagnosis, diagnosisGroup: DIAGNOSIS_GROUP[diagnosis], severity,
    identity, record, answers, willConsent, guardian, alpBetweenLimits,
    timing: { reviewAfter: intBetween(rng, 0, 2), consentAfter: intBetween(rng, 1, 10), enrollAfter: intBetween(rng, 0, 3), withdrawAfter: chance(rng, P.withdraws) ? intBetween(rng, 30, 240) : null },
  };
}
