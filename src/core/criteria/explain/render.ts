// The one place screening explanations become text, in English or Chinese (used by the evaluator
// for `reason`/`reasonZh`, and by the web pages in the reader's language).
import type { Catalogue, Say } from './catalogue.ts';
import { en } from './en.ts';
import type { Lang } from './lang.ts';
import type { Explanation } from './messages.ts';
import { zh } from './zh.ts';

export const CATALOGUES: Record<Lang, Catalogue> = { en, zh };

export function renderExplanation(explanation: Explanation, lang: Lang): string {
  const catalogue = CATALOGUES[lang];
  const say: Say = (nested) => renderExplanation(nested, lang);
  const message = catalogue[explanation.code] as (params: unknown, say: Say) => string;
  return message(explanation.params, say);
}

export type { Explanation, MessageCode, MessageParams, Named } from './messages.ts';
export type { Lang } from './lang.ts';
