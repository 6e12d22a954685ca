// The hand-encoded seed rule sets against their source text: every numbered criterion is there,
// verbatim, with spans that point at it, and every reading of an ambiguity is recorded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ruleSetSchema, type Rule } from '../../../src/core/criteria/rules.ts';
import { printCriterion } from '../../../src/core/criteria/print.ts';

for (const nctId of ['NCT05794425', 'NCT03055078']) {
  const trial = JSON.parse(readFileSync(`data/seed-trials/${nctId}.json`, 'utf8'));
  const text: string = trial.protocolSection.eligibilityModule.eligibilityCriteria;
  const ruleSet = ruleSetSchema.parse(JSON.parse(readFileSync(`data/seed-trials/${nctId}.rules.json`, 'utf8')));

  test(`${nctId}: reviewed, and every numbered criterion of the source is encoded verbatim`, () => {
    assert.equal(ruleSet.review, 'reviewed');
    const [inclusion, exclusion] = text.split(/Exclusion Criteria:/);
    const numbered = (section: string) => [...section.matchAll(/^\d+\.\s+/gm)].length;
    assert.equal(ruleSet.criteria.filter((c) => c.kind === 'inclusion').length, numbered(inclusion));
    assert.equal(ruleSet.criteria.filter((c) => c.kind === 'exclusion').length, numbered(exclusion));
    for (const criterion of ruleSet.criteria) {
      assert.ok(criterion.span, criterion.id);
      assert.equal(text.slice(criterion.span[0], criterion.span[1]), criterion.text, criterion.id);
    }
  });

  test(`${nctId}: every rule span lies inside its criterion's span`, () => {
    for (const criterion of ruleSet.criteria) {
      const visit = (rule: Rule): void => {
        if (rule.span) assert.ok(rule.span[0] >= criterion.span![0] && rule.span[1] <= criterion.span![1], `${criterion.id} ${JSON.stringify(rule.span)}`);
        if (rule.type === 'all' || rule.type === 'any') rule.rules.forEach(visit);
        if (rule.type === 'not') visit(rule.rule);
      };
      visit(criterion.rule);
    }
  });

  test(`${nctId}: every criterion prints in English and Chinese`, () => {
    for (const criterion of ruleSet.criteria) {
      const printed = printCriterion(criterion);
      assert.ok(printed.rule.en.length > 3 && printed.rule.zh.length > 1, criterion.id);
      assert.ok(!/undefined|\[object/.test(printed.rule.en + printed.rule.zh), `${criterion.id}: ${printed.rule.en} / ${printed.rule.zh}`);
    }
  });
}

test('the ambiguous readings the issue names are recorded', () => {
  const multi = ruleSetSchema.parse(JSON.parse(readFileSync('data/seed-trials/NCT05794425.rules.json', 'utf8')));
  const inc2 = printCriterion(multi.criteria.find((c) => c.id === 'inc-2')!);
  assert.ok(inc2.ambiguities.some((a) => /both ALT and AST must be ≤ 2\.5×ULN/.test(a)));
  const exc4 = multi.criteria.find((c) => c.id === 'exc-4')!;
  assert.equal(exc4.kind, 'exclusion');
  assert.match(JSON.stringify(exc4.rule), /"type":"confirm"/);
});

/** Every leaf rule of a criterion, with the source words its span points at. */
function leaves(rule: Rule, text: string, out: Array<{ rule: Rule; words?: string }> = []): Array<{ rule: Rule; words?: string }> {
  if (rule.type === 'all' || rule.type === 'any') rule.rules.forEach((child) => leaves(child, text, out));
  else if (rule.type === 'not') leaves(rule.rule, text, out);
  else out.push({ rule, words: rule.span ? text.slice(rule.span[0], rule.span[1]) : undefined });
  return out;
}

test('thresholds, units and the analyte of each × ULN are those of the source text', () => {
  const load = (id: string) => {
    const trial = JSON.parse(readFileSync(`data/seed-trials/${id}.json`, 'utf8'));
    return { text: trial.protocolSection.eligibilityModule.eligibilityCriteria as string, rules: ruleSetSchema.parse(JSON.parse(readFileSync(`data/seed-trials/${id}.rules.json`, 'utf8'))) };
  };
  const multi = load('NCT05794425');
  const observations = (id: string) => leaves(multi.rules.criteria.find((c) => c.id === id)!.rule, multi.text).map((leaf) => leaf.rule).filter((rule) => rule.type === 'observation');
  const limits = (id: string) => Object.fromEntries(observations(id).map((rule) => [rule.analyte, `${rule.comparison.op} ${rule.comparison.value} ${rule.comparison.unit}`]));
  assert.deepEqual(limits('inc-2'), { 'bilirubin.total': '<= 1.5 xULN', alt: '<= 2.5 xULN', ast: '<= 2.5 xULN', alp: '<= 3 xULN', creatinine: '<= 1.5 xULN' });
  assert.deepEqual(limits('inc-3'), { pt: '<= 1.5 xULN', aptt: '<= 1.5 xULN', inr: '<= 1.5 xULN' });
  assert.deepEqual(limits('inc-4'), { lvef: '>= 50 %' });
  assert.deepEqual(limits('inc-5'), { 'hbv.dna': '< 1000 {copies}/mL' });
  assert.deepEqual(limits('exc-2'), { 'bp.systolic': '>= 160 mm[Hg]', 'bp.diastolic': '>= 110 mm[Hg]' });
  assert.deepEqual(limits('exc-5'), { ast: '> 3 xULN', alt: '> 3 xULN', creatinine: '> 1.5 xULN', 'bilirubin.total': '> 1.5 xULN', alp: '> 1.5 xULN' });
  // Spans point at the words of the rule they carry.
  for (const { rule, words } of leaves(multi.rules.criteria.find((c) => c.id === 'exc-2')!.rule, multi.text)) {
    if (rule.type === 'observation') assert.match(words!, rule.analyte === 'bp.systolic' ? /systolic blood pressure ≥ 160 mmHg/ : /diastolic blood pressure ≥110 mmHg/);
  }
  const phase1 = load('NCT03055078');
  const age = leaves(phase1.rules.criteria.find((c) => c.id === 'inc-2')!.rule, phase1.text)[0];
  assert.deepEqual(age.rule.type === 'age' && age.rule.comparison, { op: 'between', value: 14, high: 60, unit: 'a' });
  assert.match(age.words!, /14 to 60/);
  const onset = leaves(phase1.rules.criteria.find((c) => c.id === 'inc-3')!.rule, phase1.text)[0].rule;
  assert.deepEqual(onset.type === 'condition' && onset.onsetWithin, { amount: 6, unit: 'mo' });
  const ecog = leaves(phase1.rules.criteria.find((c) => c.id === 'inc-8')!.rule, phase1.text)[0].rule;
  assert.deepEqual(ecog.type === 'score' && [ecog.scale, ecog.comparison], ['ECOG', { op: 'between', value: 0, high: 2, unit: '1' }]);
});

test('each ambiguity the review names is recorded with the reading chosen', () => {
  const ambiguities = (id: string, criterion: string) => {
    const rules = ruleSetSchema.parse(JSON.parse(readFileSync(`data/seed-trials/${id}.rules.json`, 'utf8')));
    return printCriterion(rules.criteria.find((c) => c.id === criterion)!).ambiguities.join(' | ');
  };
  assert.match(ambiguities('NCT05794425', 'inc-2'), /effective ALP limit is 1\.5×ULN/);
  assert.match(ambiguities('NCT05794425', 'exc-5'), /stricter limit wins/);
  assert.match(ambiguities('NCT05794425', 'inc-3'), /each be ≤ 1\.5×ULN/);
  assert.match(ambiguities('NCT05794425', 'inc-3'), /anticoagulant/);
  assert.match(ambiguities('NCT05794425', 'inc-4'), /echocardiography/);
  assert.match(ambiguities('NCT05794425', 'inc-5'), /IU\/mL/);
  assert.match(ambiguities('NCT05794425', 'exc-1'), /5 years/);
  assert.match(ambiguities('NCT05794425', 'exc-2'), /NYHA class III or IV/);
  assert.match(ambiguities('NCT05794425', 'exc-6'), /unknown/);
  assert.match(ambiguities('NCT03055078', 'inc-3'), /calendar months/);
  assert.match(ambiguities('NCT03055078', 'exc-1'), /both a coded diagnosis and classified from counts/);
  assert.match(ambiguities('NCT03055078', 'exc-4'), /investigator/);
});

test('"not recorded — assumed absent" for a score is only used where it can exclude, never to admit', () => {
  for (const id of ['NCT05794425', 'NCT03055078']) {
    const rules = ruleSetSchema.parse(JSON.parse(readFileSync(`data/seed-trials/${id}.rules.json`, 'utf8')));
    for (const criterion of rules.criteria) {
      const absentScores = leaves(criterion.rule, '').filter(({ rule }) => rule.type === 'score' && rule.whenNotRecorded === 'absent');
      if (absentScores.length > 0) assert.equal(criterion.kind, 'exclusion', `${id} ${criterion.id}`);
    }
  }
});
