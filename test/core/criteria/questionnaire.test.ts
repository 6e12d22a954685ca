import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { buildQuestionnaire, questionnaireVerdict } from '../../../src/core/criteria/questionnaire.ts';
import { ruleSetSchema } from '../../../src/core/criteria/rules.ts';

const PHASE1 = ruleSetSchema.parse(JSON.parse(readFileSync('data/seed-trials/NCT03055078.rules.json', 'utf8')));
const MULTI = ruleSetSchema.parse(JSON.parse(readFileSync('data/seed-trials/NCT05794425.rules.json', 'utf8')));

test('questions come from the rules, once per fact, in English and Chinese', () => {
  const en = buildQuestionnaire(PHASE1, 'en');
  const ids = en.questions.map((q) => q.id);
  assert.equal(new Set(ids).size, ids.length);
  assert.ok(ids.includes('age'));
  assert.ok(ids.includes('condition:aplastic-anemia'));
  assert.ok(ids.includes('condition:aplastic-anemia:onset'));
  assert.ok(ids.includes('pregnant') && ids.includes('lactating'));
  assert.deepEqual(en.questions.find((q) => q.id === 'condition:aplastic-anemia')!.criteria, ['inc-1', 'inc-3', 'exc-1', 'exc-2']);
  assert.equal(en.questions.find((q) => q.id === 'condition:aplastic-anemia')!.text, 'Has a doctor told you that you have aplastic anemia?');
  assert.ok(en.teamWillCheck.some((item) => /LVEF/.test(item)));
  const zh = buildQuestionnaire(PHASE1, 'zh');
  assert.equal(zh.questions.find((q) => q.id === 'condition:aplastic-anemia')!.text, '医生是否告诉过您患有再生障碍性贫血？');
  assert.equal(zh.questions.find((q) => q.id === 'pregnant')!.text, '您目前是否怀孕？');
  assert.equal(buildQuestionnaire(MULTI, 'en').questions.find((q) => q.id === 'score:ECOG')!.options!.length, 6);
});

test('answers that fail a criterion: "probably not for you, because …"', () => {
  const verdict = questionnaireVerdict(PHASE1, { age: 45, 'condition:aplastic-anemia': 'yes', 'condition:aplastic-anemia:onset': '2025-06' }, { asOf: '2026-03-01', lang: 'en' });
  assert.equal(verdict.outcome, 'probably-not');
  assert.equal(verdict.because.length, 1);
  assert.match(verdict.because[0], /^Suffering from AA within six months — .*When was the aplastic anemia diagnosed\? — 2025-06/);
  const pregnant = questionnaireVerdict(PHASE1, { pregnant: 'yes' }, { asOf: '2026-03-01', lang: 'zh' });
  assert.equal(pregnant.outcome, 'probably-not');
  assert.match(pregnant.message, /可能不适合/);
});

test('unanswered and "not sure" never rule a study out; the next steps list what the team checks', () => {
  const verdict = questionnaireVerdict(PHASE1, { age: 45, 'condition:aplastic-anemia': 'unsure' }, { asOf: '2026-03-01', lang: 'en' });
  assert.equal(verdict.outcome, 'may-be-eligible');
  assert.match(verdict.message, /this is what the study team will check next/i);
  assert.ok(verdict.nextSteps.some((step) => /informed consent/.test(step)));
  const edge = questionnaireVerdict(PHASE1, { age: 60, 'condition:aplastic-anemia': 'yes', 'condition:aplastic-anemia:onset': '2025-09-01', sex: 'male' }, { asOf: '2026-03-01', lang: 'en' });
  assert.equal(edge.outcome, 'may-be-eligible');
  assert.equal(questionnaireVerdict(PHASE1, { age: 61 }, { asOf: '2026-03-01', lang: 'en' }).outcome, 'probably-not');
  assert.equal(questionnaireVerdict(MULTI, { 'score:ECOG': 3 }, { asOf: '2026-03-01', lang: 'en' }).outcome, 'probably-not');
});
