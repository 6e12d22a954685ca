// A disease assessment derived from a subject's data at a date: the CBC used (the latest within the
// lookback window of clinical/tables/assessment-windows.ts), the baseline counts, the severity by
// classifySeverity and — after baseline — the haematological response by assessResponse, with
// transfusion independence from the logged transfusions over the scheme's window. Counts taken under
// G-CSF or soon after a transfusion are used, and the reason says so. Pure: no I/O.
import { ASSESSMENT_WINDOWS, TIME_POINTS, type StandardTimePoint } from '../clinical/tables/assessment-windows.ts';
import { RESPONSE_SCHEMES, DEFAULT_RESPONSE_SCHEME, type ResponseSchemeId } from '../clinical/tables/response-schemes.ts';
import { DEFAULT_SEVERITY_SCHEME, SEVERITY_SCHEMES, type SeveritySchemeId } from '../clinical/tables/severity.ts';
import { daysBetween, describeDuration, isIsoDate, subtractDuration } from '../clinical/calendar.ts';
import { EligoError } from '../problems.ts';
import { assessResponse, type ResponseResult, type Transfusion } from './response.ts';
import { classifySeverity, type Count, type Severity } from './severity.ts';

export const CBC_ANALYTES = ['hemoglobin', 'anc', 'platelets', 'reticulocytes', 'reticulocytes.percent'] as const;
export type CbcAnalyte = (typeof CBC_ANALYTES)[number];

export interface LabPoint {
  analyte: string;
  collectedOn: string;
  value: number;
  unit: string;
  method?: 'manual' | 'automated' | null;
  /** lab_result.context: {gcsf?, transfusedWithinDays?}. */
  context?: { gcsf?: boolean; transfusedWithinDays?: number } | null;
  isBaseline?: boolean;
}

export interface MarrowPoint { examinedOn: string; cellularityPercent: number | null; residualHematopoieticPercent: number | null }

export interface AssessmentData {
  timePoint: string;
  assessedOn: string;
  /** Day 0 of the subject's calendar (first dose, else enrollment). */
  dayZero: string;
  labs: readonly LabPoint[];
  transfusions: readonly Transfusion[];
  marrow: readonly MarrowPoint[];
  /** From the screening record; undefined when not recorded (the response is then tried for both). */
  sex?: 'male' | 'female';
  age?: number;
  severityScheme?: string;
  responseScheme?: string;
}

export interface CountsUsed {
  /** The CBC's date (ANC and platelets). */
  date: string;
  hb?: Count & { date: string };
  anc: Count & { date: string };
  platelets: Count & { date: string };
  reticulocytes?: Count & { date: string };
  reticulocytePercent?: number;
  reticulocyteMethod?: 'manual' | 'automated';
  /** What makes these counts uncertain (G-CSF, recent transfusion, other dates). */
  caveats: string[];
}

export interface DerivedAssessment {
  timePoint: string;
  assessedOn: string;
  window: { from: string; to: string; days: number; description: string };
  counts: CountsUsed | null;
  baseline: (CountsUsed & { basis: 'flagged' | 'last-before-day-0' }) | null;
  marrow: MarrowPoint | null;
  severity: { severity: Severity | null; scheme: string; reason: string };
  response: { response: ResponseResult['response']; scheme: string; label?: string; reason: string; transfusionIndependent: boolean | null } | null;
}

const TIME_POINT_OTHER = /^other-(\d{4}-\d{2}-\d{2})$/;

/** A time point as stored: 'baseline', 'month-3|6|12' or 'other-YYYY-MM-DD'; else invalid naming the field. */
export function checkTimePoint(value: unknown, field = 'timePoint'): string {
  if (typeof value === 'string' && ((TIME_POINTS as readonly string[]).includes(value) || (TIME_POINT_OTHER.test(value) && isIsoDate(value.slice(6))))) return value;
  throw EligoError.of('invalid', { code: 'unknown_time_point', field, value, expected: `one of ${TIME_POINTS.join(', ')} or other-YYYY-MM-DD` });
}

export function isStandardTimePoint(value: string): value is StandardTimePoint {
  return (TIME_POINTS as readonly string[]).includes(value);
}

/** The protocol's response scheme, or unprocessable naming it and the known ones. */
export function checkResponseScheme(value: string | undefined): ResponseSchemeId {
  const id = value ?? DEFAULT_RESPONSE_SCHEME;
  if (RESPONSE_SCHEMES.some((scheme) => scheme.id === id)) return id as ResponseSchemeId;
  throw EligoError.of('unprocessable', { code: 'unknown_response_scheme', field: 'protocol.responseScheme', value: id, expected: `a known response scheme: ${RESPONSE_SCHEMES.map((scheme) => scheme.id).join(', ')}`, message: `the study's response scheme "${id}" is not one Eligo knows (known: ${RESPONSE_SCHEMES.map((scheme) => scheme.id).join(', ')})` });
}

export function checkSeverityScheme(value: string | undefined): SeveritySchemeId {
  const id = value ?? DEFAULT_SEVERITY_SCHEME;
  if (SEVERITY_SCHEMES.some((scheme) => scheme.id === id)) return id as SeveritySchemeId;
  throw EligoError.of('unprocessable', { code: 'unknown_severity_scheme', field: 'protocol.severityScheme', value: id, expected: `a known severity scheme: ${SEVERITY_SCHEMES.map((scheme) => scheme.id).join(', ')}` });
}

const latest = <T>(items: readonly T[], dateOf: (item: T) => string): T | undefined => [...items].sort((a, b) => (dateOf(a) < dateOf(b) ? -1 : dateOf(a) > dateOf(b) ? 1 : 0)).at(-1);

/** The counts of one CBC: ANC and platelets of `date`, the other analytes of that date or the latest in `rows`. */
function countsOf(rows: readonly LabPoint[], date: string, transfusions: readonly Transfusion[], note: string): CountsUsed {
  const of = (analyte: CbcAnalyte) => rows.filter((row) => row.analyte === analyte && row.collectedOn === date)[0] ?? latest(rows.filter((row) => row.analyte === analyte), (row) => row.collectedOn);
  const point = (row: LabPoint | undefined) => (row ? { value: row.value, unit: row.unit, date: row.collectedOn } : undefined);
  const anc = of('anc') as LabPoint;
  const platelets = of('platelets') as LabPoint;
  const hb = of('hemoglobin');
  const retic = of('reticulocytes');
  const reticPercent = of('reticulocytes.percent');
  const used = [hb, anc, platelets, retic, reticPercent].filter((row): row is LabPoint => row !== undefined);
  const caveats: string[] = [];
  const otherDates = used.filter((row) => row.collectedOn !== date).map((row) => `${row.analyte} of ${row.collectedOn}`);
  if (otherDates.length) caveats.push(`${otherDates.join(', ')} (not measured on ${date})`);
  const gcsf = used.filter((row) => row.context?.gcsf);
  if (gcsf.length) caveats.push(`${gcsf.map((row) => row.analyte).join(', ')} collected under G-CSF: the neutrophil count may overstate recovery (response needs counts independent of growth factors)`);
  for (const row of used) {
    const flagged = row.context?.transfusedWithinDays;
    if (typeof flagged === 'number') caveats.push(`${row.analyte} flagged as collected ${flagged} day${flagged === 1 ? '' : 's'} after a transfusion`);
  }
  for (const [product, analyte] of [['RBC', hb], ['platelets', platelets]] as const) {
    if (!analyte) continue;
    const days = ASSESSMENT_WINDOWS.transfusionEffectDays[product];
    const recent = latest(transfusions.filter((t) => t.product === product && t.date <= analyte.collectedOn && daysBetween(t.date, analyte.collectedOn) <= days), (t) => t.date);
    if (recent) caveats.push(`${analyte.analyte} ${daysBetween(recent.date, analyte.collectedOn)} day(s) after a ${product} transfusion on ${recent.date} (within ${days} days): it may reflect the transfused cells`);
  }
  const method = retic?.method ?? undefined;
  return {
    date,
    ...(hb ? { hb: point(hb) } : {}),
    anc: point(anc)!,
    platelets: point(platelets)!,
    ...(retic ? { reticulocytes: point(retic) } : {}),
    ...(reticPercent ? { reticulocytePercent: reticPercent.value } : {}),
    ...(method ? { reticulocyteMethod: method } : {}),
    caveats: note ? [note, ...caveats] : caveats,
  };
}

/** The latest date in `rows` on which both ANC and platelets were measured. */
function latestCbcDate(rows: readonly LabPoint[]): string | undefined {
  const anc = new Set(rows.filter((row) => row.analyte === 'anc').map((row) => row.collectedOn));
  return [...new Set(rows.filter((row) => row.analyte === 'platelets' && anc.has(row.collectedOn)).map((row) => row.collectedOn))].sort().at(-1);
}

/** The baseline counts: rows flagged is_baseline, else the last CBC on or before day 0. */
export function baselineCounts(labs: readonly LabPoint[], dayZero: string, transfusions: readonly Transfusion[]): DerivedAssessment['baseline'] {
  const cbc = labs.filter((row) => (CBC_ANALYTES as readonly string[]).includes(row.analyte));
  const flagged = cbc.filter((row) => row.isBaseline);
  const flaggedDate = latestCbcDate(flagged);
  if (flaggedDate) return { ...countsOf(flagged, flaggedDate, transfusions, ''), basis: 'flagged' };
  const before = cbc.filter((row) => row.collectedOn <= dayZero);
  const date = latestCbcDate(before);
  return date ? { ...countsOf(before, date, transfusions, `no count flagged as baseline: the last CBC on or before day 0 (${dayZero})`), basis: 'last-before-day-0' } : null;
}

const describeCounts = (counts: CountsUsed) =>
  `counts of ${counts.date}: ${[counts.hb && `Hb ${counts.hb.value} ${counts.hb.unit}`, `ANC ${counts.anc.value} ${counts.anc.unit}`, `platelets ${counts.platelets.value} ${counts.platelets.unit}`, counts.reticulocytes && `reticulocytes ${counts.reticulocytes.value} ${counts.reticulocytes.unit}${counts.reticulocyteMethod ? ` (${counts.reticulocyteMethod})` : ''}`].filter(Boolean).join(', ')}`;
const caveatText = (counts: CountsUsed) => (counts.caveats.length ? `; caution: ${counts.caveats.join('; ')}` : '');

export function deriveAssessment(data: AssessmentData): DerivedAssessment {
  const severityScheme = checkSeverityScheme(data.severityScheme);
  const baselineOnly = data.timePoint === 'baseline';
  const responseScheme = baselineOnly ? undefined : checkResponseScheme(data.responseScheme);
  const lookback = ASSESSMENT_WINDOWS.cbcLookback;
  const from = subtractDuration(data.assessedOn, lookback);
  const window = { from, to: data.assessedOn, days: daysBetween(from, data.assessedOn), description: `the latest CBC from ${from} to ${data.assessedOn} (${describeDuration(lookback)})` };
  const transfusions = data.transfusions.filter((t) => t.date <= data.assessedOn);
  const inWindow = data.labs.filter((row) => (CBC_ANALYTES as readonly string[]).includes(row.analyte) && row.collectedOn >= from && row.collectedOn <= data.assessedOn);
  const cbcDate = latestCbcDate(inWindow);
  const counts = cbcDate ? countsOf(inWindow, cbcDate, transfusions, '') : null;
  const baseline = baselineCounts(data.labs, data.dayZero, data.transfusions);
  const marrow = latest(data.marrow.filter((exam) => exam.examinedOn <= data.assessedOn && exam.examinedOn >= subtractDuration(data.assessedOn, ASSESSMENT_WINDOWS.marrowLookback)), (exam) => exam.examinedOn) ?? null;

  const base = { timePoint: data.timePoint, assessedOn: data.assessedOn, window, counts, baseline, marrow };
  if (!counts) {
    const none = `no CBC with ANC and platelets from ${from} to ${data.assessedOn} (${describeDuration(lookback)} before the assessment)`;
    return {
      ...base,
      severity: { severity: null, scheme: severityScheme, reason: `cannot classify: ${none}` },
      response: responseScheme ? { response: null, scheme: responseScheme, reason: `cannot assess: ${none}`, transfusionIndependent: null } : null,
    };
  }
  const severity = classifySeverity({
    scheme: severityScheme, anc: counts.anc, platelets: counts.platelets, reticulocytes: counts.reticulocytes, reticulocytePercent: counts.reticulocytePercent, reticulocyteMethod: counts.reticulocyteMethod,
    ...(marrow?.cellularityPercent != null ? { cellularity: marrow.cellularityPercent } : {}),
    ...(marrow?.residualHematopoieticPercent != null ? { residualHematopoieticPercent: marrow.residualHematopoieticPercent } : {}),
  });
  const marrowText = marrow ? `marrow of ${marrow.examinedOn}` : 'no marrow examination in the 3 months before';
  const severityResult = { severity: severity.severity, scheme: severityScheme, reason: `${severity.reason}; ${describeCounts(counts)}; ${marrowText}${caveatText(counts)}` };
  if (!responseScheme) return { ...base, severity: severityResult, response: null };
  return { ...base, severity: severityResult, response: response(data, responseScheme, counts, baseline) };
}

function response(data: AssessmentData, scheme: ResponseSchemeId, counts: CountsUsed, baseline: DerivedAssessment['baseline']): NonNullable<DerivedAssessment['response']> {
  if (!baseline) return { response: null, scheme, reason: `cannot assess: no baseline CBC (no count flagged as baseline and none on or before day 0, ${data.dayZero})`, transfusionIndependent: null };
  if (!baseline.hb || !counts.hb) return { response: null, scheme, reason: `cannot assess: no haemoglobin ${!baseline.hb ? 'at baseline' : `with the CBC of ${counts.date}`}`, transfusionIndependent: null };
  if (data.age === undefined) return { response: null, scheme, reason: 'cannot assess: the subject\'s age is not recorded (needed for the normal Hb)', transfusionIndependent: null };
  const window = RESPONSE_SCHEMES.find((s) => s.id === scheme)!.transfusionWindow;
  const dependentWindowStart = subtractDuration(data.dayZero, window);
  const dependentAtBaseline = data.transfusions.some((t) => t.date >= dependentWindowStart && t.date <= data.dayZero);
  const run = (sex: 'male' | 'female') => assessResponse({
    scheme, sex, age: data.age as number,
    baseline: { hb: baseline.hb!, anc: baseline.anc, platelets: baseline.platelets, reticulocytes: baseline.reticulocytes, reticulocyteMethod: baseline.reticulocyteMethod },
    assessment: { date: data.assessedOn, hb: counts.hb!, anc: counts.anc, platelets: counts.platelets, reticulocytes: counts.reticulocytes, reticulocyteMethod: counts.reticulocyteMethod },
    transfusions: data.transfusions.filter((t) => t.date <= data.assessedOn),
    transfusionDependentAtBaseline: dependentAtBaseline,
  });
  const tail = `; ${describeCounts(counts)}; baseline ${describeCounts(baseline)}${baseline.basis === 'last-before-day-0' ? ' (last CBC on or before day 0)' : ''}; transfusion ${dependentAtBaseline ? 'dependent' : 'independent'} at baseline (transfusions logged from ${dependentWindowStart} to day 0, ${data.dayZero})${caveatText(counts)}`;
  let result: ResponseResult;
  let sexText = '';
  if (data.sex) result = run(data.sex);
  else {
    const female = run('female');
    const male = run('male');
    if (female.response !== male.response) return { response: null, scheme, reason: `cannot assess: the response depends on the subject's sex (female: ${female.response}, male: ${male.response}), which the screening record does not give${tail}`, transfusionIndependent: female.transfusionIndependent };
    result = female;
    sexText = '; sex not recorded: the same response for either sex';
  }
  return { response: result.response, scheme, ...(result.label ? { label: result.label } : {}), reason: `${result.reason}${sexText}${tail}`, transfusionIndependent: result.transfusionIndependent };
}
