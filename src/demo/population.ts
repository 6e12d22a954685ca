// The demo population of NCT05794425 as data: who is referred for screening, their blood counts by
// diagnosis and severity, and how often each comorbidity or exclusion turns up. These are demo
// assumptions chosen to look like a Chinese bone-marrow-failure clinic, not epidemiology: the
// thresholds they are drawn around are the sourced ones (severity: clinical-domain.md §2, modified
// Camitta; reference limits: §6a, WS/T 405-2012 and WS/T 404). Counts are in canonical units
// (10*9/L, Hb g/L).
import type { Sex } from './names.ts';

export type Diagnosis =
  | 'aplastic-anemia'
  | 'pure-red-cell-aplasia'
  | 'paroxysmal-nocturnal-hemoglobinuria'
  | 'myelodysplastic-syndrome'
  | 'immune-related-pancytopenia'
  | 'cytopenia-of-unknown-significance'
  | 'acute-arrest-of-hemopoiesis'
  /** Referred with anaemia that proves not to be marrow failure: fails inclusion 1. */
  | 'iron-deficiency-anemia';

export type AaSeverity = 'VSAA' | 'SAA' | 'NSAA';

/** The diagnosis group a screening carries as a stratum factor, and the severity for aplastic anaemia. */
export const DIAGNOSIS_GROUP: Readonly<Record<Diagnosis, 'AA' | 'PRCA' | 'PNH' | 'MDS' | 'OTHER'>> = {
  'aplastic-anemia': 'AA',
  'pure-red-cell-aplasia': 'PRCA',
  'paroxysmal-nocturnal-hemoglobinuria': 'PNH',
  'myelodysplastic-syndrome': 'MDS',
  'immune-related-pancytopenia': 'OTHER',
  'cytopenia-of-unknown-significance': 'OTHER',
  'acute-arrest-of-hemopoiesis': 'OTHER',
  'iron-deficiency-anemia': 'OTHER',
};

/** Referrals by diagnosis (relative weights): mostly aplastic anaemia, as the study's conditions list. */
export const DIAGNOSIS_MIX: ReadonlyArray<readonly [Diagnosis, number]> = [
  ['aplastic-anemia', 68],
  ['pure-red-cell-aplasia', 8],
  ['paroxysmal-nocturnal-hemoglobinuria', 7],
  ['myelodysplastic-syndrome', 7],
  ['immune-related-pancytopenia', 4],
  ['cytopenia-of-unknown-significance', 2],
  ['acute-arrest-of-hemopoiesis', 1],
  ['iron-deficiency-anemia', 2],
];

/** Aplastic anaemia by severity among referrals to a cell-therapy study (severe disease is over-represented). */
export const SEVERITY_MIX: ReadonlyArray<readonly [AaSeverity, number]> = [
  ['NSAA', 35],
  ['SAA', 42],
  ['VSAA', 23],
];

/** [min, max] of a count; drawn log-uniformly (counts spread over orders of magnitude). */
export type Range = readonly [number, number];

export interface CountProfile {
  hemoglobin: Range;
  anc: Range;
  platelets: Range;
  reticulocytes: Range;
}

/**
 * Counts by severity, inside the modified-Camitta bands (§2): VSAA — ANC < 0.2 with platelets < 20
 * and reticulocytes < 60 (automated); SAA — ANC 0.2–0.5 with the same; NSAA — ANC ≥ 0.5 and
 * platelets ≥ 20, still meeting two of Hb < 100, PLT < 50, ANC < 1.5 (§1b).
 */
export const AA_COUNTS: Readonly<Record<AaSeverity, CountProfile>> = {
  VSAA: { hemoglobin: [45, 80], anc: [0.02, 0.19], platelets: [2, 19], reticulocytes: [3, 40] },
  SAA: { hemoglobin: [50, 90], anc: [0.2, 0.49], platelets: [4, 19], reticulocytes: [8, 55] },
  NSAA: { hemoglobin: [65, 99], anc: [0.5, 1.4], platelets: [20, 48], reticulocytes: [25, 80] },
};

/** Counts of the other diagnoses: PRCA spares the other lineages; PNH haemolyses (high reticulocytes). */
export const OTHER_COUNTS: Readonly<Record<Exclude<Diagnosis, 'aplastic-anemia'>, CountProfile>> = {
  'pure-red-cell-aplasia': { hemoglobin: [42, 85], anc: [1.8, 5.0], platelets: [130, 320], reticulocytes: [1, 10] },
  'paroxysmal-nocturnal-hemoglobinuria': { hemoglobin: [55, 100], anc: [0.7, 2.6], platelets: [35, 160], reticulocytes: [80, 220] },
  'myelodysplastic-syndrome': { hemoglobin: [60, 95], anc: [0.5, 2.0], platelets: [18, 120], reticulocytes: [15, 60] },
  'immune-related-pancytopenia': { hemoglobin: [60, 100], anc: [0.6, 1.6], platelets: [15, 70], reticulocytes: [30, 110] },
  'cytopenia-of-unknown-significance': { hemoglobin: [85, 115], anc: [1.0, 1.8], platelets: [60, 120], reticulocytes: [30, 80] },
  'acute-arrest-of-hemopoiesis': { hemoglobin: [50, 85], anc: [0.3, 1.2], platelets: [10, 60], reticulocytes: [1, 15] },
  'iron-deficiency-anemia': { hemoglobin: [60, 100], anc: [2.0, 6.0], platelets: [150, 450], reticulocytes: [20, 60] },
};

/** Age bands at screening (relative weights): aplastic anaemia peaks in young adults and again after 60; MDS is older. */
export const AGE_BANDS: Readonly<Record<'default' | 'older', ReadonlyArray<readonly [readonly [number, number], number]>>> = {
  default: [[[12, 17], 8], [[18, 29], 27], [[30, 44], 25], [[45, 59], 24], [[60, 75], 16]],
  older: [[[35, 49], 15], [[50, 64], 45], [[65, 78], 40]],
};

/** Share of male patients (aplastic anaemia in China is close to 1:1). */
export const MALE_SHARE = 0.52;

/** How often each finding turns up at screening (probability per patient, or per patient it applies to). */
export const PREVALENCE = {
  /** ALT/AST above 2.5×ULN (hepatitis, drug injury after earlier treatment): fails inclusion 2. */
  transaminasesHigh: 0.04,
  /** ALT mildly raised (1–2.5×ULN): passes. */
  transaminasesMild: 0.08,
  /** Total bilirubin above 1.5×ULN in a patient who does not haemolyse. */
  bilirubinHigh: 0.02,
  /** ALP between 1.5 and 3×ULN: the protocol's inclusion 2 allows it, exclusion 5 does not. */
  alpHigh: 0.02,
  creatinineHigh: 0.025,
  /** On an anticoagulant (PNH thrombosis, atrial fibrillation): INR raised, investigator's judgement. */
  anticoagulated: 0.01,
  anticoagulatedPnh: 0.15,
  /** PT/APTT above 1.5×ULN without an anticoagulant. */
  coagulopathy: 0.01,
  lvefLow: 0.02,
  /** No echocardiogram yet at screening: the screening stays incomplete. */
  lvefMissing: 0.04,
  hypertension: { under45: 0.04, from45: 0.2 },
  hypertensionUncontrolled: 0.12, // of those with hypertension
  diabetes: { under45: 0.02, from45: 0.09 },
  heartFailure: { from50: 0.03 },
  nyhaSevere: 0.5, // of those with heart failure
  depression: 0.03,
  severeMentalIllness: 0.005,
  malignancyRecent: 0.015,
  malignancyRemote: 0.01,
  hbsag: 0.06,
  /** HBcAb positive without HBsAg (past infection, common in China). */
  hbcabOnly: 0.25,
  hbvDnaHigh: 0.45, // of HBsAg-positive patients
  hbvDnaMissing: 0.06, // of HBcAb-only patients: the screening stays incomplete
  hcv: 0.012,
  syphilis: 0.015,
  hiv: 0.003,
  serologyMissing: 0.02,
  /** Active infection at screening, by severity (neutropenia invites it). */
  infection: { severe: 0.14, other: 0.05 },
  infectionSignificant: 0.55, // of infections: recruitment deferred
  allergySevere: 0.02,
  allergyMild: 0.1,
  productAllergy: 0.01,
  priorTransplant: 0.015,
  /** Young patients with severe disease and a matched donor who choose transplantation. */
  plansTransplant: { under35Severe: 0.3, other: 0.02 },
  pregnant: 0.015, // women 15–49
  breastfeeding: 0.015, // women 18–45
  childbirthPlan: 0.04, // women 20–40
  investigatorOther: 0.02,
  /** Eligible patients who decline the study. */
  declines: 0.14,
  /** Enrolled subjects who later withdraw consent. */
  withdraws: 0.03,
} as const;

/** ECOG grade weights by severity: sicker patients are less fit. */
export const ECOG_MIX: Readonly<Record<'VSAA' | 'SAA' | 'other', ReadonlyArray<readonly [number, number]>>> = {
  VSAA: [[0, 10], [1, 45], [2, 33], [3, 10], [4, 2]],
  SAA: [[0, 22], [1, 52], [2, 21], [3, 5]],
  other: [[0, 40], [1, 46], [2, 12], [3, 2]],
};

/** Upper limits of normal by sex and age (China, §6a). PT and APTT limits are the site's reagent's. */
export function upperLimits(sex: Sex, age: number): { alt: number; ast: number; alp: number; bilirubin: number; creatinine: number; inr: number } {
  const male = sex === 'male';
  return {
    alt: male ? 50 : 40,
    ast: male ? 40 : 35,
    alp: male ? 125 : age >= 50 ? 135 : 100,
    bilirubin: male ? 26 : 21,
    creatinine: male ? (age >= 60 ? 111 : 97) : age >= 60 ? 81 : 73,
    inr: 1.2,
  };
}

/** Lower and upper reference limits of the blood counts (WS/T 405-2012). */
export function countLimits(sex: Sex): { hemoglobin: Range; anc: Range; platelets: Range; wbc: Range } {
  return { hemoglobin: sex === 'male' ? [130, 175] : [115, 150], anc: [1.8, 6.3], platelets: [125, 350], wbc: [3.5, 9.5] };
}

/** Malignancies seen in the history of adults with marrow failure (the exclusion's 5-year window decides). */
export const MALIGNANCIES: Readonly<Record<Sex, readonly string[]>> = {
  female: ['breast-cancer', 'thyroid-cancer', 'cervical-cancer', 'colorectal-cancer'],
  male: ['thyroid-cancer', 'colorectal-cancer', 'gastric-cancer', 'lung-cancer'],
};

export const MILD_ALLERGENS: readonly string[] = ['青霉素 (penicillin)', '头孢类 (cephalosporins)', '磺胺类 (sulfonamides)', '海鲜 (seafood)', '花粉 (pollen)'];
export const SEVERE_ALLERGENS: readonly string[] = ['青霉素 — 过敏性休克 (penicillin, anaphylaxis)', '碘造影剂 — 过敏性休克 (iodinated contrast, anaphylaxis)', '血浆 — 严重输血反应 (plasma, severe transfusion reaction)'];
