// The calculators' input schemas: impossible values refused after unit conversion, each problem naming
// the field, the value and what was expected.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { firstProblem, gradeInputSchema, responseInputSchema, severityInputSchema } from '../../../src/core/study/calculator-input.ts';

function problemOf(schema: typeof gradeInputSchema | typeof severityInputSchema | typeof responseInputSchema, input: unknown) {
  const parsed = schema.safeParse(input);
  assert.equal(parsed.success, false, JSON.stringify(input));
  return firstProblem((parsed as { error: import('zod').ZodError }).error, input);
}

test('Hb bounds apply in every unit: 25 g/dL is possible, 25.1 g/dL (251 g/L) and 400 g/L are not', () => {
  assert.ok(gradeInputSchema.safeParse({ term: 'Anemia', value: 25, unit: 'g/dL' }).success);
  const high = problemOf(gradeInputSchema, { term: 'Anemia', value: 25.1, unit: 'g/dL' });
  assert.deepEqual([high.field, high.value, high.expected], ['value', 25.1, 'a possible hemoglobin: 0–250 g/L (got 251 g/L)']);
  assert.equal(problemOf(gradeInputSchema, { term: 'Anemia', value: 400, unit: 'g/L' }).field, 'value');
});

test('baseline and limits are checked too; an LLN above the ULN is refused', () => {
  assert.equal(problemOf(gradeInputSchema, { term: 'Platelet count decreased', value: 50, unit: '10*9/L', baseline: -1 }).field, 'baseline');
  const limits = problemOf(gradeInputSchema, { term: 'Alanine aminotransferase increased', value: 50, unit: 'U/L', lln: 50, uln: 40 });
  assert.deepEqual([limits.field, limits.expected], ['lln', 'an LLN not above the ULN (40)']);
  // Unknown units and terms are not refused here: the grader answers null with the reason.
  assert.ok(gradeInputSchema.safeParse({ term: 'Anemia', value: 5, unit: 'furlong' }).success);
  assert.ok(gradeInputSchema.safeParse({ term: 'Nope', value: 5, unit: 'g/L' }).success);
});

test('severity and response: negative counts, impossible percentages, bad enums and dates', () => {
  const negative = problemOf(severityInputSchema, { anc: { value: 0.3, unit: '10*9/L' }, platelets: { value: -5, unit: '10*9/L' } });
  assert.deepEqual([negative.field, negative.value, negative.expected], ['platelets.value', -5, 'a non-negative platelet count']);
  assert.equal(problemOf(severityInputSchema, { anc: { value: 0.3, unit: '10*9/L' }, platelets: { value: 5, unit: '10*9/L' }, reticulocyteMethod: 'flow' }).expected, 'manual or automated');
  const counts = { hb: { value: 90, unit: 'g/L' }, anc: { value: 1, unit: '10*9/L' }, platelets: { value: 30, unit: '10*9/L' } };
  const base = { sex: 'male', age: 30, baseline: counts, assessment: { date: '2026-06-01', ...counts }, transfusions: [] };
  assert.ok(responseInputSchema.safeParse(base).success);
  assert.equal(problemOf(responseInputSchema, { ...base, sex: 'M' }).expected, 'male or female');
  assert.equal(problemOf(responseInputSchema, { ...base, scheme: 'who' }).field, 'scheme');
  assert.equal(problemOf(responseInputSchema, { ...base, assessment: { ...base.assessment, date: '2026-02-30' } }).field, 'assessment.date');
  assert.equal(problemOf(responseInputSchema, { ...base, transfusions: [{ date: '2026-05-01', product: 'RBC', units: 0 }] }).expected, 'a positive number of units');
});
