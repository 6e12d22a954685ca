// Aplastic-anaemia severity at every threshold of severity.ts (clinical-domain.md §2): blood criteria
// (2 of 3), reticulocytes by method, marrow criterion, VSAA, and counts in each unit people enter.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifySeverity, type SeverityInput } from '../../../src/core/study/severity.ts';

const c = (value: number, unit = '10*9/L') => ({ value, unit });
const severity = (input: SeverityInput) => classifySeverity(input).severity;
const marrow = { cellularity: 10 };

test('modified Camitta (default): ANC < 0.5 and platelets < 20 are met strictly below the threshold', () => {
  assert.equal(severity({ anc: c(0.49), platelets: c(19.9), ...marrow }), 'SAA');
  assert.equal(severity({ anc: c(0.5), platelets: c(19.9), reticulocytes: c(100), ...marrow }), 'NSAA');
  assert.equal(severity({ anc: c(0.49), platelets: c(20), reticulocytes: c(100), ...marrow }), 'NSAA');
  assert.equal(severity({ anc: c(0.51), platelets: c(20.1), ...marrow }), 'NSAA', 'no criterion met: NSAA even without reticulocytes');
});

test('modified Camitta reticulocytes: < 20 ×10⁹/L manual, < 60 ×10⁹/L automated; undecided between them without a method', () => {
  const base = { anc: c(0.3), platelets: c(50), ...marrow };
  assert.equal(severity({ ...base, reticulocytes: c(19.9), reticulocyteMethod: 'manual' }), 'SAA');
  assert.equal(severity({ ...base, reticulocytes: c(20), reticulocyteMethod: 'manual' }), 'NSAA');
  assert.equal(severity({ ...base, reticulocytes: c(59.9), reticulocyteMethod: 'automated' }), 'SAA');
  assert.equal(severity({ ...base, reticulocytes: c(60), reticulocyteMethod: 'automated' }), 'NSAA');
  assert.equal(severity({ ...base, reticulocytes: c(19.9) }), 'SAA', 'below both thresholds');
  assert.equal(severity({ ...base, reticulocytes: c(60) }), 'NSAA', 'at or above both thresholds');
  const undecided = classifySeverity({ ...base, reticulocytes: c(40) });
  assert.equal(undecided.severity, null);
  assert.match(undecided.reason, /method not given/);
});

test('VSAA: severe criteria and ANC < 0.2 (0.19 VSAA, 0.2 SAA); VSAA needs SAA first', () => {
  assert.equal(severity({ anc: c(0.19), platelets: c(10), ...marrow }), 'VSAA');
  assert.equal(severity({ anc: c(0.2), platelets: c(10), ...marrow }), 'SAA');
  assert.equal(severity({ anc: c(0.1), platelets: c(50), reticulocytes: c(100), ...marrow }), 'NSAA', 'ANC < 0.2 alone is not severe');
});

test('marrow: cellularity < 25 %, or 25–50 % with residual haematopoietic cells < 30 %', () => {
  const blood = { anc: c(0.3), platelets: c(10) };
  assert.equal(severity({ ...blood, cellularity: 24.9 }), 'SAA');
  assert.equal(severity({ ...blood, cellularity: 25, residualHematopoieticPercent: 29.9 }), 'SAA');
  assert.equal(severity({ ...blood, cellularity: 25, residualHematopoieticPercent: 30 }), 'NSAA');
  assert.equal(severity({ ...blood, cellularity: 50, residualHematopoieticPercent: 29 }), 'SAA');
  assert.equal(severity({ ...blood, cellularity: 50.1, residualHematopoieticPercent: 10 }), 'NSAA');
  const noResidual = classifySeverity({ ...blood, cellularity: 30 });
  assert.equal(noResidual.severity, null);
  assert.match(noResidual.reason, /residualHematopoieticPercent/);
});

test('without marrow data the classification rests on blood counts alone, and the reason says so', () => {
  const result = classifySeverity({ anc: c(0.3), platelets: c(10) });
  assert.equal(result.severity, 'SAA');
  assert.match(result.reason, /on blood counts alone \(no marrow data/);
  assert.doesNotMatch(classifySeverity({ anc: c(0.3), platelets: c(10), cellularity: 10 }).reason, /blood counts alone/);
});

test('null when too little data: one criterion met, the other two unknown or not met with reticulocytes missing', () => {
  const result = classifySeverity({ anc: c(0.3), platelets: c(50) });
  assert.equal(result.severity, null);
  assert.match(result.reason, /cannot classify: too few blood counts/);
});

test('counts in /uL, /mm3, 10*3/uL and 10*6/L', () => {
  assert.equal(severity({ anc: c(190, '/uL'), platelets: c(19_000, '/mm3'), ...marrow }), 'VSAA');
  assert.equal(severity({ anc: c(0.49, '10*3/uL'), platelets: c(19.9, '10*3/uL'), ...marrow }), 'SAA');
  assert.equal(severity({ anc: c(500, '/mm3'), platelets: c(20_000, '10*6/L'), reticulocytes: c(100), ...marrow }), 'NSAA');
  assert.equal(severity({ anc: c(0.3), platelets: c(50), reticulocytes: c(19_000, '/uL'), reticulocyteMethod: 'manual', ...marrow }), 'SAA');
  const wrong = classifySeverity({ anc: c(0.3, 'g/L'), platelets: c(10) });
  assert.equal(wrong.severity, null);
  assert.deepEqual([wrong.problem?.field, wrong.problem?.value], ['anc.unit', 'g/L']);
});

test('original Camitta: reticulocytes < 1 % (corrected); Chinese 2017: absolute < 20 whatever the method; NIH: < 60', () => {
  const base = { anc: c(0.3), platelets: c(50), ...marrow };
  assert.equal(severity({ ...base, scheme: 'camitta', reticulocytePercent: 0.99 }), 'SAA');
  assert.equal(severity({ ...base, scheme: 'camitta', reticulocytePercent: 1 }), 'NSAA');
  assert.equal(severity({ ...base, scheme: 'camitta', reticulocytes: c(10) }), null, 'Camitta needs the percentage');
  assert.equal(severity({ ...base, scheme: 'chinese-2017', reticulocytes: c(19.9), reticulocyteMethod: 'automated' }), 'SAA');
  assert.equal(severity({ ...base, scheme: 'chinese-2017', reticulocytes: c(20), reticulocyteMethod: 'automated' }), 'NSAA');
  assert.equal(severity({ ...base, scheme: 'nih', reticulocytes: c(59.9), reticulocyteMethod: 'manual' }), 'SAA');
  assert.equal(severity({ ...base, scheme: 'nih', reticulocytes: c(60) }), 'NSAA');
  assert.match(classifySeverity({ ...base, scheme: 'nih', reticulocytes: c(10) }).reason, /^severe: .*NIH usage/);
});
