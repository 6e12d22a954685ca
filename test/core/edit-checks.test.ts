// Edit checks at every boundary: hard ranges (possible values), soft ranges, consistency (ANC ≤ WBC,
// differential, reticulocytes) and cross-visit rises with and without a transfusion.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EDIT_CHECKS, editCheckById } from '../../src/core/clinical/tables/edit-checks.ts';
import { PLAUSIBLE_RANGES } from '../../src/core/clinical/tables/plausibility.ts';
import { evaluateEditChecks, type CheckInput } from '../../src/core/study/edit-checks.ts';

const ids = (input: CheckInput) => evaluateEditChecks(input).map((finding) => `${finding.severity}:${finding.checkId}`);
const one = (analyte: string, value: number) => ids({ collectedOn: '2026-09-10', results: [{ analyte, value }] });

test('the table: unique ids, both languages, a source, hard ranges from the plausibility table', () => {
  assert.equal(new Set(EDIT_CHECKS.map((check) => check.id)).size, EDIT_CHECKS.length);
  for (const check of EDIT_CHECKS) {
    assert.ok(check.message.en && check.message.zh && check.source, check.id);
    assert.ok(['hard', 'soft'].includes(check.severity));
  }
  const hb = editCheckById('range.hemoglobin.possible');
  const plausible = PLAUSIBLE_RANGES.find((range) => range.analyte === 'hemoglobin')!;
  assert.deepEqual(hb?.rule, { type: 'within', min: plausible.min, max: plausible.max });
});

test('hard ranges: platelets −5 and hemoglobin 400 g/L are impossible; the bounds themselves are possible', () => {
  assert.deepEqual(one('platelets', -5), ['hard:range.platelets.possible']);
  assert.deepEqual(one('platelets', 0), []);
  assert.deepEqual(one('hemoglobin', 400), ['hard:range.hemoglobin.possible', 'soft:range.hemoglobin.unusual']);
  assert.deepEqual(one('hemoglobin', 250), ['soft:range.hemoglobin.unusual']);
  assert.deepEqual(one('hemoglobin', 250.1).includes('hard:range.hemoglobin.possible'), true);
  assert.deepEqual(one('inr', 0.1), []);
  assert.deepEqual(one('inr', 0.09), ['hard:range.inr.possible']);
  const finding = evaluateEditChecks({ collectedOn: '2026-09-10', results: [{ analyte: 'platelets', value: -5 }] })[0];
  assert.match(finding.message.en, /-5 10\*9\/L is not a possible platelet count: expected 0–5000/);
  assert.match(finding.message.zh, /不是可能的血小板计数/);
});

test('soft ranges: strictly outside the usual band warns', () => {
  assert.deepEqual(one('hemoglobin', 30), []);
  assert.deepEqual(one('hemoglobin', 29.9), ['soft:range.hemoglobin.unusual']);
  assert.deepEqual(one('hemoglobin', 200), []);
  assert.deepEqual(one('hemoglobin', 200.1), ['soft:range.hemoglobin.unusual']);
  assert.deepEqual(one('platelets', 1500), []);
  assert.deepEqual(one('platelets', 1501), ['soft:range.platelets.unusual']);
  assert.deepEqual(one('alt', 3000), []);
  assert.deepEqual(one('alt', 3001), ['soft:range.alt.unusual']);
});

test('consistency: ANC ≤ WBC is hard at equality only beyond; the differential soft beyond 5 %', () => {
  const cbc = (anc: number, wbc: number, lymphocytes?: number) => ids({ collectedOn: '2026-09-10', results: [{ analyte: 'anc', value: anc }, { analyte: 'wbc', value: wbc }, ...(lymphocytes === undefined ? [] : [{ analyte: 'lymphocytes', value: lymphocytes }])] });
  assert.deepEqual(cbc(2.0, 2.0), []);
  assert.deepEqual(cbc(2.01, 2.0), ['hard:consistency.anc-le-wbc']);
  assert.deepEqual(cbc(1.0, 2.0, 1.1), []);
  assert.deepEqual(cbc(1.0, 2.0, 1.2), ['soft:consistency.differential-le-wbc']);
  assert.deepEqual(cbc(1.0, 2.0, 1.11), ['soft:consistency.differential-le-wbc']);
  assert.deepEqual(ids({ collectedOn: '2026-09-10', results: [{ analyte: 'anc', value: 5 }] }), [], 'no WBC: nothing to compare');
});

test('consistency: reticulocytes absolute vs percent imply a red-cell count within 0.5–8 ×10¹²/L', () => {
  const ret = (absolute: number, percent: number) => ids({ collectedOn: '2026-09-10', results: [{ analyte: 'reticulocytes', value: absolute }, { analyte: 'reticulocytes.percent', value: percent }] });
  assert.deepEqual(ret(30, 1), [], '30 ×10⁹/L at 1 % → RBC 3.0');
  assert.deepEqual(ret(5, 1), [], 'RBC 0.5 is the lower bound');
  assert.deepEqual(ret(4.9, 1), ['soft:consistency.reticulocytes']);
  assert.deepEqual(ret(80, 1), [], 'RBC 8 is the upper bound');
  assert.deepEqual(ret(81, 1), ['soft:consistency.reticulocytes']);
  assert.deepEqual(ret(30, 0), [], 'a zero percentage implies nothing');
});

test('cross-visit: Hb rising more than 30 g/L within 7 days without an RBC transfusion', () => {
  const hb = (value: number, previousOn: string, extra: Partial<CheckInput> = {}) =>
    ids({ collectedOn: '2026-09-10', results: [{ analyte: 'hemoglobin', value }], earlier: [{ analyte: 'hemoglobin', collectedOn: previousOn, value: 60 }], ...extra });
  assert.deepEqual(hb(90, '2026-09-03'), [], 'exactly 30 g/L');
  assert.deepEqual(hb(90.5, '2026-09-03'), ['soft:cross-visit.hemoglobin-rise']);
  assert.deepEqual(hb(120, '2026-09-02'), [], '8 days earlier: outside the window');
  assert.deepEqual(hb(120, '2026-09-03', { transfusions: [{ givenOn: '2026-09-05', product: 'RBC' }] }), [], 'an RBC transfusion explains it');
  assert.deepEqual(hb(120, '2026-09-03', { transfusions: [{ givenOn: '2026-09-05', product: 'platelets' }] }), ['soft:cross-visit.hemoglobin-rise'], 'platelets do not');
  assert.deepEqual(hb(120, '2026-09-03', { transfusions: [{ givenOn: '2026-09-01', product: 'RBC' }] }), ['soft:cross-visit.hemoglobin-rise'], 'before the earlier result');
  assert.deepEqual(hb(120, '2026-09-03', { context: { transfusedWithinDays: 7 } }), [], 'the panel says transfused since');
  assert.deepEqual(hb(120, '2026-09-03', { context: { transfusedWithinDays: 8 } }), ['soft:cross-visit.hemoglobin-rise']);
  const later = ids({ collectedOn: '2026-09-10', results: [{ analyte: 'hemoglobin', value: 120 }], earlier: [{ analyte: 'hemoglobin', collectedOn: '2026-09-12', value: 60 }] });
  assert.deepEqual(later, [], 'a later result is not an earlier one');
});

test('cross-visit: platelets ×5 within 7 days without a platelet transfusion', () => {
  const plt = (value: number, extra: Partial<CheckInput> = {}) => evaluateEditChecks({ collectedOn: '2026-09-10', results: [{ analyte: 'platelets', value }], earlier: [{ analyte: 'platelets', collectedOn: '2026-09-08', value: 10 }, { analyte: 'platelets', collectedOn: '2026-09-05', value: 5 }], ...extra });
  assert.deepEqual(plt(49.9), [], 'compared with the latest earlier result (10)');
  const five = plt(50);
  assert.deepEqual(five.map((f) => f.checkId), ['cross-visit.platelets-fold']);
  assert.equal(five[0].params.fold, 5);
  assert.match(five[0].message.en, /5-fold since 2026-09-08/);
  assert.deepEqual(plt(50, { transfusions: [{ givenOn: '2026-09-09', product: 'platelets' }] }), []);
});
