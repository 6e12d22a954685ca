// How a demo subject's blood counts move over the year after the first dose: a complete responder's
// counts climb to normal, a partial responder's to safe levels without transfusions, a non-responder's
// stay where they were — on a smooth recovery curve with day-to-day scatter. Pure: the course and
// its curve are drawn from the generator given; the same generator gives the same year.
import { boundedNormal, logUniform, normal, roundTo, type RandomGenerator } from './random.ts';

export type ResponseCourse = 'complete' | 'partial' | 'none';

export type CountKey = 'hemoglobin' | 'anc' | 'platelets' | 'reticulocytes';

export interface Counts {
  hemoglobin: number;
  anc: number;
  platelets: number;
  reticulocytes: number;
}

/**
 * Where a responder's counts settle (g/L, 10⁹/L). Complete: normal counts (BSH 2016 CR: normal Hb
 * for age and sex, ANC > 1.5, platelets > 150 — clinical-domain.md §3a); partial: transfusion
 * independent with counts above the severe thresholds, not yet normal. A count already above its
 * target at baseline stays where it is (a PRCA patient's neutrophils do not fall).
 */
const TARGETS: Readonly<Record<Exclude<ResponseCourse, 'none'>, Readonly<Record<CountKey, readonly [number, number]>>>> = {
  complete: { hemoglobin: [124, 145], anc: [1.8, 3.6], platelets: [160, 260], reticulocytes: [45, 95] },
  partial: { hemoglobin: [88, 112], anc: [0.6, 1.3], platelets: [28, 70], reticulocytes: [30, 70] },
};

/** Day-to-day scatter of a measured count around its course (relative SD). */
const SCATTER: Readonly<Record<CountKey, number>> = { hemoglobin: 0.05, anc: 0.14, platelets: 0.12, reticulocytes: 0.15 };

export interface CountTrajectory {
  course: ResponseCourse;
  baseline: Counts;
  target: Counts;
  /** Day after the first dose at which the recovery is half way (responders only). */
  halfwayDay: number;
  /** How many days the climb takes from a quarter to three quarters (about). */
  spreadDays: number;
}

export function drawTrajectory(rng: RandomGenerator, course: ResponseCourse, baseline: Counts): CountTrajectory {
  if (course === 'none') return { course, baseline, target: baseline, halfwayDay: Infinity, spreadDays: 1 };
  const band = TARGETS[course];
  const draw = (key: CountKey) => Math.max(baseline[key], logUniform(rng, band[key][0], band[key][1]));
  const target = { hemoglobin: draw('hemoglobin'), anc: draw('anc'), platelets: draw('platelets'), reticulocytes: draw('reticulocytes') };
  // Responses to cell therapy and to cyclosporine show from about the second month, most by month 6.
  const halfwayDay = Math.round(boundedNormal(rng, course === 'complete' ? 100 : 120, 30, 50, 200));
  return { course, baseline, target, halfwayDay, spreadDays: Math.round(boundedNormal(rng, 30, 8, 15, 50)) };
}

/** How far along its recovery the subject is on a day (0 at baseline, 1 at the target). */
export function recoveredFraction(trajectory: CountTrajectory, day: number): number {
  if (!Number.isFinite(trajectory.halfwayDay) || day <= 0) return 0;
  return 1 / (1 + Math.exp(-(day - trajectory.halfwayDay) / (trajectory.spreadDays / 2.2)));
}

/** The counts the course gives on a day, without scatter. */
export function expectedCounts(trajectory: CountTrajectory, day: number): Counts {
  const f = recoveredFraction(trajectory, day);
  const at = (key: CountKey) => trajectory.baseline[key] + (trajectory.target[key] - trajectory.baseline[key]) * f;
  return { hemoglobin: at('hemoglobin'), anc: at('anc'), platelets: at('platelets'), reticulocytes: at('reticulocytes') };
}

/** The counts a laboratory measures on a day: the course with scatter, rounded as reported. */
export function measuredCounts(rng: RandomGenerator, trajectory: CountTrajectory, day: number, transfusedRbcUnits = 0): Counts {
  const expected = expectedCounts(trajectory, day);
  const scatter = (key: CountKey) => expected[key] * Math.exp(normal(rng, 0, SCATTER[key]));
  // A red-cell unit given in the week before raises the Hb by about 10 g/L (edit-checks.ts's convention).
  const hemoglobin = Math.min(165, scatter('hemoglobin') + 10 * transfusedRbcUnits);
  return {
    hemoglobin: Math.round(Math.max(35, hemoglobin)),
    anc: roundTo(Math.max(0.01, scatter('anc')), 2),
    platelets: Math.max(1, Math.round(scatter('platelets'))),
    reticulocytes: roundTo(Math.max(0.5, scatter('reticulocytes')), 1),
  };
}

/** Red cells are given below this Hb (g/L), platelets below this count (10⁹/L): common Chinese practice for aplastic anaemia. */
export const TRANSFUSION_TRIGGERS = { hemoglobin: 65, platelets: 10 } as const;
