// The year after enrollment of a demo subject of NCT05794425, as the steps the site's and the
// sponsor's people take: the visits of the protocol's schedule (a few late, a few missed), the study
// treatment of the subject's arm (UCB + UC-MSC infusions, or cyclosporine A with trough levels — now
// and then a dose outside the protocol's 3–5 mg/kg/day), blood counts on the subject's course (a
// complete, partial or no response), chemistry, the transfusions the counts call for, the marrow at
// baseline, adverse events (infusion reactions, infections while neutropenic — some serious, with
// their expedited reports — cyclosporine's hypertension and creatinine rise graded from the
// laboratory value), disease assessments at baseline and months 3, 6 and 12, and the monitors'
// source-data queries with the sites' answers. Pure: the same generator and subject give the same
// steps; the services decide everything derived (grades, severity, response, queries of edit checks).
import type { InfusionReactionInput } from '../conduct/treatment/model.ts';
import type { LabContext, LabResultInput, Measured } from '../conduct/labs/model.ts';
import type { Product } from '../core/study/treatment.ts';
import { daysBetween } from '../core/clinical/calendar.ts';
import { addDays, beijingTime } from './dates.ts';
import type { DemoPatient } from './patients.ts';
import { boundedNormal, chance, intBetween, logUniform, pick, roundTo, seededGenerator, unit, weighted, type RandomGenerator } from './random.ts';
import { drawTrajectory, expectedCounts, measuredCounts, TRANSFUSION_TRIGGERS, type Counts, type ResponseCourse } from './trajectories.ts';
import { followUpEvents, type AdverseEventPlan } from './follow-up-events.ts';

export type FollowUpActor = 'coordinator' | 'investigator' | 'monitor' | 'data_manager';

export interface ScheduleVisit {
  code: string;
  day: number;
  windowBefore: number;
  windowAfter: number;
}

export interface FollowUpSubject {
  subjectNumber: string;
  /** The arm code the randomization gave (UCB_MSC or CSA). */
  arm: string;
  enrolledOn: string;
  patient: DemoPatient;
  /** The day consent was withdrawn: nothing is collected after it. */
  withdrawnOn: string | null;
  /** The last day anything may happen on (yesterday). */
  until: string;
  /** The protocol's visit schedule. */
  visits: readonly ScheduleVisit[];
}

interface Timed {
  at: Date;
  by: FollowUpActor;
}

export type FollowUpStep = Timed & (
  | { kind: 'visit'; visitCode: string; visitDate: string }
  | { kind: 'visit-not-done'; visitCode: string; reason: string }
  | { kind: 'labs'; key: string; visitCode: string; collectedOn: string; panel: 'cbc' | 'chemistry'; results: LabResultInput[]; context?: LabContext }
  | { kind: 'marrow'; visitCode: string; examinedOn: string; cellularityPercent: number; residualHematopoieticPercent: number; findings: string }
  | { kind: 'dose'; visitCode: string; givenAt: string; product: Product; dose: { value: number; unit: string }; weightKg: number; lot: string; route: 'IV' | 'oral'; details?: Record<string, number>; infusionReaction?: InfusionReactionInput }
  | { kind: 'transfusion'; givenOn: string; product: 'RBC' | 'platelets'; units: number; preHb?: Measured; prePlatelets?: Measured }
  | { kind: 'assessment'; timePoint: string; assessedOn: string }
  | { kind: 'adverse-event'; key: string; event: AdverseEventPlan['event']; lab?: { key: string; analyte: string } }
  | { kind: 'adverse-event-resolved'; key: string; resolvedOn: string; outcome: string }
  | { kind: 'adverse-event-report'; key: string; recipient: 'sponsor' | 'authority'; reportedAt: string; expected?: boolean }
  | { kind: 'query'; key: string; lab: { key: string; analyte: string }; text: string }
  | { kind: 'query-answer' | 'query-close' | 'query-reopen'; key: string; text: string }
  /** The site answers the open queries edit checks raised on its records; the monitor closes the answered ones. */
  | { kind: 'edit-check-answers' | 'edit-check-closes'; text: string }
);

export interface FollowUpPlan {
  course: ResponseCourse;
  dayZero: string;
  steps: FollowUpStep[];
}

/** How likely each course is by arm (Eligo's demo assumption, in the range clinical-domain.md §8a reports: ORR ≈ 30–70 %). */
const COURSES: Readonly<Record<string, ReadonlyArray<readonly [ResponseCourse, number]>>> = {
  UCB_MSC: [['complete', 0.18], ['partial', 0.37], ['none', 0.45]],
  CSA: [['complete', 0.12], ['partial', 0.33], ['none', 0.55]],
};

const CBC_VISITS = new Set(['BASELINE', 'WEEK_1', 'WEEK_2', 'MONTH_1', 'MONTH_3', 'MONTH_6', 'MONTH_12']);
const CHEMISTRY_VISITS = new Set(['BASELINE', 'MONTH_1', 'MONTH_3', 'MONTH_6', 'MONTH_12']);
const ASSESSED: Readonly<Record<string, string>> = { BASELINE: 'baseline', MONTH_3: 'month-3', MONTH_6: 'month-6', MONTH_12: 'month-12' };
/** Visits a subject may miss (never the treatment visits or baseline). */
const MISSABLE = new Set(['WEEK_2', 'MONTH_1', 'MONTH_6']);

const MISSED_REASONS = [
  '患者路途遥远未能按时返院 (the patient lives far away and could not come)',
  '患者因感染在外院住院 (the patient was in another hospital with an infection)',
  '患者本人拒绝本次随访 (the patient declined this visit)',
] as const;

const QUERY_TEXTS: Readonly<Record<string, string>> = {
  platelets: '请核对原始检验报告中的血小板计数 / Please check the platelet count against the source laboratory report',
  hemoglobin: '请核对原始检验报告中的血红蛋白值及单位 / Please check the haemoglobin value and its unit against the source report',
  anc: '请核对中性粒细胞绝对值（是否为手工分类） / Please confirm the ANC against the source (manual or automated differential?)',
};

const ANSWERS = [
  '已核对医院LIS原始报告，数值无误 / Checked against the hospital LIS report: the value is correct',
  '已核对，原录入有误，已更正 / Checked: the entry was wrong and has been corrected',
  '已核对原始病历，数据一致 / Checked against the medical record: consistent',
] as const;

/** Beijing wall-clock minutes for each kind of act on its day. */
const MINUTE = { visit: 9 * 60, dose: 10 * 60, marrow: 11 * 60, labs: 15 * 60, transfusion: 13 * 60, assessment: 17 * 60, ae: 18 * 60, query: 10 * 60 + 30, answer: 14 * 60 + 30, close: 16 * 60 + 30 };

/**
 * A subject's own generator, from the run's seed and the subject number (FNV-1a): a subject's year does
 * not depend on the others', and the screening's draws stay as they were. (Hashed, because
 * xoroshiro128+ seeded with neighbouring integers gives near-identical first draws.)
 */
export function followUpGenerator(seed: number, subjectNumber: string): RandomGenerator {
  let hash = 0x811c9dc5 ^ seed;
  for (const char of subjectNumber) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193);
  return seededGenerator(hash >>> 0);
}

export function planFollowUp(rng: RandomGenerator, subject: FollowUpSubject): FollowUpPlan {
  const { patient } = subject;
  const steps: FollowUpStep[] = [];
  const course = weighted(rng, COURSES[subject.arm] ?? COURSES.CSA);
  // The first dose a day or three after enrollment (thawing the cells, starting the tablets).
  const dayZero = addDays(subject.enrolledOn, intBetween(rng, 1, 3));
  const lastDay = [subject.until, subject.withdrawnOn ? addDays(subject.withdrawnOn, -1) : null, addDays(dayZero, 400)].filter((d): d is string => d !== null).sort()[0];
  const at = (date: string, minute: number) => beijingTime(date, minute + intBetween(rng, 0, 40));
  const push = (step: FollowUpStep) => { if (beijingDate(step.at) <= lastDay) steps.push(step); };

  const baseline = baselineCounts(patient);
  const trajectory = drawTrajectory(rng, course, baseline);
  const weightKg = roundTo(patient.age < 18 ? boundedNormal(rng, 20 + patient.age * 2.2, 5, 18, 70) : boundedNormal(rng, patient.sex === 'male' ? 66 : 55, 8, 40, 95), 1);

  // Visit dates: mostly near the target, a few outside the window, a few missed.
  const visitDates = new Map<string, string>();
  for (const visit of subject.visits) {
    if (visit.code === 'SCREENING') continue;
    let date: string;
    if (visit.code === 'BASELINE') date = subject.enrolledOn;
    else if (visit.code === 'DAY_0') date = dayZero;
    else {
      const target = addDays(dayZero, visit.day);
      const roll = unit(rng);
      if (MISSABLE.has(visit.code) && roll < 0.04) {
        if (target <= lastDay) push({ kind: 'visit-not-done', visitCode: visit.code, reason: pick(rng, MISSED_REASONS), at: at(addDays(target, visit.windowAfter + 1), MINUTE.visit), by: 'coordinator' });
        continue;
      }
      const late = roll < 0.1 ? visit.windowAfter + intBetween(rng, 1, 5) : intBetween(rng, -Math.min(visit.windowBefore, 3), Math.min(visit.windowAfter, 3));
      date = addDays(target, late);
    }
    if (date > lastDay) continue;
    visitDates.set(visit.code, date);
    push({ kind: 'visit', visitCode: visit.code, visitDate: date, at: at(date, date === subject.enrolledOn ? 16 * 60 + 30 : MINUTE.visit), by: 'coordinator' });
  }

  const transfusions = planTransfusions(rng, trajectory, patient.screenedOn, dayZero, lastDay, subject.enrolledOn);
  for (const transfusion of transfusions) {
    // Transfusions before enrollment are entered with the baseline data.
    const entered = transfusion.givenOn < subject.enrolledOn ? at(subject.enrolledOn, 16 * 60 + 45) : at(transfusion.givenOn, MINUTE.transfusion);
    push({ kind: 'transfusion', ...transfusion, at: entered, by: 'coordinator' });
  }

  const labKeys: string[] = [];
  // On cyclosporine, a few adults' creatinine rises above 1.5 × ULN at month 3 or 6 (an adverse event graded from the result).
  const chemistryDates = [...visitDates].filter(([code]) => CHEMISTRY_VISITS.has(code) && code !== 'BASELINE' && code !== 'MONTH_1');
  const beforeMonth12 = chemistryDates.filter(([code]) => code !== 'MONTH_12');
  const riseAt = subject.arm === 'CSA' && adultLimitsApply(patient.age) && chemistryDates.length > 0 && chance(rng, 0.12) ? pick(rng, beforeMonth12.length > 0 ? beforeMonth12 : chemistryDates) : null;
  const nextChemistry = riseAt ? [...visitDates].find(([code, date]) => CHEMISTRY_VISITS.has(code) && date > riseAt[1])?.[1] ?? null : null;
  for (const [code, date] of visitDates) {
    const day = daysBetween(dayZero, date);
    const labMinute = date === subject.enrolledOn ? 17 * 60 : MINUTE.labs;
    if (CBC_VISITS.has(code)) {
      const recent = transfusions.filter((t) => t.givenOn <= date && daysBetween(t.givenOn, date) <= 7);
      const rbcUnits = recent.filter((t) => t.product === 'RBC').reduce((sum, t) => sum + t.units, 0);
      const counts = measuredCounts(rng, trajectory, day, rbcUnits);
      const context: LabContext = recent.length > 0 ? { transfusedWithinDays: Math.min(...recent.map((t) => daysBetween(t.givenOn, date))) } : {};
      const key = `${code}:cbc`;
      labKeys.push(key);
      push({ kind: 'labs', key, visitCode: code, collectedOn: date, panel: 'cbc', results: cbcResults(rng, counts), context, at: at(date, labMinute), by: 'coordinator' });
    }
    if (CHEMISTRY_VISITS.has(code)) {
      const results = chemistryResults(rng, patient, subject.arm, day, riseAt?.[0] === code ? roundTo(1.7 + unit(rng) * 0.6, 2) : null);
      push({ kind: 'labs', key: `${code}:chemistry`, visitCode: code, collectedOn: date, panel: 'chemistry', results, at: at(date, labMinute + 10), by: 'coordinator' });
    }
    if (code === 'BASELINE') {
      const aa = patient.diagnosis === 'aplastic-anemia';
      const examinedOn = addDays(date, -intBetween(rng, 0, Math.max(0, Math.min(6, daysBetween(patient.screenedOn, date)))));
      push({
        kind: 'marrow', visitCode: code, examinedOn, at: at(date, 17 * 60 + 20), by: 'investigator',
        cellularityPercent: Math.round(aa ? logUniform(rng, 5, 24) : logUniform(rng, 20, 55)), residualHematopoieticPercent: Math.round(aa ? logUniform(rng, 10, 45) : logUniform(rng, 40, 80)),
        findings: aa ? '骨髓增生减低，造血细胞减少，非造血细胞比例增高 (hypocellular marrow, fewer haematopoietic cells, more non-haematopoietic cells)' : '骨髓增生活跃程度不一 (variable cellularity)',
      });
    }
    const timePoint = ASSESSED[code];
    // The baseline's labs are entered in the evening of the enrollment day: its assessment comes after them.
    if (timePoint) push({ kind: 'assessment', timePoint, assessedOn: date, at: at(date, code === 'BASELINE' ? 19 * 60 : MINUTE.assessment), by: 'investigator' });
    // A few days after each visit the site answers the edit checks' queries; about a week later the monitor closes them.
    if (code !== 'BASELINE') {
      push({ kind: 'edit-check-answers', text: pick(rng, ANSWERS), at: at(addDays(date, intBetween(rng, 2, 6)), MINUTE.answer), by: 'coordinator' });
      push({ kind: 'edit-check-closes', text: '已核实，关闭 / Verified, closed', at: at(addDays(date, intBetween(rng, 8, 14)), MINUTE.close), by: 'monitor' });
    }
  }

  const doses = planDoses(rng, subject.arm, visitDates, weightKg, dayZero);
  const events = followUpEvents(rng, {
    arm: subject.arm, course, trajectory, dayZero, lastDay, doses,
    creatinineRise: riseAt ? { visitCode: riseAt[0], collectedOn: riseAt[1], nextOn: nextChemistry } : null,
  });
  for (const dose of doses) {
    const reaction = events.infusionReactions.get(dose.givenAt);
    push({ kind: 'dose', ...dose, ...(reaction ? { infusionReaction: reaction } : {}), at: new Date(Date.parse(dose.givenAt) + 60 * 60_000), by: 'coordinator' });
  }
  for (const plan of events.adverseEvents) {
    push({ kind: 'adverse-event', key: plan.key, event: plan.event, ...(plan.lab ? { lab: plan.lab } : {}), at: plan.recordedAt, by: 'investigator' });
    if (plan.resolution) push({ kind: 'adverse-event-resolved', key: plan.key, ...plan.resolution.change, at: plan.resolution.at, by: 'investigator' });
    for (const report of plan.reports) push({ kind: 'adverse-event-report', key: plan.key, recipient: report.recipient, reportedAt: report.at.toISOString(), ...(report.expected !== undefined ? { expected: report.expected } : {}), at: report.at, by: report.recipient === 'sponsor' && report.expected === undefined ? 'investigator' : 'data_manager' });
  }

  // Source-data verification: a monitor queries a count now and then; the site answers, the monitor closes (or re-opens).
  const cbcKeys = labKeys.filter((key) => /^(MONTH_1|MONTH_3|MONTH_6):/.test(key));
  if (cbcKeys.length > 0 && chance(rng, 0.3)) {
    const labKey = pick(rng, cbcKeys);
    const analyte = pick(rng, ['platelets', 'hemoglobin', 'anc'] as const);
    const raisedOn = addDays(visitDates.get(labKey.split(':')[0])!, intBetween(rng, 10, 45));
    const key = `query:${labKey}`;
    push({ kind: 'query', key, lab: { key: labKey, analyte }, text: QUERY_TEXTS[analyte], at: at(raisedOn, MINUTE.query), by: 'monitor' });
    if (chance(rng, 0.9)) {
      const answeredOn = addDays(raisedOn, intBetween(rng, 1, 10));
      push({ kind: 'query-answer', key, text: pick(rng, ANSWERS), at: at(answeredOn, MINUTE.answer), by: 'coordinator' });
      if (chance(rng, 0.85)) {
        let closedOn = addDays(answeredOn, intBetween(rng, 1, 7));
        if (chance(rng, 0.1)) {
          push({ kind: 'query-reopen', key, text: '请附原始报告编号 / Please give the source report number', at: at(closedOn, MINUTE.close - 60), by: 'monitor' });
          const again = addDays(closedOn, intBetween(rng, 1, 5));
          push({ kind: 'query-answer', key, text: '原始报告编号已补充于备注 / Source report number added in the note', at: at(again, MINUTE.answer), by: 'coordinator' });
          closedOn = addDays(again, intBetween(rng, 1, 4));
        }
        push({ kind: 'query-close', key, text: '已核实，关闭 / Verified, closed', at: at(closedOn, MINUTE.close), by: 'monitor' });
      }
    }
  }
  steps.sort((a, b) => a.at.getTime() - b.at.getTime());
  return { course, dayZero, steps };
}

/** China's creatinine limits (WS/T 404.5) are for adults of 20–79: a child's rise could not be graded, so the demo gives it to adults only. */
function adultLimitsApply(age: number): boolean {
  return age >= 21 && age <= 78;
}

/** The Beijing date of an instant (the day a step happens on). */
function beijingDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

function baselineCounts(patient: DemoPatient): Counts {
  const value = (analyte: string) => patient.record.results?.find((r) => r.analyte === analyte)?.value;
  return { hemoglobin: value('hemoglobin') ?? 80, anc: value('anc') ?? 0.8, platelets: value('platelets') ?? 30, reticulocytes: value('reticulocytes') ?? 30 };
}

function cbcResults(rng: RandomGenerator, counts: Counts): LabResultInput[] {
  const lymphocytes = roundTo(logUniform(rng, 0.7, 2.0), 2);
  const monocytes = roundTo(logUniform(rng, 0.05, 0.4), 2);
  return [
    { analyte: 'hemoglobin', value: counts.hemoglobin, unit: 'g/L' },
    { analyte: 'wbc', value: roundTo(counts.anc + lymphocytes + monocytes, 2), unit: '10*9/L' },
    { analyte: 'anc', value: counts.anc, unit: '10*9/L', method: 'automated' },
    { analyte: 'lymphocytes', value: lymphocytes, unit: '10*9/L' },
    { analyte: 'platelets', value: counts.platelets, unit: '10*9/L' },
    { analyte: 'reticulocytes', value: counts.reticulocytes, unit: '10*9/L', method: 'automated' },
  ];
}

/** Liver and kidney tests near the screening values; on cyclosporine the creatinine creeps up (a few subjects above 1.5 × ULN by month 3, graded as an adverse event). */
function chemistryResults(rng: RandomGenerator, patient: DemoPatient, arm: string, day: number, creatinineTimesUln: number | null): LabResultInput[] {
  const screening = (analyte: string) => patient.record.results?.find((r) => r.analyte === analyte);
  const near = (analyte: string, fallback: number, decimals: number) => roundTo((screening(analyte)?.value ?? fallback) * Math.exp(boundedNormal(rng, 0, 0.12, -0.3, 0.3)), decimals);
  const creatinineRise = arm === 'CSA' && day > 0 ? 1 + Math.min(0.35, day / 400) : 1;
  return [
    { analyte: 'alt', value: Math.max(5, Math.round(near('alt', 22, 0))), unit: 'U/L' },
    { analyte: 'ast', value: Math.max(5, Math.round(near('ast', 24, 0))), unit: 'U/L' },
    { analyte: 'bilirubin.total', value: near('bilirubin.total', 10, 1), unit: 'umol/L' },
    { analyte: 'creatinine', value: creatinineTimesUln !== null ? Math.round(creatinineTimesUln * (screening('creatinine')?.uln ?? 97)) : Math.round(near('creatinine', 65, 0) * creatinineRise), unit: 'umol/L' },
  ];
}

/** Red cells while the course's Hb is below the trigger, platelets while its count is; from the screening on (the baseline's transfusion dependence counts). */
function planTransfusions(rng: RandomGenerator, trajectory: ReturnType<typeof drawTrajectory>, screenedOn: string, dayZero: string, lastDay: string, enrolledOn: string): Array<{ givenOn: string; product: 'RBC' | 'platelets'; units: number; preHb?: Measured; prePlatelets?: Measured }> {
  const out: Array<{ givenOn: string; product: 'RBC' | 'platelets'; units: number; preHb?: Measured; prePlatelets?: Measured }> = [];
  const start = addDays(screenedOn, 1);
  for (const product of ['RBC', 'platelets'] as const) {
    let on = addDays(start, intBetween(rng, 0, 10));
    while (on <= lastDay) {
      const day = daysBetween(dayZero, on);
      const expected = expectedCounts(trajectory, Math.max(0, day));
      const hb = Math.round(expected.hemoglobin * Math.exp(boundedNormal(rng, 0, 0.05, -0.12, 0.12)));
      const platelets = Math.max(1, Math.round(expected.platelets * Math.exp(boundedNormal(rng, 0, 0.12, -0.3, 0.3))));
      const needed = product === 'RBC' ? hb < TRANSFUSION_TRIGGERS.hemoglobin : platelets < TRANSFUSION_TRIGGERS.platelets;
      // Nothing on enrollment day itself before the enrollment: the baseline is entered that evening.
      if (needed && on !== enrolledOn) {
        out.push(product === 'RBC' ? { givenOn: on, product, units: 2, preHb: { value: hb, unit: 'g/L' } } : { givenOn: on, product, units: 1, prePlatelets: { value: platelets, unit: '10*9/L' } });
        on = addDays(on, product === 'RBC' ? intBetween(rng, 14, 28) : intBetween(rng, 7, 14));
      } else on = addDays(on, intBetween(rng, 7, 14));
    }
  }
  return out.sort((a, b) => a.givenOn.localeCompare(b.givenOn));
}

interface PlannedDose {
  visitCode: string;
  givenAt: string;
  product: Product;
  dose: { value: number; unit: string };
  weightKg: number;
  lot: string;
  route: 'IV' | 'oral';
  details?: Record<string, number>;
}

/**
 * The arm's treatment: UCB (TNC ≥ 3 × 10⁷/kg, clinical-domain.md §8c) and UC-MSC 1 × 10⁶/kg weekly
 * × 3 (§8a) from day 0; or cyclosporine A 3–5 mg/kg/day, its dose and trough level recorded at each
 * visit — a few doses outside the protocol's range, which raise a query.
 */
function planDoses(rng: RandomGenerator, arm: string, visitDates: ReadonlyMap<string, string>, weightKg: number, dayZero: string): PlannedDose[] {
  const doses: PlannedDose[] = [];
  const lotDate = dayZero.replaceAll('-', '').slice(2, 8);
  const givenAt = (date: string, minute: number) => `${date}T${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:00+08:00`;
  if (arm === 'UCB_MSC') {
    const day0 = visitDates.get('DAY_0');
    if (day0) {
      const tnc = roundTo(logUniform(rng, 3.0, 5.5), 1);
      doses.push({ visitCode: 'DAY_0', givenAt: givenAt(day0, 10 * 60 + intBetween(rng, 0, 50)), product: 'UCB', dose: { value: roundTo(tnc * 10, 0), unit: '10^6 cells/kg' }, weightKg, lot: `UCB-SD${lotDate}${intBetween(rng, 10, 99)}`, route: 'IV', details: { tncPerKg: tnc, cd34PerKg: roundTo(logUniform(rng, 1.2, 3.5), 1) } });
    }
    for (const code of ['DAY_0', 'WEEK_1', 'WEEK_2']) {
      const date = visitDates.get(code);
      if (!date) continue;
      doses.push({ visitCode: code, givenAt: givenAt(date, 14 * 60 + intBetween(rng, 0, 50)), product: 'UC-MSC', dose: { value: roundTo(boundedNormal(rng, 1.0, 0.08, 0.8, 1.2), 2), unit: '10^6 cells/kg' }, weightKg, lot: `QL-MSC-${lotDate}-${intBetween(rng, 1, 9)}`, route: 'IV' });
    }
    return doses;
  }
  let perKg = roundTo(3 + unit(rng) * 2, 1);
  const lot = `CsA-${String(intBetween(rng, 2023, 2024))}${String(intBetween(rng, 1, 12)).padStart(2, '0')}${intBetween(rng, 100, 999)}`;
  for (const code of ['DAY_0', 'WEEK_1', 'WEEK_2', 'MONTH_1', 'MONTH_3', 'MONTH_6', 'MONTH_12']) {
    const date = visitDates.get(code);
    if (!date) continue;
    // Titrated to the trough level; now and then a dose outside 3–5 mg/kg/day (a query for the site).
    const trough = Math.round(boundedNormal(rng, 190, 50, 90, 330));
    if (trough > 250) perKg = Math.max(3, roundTo(perKg - 0.5, 1));
    else if (trough < 130) perKg = Math.min(5, roundTo(perKg + 0.5, 1));
    const given = chance(rng, 0.04) ? roundTo(pick(rng, [2.5, 5.5, 6]), 1) : perKg;
    doses.push({ visitCode: code, givenAt: givenAt(date, 9 * 60 + 30 + intBetween(rng, 0, 40)), product: 'cyclosporine A', dose: { value: given, unit: 'mg/kg/day' }, weightKg, lot, route: 'oral', details: { troughNgPerMl: trough } });
  }
  return doses;
}
