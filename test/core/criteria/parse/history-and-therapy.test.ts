// Diagnoses, therapies and procedures with their qualifiers, windows and negations; confirmations a person
// must give; the conditional pregnancy test. Each construct with a reading that must be made and one that must not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCriteria } from '../../../../src/core/criteria/parse/index.ts';
import type { Rule } from '../../../../src/core/criteria/rules.ts';
import { conceptById, conceptCodes } from '../../../../src/core/clinical/tables/conditions.ts';
import { MEDICATION_CONCEPTS } from '../../../../src/core/clinical/tables/medications.ts';
import { PROCEDURE_CONCEPTS } from '../../../../src/core/clinical/tables/procedures.ts';
import { evaluateRuleSet } from '../../../../src/core/criteria/evaluate.ts';
import { emptyFacts } from '../../../../src/core/patient/facts.ts';

/** The rules of a one-criterion text, without spans, for comparing shapes. */
function rulesOf(kind: 'Inclusion' | 'Exclusion', criterion: string): { status: string; rules: unknown[]; unparsed: string[] } {
  const [parsed] = parseCriteria(`${kind} Criteria:\n- ${criterion}`).criteria;
  return { status: parsed.status, rules: JSON.parse(JSON.stringify(parsed.rules, (key, value) => (key === 'span' ? undefined : value))), unparsed: parsed.unparsed.map((part) => part.text) };
}

const condition = (concept: string, extra: Record<string, unknown> = {}) => ({ type: 'condition', condition: { concept, label: conceptById(concept)!.label.en }, ...extra });
const medication = (concept: string, extra: Record<string, unknown> = {}) => ({ type: 'medication', medication: { concept, label: conceptById(concept)!.label.en }, ...extra });
const procedure = (concept: string, extra: Record<string, unknown> = {}) => ({ type: 'procedure', procedure: { concept, label: conceptById(concept)!.label.en }, ...extra });

test('the medication and procedure tables are concepts the evaluator can look up, each with codes', () => {
  for (const concept of [...MEDICATION_CONCEPTS, ...PROCEDURE_CONCEPTS]) {
    assert.equal(conceptById(concept.id), concept);
    assert.ok(conceptCodes(concept.id).length > 1, concept.id);
  }
  assert.ok(conceptCodes('chemotherapy').some((code) => code.system === 'http://www.whocc.no/atc' && code.code === 'L01A' && code.prefix));
  assert.ok(!conceptCodes('live-vaccine').some((code) => code.code === 'J07BK03'), 'recombinant zoster vaccine is not live');
});

test('diagnoses from the larger table, with "history of", windows and negation in either kind of criterion', () => {
  assert.deepEqual(rulesOf('Exclusion', 'Known brain metastases').rules, [condition('brain-metastases')]);
  assert.deepEqual(rulesOf('Exclusion', 'History of stroke within 6 months').rules, [condition('stroke', { within: { amount: 6, unit: 'mo' } })]);
  assert.deepEqual(rulesOf('Inclusion', 'No history of stroke').rules, [{ type: 'not', rule: condition('stroke') }]);
  assert.deepEqual(rulesOf('Exclusion', 'Type 2 diabetes mellitus').rules, [condition('diabetes.type2')]);
  assert.deepEqual(rulesOf('Exclusion', 'Insulin-dependent diabetes').rules, [condition('diabetes.type1')]);
  assert.deepEqual(rulesOf('Exclusion', 'Breast cancer').rules, [condition('breast-cancer')]);
  // A relative's diagnosis, diabetes insipidus and gestational diabetes are not the patient's diabetes.
  assert.deepEqual(rulesOf('Exclusion', 'Family history of seizures').rules, []);
  assert.deepEqual(rulesOf('Exclusion', 'Diabetes insipidus').rules, []);
  assert.deepEqual(rulesOf('Exclusion', 'Gestational diabetes').rules, []);
});

test('a window after a list closes every item of it', () => {
  const { rules } = rulesOf('Exclusion', 'Stroke, myocardial infarction or unstable angina within 6 months');
  const six = { within: { amount: 6, unit: 'mo' } };
  assert.deepEqual(rules, [{ type: 'any', rules: [condition('stroke', six), condition('myocardial-infarction', six), condition('unstable-angina', six)] }]);
});

test('qualifiers a record does not code are asked of a person, the diagnosis itself read from the record', () => {
  const { status, rules } = rulesOf('Exclusion', 'Uncontrolled hypertension');
  assert.equal(status, 'computable');
  assert.deepEqual(rules, [{ type: 'all', rules: [condition('hypertension', { status: 'active' }), { type: 'confirm', question: 'The patient\'s hypertension is as the criterion qualifies it: "uncontrolled".', zh: { question: `患者的${conceptById('hypertension')!.label.zh}符合标准原文的限定：“uncontrolled”。` } }] }]);
  const requiring = rulesOf('Exclusion', 'Active autoimmune disease requiring systemic treatment in the past 2 years').rules as Rule[];
  assert.equal(requiring[0].type, 'all');
  assert.deepEqual((requiring[0] as { rules: Rule[] }).rules[0], condition('autoimmune-disease', { within: { amount: 2, unit: 'a' }, status: 'active' }));
  assert.deepEqual(rulesOf('Exclusion', 'Active peptic ulcer disease').rules, [condition('peptic-ulcer', { status: 'active' })]);
  // "Other malignancy": not the cancer the trial studies.
  const other = rulesOf('Exclusion', 'History of other malignancy within 5 years').rules as Rule[];
  assert.equal(other[0].type, 'all');
});

test('prior therapies: classes, windows, wash-outs, histories and what is not a therapy taken', () => {
  assert.deepEqual(rulesOf('Exclusion', 'Chemotherapy within 4 weeks prior to the first dose').rules, [medication('chemotherapy', { within: { amount: 4, unit: 'wk' } })]);
  assert.deepEqual(rulesOf('Exclusion', 'Prior chemotherapy').rules, [medication('chemotherapy', { ever: true })]);
  assert.deepEqual(rulesOf('Exclusion', 'Concurrent anticoagulants').rules, [medication('anticoagulant')]);
  assert.deepEqual(rulesOf('Exclusion', 'Investigational agent within 30 days').rules, [medication('investigational-agent', { within: { amount: 30, unit: 'd' } })]);
  assert.deepEqual(rulesOf('Exclusion', 'Live vaccine within 30 days of enrollment').rules, [medication('live-vaccine', { within: { amount: 30, unit: 'd' } })]);
  assert.deepEqual(rulesOf('Exclusion', 'Systemic corticosteroids').rules, [medication('corticosteroid.systemic')]);
  // A wash-out: none within the period, in an inclusion criterion.
  assert.deepEqual(rulesOf('Inclusion', 'At least 4 weeks since prior radiotherapy').rules, [{ type: 'not', rule: procedure('radiotherapy', { within: { amount: 4, unit: 'wk' } }) }]);
  assert.deepEqual(rulesOf('Inclusion', 'Prior chemotherapy must be completed at least 4 weeks before enrollment').rules, [{ type: 'not', rule: medication('chemotherapy', { within: { amount: 4, unit: 'wk' } }) }]);
  // Not a therapy taken: inhaled steroids, an allergy, a dose limit, a response, a plan, an exception.
  assert.deepEqual(rulesOf('Exclusion', 'Inhaled steroids').rules, []);
  assert.deepEqual(rulesOf('Exclusion', 'Known allergy to investigational drug').rules, [{ type: 'confirm', question: 'The patient has a known hypersensitivity or contraindication to the study treatment.', zh: { question: '患者已知对研究治疗过敏或存在禁忌。' } }]);
  assert.deepEqual(rulesOf('Exclusion', 'Chronic steroid therapy > 5 mg/day').rules, []);
  assert.deepEqual(rulesOf('Inclusion', 'Hemoglobin < 9 g/dL despite transfusion').rules.length, 1);
  assert.deepEqual(rulesOf('Inclusion', 'No concurrent corticosteroids, except for stable doses of prednisone').rules, []);
  assert.deepEqual(rulesOf('Exclusion', 'Anthracycline antibiotics').rules, []);
  // A duration the window patterns cannot read leaves the therapy for a reviewer rather than reading "ever".
  assert.deepEqual(rulesOf('Exclusion', 'Radiotherapy 2 weeks after the last dose').rules, []);
  // "Prior chest radiotherapy": the site narrows it, so a person confirms; under a negation too far to read safely, it is left.
  const chest = rulesOf('Exclusion', 'Prior chest radiotherapy').rules as Rule[];
  assert.deepEqual(chest, [{ type: 'all', rules: [procedure('radiotherapy'), { type: 'confirm', question: 'The procedure matches the criterion as written: "chest radiotherapy".', zh: { question: '该治疗或操作与标准原文所述相符：“chest radiotherapy”。' } }] }]);
  assert.deepEqual(rulesOf('Inclusion', 'No prior chest radiotherapy').rules, []);
});

test('negation is read only close to the diagnosis; an exclusion phrased as "may not have" is left for review', () => {
  assert.deepEqual(rulesOf('Exclusion', 'Has undergone major surgery within 2 weeks or has not recovered from such surgery').rules.length, 1);
  assert.deepEqual(rulesOf('Exclusion', 'Patients may not have had prior chemotherapy').rules, []);
  assert.deepEqual(rulesOf('Exclusion', 'No history of epilepsy').rules, [{ type: 'not', rule: condition('epilepsy') }]);
  assert.deepEqual(rulesOf('Inclusion', 'Patients with brain metastases must have completed radiotherapy').rules.some((rule) => JSON.stringify(rule).includes('brain-metastases')), false);
  assert.deepEqual(rulesOf('Exclusion', 'If subject received major surgery, they must have recovered').rules, []);
});

test('criteria only a person can establish become confirm rules, negated where the text denies them', () => {
  const consent = rulesOf('Inclusion', 'Ability to understand and the willingness to sign a written informed consent document');
  assert.equal(consent.status, 'computable');
  assert.deepEqual(consent.rules, [{ type: 'confirm', question: 'The patient (or guardian) has given written informed consent.', zh: { question: '患者（或其监护人）已签署书面知情同意书。' } }]);
  assert.deepEqual(rulesOf('Exclusion', 'Inability to comply with study procedures').rules, [{ type: 'confirm', question: 'The patient is unable or unwilling to comply with the study procedures.', zh: { question: '患者不能或不愿遵守研究方案规定的各项程序。' } }]);
  assert.deepEqual(rulesOf('Exclusion', 'Incapable of providing informed consent').rules, [{ type: 'confirm', question: 'The patient (or guardian) cannot or will not give informed consent.', zh: { question: '患者（或其监护人）不能或不愿签署知情同意书。' } }]);
  assert.deepEqual(rulesOf('Inclusion', 'Able to swallow tablets').rules, [{ type: 'confirm', question: 'The patient is able to swallow oral medication.', zh: { question: '患者能够吞服口服药物。' } }]);
  // Consent as a point in time is not a fact to confirm; having consented never excludes.
  const anchor = rulesOf('Exclusion', 'Investigational drug within 30 days prior to signing informed consent').rules;
  assert.ok(!JSON.stringify(anchor).includes('informed consent'));
});

test('"women of childbearing potential must have a negative pregnancy test" is a conditional', () => {
  const { status, rules } = rulesOf('Inclusion', 'Women of childbearing potential must have a negative serum pregnancy test within 7 days prior to registration');
  assert.equal(status, 'computable');
  const [rule] = rules as Array<Rule & { ambiguity?: string }>;
  assert.equal(rule.type, 'any');
  assert.match(rule.ambiguity ?? '', /conditional/);
  assert.deepEqual((rule as { rules: Rule[] }).rules, [
    { type: 'not', rule: { type: 'confirm', question: 'The patient is a woman of childbearing potential.', zh: { question: '患者为有生育能力的女性。' } } },
    { type: 'qualitative', analyte: 'pregnancy.test', result: 'negative', lookback: { amount: 7, unit: 'd' } },
  ]);
  // Without the qualifier, a plain test.
  assert.deepEqual(rulesOf('Inclusion', 'Negative pregnancy test').rules, [{ type: 'qualitative', analyte: 'pregnancy.test', result: 'negative' }]);
});

test('the evaluator reads a medication history ("ever") apart from current use', () => {
  const facts = emptyFacts();
  facts.medications.push({ codings: [{ system: 'http://www.whocc.no/atc', code: 'L01XA01' }], label: 'cisplatin', current: false, start: '2024-01-10', end: '2024-04-01', source: { resource: 'MedicationStatement/1' } } as never);
  const screen = (rule: Rule) => evaluateRuleSet({ nctId: 'NCT00000001', version: 1, review: 'unreviewed', criteria: [{ id: 'exc-1', kind: 'exclusion', text: 'chemo', rule }] }, facts, { asOf: '2026-01-01' }).criteria[0].status;
  const chemotherapy = { concept: 'chemotherapy', label: 'cytotoxic chemotherapy' };
  assert.equal(screen({ type: 'medication', medication: chemotherapy, ever: true }), 'fail');
  assert.equal(screen({ type: 'medication', medication: chemotherapy }), 'pass');
  assert.equal(screen({ type: 'medication', medication: chemotherapy, within: { amount: 4, unit: 'wk' } }), 'pass');
});

test('a wash-out covers every therapy it lists; a window closes the list items of its own kind only', () => {
  const { rules } = rulesOf('Inclusion', 'At least 4 weeks since prior immunotherapy, radiotherapy, or surgery');
  const four = { within: { amount: 4, unit: 'wk' } };
  assert.deepEqual(rules, [{ type: 'all', rules: [{ type: 'not', rule: procedure('radiotherapy', four) }, { type: 'not', rule: procedure('surgery', four) }] }]);
  assert.deepEqual(rulesOf('Inclusion', 'No stroke or myocardial infarction').rules, [{ type: 'all', rules: [{ type: 'not', rule: condition('stroke') }, { type: 'not', rule: condition('myocardial-infarction') }] }]);
  const mixed = rulesOf('Exclusion', 'Diagnosed with immunodeficiency or receiving systemic steroid therapy within 7 days').rules;
  assert.ok(JSON.stringify(mixed).includes('{"type":"condition","condition":{"concept":"immunodeficiency","label":"immunodeficiency"}}'), 'the diagnosis keeps no 7-day window');
});

test('a therapy dropped for a far negation leaves its words unparsed rather than hidden', () => {
  const { status, unparsed } = rulesOf('Inclusion', 'No concurrent combination antiretroviral therapy for HIV-positive patients');
  assert.notEqual(status, 'computable');
  assert.ok(unparsed.some((part) => /antiretroviral/.test(part)));
});

test('durations of treatment, headings, points in time and wash-outs under Exclusion are not read as therapy facts', () => {
  // "for at least 12 weeks prior to screening" is how long insulin was taken, not a wash-out.
  assert.ok(!JSON.stringify(rulesOf('Inclusion', 'Pre-treated with insulin for at least 12 weeks prior to screening').rules).includes('"type":"not"'));
  assert.deepEqual(rulesOf('Inclusion', 'Myelosuppressive chemotherapy: patients must not have received it within 3 weeks').rules, []);
  assert.deepEqual(rulesOf('Exclusion', 'Changes in eating habits within 30 days prior to the first dose of investigational product').rules, []);
  assert.deepEqual(rulesOf('Exclusion', 'Patients with brain metastases must be stable for at least 2 weeks from completion of radiotherapy').rules, []);
  assert.deepEqual(rulesOf('Inclusion', 'No ongoing or active infection').rules, [{ type: 'not', rule: condition('infection', { status: 'active' }) }]);
  const lines = rulesOf('Exclusion', 'More than 1 (arm A) or 3 (arm B) prior cytotoxic chemotherapy regimen').rules as Rule[];
  assert.equal(lines[0].type, 'all');
});

test('allergies named after the drug, intolerance, current treatment and windows over mixed lists', () => {
  assert.deepEqual(rulesOf('Exclusion', 'Aspirin, ticagrelor or clopidogrel allergies').rules, []);
  assert.deepEqual(rulesOf('Inclusion', 'Refuse or cannot tolerate chemotherapy').rules, []);
  assert.deepEqual(rulesOf('Inclusion', 'Currently being treated with insulin').rules, [medication('insulin')]);
  const mixed = rulesOf('Exclusion', 'Anti-cancer therapy, radiotherapy or chemotherapy within 3 weeks').rules;
  const three = { within: { amount: 3, unit: 'wk' } };
  const leaves = (rule: unknown): unknown[] => {
    const node = rule as { type: string; rules?: unknown[] };
    return node.type === 'any' || node.type === 'all' ? node.rules!.flatMap(leaves) : [rule];
  };
  assert.deepEqual(mixed.flatMap(leaves), [medication('antineoplastic', three), procedure('radiotherapy', three), medication('chemotherapy', three)]);
});

test('a diagnosis held for at least a time, a site in parentheses, a therapy as a point in time', () => {
  const year = rulesOf('Inclusion', 'Type 2 diabetes mellitus diagnosed at least 1 year prior to screening').rules;
  assert.deepEqual(year, [{ type: 'all', rules: [condition('diabetes.type2'), { type: 'not', rule: condition('diabetes.type2', { onsetWithin: { amount: 1, unit: 'a' } }) }] }]);
  const cns = rulesOf('Exclusion', 'Known central nervous system (CNS) lymphoma').rules as Rule[];
  assert.equal(cns[0].type, 'all');
  assert.deepEqual(rulesOf('Exclusion', 'Anticoagulation within 5 days of surgery').rules, [medication('anticoagulant', { within: { amount: 5, unit: 'd' } })]);
  assert.deepEqual(rulesOf('Exclusion', 'Symptoms of toxicity to prior antineoplastic therapies').rules, []);
});

test('the disease a treatment was for is not a diagnosis to screen on', () => {
  const lines = rulesOf('Exclusion', 'Treatment with more than one prior line of treatment for advanced NSCLC').rules;
  assert.ok(!JSON.stringify(lines).includes('lung-cancer'));
  assert.deepEqual(rulesOf('Inclusion', 'Must have recovered from the toxic effects of prior chemotherapy').rules, []);
});
