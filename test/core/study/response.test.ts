// Haematological response at the thresholds of response-schemes.ts (clinical-domain.md §3), with
// transfusion independence derived from the transfusion log at the window's boundary day.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assessResponse, type ResponseInput } from '../../../src/core/study/response.ts';

const c = (value: number, unit = '10*9/L') => ({ value, unit });
const hb = (value: number, unit = 'g/L') => ({ value, unit });
const DATE = '2026-06-01';

function input(overrides: Partial<ResponseInput> & { now?: [number, number, number]; before?: [number, number, number] } = {}): ResponseInput {
  const { now = [140, 2, 160], before = [70, 0.3, 10], ...rest } = overrides;
  return {
    sex: 'male', age: 40,
    baseline: { hb: hb(before[0]), anc: c(before[1]), platelets: c(before[2]), severity: 'SAA' },
    assessment: { date: DATE, hb: hb(now[0]), anc: c(now[1]), platelets: c(now[2]) },
    transfusions: [],
    ...rest,
  };
}
const response = (i: ResponseInput) => assessResponse(i).response;

test('BSH 2016 complete response: Hb ≥ the LLN for age and sex, ANC > 1.5, platelets > 150, transfusion independent', () => {
  assert.equal(response(input({ now: [130, 1.51, 150.1] })), 'complete');
  assert.equal(response(input({ now: [129.9, 1.51, 150.1] })), 'partial', 'male Hb LLN 130 g/L (WS/T 405)');
  assert.equal(response(input({ now: [130, 1.5, 150.1] })), 'partial', 'ANC must be > 1.5');
  assert.equal(response(input({ now: [130, 1.51, 150] })), 'partial', 'platelets must be > 150');
  assert.equal(response(input({ sex: 'female', now: [115, 1.51, 150.1] })), 'complete', 'female Hb LLN 115 g/L');
  assert.equal(response(input({ sex: 'female', now: [114.9, 1.51, 150.1] })), 'partial');
  const result = assessResponse(input());
  assert.match(result.reason, /lower limit 130 g\/L \(WS\/T 405-2012, male 20–79 y\)/, 'the reason names the limit used');
});

test('"Hb normal for age and sex" without a table range is undecided unless hbLowerLimit is given', () => {
  const teen = assessResponse(input({ age: 15 }));
  assert.equal(teen.response, null);
  assert.match(teen.reason, /no Hb reference range for a 15-year-old male .*hbLowerLimit/);
  assert.equal(response(input({ age: 15, hbLowerLimit: hb(12, 'g/dL') })), 'complete');
  assert.equal(response(input({ age: 15, hbLowerLimit: hb(14.5, 'g/dL') })), 'partial');
});

test('transfusion independence: a transfusion exactly 56 days before the assessment counts, 57 days before does not (BSH window)', () => {
  const onBoundary = assessResponse(input({ now: [95, 1, 30], transfusions: [{ date: '2026-04-06', product: 'RBC', units: 2 }] }));
  assert.equal(onBoundary.response, 'none');
  assert.equal(onBoundary.transfusionIndependent, false);
  const outside = assessResponse(input({ now: [95, 1, 30], transfusions: [{ date: '2026-04-05', product: 'platelets', units: 1 }] }));
  assert.equal(outside.response, 'partial');
  assert.equal(outside.transfusionIndependent, true);
  assert.match(outside.reason, /no RBC or platelet transfusion logged from 2026-04-06 to 2026-06-01 \(56 days\)/);
  assert.equal(response(input({ now: [95, 1, 30], transfusions: [{ date: DATE, product: 'RBC', units: 1 }] })), 'none', 'on the assessment day');
  assert.equal(response(input({ now: [95, 1, 30], transfusions: [{ date: '2026-06-02', product: 'RBC', units: 1 }] })), 'partial', 'after the assessment: ignored');
  assert.equal(response(input({ transfusions: [{ date: '2026-05-01', product: 'RBC', units: 1 }] })), 'none', 'complete counts while transfused are not a response');
});

test('BSH 2016 severe baseline: partial = transfusion independent and no longer severe; none while still severe', () => {
  assert.equal(response(input({ now: [95, 0.6, 25] })), 'partial');
  assert.equal(response(input({ now: [95, 0.49, 19.9] })), 'none');
  const undecided = assessResponse(input({ now: [95, 0.4, 25] }));
  assert.equal(undecided.response, null, 'one blood criterion met, reticulocytes unknown');
  assert.match(undecided.reason, /assessment\.reticulocytes/);
  assert.equal(response(input({ now: [95, 0.4, 25], assessment: { date: DATE, hb: hb(95), anc: c(0.4), platelets: c(25), reticulocytes: c(80), reticulocyteMethod: 'automated' } })), 'partial');
});

test('BSH 2016 non-severe baseline: rises over thresholds only from low baselines, doubling, normalisation, transfusion independence gained', () => {
  const nsaa = (before: [number, number, number], now: [number, number, number], extra: Partial<ResponseInput> = {}) => response(input({ before, now, transfusionDependentAtBaseline: false, ...extra, baseline: { hb: hb(before[0]), anc: c(before[1]), platelets: c(before[2]), severity: 'NSAA' } }));
  assert.equal(nsaa([55, 0.8, 30], [85, 0.9, 30]), 'none', 'Hb rise of exactly 30 is not > 30');
  assert.equal(nsaa([55, 0.8, 30], [85.1, 0.9, 30]), 'partial');
  assert.equal(nsaa([60, 0.8, 30], [95, 0.9, 30]), 'none', 'Hb rise counts only when the baseline is < 60');
  // From baselines below 0.5 and 20, ANC and platelet rises of > 0.5 and > 20 are also doublings: the
  // response turns at the doubling, the rise criterion shows at its own boundary in the reason.
  assert.equal(nsaa([80, 0.4, 30], [90, 0.79, 30]), 'none');
  assert.equal(nsaa([80, 0.4, 30], [90, 0.8, 30]), 'partial', 'ANC doubled (≥ 2 × baseline)');
  const ancRise = (now: number) => assessResponse(input({ now: [90, now, 30], transfusionDependentAtBaseline: false, baseline: { hb: hb(80), anc: c(0.4), platelets: c(30), severity: 'NSAA' } })).reason;
  assert.match(ancRise(0.9), /ANC rise 0\.5 ≤ 0\.5/);
  assert.match(ancRise(0.91), /ANC rise 0\.51 > 0\.5/);
  assert.equal(nsaa([80, 0.8, 15], [90, 0.9, 29.9]), 'none');
  assert.equal(nsaa([80, 0.8, 15], [90, 0.9, 30]), 'partial', 'platelets doubled');
  const pltRise = (now: number) => assessResponse(input({ now: [90, 0.9, now], transfusionDependentAtBaseline: false, baseline: { hb: hb(80), anc: c(0.8), platelets: c(15), severity: 'NSAA' } })).reason;
  assert.match(pltRise(35), /platelets rise 20 ≤ 20/);
  assert.match(pltRise(35.1), /platelets rise 20\.1 > 20/);
  assert.equal(nsaa([80, 0.6, 30], [90, 1.2, 30]), 'partial', 'ANC doubled');
  assert.equal(nsaa([80, 0.6, 30], [90, 1.19, 30]), 'none');
  assert.equal(nsaa([80, 1.2, 30], [90, 1.8, 30]), 'partial', 'ANC normal (≥ LLN 1.8)');
  assert.equal(nsaa([80, 0.8, 30], [90, 0.9, 30], { transfusionDependentAtBaseline: true }), 'partial', 'transfusion independence gained');
  assert.equal(nsaa([80, 0.8, 30], [90, 0.9, 30], { transfusionDependentAtBaseline: false }), 'none');
  const unknownDependence = assessResponse(input({ now: [90, 0.9, 30], baseline: { hb: hb(80), anc: c(0.8), platelets: c(30), severity: 'NSAA' } }));
  assert.equal(unknownDependence.response, null, 'transfusion independent now; whether that is a gain depends on the baseline');
  assert.match(unknownDependence.reason, /transfusionDependentAtBaseline/);
  assert.equal(nsaa([80, 0.8, 30], [90, 0.3, 10]), 'none', 'progressed to severe: worse');
});

test('baseline severity is derived from the baseline counts when not given, and the reason says which', () => {
  const derived = assessResponse({ ...input({ now: [95, 0.6, 25] }), baseline: { hb: hb(70), anc: c(0.3), platelets: c(10) } });
  assert.equal(derived.response, 'partial');
  assert.match(derived.reason, /baseline SAA \(from the baseline blood counts\)/);
});

test('NIH: complete = ANC ≥ 1.0, Hb ≥ 100, platelets ≥ 100 (inclusive); partial = no longer severe', () => {
  assert.equal(response(input({ scheme: 'nih', now: [100, 1.0, 100] })), 'complete');
  assert.equal(response(input({ scheme: 'nih', now: [99.9, 1.0, 100] })), 'partial');
  assert.equal(response(input({ scheme: 'nih', now: [100, 0.99, 100] })), 'partial');
  assert.equal(response(input({ scheme: 'nih', now: [100, 1.0, 99.9] })), 'partial');
  assert.equal(response(input({ scheme: 'nih', now: [100, 0.4, 10] })), 'none');
});

test('EBMT/RACE: complete = Hb > 100, ANC > 1, platelets > 100 (strict); partial = no longer severe and transfusion independent', () => {
  assert.equal(response(input({ scheme: 'ebmt-race', now: [100.1, 1.01, 100.1] })), 'complete');
  assert.equal(response(input({ scheme: 'ebmt-race', now: [100, 1.01, 100.1] })), 'partial');
  assert.equal(response(input({ scheme: 'ebmt-race', now: [100.1, 1, 100.1] })), 'partial');
  assert.equal(response(input({ scheme: 'ebmt-race', now: [100.1, 1.01, 100] })), 'partial');
  assert.equal(response(input({ scheme: 'ebmt-race', now: [95, 1, 30], transfusions: [{ date: '2026-05-01', product: 'RBC', units: 1 }] })), 'none');
});

test('Chinese criteria: basically cured (Hb ≥ 120 M / ≥ 110 F, ANC > 1.5, PLT > 100), remission, marked improvement (Hb +> 30); no transfusion for 3 months', () => {
  const cn = (now: [number, number, number], extra: Partial<ResponseInput> = {}) => assessResponse(input({ scheme: 'chinese', now, ...extra }));
  assert.equal(cn([120, 1.51, 100.1]).label, 'basically cured (基本治愈)');
  assert.equal(cn([120, 1.51, 100.1]).response, 'complete');
  assert.equal(cn([119.9, 1.51, 100.1]).label, 'marked improvement (明显进步)', 'Hb 119.9: not cured, not remission (male ≥ 120), rise 49.9');
  assert.equal(cn([110, 1.51, 100.1], { sex: 'female' }).response, 'complete');
  assert.equal(cn([109.9, 1.51, 100.1], { sex: 'female' }).label, 'remission (缓解)', 'female remission Hb ≥ 100 and platelets up');
  assert.equal(cn([100, 1.51, 100], { sex: 'female' }).label, 'remission (缓解)');
  assert.equal(cn([100, 1, 30]).label, 'no response', 'Hb rise exactly 30');
  assert.equal(cn([100.1, 1, 30]).label, 'marked improvement (明显进步)');
  // Window of 3 calendar months: 2026-03-01 counts, 2026-02-28 does not.
  assert.equal(cn([120, 1.51, 100.1], { transfusions: [{ date: '2026-03-01', product: 'RBC', units: 1 }] }).response, 'none');
  assert.equal(cn([120, 1.51, 100.1], { transfusions: [{ date: '2026-02-28', product: 'RBC', units: 1 }] }).response, 'complete');
});

test('counts in g/dL, /mm3 and 10*3/uL; an incompatible unit is a problem naming the field', () => {
  const result = assessResponse({ ...input(), assessment: { date: DATE, hb: hb(13, 'g/dL'), anc: c(1510, '/mm3'), platelets: c(150.1, '10*3/uL') } });
  assert.equal(result.response, 'complete');
  assert.equal(response({ ...input(), assessment: { date: DATE, hb: hb(13, 'g/dL'), anc: c(1500, '/mm3'), platelets: c(151, '10*3/uL') } }), 'partial');
  const wrong = assessResponse({ ...input(), assessment: { date: DATE, hb: hb(13, '10*9/L'), anc: c(1), platelets: c(1) } });
  assert.equal(wrong.response, null);
  assert.equal(wrong.problem?.field, 'assessment.hb.unit');
});
