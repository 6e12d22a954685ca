// Chinese for the free text of rules (confirm questions, qualifiers, ambiguity notes): validated by the
// rule schema, used by the printer, the evaluator's confirm items and reasons, and the questionnaire,
// with a visibly marked English fallback where no translation exists; complete for both seed rule sets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ruleSchema, type Criterion, type Rule, type RuleSet } from '../../../src/core/criteria/rules.ts';
import { printCriterion, printRule, untranslated } from '../../../src/core/criteria/print.ts';
import { evaluateRuleSet } from '../../../src/core/criteria/evaluate.ts';
import { buildQuestionnaire } from '../../../src/core/criteria/questionnaire.ts';
import { parseCriteria, toCriterion } from '../../../src/core/criteria/parse/index.ts';
import { emptyFacts } from '../../../src/core/patient/facts.ts';
import { readSeedRuleSets } from '../../../src/eligibility/seed.ts';

const consent: Rule = { type: 'confirm', question: 'The patient has signed informed consent', zh: { question: '患者已签署知情同意书' } };
const untranslatedConfirm: Rule = { type: 'confirm', question: 'The patient lives in the study city' };
const HAN = /\p{Script=Han}/u;

function ruleSet(criteria: Criterion[]): RuleSet {
  return { nctId: 'NCT09000001', version: 1, review: 'reviewed', criteria };
}

test('the rule schema accepts zh for the free text a node has, and names the field of a translation it does not have', () => {
  assert.deepEqual(ruleSchema.parse(consent), consent);
  const observation = { type: 'observation', analyte: 'lvef', comparison: { op: '>=', value: 50, unit: '%' }, qualifier: 'by echocardiography', ambiguity: 'any method', zh: { qualifier: '经超声心动图测定', ambiguity: '任何方法' } };
  assert.equal(ruleSchema.safeParse(observation).success, true);
  const stray = ruleSchema.safeParse({ type: 'age', comparison: { op: '>=', value: 18, unit: 'a' }, zh: { question: '年满18岁' } });
  assert.equal(stray.success, false);
  assert.deepEqual(stray.error!.issues[0].path, ['zh', 'question']);
  assert.match(stray.error!.issues[0].message, /zh\.question translates a "question" this age rule does not have/);
  const empty = ruleSchema.safeParse({ ...consent, zh: { question: '  ' } });
  assert.equal(empty.success, false);
  assert.deepEqual(empty.error!.issues[0].path, ['zh', 'question']);
  const unknownKey = ruleSchema.safeParse({ ...consent, zh: { question: '是', note: '备注' } });
  assert.equal(unknownKey.success, false);
  // Nested nodes are checked too.
  assert.equal(ruleSchema.safeParse({ type: 'all', rules: [{ type: 'sex', sex: 'female', zh: { qualifier: '女' } }] }).success, false);
});

test('printRule in Chinese uses the translation; without one the English is quoted and marked, never run into the sentence', () => {
  assert.equal(printRule(consent, 'zh'), '需人工确认：患者已签署知情同意书');
  assert.equal(printRule(consent, 'en'), 'to confirm: The patient has signed informed consent');
  assert.equal(printRule(untranslatedConfirm, 'zh'), '需人工确认：“The patient lives in the study city”（英文原文，暂无中文）');
  assert.equal(untranslated('x'), '“x”（英文原文，暂无中文）');
  const lvef: Rule = { type: 'observation', analyte: 'lvef', comparison: { op: '>=', value: 50, unit: '%' }, qualifier: 'by echocardiography', zh: { qualifier: '经超声心动图测定' } };
  assert.match(printRule(lvef, 'zh'), /，经超声心动图测定/);
  assert.doesNotMatch(printRule(lvef, 'zh'), /echocardiography/);
  const { zh: _zh, ...lvefEnglishOnly } = lvef;
  assert.match(printRule(lvefEnglishOnly, 'zh'), /，“by echocardiography”（英文原文，暂无中文）/);
});

test('printCriterion gives the ambiguity notes in Chinese index for index, marking an untranslated one', () => {
  const criterion: Criterion = {
    id: 'inc-1', kind: 'inclusion', text: 'Consent',
    rule: { type: 'all', rules: [{ ...consent, ambiguity: 'read as written consent', zh: { question: '患者已签署知情同意书', ambiguity: '理解为书面知情同意' } }, { ...untranslatedConfirm, ambiguity: 'city limits' }] },
  };
  const printed = printCriterion(criterion);
  assert.deepEqual(printed.ambiguities, ['read as written consent', 'city limits']);
  assert.deepEqual(printed.ambiguitiesZh, ['理解为书面知情同意', untranslated('city limits')]);
});

test('confirm items carry questionZh when the rule has a translation, and omit it when not; the Chinese reason marks an untranslated question', () => {
  const result = evaluateRuleSet(ruleSet([
    { id: 'inc-1', kind: 'inclusion', text: 'Signed consent', rule: { ...consent, ambiguity: 'written', zh: { question: '患者已签署知情同意书', ambiguity: '书面' } } },
    { id: 'inc-2', kind: 'inclusion', text: 'Lives nearby', rule: { ...untranslatedConfirm, ambiguity: 'city limits' } },
    { id: 'inc-3', kind: 'inclusion', text: 'Both', rule: { type: 'all', rules: [consent, untranslatedConfirm] } },
  ]), emptyFacts(), { asOf: '2026-03-01' });
  assert.deepEqual(result.confirm, [
    { criterion: 'inc-1', question: 'The patient has signed informed consent', questionZh: '患者已签署知情同意书' },
    { criterion: 'inc-2', question: 'The patient lives in the study city' },
    { criterion: 'inc-3', question: 'The patient has signed informed consent', questionZh: '患者已签署知情同意书' },
    { criterion: 'inc-3', question: 'The patient lives in the study city' },
  ]);
  const [inc1, inc2, inc3] = result.criteria;
  assert.equal(inc1.reason, 'to confirm: The patient has signed informed consent');
  assert.equal(inc1.reasonZh, '需人工确认：患者已签署知情同意书');
  assert.deepEqual(inc1.ambiguitiesZh, ['书面']);
  assert.equal(inc2.reasonZh, `需人工确认：${untranslated('The patient lives in the study city')}`);
  assert.deepEqual(inc2.ambiguities, ['city limits']);
  assert.equal('ambiguitiesZh' in inc2, false, 'no translation at all: the field is absent');
  assert.equal(inc3.reasonZh, `需人工确认：患者已签署知情同意书；${untranslated('The patient lives in the study city')}`, 'half translated: the untranslated question is marked as source text');
});

test('the Chinese questionnaire lists translated confirmations in Chinese and marks untranslated ones', () => {
  const rules = ruleSet([
    { id: 'inc-1', kind: 'inclusion', text: 'Signed consent', rule: consent },
    { id: 'inc-2', kind: 'inclusion', text: 'Lives nearby', rule: untranslatedConfirm },
  ]);
  assert.deepEqual(buildQuestionnaire(rules, 'zh').teamWillCheck, ['患者已签署知情同意书', untranslated('The patient lives in the study city')]);
  assert.deepEqual(buildQuestionnaire(rules, 'en').teamWillCheck, ['The patient has signed informed consent', 'The patient lives in the study city']);
});

/** Every node of a rule tree. */
function nodes(rule: Rule): Rule[] {
  if (rule.type === 'all' || rule.type === 'any') return [rule, ...rule.rules.flatMap(nodes)];
  if (rule.type === 'not') return [rule, ...nodes(rule.rule)];
  return [rule];
}

test('both seed rule sets translate every confirm question, qualifier and ambiguity note into Chinese', () => {
  const seeds = readSeedRuleSets();
  assert.deepEqual(seeds.map((r) => r.nctId).sort(), ['NCT03055078', 'NCT05794425']);
  let translated = 0;
  for (const seed of seeds) {
    for (const criterion of seed.criteria) {
      for (const node of nodes(criterion.rule)) {
        const where = `${seed.nctId} ${criterion.id} ${node.type}`;
        if (node.type === 'confirm') assert.match(node.zh?.question ?? '', HAN, `${where}: question`);
        if (node.type === 'observation' && node.qualifier) assert.match(node.zh?.qualifier ?? '', HAN, `${where}: qualifier`);
        if (node.ambiguity) assert.match(node.zh?.ambiguity ?? '', HAN, `${where}: ambiguity`);
        translated += Object.keys(node.zh ?? {}).length;
      }
      const printed = printCriterion(criterion);
      assert.doesNotMatch(printed.rule.zh, /英文原文/, `${seed.nctId} ${criterion.id}: ${printed.rule.zh}`);
      for (const note of printed.ambiguitiesZh) assert.doesNotMatch(note, /英文原文/);
    }
  }
  assert.ok(translated >= 36, `${translated} translations`);
  const consentRule = seeds.find((r) => r.nctId === 'NCT05794425')!.criteria.find((c) => c.id === 'inc-8')!.rule;
  assert.equal(printRule(consentRule, 'zh'), '需人工确认：患者自愿参加本研究，并已签署知情同意书');
});

test("the parser's templated confirm questions carry Chinese; a question that is the criterion's own text stays English only", () => {
  const questions = (text: string) => parseCriteria(`Inclusion Criteria:\n- ${text}`).criteria.map(toCriterion).flatMap((c) => nodes(c.rule)).filter((n) => n.type === 'confirm');
  const [signed] = questions('Signed written informed consent');
  assert.equal(signed.type === 'confirm' && signed.zh?.question, '患者（或其监护人）已签署书面知情同意书。');
  const [contraception] = questions('Agree to use effective contraception during the study');
  assert.equal(contraception.type === 'confirm' && contraception.zh?.question, '患者按研究方案要求采取有效避孕措施。');
  const [judgement] = questions('In the opinion of the investigator, the patient can tolerate the treatment');
  assert.equal(judgement.type === 'confirm' && judgement.zh?.question, '经研究者判断，患者符合本条标准所述情况。');
  const cited = questions('Diagnosis of AA according to established criteria in 2010').find((n) => n.type === 'confirm' && /criteria cited/.test(n.question));
  assert.ok(cited && cited.type === 'confirm');
  assert.match(cited.zh?.question ?? '', /^诊断符合原文所引用的标准：“according to established criteria in 2010”。$/);
  // Nothing the parser reads: the whole criterion becomes the question, in its own (source) language.
  const [verbatim] = questions('Patients must be enthusiastic about gardening');
  assert.equal(verbatim.type === 'confirm' && verbatim.question, 'Patients must be enthusiastic about gardening');
  assert.equal(verbatim.zh, undefined);
  assert.match(printRule(verbatim, 'zh'), /^需人工确认：“Patients must be enthusiastic about gardening”（英文原文，暂无中文）$/);
});
