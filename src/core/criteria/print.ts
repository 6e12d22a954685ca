// Rules back to readable text, in English and Chinese, for reviewers, coordinators and the web
// pages: "TBIL ≤ 1.5 × ULN (most recent within 28 days)", "总胆红素 ≤ 1.5 × ULN".
import { analyteByKey } from '../clinical/tables/analytes.ts';
import { scaleById } from '../clinical/tables/scales.ts';
import { describeDuration } from '../clinical/calendar.ts';
import type { Comparison, ConceptRef, Criterion, Rule } from './rules.ts';
import { conceptById } from '../clinical/tables/conditions.ts';
import type { Lang } from './explain/lang.ts';
import { formatComparison, opSymbol } from './explain/format.ts';
import { untranslated } from './explain/untranslated.ts';
import { walkRules } from './walk.ts';

export type { Lang } from './explain/lang.ts';
export { displayUnit } from './explain/units.ts';
export { formatComparison, formatNumber } from './explain/format.ts';
export { untranslated };

/**
 * A rule's free text (confirm question, qualifier, ambiguity note) in `lang`. In Chinese without a
 * translation the English is shown quoted and marked, so a reader sees it is untranslated source
 * text rather than a sentence that silently switches language.
 */
export function ruleText(english: string, chinese: string | undefined, lang: Lang): string {
  if (lang === 'en') return english;
  return chinese ?? untranslated(english);
}

function conceptLabel(ref: ConceptRef, lang: Lang): string {
  return lang === 'zh' ? conceptById(ref.concept)?.label.zh ?? ref.label : ref.label;
}

function analyteLabel(key: string, label: string | undefined, lang: Lang): string {
  const analyte = analyteByKey(key);
  if (!analyte) return label ?? key;
  return lang === 'zh' ? analyte.label.zh : analyte.short;
}

/** The rule as one line of text. */
export function printRule(rule: Rule, lang: Lang = 'en'): string {
  const zh = lang === 'zh';
  switch (rule.type) {
    case 'all':
      return rule.rules.map((child) => wrap(child, lang)).join(zh ? ' 且 ' : ' AND ');
    case 'any':
      return rule.rules.map((child) => wrap(child, lang)).join(zh ? ' 或 ' : ' OR ');
    case 'not':
      return zh ? `非（${printRule(rule.rule, lang)}）` : `NOT (${printRule(rule.rule, lang)})`;
    case 'observation': {
      const lookback = rule.lookback ?? analyteByKey(rule.analyte)?.lookback;
      const window = lookback ? (zh ? `（${describeDuration(lookback, 'zh')}内最近一次）` : ` (most recent within ${describeDuration(lookback)})`) : '';
      const qualifier = rule.qualifier ? (zh ? `，${ruleText(rule.qualifier, rule.zh?.qualifier, lang)}` : `, ${rule.qualifier}`) : '';
      return `${analyteLabel(rule.analyte, rule.label, lang)} ${formatComparison(rule.comparison, lang)}${qualifier}${window}`;
    }
    case 'qualitative': {
      const result = zh ? (rule.result === 'positive' ? '阳性' : '阴性') : rule.result;
      return `${analyteLabel(rule.analyte, rule.label, lang)} ${result}`;
    }
    case 'score': {
      const scale = scaleById(rule.scale);
      const grade = (value: number) => scale.gradeLabel(value);
      const text = rule.comparison.op === 'between'
        ? (zh ? `${grade(rule.comparison.value)}–${grade(rule.comparison.high ?? rule.comparison.value)}` : `${grade(rule.comparison.value)}–${grade(rule.comparison.high ?? rule.comparison.value)}`)
        : `${opSymbol(rule.comparison.op)} ${grade(rule.comparison.value)}`;
      const absent = rule.whenNotRecorded === 'absent' ? (zh ? '（未记录视为无）' : ' (if recorded)') : '';
      return `${zh ? scale.label.zh : scale.id} ${text}${absent}`;
    }
    case 'age':
      return zh ? `年龄 ${formatComparison(rule.comparison, lang)}` : `age ${formatComparison(rule.comparison, lang)}`;
    case 'sex':
      return zh ? (rule.sex === 'female' ? '女性' : '男性') : rule.sex;
    case 'condition': {
      const label = conceptLabel(rule.condition, lang);
      const parts = [zh ? `诊断：${label}` : `diagnosis: ${label}`];
      if (rule.status === 'active') parts.push(zh ? '（当前活动性）' : ' (active)');
      if (rule.onsetWithin) parts.push(zh ? `，发病在${describeDuration(rule.onsetWithin, 'zh')}内` : `, onset within ${describeDuration(rule.onsetWithin)}`);
      if (rule.within) parts.push(zh ? `，${describeDuration(rule.within, 'zh')}内` : ` within ${describeDuration(rule.within)}`);
      if (rule.except?.length) parts.push(zh ? `，不包括${rule.except.map((e) => conceptLabel(e, lang)).join('、')}` : `, except ${rule.except.map((e) => conceptLabel(e, lang)).join(', ')}`);
      return parts.join('');
    }
    case 'pregnancy':
      return zh ? (rule.state === 'pregnant' ? '妊娠' : '哺乳期') : rule.state === 'pregnant' ? 'pregnant' : 'breastfeeding';
    case 'medication': {
      const label = conceptLabel(rule.medication, lang);
      const window = rule.within ? (zh ? `（${describeDuration(rule.within, 'zh')}内）` : ` within ${describeDuration(rule.within)}`) : (zh ? '（目前）' : ' (currently)');
      return zh ? `使用${label}${window}` : `taking ${label}${window}`;
    }
    case 'procedure': {
      const label = conceptLabel(rule.procedure, lang);
      const window = rule.within ? (zh ? `（${describeDuration(rule.within, 'zh')}内）` : ` within ${describeDuration(rule.within)}`) : '';
      return zh ? `接受过${label}${window}` : `had ${label}${window}`;
    }
    case 'allergy': {
      const severity = rule.criticality === 'high' ? (zh ? '严重' : 'severe ') : '';
      const substance = rule.substance ? conceptLabel(rule.substance, lang) : '';
      return zh ? `${severity}过敏${substance ? `（${substance}）` : ''}` : `${severity}allergy${substance ? ` to ${substance}` : ''}`;
    }
    case 'confirm':
      return zh ? `需人工确认：${ruleText(rule.question, rule.zh?.question, lang)}` : `to confirm: ${rule.question}`;
  }
}

function wrap(rule: Rule, lang: Lang): string {
  const text = printRule(rule, lang);
  return rule.type === 'all' || rule.type === 'any' ? `(${text})` : text;
}

export interface PrintedCriterion {
  id: string;
  kind: Criterion['kind'];
  text: string;
  span?: Criterion['span'];
  /** What must hold for inclusion / what excludes, as readable text. */
  rule: { en: string; zh: string };
  ambiguities: string[];
  /** The same readings in Chinese, index for index; an untranslated one is the marked English (see `untranslated`). */
  ambiguitiesZh: string[];
  status?: Criterion['status'];
}

/** A criterion with its rule printed in both languages and every ambiguity reading it records. */
export function printCriterion(criterion: Criterion): PrintedCriterion {
  const ambiguities = collectAmbiguities(criterion.rule);
  const printed: PrintedCriterion = {
    id: criterion.id,
    kind: criterion.kind,
    text: criterion.text,
    rule: { en: printRule(criterion.rule, 'en'), zh: printRule(criterion.rule, 'zh') },
    ambiguities: ambiguities.map((note) => note.en),
    ambiguitiesZh: ambiguities.map((note) => ruleText(note.en, note.zh, 'zh')),
  };
  if (criterion.span) printed.span = criterion.span;
  if (criterion.status) printed.status = criterion.status;
  return printed;
}

/** Every ambiguity note in the rule tree, in tree order, with its Chinese where written. */
export function collectAmbiguities(rule: Rule): { en: string; zh?: string }[] {
  const found: { en: string; zh?: string }[] = [];
  walkRules(rule, (node) => {
    if (node.ambiguity) found.push(node.zh?.ambiguity ? { en: node.ambiguity, zh: node.zh.ambiguity } : { en: node.ambiguity });
  });
  return found;
}
