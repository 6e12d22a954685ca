// Disease assessment derivation: the CBC window's edges, the baseline, transfusion independence at the
// edge of each scheme's window, G-CSF and transfusion context said in the reason, units, unknown schemes.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { EligoError } from '../../src/core/problems.ts';
import { checkTimePoint, deriveAssessment, type AssessmentData, type LabPoint } from '../../src/core/study/disease-assessment.ts';

const cbc = (collectedOn: string, counts: { hb: number; anc: number; platelets: number; reticulocytes?: number }, extra: Partial<LabPoint> = {}): LabPoint[] => [
  { analyte: 'hemoglobin', collectedOn, value: counts.hb, unit: 'g/L', ...extra },
  { analyte: 'anc', collectedOn, value: counts.anc, unit: '10*9/L', ...extra },
  { analyte: 'platelets', collectedOn, value: counts.platelets, unit: '10*9/L', ...extra },
  ...(counts.reticulocytes === undefined ? [] : [{ analyte: 'reticulocytes', collectedOn, value: counts.reticulocytes, unit: '10*9/L', method: 'automated' as const, ...extra }]),
];
const SEVERE_BASELINE = cbc('2026-08-30', { hb: 62, anc: 0.3, platelets: 9, reticulocytes: 15 }, { isBaseline: true });
const base = (labs: LabPoint[], extra: Partial<AssessmentData> = {}): AssessmentData => ({
  timePoint: 'month-3', assessedOn: '2026-12-01', dayZero: '2026-09-01', labs: [...SEVERE_BASELINE, ...labs], transfusions: [], marrow: [], sex: 'female', age: 36, ...extra,
});

describe('disease assessment: the CBC used', () => {
  test('the latest CBC within 7 days before the assessment: on the window start it is used, a day earlier it is not', () => {
    const onEdge = deriveAssessment(base(cbc('2026-11-24', { hb: 130, anc: 2.0, platelets: 180, reticulocytes: 60 })));
    assert.equal(onEdge.counts?.date, '2026-11-24');
    assert.equal(onEdge.window.from, '2026-11-24');
    assert.equal(onEdge.severity.severity, 'NSAA');
    assert.equal(onEdge.response?.response, 'complete');
    const outside = deriveAssessment(base(cbc('2026-11-23', { hb: 130, anc: 2.0, platelets: 180 })));
    assert.equal(outside.counts, null);
    assert.equal(outside.severity.severity, null);
    assert.match(outside.severity.reason, /no CBC with ANC and platelets from 2026-11-24 to 2026-12-01/);
    assert.equal(outside.response?.response, null);
  });

  test('the later of two CBCs in the window; one after the assessment date is ignored', () => {
    const derived = deriveAssessment(base([...cbc('2026-11-26', { hb: 90, anc: 0.8, platelets: 40 }), ...cbc('2026-11-30', { hb: 95, anc: 0.9, platelets: 45 }), ...cbc('2026-12-02', { hb: 140, anc: 3, platelets: 200 })]));
    assert.equal(derived.counts?.date, '2026-11-30');
    assert.equal(derived.counts?.anc.value, 0.9);
  });

  test('the baseline: rows flagged as baseline, else the last CBC on or before day 0 (said)', () => {
    const flagged = deriveAssessment(base(cbc('2026-11-30', { hb: 95, anc: 0.9, platelets: 45 })));
    assert.equal(flagged.baseline?.basis, 'flagged');
    const unflagged = deriveAssessment({ ...base(cbc('2026-11-30', { hb: 95, anc: 0.9, platelets: 45 })), labs: [...cbc('2026-08-20', { hb: 60, anc: 0.4, platelets: 10 }), ...cbc('2026-08-31', { hb: 61, anc: 0.3, platelets: 8 }), ...cbc('2026-11-30', { hb: 95, anc: 0.9, platelets: 45 })] });
    assert.equal(unflagged.baseline?.date, '2026-08-31');
    assert.equal(unflagged.baseline?.basis, 'last-before-day-0');
    assert.match(unflagged.response?.reason ?? '', /last CBC on or before day 0/);
  });

  test('units: Hb entered in g/dL is converted before classification', () => {
    const labs: LabPoint[] = [{ analyte: 'hemoglobin', collectedOn: '2026-11-30', value: 13.0, unit: 'g/dL' }, { analyte: 'anc', collectedOn: '2026-11-30', value: 2000, unit: '/uL' }, { analyte: 'platelets', collectedOn: '2026-11-30', value: 180, unit: '10*3/uL' }];
    const derived = deriveAssessment(base(labs));
    assert.equal(derived.response?.response, 'complete', derived.response?.reason);
    assert.match(derived.response?.reason ?? '', /Hb 130/);
  });
});

describe('disease assessment: transfusion independence over the scheme window', () => {
  const partial = cbc('2026-11-30', { hb: 95, anc: 0.9, platelets: 45, reticulocytes: 70 });
  for (const [scheme, edge, before] of [['bsh-2016', '2026-10-06', '2026-10-05'], ['ebmt-race', '2026-10-06', '2026-10-05'], ['chinese', '2026-09-01', '2026-08-31']] as const) {
    test(`${scheme}: a transfusion on the window's first day breaks independence, one a day earlier does not`, () => {
      const inside = deriveAssessment(base(partial, { responseScheme: scheme, transfusions: [{ date: edge, product: 'RBC', units: 2 }] }));
      assert.equal(inside.response?.transfusionIndependent, false, inside.response?.reason);
      const outside = deriveAssessment(base(partial, { responseScheme: scheme, transfusions: [{ date: before, product: 'RBC', units: 2 }] }));
      assert.equal(outside.response?.transfusionIndependent, true, outside.response?.reason);
    });
  }
  test('bsh-2016: severe at baseline, no longer severe and independent → partial; transfused within 56 days → none', () => {
    assert.equal(deriveAssessment(base(partial)).response?.response, 'partial');
    const transfused = deriveAssessment(base(partial, { transfusions: [{ date: '2026-11-10', product: 'platelets', units: 1 }] }));
    assert.equal(transfused.response?.response, 'none');
    assert.match(transfused.response?.reason ?? '', /not transfusion independent/);
  });
});

describe('disease assessment: context and ambiguity in the reason', () => {
  test('counts under G-CSF are used and the reason says so', () => {
    const derived = deriveAssessment(base(cbc('2026-11-30', { hb: 130, anc: 2.0, platelets: 180, reticulocytes: 60 }, { context: { gcsf: true } })));
    assert.match(derived.severity.reason, /under G-CSF/);
    assert.match(derived.response?.reason ?? '', /under G-CSF/);
  });
  test('Hb within 14 days of an RBC transfusion and a flagged platelet count are said', () => {
    const labs = [...cbc('2026-11-30', { hb: 95, anc: 0.9, platelets: 45 }).map((row) => (row.analyte === 'platelets' ? { ...row, context: { transfusedWithinDays: 1 } } : row))];
    const derived = deriveAssessment(base(labs, { transfusions: [{ date: '2026-11-25', product: 'RBC', units: 2 }] }));
    assert.match(derived.severity.reason, /hemoglobin 5 day\(s\) after a RBC transfusion on 2026-11-25/);
    assert.match(derived.severity.reason, /platelets flagged as collected 1 day after a transfusion/);
  });
  test('sex not recorded: the response is given when it is the same for either sex, else not', () => {
    const same = deriveAssessment(base(cbc('2026-11-30', { hb: 95, anc: 0.9, platelets: 45, reticulocytes: 70 }), { sex: undefined }));
    assert.equal(same.response?.response, 'partial');
    assert.match(same.response?.reason ?? '', /sex not recorded/);
    const differs = deriveAssessment(base(cbc('2026-11-30', { hb: 118, anc: 2, platelets: 160 }), { sex: undefined, responseScheme: 'bsh-2016' }));
    assert.equal(differs.response?.response, null);
    assert.match(differs.response?.reason ?? '', /depends on the subject's sex/);
  });
});

describe('disease assessment: schemes and time points', () => {
  test('an unknown response scheme is a clear error naming it and the known ones', () => {
    assert.throws(() => deriveAssessment(base([], { responseScheme: 'camitta-2008' })), (error: unknown) => {
      assert.ok(error instanceof EligoError);
      assert.equal(error.code, 'unknown_response_scheme');
      assert.match(error.message, /camitta-2008.*bsh-2016, nih, ebmt-race, chinese/);
      return true;
    });
  });
  test('the baseline time point has a severity and no response (its scheme is not needed)', () => {
    const derived = deriveAssessment({ ...base([]), timePoint: 'baseline', assessedOn: '2026-08-31', responseScheme: 'camitta-2008' });
    assert.equal(derived.response, null);
    assert.equal(derived.severity.severity, 'SAA');
  });
  test('time points: the four standard ones and other-YYYY-MM-DD; anything else is refused naming the field', () => {
    for (const point of ['baseline', 'month-3', 'month-6', 'month-12', 'other-2026-10-15']) assert.equal(checkTimePoint(point), point);
    for (const point of ['month-9', 'other-2026-02-30', '', 3]) assert.throws(() => checkTimePoint(point), /timePoint/);
  });
});
