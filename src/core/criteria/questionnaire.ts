// A plain-language questionnaire for patients and referring physicians, generated from a trial's
// rules (so any trial with rules gets one), and the verdict from the answers: "you may be
// eligible — this is what the study team will check next" or "this study is probably not for
// you, because …". Lab values, tests and investigator judgements are not asked: they are what the
// study team checks next. Pure: nothing is stored.
import { analyteByKey } from '../clinical/tables/analytes.ts';
import { conceptById } from '../clinical/tables/conditions.ts';
import { scaleById } from '../clinical/tables/scales.ts';
import { describeDuration, subtractDuration } from '../clinical/calendar.ts';
import type { ConceptRef, Criterion, CriterionKind, Rule, RuleSet } from './rules.ts';
import { ruleText, type Lang } from './print.ts';
import { forEachLeaf, type LeafRule } from './walk.ts';

export type QuestionType = 'yes-no' | 'number' | 'date' | 'choice' | 'sex';

export interface Question {
  /** Stable id of the fact asked about ("age", "condition:aplastic-anemia", "condition:aplastic-anemia:onset"). */
  id: string;
  type: QuestionType;
  text: string;
  help?: string;
  options?: Array<{ value: string; label: string }>;
  /** Criteria this answer feeds. */
  criteria: string[];
  /** Only ask when the answer to this question is "yes". */
  askIf?: string;
}

export interface Questionnaire {
  trial: string;
  lang: Lang;
  ruleSet: { version: number; review: 'reviewed' | 'unreviewed' };
  intro: string;
  questions: Question[];
  /** What the study team checks in any case (tests, measurements, judgements). */
  teamWillCheck: string[];
}

/** Answers by question id: 'yes' | 'no' | 'unsure', a number (as number or text), a date YYYY-MM(-DD), 'female' | 'male'. */
export type Answers = Readonly<Record<string, string | number | undefined>>;

export interface QuestionnaireVerdict {
  trial: string;
  lang: Lang;
  outcome: 'may-be-eligible' | 'probably-not';
  message: string;
  /** Why the study is probably not suitable (criteria the answers fail). */
  because: string[];
  /** What the study team will check next. */
  nextSteps: string[];
}

const T = {
  en: {
    intro: 'These questions help you see whether this study might suit you. Your answers are not stored or sent anywhere unless you choose to contact the study site.',
    yes: 'Yes', no: 'No', unsure: 'Not sure',
    hasCondition: (label: string) => `Has a doctor told you that you have ${label}?`,
    hadCondition: (label: string, window: string) => `In the past ${window}, has a doctor told you that you have (or had) ${label}?`,
    whenDiagnosed: (label: string) => `When was the ${label} diagnosed?`,
    whenHelp: 'The month and year are enough.',
    age: 'How old are you?',
    sex: 'What is your sex?',
    female: 'Female', male: 'Male',
    pregnant: 'Are you pregnant?',
    lactating: 'Are you breastfeeding?',
    medication: (label: string) => `Are you currently taking ${label} medicine?`,
    medicationWithin: (label: string, window: string) => `Have you taken ${label} medicine in the past ${window}?`,
    procedure: (label: string) => `Have you ever had ${label}?`,
    allergy: 'Do you have any severe allergies?',
    allergyTo: (label: string) => `Are you allergic to ${label}?`,
    allergyAny: 'Do you have any allergies (to medicines, foods or anything else)?',
    score: (label: string) => `Which best describes you now? (${label})`,
    mayBeEligible: 'You may be eligible for this study. This is what the study team will check next:',
    probablyNot: 'This study is probably not for you, because:',
    test: (label: string) => `a test of your ${label}`,
    notCounting: (labels: string[]) => `(Do not count: ${labels.join(', ')}.)`,
  },
  zh: {
    intro: '这些问题帮助您初步了解本研究是否适合您。除非您选择联系研究中心，您的回答不会被保存或发送。',
    yes: '是', no: '否', unsure: '不确定',
    hasCondition: (label: string) => `医生是否告诉过您患有${label}？`,
    hadCondition: (label: string, window: string) => `在过去${window}内，医生是否告诉过您患有（或曾患有）${label}？`,
    whenDiagnosed: (label: string) => `${label}是什么时候确诊的？`,
    whenHelp: '填写年份和月份即可。',
    age: '您今年多大年龄？',
    sex: '您的性别是？',
    female: '女', male: '男',
    pregnant: '您目前是否怀孕？',
    lactating: '您目前是否在哺乳期？',
    medication: (label: string) => `您目前是否在使用${label}？`,
    medicationWithin: (label: string, window: string) => `过去${window}内您是否使用过${label}？`,
    procedure: (label: string) => `您是否接受过${label}？`,
    allergy: '您是否有严重过敏？',
    allergyTo: (label: string) => `您是否对${label}过敏？`,
    allergyAny: '您是否有任何过敏（药物、食物或其他）？',
    score: (label: string) => `以下哪一项最符合您目前的情况？（${label}）`,
    mayBeEligible: '您可能符合本研究的条件。研究团队接下来会核查：',
    probablyNot: '本研究可能不适合您，原因是：',
    test: (label: string) => `${label}检查`,
    notCounting: (labels: string[]) => `（不包括：${labels.join('、')}。）`,
  },
} as const;

function conceptLabel(ref: ConceptRef, lang: Lang): string {
  const concept = conceptById(ref.concept);
  return concept ? concept.label[lang] : ref.label;
}

function yesNo(lang: Lang): Question['options'] {
  return [{ value: 'yes', label: T[lang].yes }, { value: 'no', label: T[lang].no }, { value: 'unsure', label: T[lang].unsure }];
}

/** Builds the questionnaire: one question per fact the rules need from the patient, in criteria order. */
export function buildQuestionnaire(ruleSet: RuleSet, lang: Lang): Questionnaire {
  const questions = new Map<string, Question>();
  const teamWillCheck: string[] = [];
  const ask = (question: Omit<Question, 'criteria'>, criterion: string) => {
    const existing = questions.get(question.id);
    if (existing) {
      if (!existing.criteria.includes(criterion)) existing.criteria.push(criterion);
    } else questions.set(question.id, { ...question, criteria: [criterion] });
  };
  const check = (item: string) => {
    if (!teamWillCheck.includes(item)) teamWillCheck.push(item);
  };
  const t = T[lang];
  const visit = (rule: LeafRule, criterion: Criterion): void => {
    switch (rule.type) {
      case 'age':
        return ask({ id: 'age', type: 'number', text: t.age }, criterion.id);
      case 'sex':
        return ask({ id: 'sex', type: 'sex', text: t.sex, options: [{ value: 'female', label: t.female }, { value: 'male', label: t.male }] }, criterion.id);
      case 'condition': {
        const label = conceptLabel(rule.condition, lang);
        const id = `condition:${rule.condition.concept}`;
        const asked = rule.within ? t.hadCondition(label, describeDuration(rule.within, lang)) : t.hasCondition(label);
        const text = rule.except?.length ? `${asked} ${t.notCounting(rule.except.map((ref) => conceptLabel(ref, lang)))}` : asked;
        ask({ id: rule.within ? `${id}:within:${rule.within.amount}${rule.within.unit}` : id, type: 'yes-no', text, options: yesNo(lang) }, criterion.id);
        if (rule.onsetWithin) ask({ id: `${id}:onset`, type: 'date', text: t.whenDiagnosed(label), help: t.whenHelp, askIf: id }, criterion.id);
        return;
      }
      case 'pregnancy':
        return ask({ id: rule.state, type: 'yes-no', text: rule.state === 'pregnant' ? t.pregnant : t.lactating, options: yesNo(lang) }, criterion.id);
      case 'medication': {
        const label = conceptLabel(rule.medication, lang);
        return ask({ id: `medication:${rule.medication.concept}`, type: 'yes-no', text: rule.within ? t.medicationWithin(label, describeDuration(rule.within, lang)) : t.medication(label), options: yesNo(lang) }, criterion.id);
      }
      case 'procedure':
        return ask({ id: `procedure:${rule.procedure.concept}`, type: 'yes-no', text: t.procedure(conceptLabel(rule.procedure, lang)), options: yesNo(lang) }, criterion.id);
      case 'allergy': {
        const id = rule.substance ? `allergy:${rule.substance.concept}` : rule.criticality === 'high' ? 'allergy:severe' : 'allergy:any';
        const text = rule.substance ? t.allergyTo(conceptLabel(rule.substance, lang)) : rule.criticality === 'high' ? t.allergy : t.allergyAny;
        return ask({ id, type: 'yes-no', text, options: yesNo(lang) }, criterion.id);
      }
      case 'score': {
        const scale = scaleById(rule.scale);
        if (!scale.plain) return check(scale.label[lang]);
        const options = scale.plain[lang].map((label, index) => ({ value: String(scale.grades[index]), label }));
        return ask({ id: `score:${scale.id}`, type: 'choice', text: t.score(scale.label[lang]), options: [...options, { value: 'unsure', label: t.unsure }] }, criterion.id);
      }
      case 'observation':
      case 'qualitative': {
        const analyte = analyteByKey(rule.analyte);
        return check(t.test(analyte ? analyte.label[lang] : rule.label ?? rule.analyte));
      }
      case 'confirm':
        return check(ruleText(rule.question, rule.zh?.question, lang));
    }
  };
  for (const criterion of ruleSet.criteria) forEachLeaf(criterion.rule, (leaf) => visit(leaf, criterion));
  return { trial: ruleSet.nctId, lang, ruleSet: { version: ruleSet.version, review: ruleSet.review }, intro: t.intro, questions: [...questions.values()], teamWillCheck };
}

type Truth = 'true' | 'false' | 'unknown';

/**
 * The patient-facing verdict. Only answers can rule the study out; anything unanswered, "not sure",
 * a test or a judgement is left for the study team. `asOf` (the date of answering) anchors time windows.
 */
export function questionnaireVerdict(ruleSet: RuleSet, answers: Answers, options: { asOf: string; lang: Lang }): QuestionnaireVerdict {
  const { lang, asOf } = options;
  const questionnaire = buildQuestionnaire(ruleSet, lang);
  const questionText = new Map(questionnaire.questions.map((question) => [question.id, question.text]));
  const because: string[] = [];
  for (const criterion of ruleSet.criteria) {
    const cited: string[] = [];
    const truth = answerTruth(criterion.rule, answers, asOf, cited);
    const fails = criterionFails(criterion.kind, truth);
    if (fails) because.push(`${criterion.text.replace(/\s+/g, ' ').trim()} — ${cited.map((id) => `${questionText.get(id) ?? id} ${formatAnswer(answers[id], lang)}`).join('; ')}`);
  }
  const t = T[lang];
  if (because.length > 0) return { trial: ruleSet.nctId, lang, outcome: 'probably-not', message: t.probablyNot, because, nextSteps: [] };
  return { trial: ruleSet.nctId, lang, outcome: 'may-be-eligible', message: t.mayBeEligible, because: [], nextSteps: questionnaire.teamWillCheck };
}

function criterionFails(kind: CriterionKind, truth: Truth): boolean {
  return kind === 'inclusion' ? truth === 'false' : truth === 'true';
}

function formatAnswer(answer: Answers[string], lang: Lang): string {
  if (answer === 'yes') return `— ${T[lang].yes}`;
  if (answer === 'no') return `— ${T[lang].no}`;
  return answer === undefined ? '' : `— ${answer}`;
}

function yesNoAnswer(answer: Answers[string]): Truth {
  return answer === 'yes' ? 'true' : answer === 'no' ? 'false' : 'unknown';
}

/** Three-valued truth of a rule from the answers alone; tests and confirmations are unknown here. */
function answerTruth(rule: Rule, answers: Answers, asOf: string, cited: string[]): Truth {
  const cite = (id: string, truth: Truth): Truth => {
    if (truth !== 'unknown') cited.push(id);
    return truth;
  };
  switch (rule.type) {
    case 'all':
    case 'any': {
      const local: string[][] = [];
      const truths = rule.rules.map((child) => {
        const childCited: string[] = [];
        local.push(childCited);
        return answerTruth(child, answers, asOf, childCited);
      });
      const decisive: Truth = rule.type === 'all' ? 'false' : 'true';
      const truth: Truth = truths.includes(decisive) ? decisive : truths.includes('unknown') ? 'unknown' : rule.type === 'all' ? 'true' : 'false';
      truths.forEach((childTruth, index) => {
        if (childTruth === truth) cited.push(...local[index]);
      });
      return truth;
    }
    case 'not': {
      const inner = answerTruth(rule.rule, answers, asOf, cited);
      return inner === 'true' ? 'false' : inner === 'false' ? 'true' : 'unknown';
    }
    case 'age': {
      const age = Number(answers.age);
      if (answers.age === undefined || answers.age === '' || !Number.isFinite(age)) return 'unknown';
      const { op, value, high } = rule.comparison;
      const years = rule.comparison.unit === 'a' ? age : undefined;
      if (years === undefined) return 'unknown';
      const holds = op === 'between' ? years >= value && years <= (high ?? value) : op === '<' ? years < value : op === '<=' ? years <= value : op === '>' ? years > value : op === '>=' ? years >= value : years === value;
      return cite('age', holds ? 'true' : 'false');
    }
    case 'sex':
      return answers.sex === 'female' || answers.sex === 'male' ? cite('sex', answers.sex === rule.sex ? 'true' : 'false') : 'unknown';
    case 'condition': {
      const id = `condition:${rule.condition.concept}`;
      const questionId = rule.within ? `${id}:within:${rule.within.amount}${rule.within.unit}` : id;
      const has = yesNoAnswer(answers[questionId]);
      if (has !== 'true' || !rule.onsetWithin) return cite(questionId, has);
      const onset = answers[`${id}:onset`];
      const date = typeof onset === 'string' && /^\d{4}-\d{2}(-\d{2})?$/.test(onset) ? (onset.length === 7 ? `${onset}-01` : onset) : undefined;
      if (!date) return 'unknown';
      cited.push(questionId);
      return cite(`${id}:onset`, date >= subtractDuration(asOf, rule.onsetWithin) ? 'true' : 'false');
    }
    case 'pregnancy':
      return answers.sex === 'male' ? 'false' : cite(rule.state, yesNoAnswer(answers[rule.state]));
    case 'medication':
      return cite(`medication:${rule.medication.concept}`, yesNoAnswer(answers[`medication:${rule.medication.concept}`]));
    case 'procedure':
      return cite(`procedure:${rule.procedure.concept}`, yesNoAnswer(answers[`procedure:${rule.procedure.concept}`]));
    case 'allergy': {
      const id = rule.substance ? `allergy:${rule.substance.concept}` : rule.criticality === 'high' ? 'allergy:severe' : 'allergy:any';
      return cite(id, yesNoAnswer(answers[id]));
    }
    case 'score': {
      const answer = answers[`score:${rule.scale}`];
      const grade = Number(answer);
      if (answer === undefined || answer === 'unsure' || !Number.isInteger(grade)) return 'unknown';
      const { op, value, high } = rule.comparison;
      const holds = op === 'between' ? grade >= value && grade <= (high ?? value) : op === '<' ? grade < value : op === '<=' ? grade <= value : op === '>' ? grade > value : op === '>=' ? grade >= value : grade === value;
      return cite(`score:${rule.scale}`, holds ? 'true' : 'false');
    }
    case 'observation':
    case 'qualitative':
    case 'confirm':
      return 'unknown';
  }
}
