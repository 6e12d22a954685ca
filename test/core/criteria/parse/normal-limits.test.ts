// "X within normal limits": for analytes whose reference range has only an upper limit that matters
// (bilirubin, enzymes, creatinine, urea, clotting times — WS/T 404), the parser writes ≤ 1 × ULN alone;
// for the others ≥ 1 × LLN and ≤ 1 × ULN. Each upper-limit-only analyte is listed, so dropping one fails.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCriteria } from '../../../../src/core/criteria/parse/parse.ts';

const UPPER_LIMIT_ONLY: Record<string, string> = {
  'bilirubin.total': 'Total bilirubin', 'bilirubin.direct': 'Direct bilirubin', alt: 'ALT', ast: 'AST', alp: 'Alkaline phosphatase',
  ggt: 'GGT', creatinine: 'Serum creatinine', bun: 'BUN', inr: 'INR', pt: 'Prothrombin time', aptt: 'APTT',
};

const rulesOf = (name: string) => parseCriteria(`Inclusion Criteria:\n1. ${name} within normal limits`).criteria[0].rules;
const limits = (rule: unknown): unknown => {
  const r = rule as { type: string; analyte?: string; comparison?: { op: string; value: number; unit: string }; rules?: unknown[] };
  return r.type === 'observation' ? [r.analyte, r.comparison!.op, r.comparison!.value, r.comparison!.unit] : r.rules!.map(limits);
};

test('an upper-limit-only analyte within normal limits is ≤ 1 × ULN, with no lower limit', () => {
  for (const [key, name] of Object.entries(UPPER_LIMIT_ONLY)) assert.deepEqual(rulesOf(name).map(limits), [[key, '<=', 1, 'xULN']], key);
});

test('an analyte with a meaningful lower limit within normal limits is between LLN and ULN', () => {
  for (const [key, name] of [['hemoglobin', 'Hemoglobin'], ['platelets', 'Platelet count'], ['albumin', 'Albumin']]) {
    assert.deepEqual(rulesOf(name).map(limits), [[[key, '>=', 1, 'xLLN'], [key, '<=', 1, 'xULN']]], key);
  }
});
