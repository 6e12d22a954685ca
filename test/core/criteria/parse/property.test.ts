// Properties that must hold for any input: the parser never throws, every span lies inside the input,
// and every criterion's and unparsed part's text is exactly the input at its span. Tried on arbitrary
// Unicode, on criteria-like token soup, and on real criteria texts with random edits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseCriteria } from '../../../../src/core/criteria/parse/index.ts';
import type { Rule, Span } from '../../../../src/core/criteria/rules.ts';
import { SHARED_DIR } from '../../../support/shared.ts';

function checkSpans(text: string): void {
  const result = parseCriteria(text);
  const inside = (span: Span, where: string) => {
    assert.ok(Number.isInteger(span[0]) && Number.isInteger(span[1]), `${where}: span ${span} is not integer`);
    assert.ok(span[0] >= 0 && span[0] <= span[1] && span[1] <= text.length, `${where}: span ${span} outside [0, ${text.length}]`);
  };
  for (const criterion of result.criteria) {
    inside(criterion.span, criterion.id);
    assert.equal(criterion.text, text.slice(criterion.span[0], criterion.span[1]));
    for (const part of criterion.unparsed) {
      inside(part.span, `${criterion.id} unparsed`);
      assert.equal(part.text, text.slice(part.span[0], part.span[1]));
      assert.ok(part.span[0] >= criterion.span[0] && part.span[1] <= criterion.span[1], 'unparsed text lies inside its criterion');
    }
    const visit = (rule: Rule) => {
      assert.ok(rule.span, `${criterion.id}: a ${rule.type} rule without a span`);
      inside(rule.span, `${criterion.id} ${rule.type}`);
      if ('comparison' in rule) assert.ok(rule.comparison.span, `${criterion.id}: a comparison without a span`);
      if ('comparison' in rule && rule.comparison.span) inside(rule.comparison.span, `${criterion.id} comparison`);
      if ('comparison' in rule) assert.ok(Number.isFinite(rule.comparison.value), 'comparison values are finite numbers');
      if (rule.type === 'all' || rule.type === 'any') rule.rules.forEach(visit);
      if (rule.type === 'not') visit(rule.rule);
    };
    criterion.rules.forEach(visit);
  }
}

const TOKENS = [
  'Inclusion Criteria:', 'Exclusion Criteria:', '\n', '\n  1. ', '\n  - ', '\n\n', ' ', ' ', 'ALT', 'AST', 'TBIL', 'creatinine', 'ANC', 'platelets', 'Hb', 'LVEF', 'ECOG', 'NYHA', 'age', 'aged',
  'years', 'months', '≤', '≥', '<', '>', '=', '=<', '>/=', 'at least', 'no more than', 'or older', 'between', 'and', 'or', 'to', '-', '~', '×', 'x', 'ULN', 'times the upper limit of normal',
  '10^9/L', '10(9)/L', '/mm3', 'g/dL', 'mg/dl', '%', 'mmHg', '1.5', '2.5', '18', '65', '100,000', '1×10^3', '０', '１', '．', '，', '、', '：', '（', '）', 'Ⅲ', 'IV', 'III', '<br>', '&lt;', '&ge;', '**',
  '\\>', 'within', 'in the past', 'no', 'not', 'without', 'pregnant', 'HBsAg', 'negative', 'positive', 'HIV', 'other than', 'malignancy', '.', ';', ',', '(', ')', '140/90',
];

test('never throws and keeps spans inside arbitrary Unicode input', () => {
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), checkSpans), { numRuns: 400 });
  fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), checkSpans), { numRuns: 200 });
});

test('never throws and keeps spans inside criteria-like token soup', () => {
  const soup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 120 }).map((tokens) => tokens.join(''));
  fc.assert(fc.property(soup, checkSpans), { numRuns: 500 });
});

test('never throws and keeps spans inside real criteria with random edits', () => {
  const directory = join(SHARED_DIR, 'data', 'lct-dev');
  const documents = readdirSync(directory).filter((name) => name.endsWith('.txt')).sort().slice(0, 60).map((name) => readFileSync(join(directory, name), 'utf8'));
  const edit = fc.record({
    at: fc.nat(),
    remove: fc.nat({ max: 20 }),
    insert: fc.oneof(fc.constantFrom(...TOKENS), fc.string({ unit: 'binary', maxLength: 8 })),
  });
  const mutated = fc.tuple(fc.constantFrom(...documents), fc.array(edit, { maxLength: 12 })).map(([text, edits]) => {
    let result = text;
    for (const { at, remove, insert } of edits) {
      const position = result.length === 0 ? 0 : at % (result.length + 1);
      result = result.slice(0, position) + insert + result.slice(position + remove);
    }
    return result;
  });
  fc.assert(fc.property(mutated, checkSpans), { numRuns: 300 });
});
