// Segmentation, kinds, statuses and the non-numeric rules: headings of every style, nested items,
// negation, time windows, exceptions, pregnancy, serologies, consent; and bad input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCriteria, toCriterion, type ParsedCriterion } from '../../../../src/core/criteria/parse/index.ts';
import { criterionSchema, type Rule } from '../../../../src/core/criteria/rules.ts';

const texts = (criteria: ParsedCriterion[]) => criteria.map((criterion) => `${criterion.kind}: ${criterion.text.replace(/\s+/g, ' ')}`);

test('ClinicalTrials.gov headings, numbered and bulleted items, wrapped lines', () => {
  const text = `Inclusion Criteria:

  1. Age 18 years or older
  2. Histologically confirmed
     acute myeloid leukemia

Exclusion Criteria:

  -  Pregnant or breastfeeding women
  -  Known HIV infection`;
  const result = parseCriteria(text);
  assert.deepEqual(texts(result.criteria), [
    'inclusion: Age 18 years or older',
    'inclusion: Histologically confirmed acute myeloid leukemia',
    'exclusion: Pregnant or breastfeeding women',
    'exclusion: Known HIV infection',
  ]);
  assert.deepEqual(result.warnings, []);
  for (const criterion of result.criteria) assert.equal(text.slice(criterion.span[0], criterion.span[1]), criterion.text);
  assert.deepEqual(result.criteria.map((criterion) => criterion.id), ['inc-1', 'inc-2', 'exc-1', 'exc-2']);
});

test('older records: DISEASE/PATIENT CHARACTERISTICS sections and nested items under short headings', () => {
  const text = `DISEASE CHARACTERISTICS:
  -  Histologically confirmed melanoma
PATIENT CHARACTERISTICS:
  -  Hematopoietic
       -  Absolute neutrophil count ≥ 1,000/mm^3
  -  Life expectancy
       -  More than 3 months`;
  const result = parseCriteria(text);
  assert.deepEqual(texts(result.criteria), [
    'inclusion: Histologically confirmed melanoma',
    'inclusion: Absolute neutrophil count ≥ 1,000/mm^3',
    'inclusion: More than 3 months',
  ]);
  const lifeExpectancy = result.criteria[2].rules[0];
  assert.equal(lifeExpectancy.type, 'observation');
  if (lifeExpectancy.type === 'observation') assert.equal(lifeExpectancy.label?.toLowerCase(), 'life expectancy');
  assert.match(result.warnings.join(' '), /headings/);
});

test('the seed listing styles: "Inclusion criteria" without a colon, indented numbers, a lead-in bullet that is not a criterion', () => {
  const text = `Inclusion criteria

  1. Diagnosis of AA according to established criteria in 2010
  2. Age from 14 to 60 years

Exclusion criteria

  • Patients with AA have to be disqualified from this study if any of the following is applicable.
  1. Pregnancy and lactation.`;
  const result = parseCriteria(text);
  // The lead-in bullet introduces the exclusion items; it is not an exclusion of its own.
  assert.deepEqual(result.criteria.map((criterion) => criterion.kind), ['inclusion', 'inclusion', 'exclusion']);
  const age = result.criteria[1].rules[0];
  assert.equal(age.type, 'age');
  if (age.type === 'age') assert.deepEqual([age.comparison.op, age.comparison.value, age.comparison.high], ['between', 14, 60]);
  const pregnancy = result.criteria[2].rules[0];
  assert.equal(pregnancy.type, 'any');
});

test('text without headings: plain sentences become inclusion criteria, with a warning', () => {
  const result = parseCriteria('Patients with venous thromboembolism. Patients had completed anticoagulation therapy within the last two years.');
  assert.equal(result.criteria.length, 2);
  assert.ok(result.criteria.every((criterion) => criterion.kind === 'inclusion'));
  assert.match(result.warnings[0], /no "Inclusion Criteria"/);
});

test('status: computable when every part became rules, partial with the rest listed, needs_review otherwise', () => {
  const text = 'Inclusion Criteria:\n1. ECOG 0-1\n2. Hemoglobin ≥ 9 g/dL despite a bicycle\n3. Owns a bicycle';
  const result = parseCriteria(text);
  const [ecog, hemoglobin, bicycle] = result.criteria;
  assert.equal(ecog.status, 'computable');
  assert.deepEqual(ecog.unparsed, []);
  assert.equal(hemoglobin.status, 'partial');
  assert.ok(hemoglobin.unparsed.some((part) => /bicycle/.test(part.text)));
  assert.equal(bicycle.status, 'needs_review');
  assert.deepEqual(bicycle.rules, []);
  for (const criterion of result.criteria) {
    for (const part of criterion.unparsed) assert.equal(text.slice(part.span[0], part.span[1]), part.text);
  }
});

test('an unmapped measurement keeps its comparison and makes the criterion partial', () => {
  const [criterion] = parseCriteria('Serum ferritin ≥ 500 ng/mL').criteria;
  assert.equal(criterion.status, 'partial');
  const rule = criterion.rules[0];
  assert.equal(rule.type, 'observation');
  if (rule.type === 'observation') {
    assert.equal(rule.analyte, 'unmapped');
    assert.equal(rule.label, 'Serum ferritin');
    assert.deepEqual([rule.comparison.op, rule.comparison.value, rule.comparison.unit], ['>=', 500, 'ng/mL']);
  }
});

test('negation, exceptions and time windows on diagnoses', () => {
  const text = `Exclusion Criteria:
1. Malignant tumors other than basal cell carcinoma of the skin and carcinoma in situ of the cervix in the past 5 years
Inclusion Criteria:
1. No history of myocardial infarction
2. Suffering from AA within six months`;
  const [malignancy, noInfarction, recentAA] = parseCriteria(text).criteria;
  const tumour = malignancy.rules[0];
  assert.equal(tumour.type, 'condition');
  if (tumour.type === 'condition') {
    assert.equal(tumour.condition.concept, 'malignancy');
    assert.deepEqual(tumour.within, { amount: 5, unit: 'a' });
    assert.deepEqual(tumour.except?.map((ref) => ref.concept), ['skin-basal-cell-carcinoma', 'cervical-carcinoma-in-situ']);
  }
  const negated = noInfarction.rules[0];
  assert.equal(negated.type, 'not');
  if (negated.type === 'not') assert.equal(negated.rule.type === 'condition' && negated.rule.condition.concept, 'myocardial-infarction');
  const onset = recentAA.rules[0];
  assert.equal(onset.type, 'condition');
  if (onset.type === 'condition') assert.deepEqual(onset.onsetWithin, { amount: 6, unit: 'mo' });
});

test('pregnancy and lactation; the pregnancy test', () => {
  const [exclusion] = parseCriteria('Exclusion Criteria:\n- Pregnant or breastfeeding').criteria;
  assert.deepEqual(exclusion.rules[0].type === 'any' && exclusion.rules[0].rules.map((rule) => rule.type === 'pregnancy' && rule.state), ['pregnant', 'lactating']);
  const [inclusion] = parseCriteria('Inclusion Criteria:\n- Not pregnant or lactating').criteria;
  assert.equal(inclusion.rules[0].type, 'not');
  const [test] = parseCriteria('Inclusion Criteria:\n- Negative serum pregnancy test').criteria;
  assert.deepEqual(test.rules[0], { type: 'qualitative', analyte: 'pregnancy.test', result: 'negative', span: [test.span[0] + 0, test.span[1]] });
});

test('serologies: "HBsAg and HBcAb negative", "positive for HIV, HCV or syphilis"', () => {
  const [negative] = parseCriteria('Hepatitis B surface antigen (HBsAg) and Hepatitis B core antibody (HBcAb) were negative').criteria;
  const all = negative.rules[0];
  assert.equal(all.type, 'all');
  if (all.type === 'all') assert.deepEqual(all.rules.map((rule) => rule.type === 'qualitative' && `${rule.analyte} ${rule.result}`), ['hbsag negative', 'hbcab negative']);
  const [positive] = parseCriteria('Exclusion Criteria:\n- Patients with test positive for HIV, HCV or syphilis').criteria;
  const any = positive.rules[0];
  assert.equal(any.type, 'any');
  if (any.type === 'any') assert.deepEqual(any.rules.map((rule) => rule.type === 'qualitative' && rule.analyte), ['hiv', 'hcv.ab', 'syphilis']);
});

test('several criteria in one sentence: each comparison is its own rule, "or" between rules becomes any', () => {
  const [criterion] = parseCriteria('Adequate organ function: ANC ≥ 1500/uL, platelets ≥ 100,000/uL, and hemoglobin ≥ 9 g/dL').criteria;
  assert.equal(criterion.rules.length, 3);
  const [either] = parseCriteria('ECOG 0-2 or Karnofsky ≥ 60%').criteria;
  assert.equal(either.rules.length, 1);
  assert.equal(either.rules[0].type, 'any');
});

test('consent and investigator judgement become confirm rules; a criterion wholly a confirmation is computable', () => {
  const [consent] = parseCriteria('Signed written informed consent').criteria;
  assert.equal(consent.rules[0].type, 'confirm');
  assert.equal(consent.status, 'computable');
  const [withRest] = parseCriteria('Signed written informed consent and a bicycle').criteria;
  assert.equal(withRest.status, 'needs_review');
});

test('every parsed criterion converts to a valid criterion of the rule language', () => {
  const result = parseCriteria('Inclusion Criteria:\n1. Age ≥ 18\n2. Able to swallow\nExclusion Criteria:\n1. Bilirubin > 1.5 × ULN or AST > 3 × ULN');
  for (const parsed of result.criteria) {
    const criterion = toCriterion(parsed);
    assert.equal(criterionSchema.safeParse(criterion).success, true, JSON.stringify(criterion));
  }
  const empty = toCriterion(result.criteria[1]);
  assert.equal(empty.rule.type, 'confirm');
});

test('empty and blank text: no criteria and a warning, not an error', () => {
  for (const text of ['', '   \n\t ']) {
    const result = parseCriteria(text);
    assert.deepEqual(result.criteria, []);
    assert.deepEqual(result.warnings, ['the criteria text is empty']);
  }
});

test('a non-string input is refused with a message naming the field and what was expected', () => {
  assert.throws(() => parseCriteria(42 as unknown as string), /text: expected a string of eligibility criteria, got number/);
  assert.throws(() => parseCriteria(null as unknown as string), /got null/);
});

test('a megabyte of noise parses without error and every span stays inside the text', () => {
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const alphabet = 'abcdefghij klmnop<>≤≥=-.,;:()\n0123456789%/×xULN*•';
  let noise = '';
  while (noise.length < 1_000_000) noise += alphabet[Math.floor(random() * alphabet.length)];
  const result = parseCriteria(noise);
  for (const criterion of result.criteria) {
    assert.ok(criterion.span[0] >= 0 && criterion.span[1] <= noise.length && criterion.span[0] < criterion.span[1]);
    for (const rule of criterion.rules) forEachSpan(rule, (span) => assert.ok(span[0] >= 0 && span[1] <= noise.length && span[0] <= span[1]));
  }
});

function forEachSpan(rule: Rule, visit: (span: [number, number]) => void): void {
  if (rule.span) visit(rule.span);
  if ('comparison' in rule && rule.comparison.span) visit(rule.comparison.span);
  if (rule.type === 'all' || rule.type === 'any') rule.rules.forEach((child) => forEachSpan(child, visit));
  if (rule.type === 'not') forEachSpan(rule.rule, visit);
}

test('combining: exclusion items are separate reasons (any), "with" and "(e.g. …)" narrow (all), inclusion items all hold', () => {
  const [exclusion] = parseCriteria(
    'Exclusion Criteria:\n- Severe cardiac insufficiency (e.g. grade Ⅲ、Ⅳ by NYHA classification), and uncontrolled hypertension (systolic blood pressure ≥ 160 mmHg)',
  ).criteria;
  assert.equal(exclusion.rules.length, 1);
  const any = exclusion.rules[0];
  assert.equal(any.type, 'any');
  if (any.type === 'any') {
    assert.deepEqual(any.rules.map((rule) => rule.type), ['all', 'all']);
    assert.match(any.ambiguity ?? '', /exclusion/);
  }
  const [withInfection] = parseCriteria('Exclusion Criteria:\n- Severe aplastic anemia (SAA) with severe infection').criteria;
  assert.equal(withInfection.rules[0].type, 'all');
  if (withInfection.rules[0].type === 'all') {
    assert.deepEqual(withInfection.rules[0].rules.map((rule) => rule.type === 'condition' && rule.condition.concept), ['aplastic-anemia.severe', 'infection.severe']);
  }
  const [inclusion] = parseCriteria('Inclusion Criteria:\n- Hemoglobin ≥ 9 g/dL and platelets ≥ 100 x 10^9/L').criteria;
  assert.deepEqual(inclusion.rules.map((rule) => rule.type), ['observation', 'observation']);
});

test('a measurement method becomes the observation\'s qualifier, not unparsed text', () => {
  const [criterion] = parseCriteria('LVEF ≥ 50% by echocardiography or MUGA scan').criteria;
  assert.equal(criterion.status, 'computable');
  const rule = criterion.rules[0];
  assert.equal(rule.type === 'observation' && rule.qualifier, 'by echocardiography or MUGA scan');
});

test('a run of text far longer than any criterion is cut into pieces, with a warning', () => {
  const text = 'Hemoglobin ≥ 9 g/dL, '.repeat(2_000);
  const result = parseCriteria(text);
  assert.ok(result.criteria.length > 1);
  assert.match(result.warnings.join(' '), /cut into several criteria/);
  assert.ok(result.criteria.every((criterion) => criterion.text === text.slice(criterion.span[0], criterion.span[1])));
});

test('Chinese criteria: 入选/排除标准 headings, 1、 items, 岁, 倍正常值上限, 以上, 妊娠/哺乳, 阳性, 合并', () => {
  const text = '入选标准：\n1、年龄18～65岁；\n2、总胆红素≤1.5倍正常值上限，ALT和AST≤2.5倍正常值上限；\n3、血小板≥50×10^9/L；\n4、14岁以上\n排除标准：\n1、妊娠或哺乳期妇女；\n2、HIV阳性；\n3、重型再生障碍性贫血合并严重感染。';
  const result = parseCriteria(text);
  assert.deepEqual(result.criteria.map((criterion) => `${criterion.id} ${criterion.status}`), [
    'inc-1 computable', 'inc-2 computable', 'inc-3 computable', 'inc-4 computable', 'exc-1 computable', 'exc-2 computable', 'exc-3 computable',
  ]);
  const [age, liver, platelets, older] = result.criteria;
  assert.deepEqual(age.rules[0].type === 'age' && [age.rules[0].comparison.op, age.rules[0].comparison.value, age.rules[0].comparison.high], ['between', 18, 65]);
  assert.deepEqual(liver.rules.map((rule) => rule.type), ['observation', 'all']);
  assert.equal(liver.rules[0].type === 'observation' && liver.rules[0].comparison.unit, 'xULN');
  assert.equal(platelets.rules[0].type === 'observation' && platelets.rules[0].comparison.unit, '10*9/L');
  assert.deepEqual(older.rules[0].type === 'age' && [older.rules[0].comparison.op, older.rules[0].comparison.value], ['>=', 14]);
  assert.equal(result.criteria[6].rules[0].type, 'all');
});

test('a negated serology stays negated: "No HIV positivity"', () => {
  const [criterion] = parseCriteria('Inclusion Criteria:\n- No HIV positivity').criteria;
  const rule = criterion.rules[0];
  assert.equal(rule.type, 'not');
  if (rule.type === 'not') assert.deepEqual(rule.rule.type === 'qualitative' && [rule.rule.analyte, rule.rule.result], ['hiv', 'positive']);
});

test('a negated scale grade stays negated: "No New York Heart Association class III or IV heart disease"', () => {
  const [criterion] = parseCriteria('Inclusion Criteria:\n- No New York Heart Association class III or IV heart disease').criteria;
  const rule = criterion.rules[0];
  assert.equal(rule.type, 'not');
  if (rule.type === 'not') assert.deepEqual(rule.rule.type === 'score' && [rule.rule.scale, rule.rule.comparison.op, rule.rule.comparison.value], ['NYHA', '>=', 3]);
  const [limits] = parseCriteria('Inclusion Criteria:\n- Patients with no severe impairment of liver function (total bilirubin ≤ 1.5×ULN)').criteria;
  assert.equal(limits.rules[0].type, 'observation');
});

test('a lab limit written without a unit keeps unit "1", says so, and leaves the criterion partial; INR and BMI need none', () => {
  const [bilirubin] = parseCriteria('Bilirubin less than 1.5').criteria;
  const rule = bilirubin.rules[0];
  assert.equal(bilirubin.status, 'partial');
  assert.equal(rule.type === 'observation' && rule.comparison.unit, '1');
  assert.match(rule.ambiguity ?? '', /no unit written/);
  const [inr] = parseCriteria('INR < 1.5').criteria;
  assert.equal(inr.status, 'computable');
});

test('registry boilerplate is not read as criteria, and the warning says what was skipped', () => {
  const result = parseCriteria('Inclusion Criteria:\n- Not specified\n- ECOG 0-1\nExclusion Criteria:\n- See Disease Characteristics\n- None of the following within 6 months: myocardial infarction\n- Note: Other protocol-defined inclusion/exclusion criteria may apply.');
  assert.deepEqual(result.criteria.map((criterion) => criterion.text), ['ECOG 0-1', 'None of the following within 6 months: myocardial infarction']);
  assert.match(result.warnings.join(' '), /3 notes without criteria content/);
});

test('sex: an inclusion that opens with one sex states it; "men and women" and exclusions do not', () => {
  const [women] = parseCriteria('Inclusion Criteria:\n- Women aged 18-45 years').criteria;
  assert.deepEqual(women.rules.map((rule) => rule.type), ['sex', 'age']);
  assert.equal(women.rules[0].type === 'sex' && women.rules[0].sex, 'female');
  const [postmenopausal] = parseCriteria('Inclusion Criteria:\n- Postmenopausal women').criteria;
  assert.equal(postmenopausal.status, 'partial');
  assert.deepEqual(postmenopausal.unparsed.map((part) => part.text), ['Postmenopausal']);
  const [both] = parseCriteria('Inclusion Criteria:\n- Men and women aged 18-65').criteria;
  assert.deepEqual(both.rules.map((rule) => rule.type), ['age']);
  const [exclusion] = parseCriteria('Exclusion Criteria:\n- Women, pregnant or lactating').criteria;
  assert.ok(exclusion.rules.every((rule) => rule.type !== 'sex'));
});
