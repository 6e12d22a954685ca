import { test } from 'node:test';
import assert from 'node:assert/strict';
import { printRule } from '../../../src/core/criteria/print.ts';
import type { Rule } from '../../../src/core/criteria/rules.ts';

test('rules print as readable text in English and Chinese', () => {
  const tbil: Rule = { type: 'observation', analyte: 'bilirubin.total', comparison: { op: '<=', value: 1.5, unit: 'xULN' } };
  assert.equal(printRule(tbil, 'en'), 'TBIL ≤ 1.5 × ULN (most recent within 28 days)');
  assert.equal(printRule(tbil, 'zh'), '总胆红素 ≤ 1.5 × 正常值上限（28天内最近一次）');
  const age: Rule = { type: 'age', comparison: { op: 'between', value: 14, high: 60, unit: 'a' } };
  assert.equal(printRule(age, 'en'), 'age between 14 and 60 years');
  assert.equal(printRule(age, 'zh'), '年龄 14–60 岁');
  const malignancy: Rule = { type: 'condition', condition: { concept: 'malignancy', label: 'malignant tumour' }, within: { amount: 5, unit: 'a' }, except: [{ concept: 'skin-basal-cell-carcinoma', label: 'BCC' }] };
  assert.equal(printRule(malignancy, 'en'), 'diagnosis: malignant tumour within 5 years, except BCC');
  assert.equal(printRule(malignancy, 'zh'), '诊断：恶性肿瘤，5年内，不包括皮肤基底细胞癌');
  const nyha: Rule = { type: 'all', rules: [{ type: 'condition', condition: { concept: 'heart-failure', label: 'heart failure' } }, { type: 'score', scale: 'NYHA', comparison: { op: '>=', value: 3, unit: '1' } }] };
  assert.equal(printRule(nyha, 'en'), 'diagnosis: heart failure AND NYHA ≥ III');
  assert.equal(printRule({ type: 'not', rule: { type: 'pregnancy', state: 'pregnant' } }, 'zh'), '非（妊娠）');
  assert.equal(printRule({ type: 'observation', analyte: 'lvef', comparison: { op: '>=', value: 50, unit: '%' }, lookback: { amount: 90, unit: 'd' } }, 'en'), 'LVEF ≥ 50% (most recent within 90 days)');
});
