// Points only a person can settle (consent, investigator judgement): always "confirm", with the question.
import { explain } from '../explain/messages.ts';
import type { Rule } from '../rules.ts';
import { leaf, type Outcome } from './outcome.ts';

export function evaluateConfirm(rule: Extract<Rule, { type: 'confirm' }>): Outcome {
  const question = rule.zh?.question ? { en: rule.question, zh: rule.zh.question } : { en: rule.question };
  return { ...leaf('confirm', explain('confirm', { question })), confirm: [question] };
}
