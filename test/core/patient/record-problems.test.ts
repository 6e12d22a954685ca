// Record problems and limit sources read in the reader's language: every code has English and
// Chinese text, the Chinese has no stray English, and the FHIR reader's English messages are the
// rendering of the same data it returns.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { patientFactsFromFhir } from '../../../src/core/patient/fhir.ts';
import { recordProblem, renderRecordProblem, type RecordProblem } from '../../../src/core/patient/record-problems.ts';
import { renderLimitBasis, type LimitBasis } from '../../../src/core/patient/limit-basis.ts';
import { resolveLimit } from '../../../src/core/patient/limits.ts';
import { disallowedLatin } from '../../support/latin.ts';

const PLATELETS = { en: 'platelet count', zh: '血小板计数' };
const ECOG = { en: 'ECOG performance status', zh: 'ECOG体能状态评分' };

const EVERY_CODE: RecordProblem[] = [
  recordProblem('date.invalid', { value: '"03/01/2026"' }),
  recordProblem('date.afterScreening', { value: '2026-04-01', asOf: '2026-03-01' }),
  recordProblem('coding.unknownSystem', { seen: ['http://example.org/local'] }),
  recordProblem('coding.unknownSystem', { seen: [] }),
  recordProblem('patient.duplicate', {}),
  recordProblem('patient.missing', {}),
  recordProblem('patient.badGender', { value: '"f"' }),
  recordProblem('patient.noBirthDate', {}),
  recordProblem('medication.byReference', {}),
  recordProblem('medication.noCode', {}),
  recordProblem('observation.noDate', { label: PLATELETS }),
  recordProblem('score.noDate', { scale: ECOG }),
  recordProblem('score.notAGrade', { scale: ECOG, grades: ['0', '1', '2', '3', '4', '5'] }),
  recordProblem('state.unknownAnswer', { state: 'pregnant' }),
  recordProblem('value.notANumber', { value: '"high"' }),
  recordProblem('value.notNumberWithUnit', { value: '"many"' }),
  recordProblem('value.expectedQuantity', { label: PLATELETS }),
  recordProblem('value.missing', { label: PLATELETS }),
  recordProblem('unit.missing', { label: PLATELETS, unit: '10*9/L' }),
  recordProblem('unit.unknown', { unit: 'bananas', label: PLATELETS, expected: '10*9/L' }),
  recordProblem('unit.incompatible', { unit: 'mg/dL', label: PLATELETS, expected: '10*9/L' }),
  recordProblem('value.implausible', { value: '-5', unit: '10*9/L', label: PLATELETS, min: 0, max: 5000, expectedUnit: '10*9/L' }),
  recordProblem('range.badUpperLimit', { value: 0 }),
  recordProblem('result.unrecognised', { label: { en: 'HBsAg', zh: '乙肝表面抗原' } }),
];

test('every record problem reads in English and in Chinese, with no English left in the Chinese', () => {
  for (const problem of EVERY_CODE) {
    const en = renderRecordProblem(problem, 'en');
    const zh = renderRecordProblem(problem, 'zh');
    assert.ok(en.length > 0 && zh !== en, problem.code);
    assert.match(zh, /[\u4e00-\u9fff]/, `${problem.code}: ${zh}`);
    // Values quoted from the record ("bananas", "f") are the record's own text, as is a code system URL.
    const stray = disallowedLatin(zh.replace(/"[^"]*"/g, ' ').replace(/https?:\S+/g, ' '));
    assert.deepEqual(stray, [], `${problem.code}: ${zh}`);
  }
});

test('the FHIR reader returns each problem as data whose English rendering is its message', () => {
  const bundle = {
    resourceType: 'Bundle',
    type: 'collection',
    entry: [
      { resource: { resourceType: 'Patient', id: 'p', gender: 'f' } },
      { resource: { resourceType: 'Observation', id: 'plt', status: 'final', code: { coding: [{ system: 'http://loinc.org', code: '777-3' }] }, effectiveDateTime: '2026-02-01', valueQuantity: { value: -5, unit: '10*9/L', system: 'http://unitsofmeasure.org', code: '10*9/L' } } },
      { resource: { resourceType: 'Observation', id: 'hb', status: 'final', code: { coding: [{ system: 'http://loinc.org', code: '718-7' }] }, effectiveDateTime: '2026-02-01', valueQuantity: { value: 9, unit: 'bananas' } } },
    ],
  };
  const facts = patientFactsFromFhir(bundle, { asOf: '2026-03-01' });
  const codes = facts.problems.map((problem) => problem.detail.code).sort();
  assert.deepEqual(codes, ['patient.badGender', 'patient.noBirthDate', 'unit.unknown', 'value.implausible']);
  for (const problem of facts.problems) {
    assert.equal(problem.message.endsWith(renderRecordProblem(problem.detail, 'en')), true, problem.message);
    assert.ok(problem.message.startsWith(problem.resource), problem.message);
  }
  const implausible = facts.problems.find((problem) => problem.detail.code === 'value.implausible');
  assert.match(implausible?.message ?? '', /Observation\/plt valueQuantity\.value: -5 10\*9\/L is not a possible platelet count: expected 0–\d+ 10\*9\/L; the value is not used/);
});

test('a limit names its source in both languages: the result, the site (band, date in force) or the default (cited)', () => {
  const bases: LimitBasis[] = [
    { source: 'observation' },
    { source: 'observation', text: '125-350' },
    { source: 'site', siteId: 'QL01', band: { sex: 'male', ageFrom: 18, ageTo: 60 }, effectiveFrom: '2025-01-01' },
    { source: 'default', reference: 'WS/T 405-2012', band: { sex: 'any' } },
  ];
  assert.equal(renderLimitBasis(bases[2], 'en'), 'site QL01 range (male, 18–59 y, in force from 2025-01-01)');
  assert.equal(renderLimitBasis(bases[2], 'zh'), '本中心 QL01 参考范围（男，18–59 岁，2025-01-01 起生效）');
  assert.equal(renderLimitBasis(bases[3], 'zh'), '默认参考范围《WS/T 405-2012》（男女）');
  for (const basis of bases) assert.deepEqual(disallowedLatin(renderLimitBasis(basis, 'zh')), [], renderLimitBasis(basis, 'zh'));

  const fact = { analyte: 'hemoglobin', value: 100, unit: 'g/L', recorded: { value: 100, unit: 'g/L' }, date: '2026-02-01', source: 'Observation/hb' };
  const limit = resolveLimit(fact, 'low', { sex: 'female', birthDate: '1980-01-01' });
  assert.equal(limit?.source, 'default');
  assert.equal(limit?.detail, renderLimitBasis(limit!.basis, 'en'));
  assert.match(limit?.detail ?? '', /^Eligo default: WS\/T 405-2012 \(female/);
});
