// The adverse events of a demo subject's year: reactions to the cell infusions (rarely serious and
// unexpected — a SUSAR with its 15-day report to the authority, not always on time), infections while
// the neutrophils are low (serious ones reported to the sponsor within 24 h, now and then late),
// bleeding with low platelets, cyclosporine's hypertension, hirsutism, tremor and creatinine rise
// (graded by the service from the chemistry result), and the everyday ones. Pure: the same generator
// and inputs give the same events; grades that CTCAE computes or suggests are left to the service.
import type { AdverseEventFieldsInput } from '../conduct/safety/model.ts';
import type { InfusionReactionInput } from '../conduct/treatment/model.ts';
import type { Product } from '../core/study/treatment.ts';
import { addDays, beijingTime } from './dates.ts';
import { chance, intBetween, pick, unit, weighted, type RandomGenerator } from './random.ts';
import { expectedCounts, type CountTrajectory, type ResponseCourse } from './trajectories.ts';

export interface AdverseEventPlan {
  key: string;
  event: Omit<AdverseEventFieldsInput, 'labResultId'>;
  /** The lab result the grade is computed from (a labs step's key and the analyte). */
  lab?: { key: string; analyte: string };
  recordedAt: Date;
  resolution?: { at: Date; change: { resolvedOn: string; outcome: string } };
  reports: Array<{ recipient: 'sponsor' | 'authority'; at: Date; expected?: boolean }>;
}

export interface EventInputs {
  arm: string;
  course: ResponseCourse;
  trajectory: CountTrajectory;
  dayZero: string;
  lastDay: string;
  doses: ReadonlyArray<{ visitCode: string; product: Product; givenAt: string }>;
  /** The chemistry visit whose creatinine cyclosporine raised above 1.5 × ULN, and the next chemistry visit's date. */
  creatinineRise: { visitCode: string; collectedOn: string; nextOn: string | null } | null;
}

export interface FollowUpEvents {
  /** The infusion reactions recorded with the administration, by its givenAt. */
  infusionReactions: Map<string, InfusionReactionInput>;
  adverseEvents: AdverseEventPlan[];
}

const ARM_PRODUCTS: Readonly<Record<string, readonly Product[]>> = { UCB_MSC: ['UCB', 'UC-MSC'], CSA: ['cyclosporine A'] };

const REACTION = '输注中寒战、发热38.5℃，暂停输注并给予异丙嗪后缓解 (chills and fever 38.5 °C during the infusion; paused, promethazine given, resolved)';
const SERIOUS_REACTION = '输注后高热39.6℃伴寒战、低氧，收住院观察 (fever 39.6 °C with rigors and hypoxia after the infusion; admitted)';

export function followUpEvents(rng: RandomGenerator, inputs: EventInputs): FollowUpEvents {
  const infusionReactions = new Map<string, InfusionReactionInput>();
  const adverseEvents: AdverseEventPlan[] = [];
  const products = ARM_PRODUCTS[inputs.arm] ?? ARM_PRODUCTS.CSA;
  const relatedness = (levels: Partial<Record<Product, string>>, otherwise: string) => Object.fromEntries(products.map((product) => [product, levels[product] ?? otherwise]));
  const at = (date: string, minute: number) => beijingTime(date, minute + intBetween(rng, 0, 40));
  const dayOf = (offset: number) => addDays(inputs.dayZero, offset);
  let count = 0;
  const key = () => `ae:${++count}`;

  /** A non-serious event: recorded when it has resolved (or, if not by the end, two days after onset as ongoing). */
  const everyday = (term: string, onsetOn: string, lastsDays: number, fields: Partial<AdverseEventFieldsInput>) => {
    if (onsetOn > inputs.lastDay) return;
    const resolvedOn = addDays(onsetOn, lastsDays);
    const resolved = resolvedOn <= inputs.lastDay;
    const recordOn = resolved ? addDays(resolvedOn, intBetween(rng, 0, 3)) : addDays(onsetOn, 2);
    adverseEvents.push({
      key: key(), recordedAt: at(recordOn > inputs.lastDay ? inputs.lastDay : recordOn, 18 * 60), reports: [],
      event: { term, onsetOn, resolvedOn: resolved ? resolvedOn : null, serious: false, relatedness: relatedness({}, 'not_related'), actionTaken: 'dose_not_changed', outcome: resolved ? 'recovered' : 'recovering', ...fields },
    });
  };

  /** A serious event: the site records it within hours of learning of it and reports it to the sponsor (24 h; now and then late). */
  const serious = (term: string, onsetOn: string, lastsDays: number, fields: Partial<AdverseEventFieldsInput> & { seriousness: string[] }, aware: Date, authority?: { expected: boolean }) => {
    if (onsetOn > inputs.lastDay) return;
    const resolvedOn = addDays(onsetOn, lastsDays);
    const recordedAt = new Date(aware.getTime() + intBetween(rng, 30, 150) * 60_000);
    const sponsorAfterHours = chance(rng, 0.08) ? intBetween(rng, 26, 40) : intBetween(rng, 3, 18);
    const reports: AdverseEventPlan['reports'] = [{ recipient: 'sponsor', at: new Date(aware.getTime() + sponsorAfterHours * 3_600_000) }];
    // The sponsor's expedited report of a SUSAR to the authority (15 days; most on time, some late, some not yet).
    if (authority) {
      const roll = unit(rng);
      if (roll < 0.75) reports.push({ recipient: 'authority', expected: authority.expected, at: new Date(aware.getTime() + intBetween(rng, 6, 13) * 86_400_000) });
      else if (roll < 0.9) reports.push({ recipient: 'authority', expected: authority.expected, at: new Date(aware.getTime() + intBetween(rng, 17, 25) * 86_400_000) });
    }
    adverseEvents.push({
      key: key(), recordedAt,
      reports: reports.filter((report) => report.at.getTime() <= beijingTime(inputs.lastDay, 23 * 60).getTime()),
      ...(resolvedOn <= inputs.lastDay ? { resolution: { at: at(resolvedOn, 18 * 60), change: { resolvedOn, outcome: 'recovered' } } } : {}),
      event: { term, onsetOn, resolvedOn: null, serious: true, awareAt: aware.toISOString(), relatedness: relatedness({}, 'not_related'), actionTaken: 'dose_not_changed', outcome: 'recovering', ...fields },
    });
  };

  // Infusion reactions to UC-MSC (transient fever and chills, clinical-domain.md §8a); rarely serious, unexpected and related: a SUSAR.
  const mscDoses = inputs.doses.filter((dose) => dose.product === 'UC-MSC');
  mscDoses.forEach((dose, index) => {
    const date = dose.givenAt.slice(0, 10);
    if (index === 0 && chance(rng, 0.03)) {
      infusionReactions.set(dose.givenAt, { occurred: true, description: SERIOUS_REACTION, signs: { prolongedOrRecurrentOrHospitalized: true } });
      serious('Infusion related reaction', date, intBetween(rng, 3, 6), {
        description: SERIOUS_REACTION, seriousness: ['hospitalization'], infusion: { prolongedOrRecurrentOrHospitalized: true },
        relatedness: relatedness({ 'UC-MSC': 'probably', UCB: 'possibly' }, 'possibly'), actionTaken: 'drug_interrupted',
      }, new Date(Date.parse(dose.givenAt) + 3 * 3_600_000), { expected: false });
    } else if (chance(rng, 0.08)) {
      infusionReactions.set(dose.givenAt, { occurred: true, description: REACTION, signs: { interruptedOrTreated: true } });
      everyday('Infusion related reaction', date, intBetween(rng, 0, 1), { description: REACTION, infusion: { interruptedOrTreated: true }, relatedness: relatedness({ 'UC-MSC': 'probably', UCB: 'possibly' }, 'possibly') });
    }
  });
  if (inputs.arm === 'UCB_MSC' && chance(rng, 0.08)) everyday('Headache', dayOf(intBetween(rng, 0, 15)), intBetween(rng, 1, 3), { grade: 1, relatedness: relatedness({ 'UC-MSC': 'possibly' }, 'unlikely') });

  // Infections while the neutrophils are below 0.5 × 10⁹/L.
  const neutropenicDays = Array.from({ length: 170 }, (_, i) => i + 10).filter((day) => expectedCounts(inputs.trajectory, day).anc < 0.5);
  if (neutropenicDays.length > 0 && chance(rng, 0.35)) {
    const onsetOn = dayOf(pick(rng, neutropenicDays));
    const kind = weighted(rng, [['Lung infection', 0.45], ['Febrile neutropenia', 0.35], ['Sepsis', 0.05], ['Upper respiratory infection', 0.15]] as const);
    const unrelated = relatedness({}, chance(rng, 0.5) ? 'not_related' : 'unlikely');
    if (kind === 'Upper respiratory infection') everyday(kind, onsetOn, intBetween(rng, 5, 12), { grade: 2, relatedness: unrelated });
    else {
      const lifeThreatening = kind === 'Sepsis';
      serious(kind, onsetOn, intBetween(rng, 7, 21), { grade: lifeThreatening ? 4 : 3, seriousness: lifeThreatening ? ['life_threatening', 'hospitalization'] : ['hospitalization'], relatedness: unrelated, description: '中性粒细胞缺乏期间发热，收住院抗感染治疗 (fever while neutropenic; admitted for antibiotics)' }, at(onsetOn, 20 * 60));
    }
  }
  if (chance(rng, 0.2)) everyday('Upper respiratory infection', dayOf(intBetween(rng, 20, 330)), intBetween(rng, 4, 10), { grade: 1 });
  if (expectedCounts(inputs.trajectory, 30).platelets < 20 && chance(rng, 0.25)) everyday('Epistaxis', dayOf(intBetween(rng, 5, 120)), intBetween(rng, 0, 2), { grade: 1 });
  if (chance(rng, 0.12)) everyday('Fatigue', dayOf(intBetween(rng, 3, 60)), intBetween(rng, 5, 20), { grade: 1, relatedness: relatedness({}, 'unlikely') });

  if (inputs.arm === 'CSA') {
    const related = (level: string) => relatedness({ 'cyclosporine A': level }, level);
    if (chance(rng, 0.15)) {
      const systolic = intBetween(rng, 140, 158);
      everyday('Hypertension', dayOf(intBetween(rng, 20, 120)), 400, { bloodPressure: { systolic, diastolic: intBetween(rng, 90, 99) }, relatedness: related('probably'), description: `血压 ${systolic} mmHg，加用氨氯地平 (amlodipine started)` });
    }
    if (chance(rng, 0.12)) everyday('Hirsutism', dayOf(intBetween(rng, 30, 120)), 400, { grade: 1, relatedness: related('related') });
    if (chance(rng, 0.08)) everyday('Tremor', dayOf(intBetween(rng, 10, 60)), intBetween(rng, 20, 60), { grade: 1, relatedness: related('probably') });
    const rise = inputs.creatinineRise;
    if (rise && rise.collectedOn <= inputs.lastDay) {
      const resolvedOn = rise.nextOn && rise.nextOn <= inputs.lastDay ? rise.nextOn : null;
      adverseEvents.push({
        key: key(), lab: { key: `${rise.visitCode}:chemistry`, analyte: 'creatinine' }, recordedAt: at(rise.collectedOn, 18 * 60), reports: [],
        ...(resolvedOn ? { resolution: { at: at(resolvedOn, 18 * 60), change: { resolvedOn, outcome: 'recovered' } } } : {}),
        event: { term: 'Creatinine increased', onsetOn: rise.collectedOn, resolvedOn: null, serious: false, relatedness: related('probably'), actionTaken: 'dose_reduced', outcome: 'recovering', description: '环孢素相关肾功能损害，减量 (cyclosporine nephrotoxicity; dose reduced)' },
      });
    }
  }
  return { infusionReactions, adverseEvents };
}
