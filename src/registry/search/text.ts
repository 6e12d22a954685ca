// Splits a free-text query into what each matcher needs: NCT ids (exact match ranks first), English words
// (for the tsvector, with prefix matching on the last word as one types), and CJK segments (matched by
// trigram/ILIKE on names, since the english configuration cannot split Chinese into words). Pure.
import { CJK_PATTERN } from '../document.ts';
import { nctIdsIn } from '../../core/trial/nct-id.ts';

export interface AnalyzedText {
  nctIds: string[];
  /** A to_tsquery('english', …) expression, or null when the query has no English words. */
  tsquery: string | null;
  /** The same words without the prefix on the last one: ranking with it is cheaper, and whole words rank higher. */
  rankTsquery: string | null;
  /** Text for websearch_to_tsquery when the user wrote search syntax (quotes, OR, -word). */
  websearch: string | null;
  cjkSegments: string[];
}

const CJK_RUN = new RegExp(`(?:${CJK_PATTERN.source})+`, 'gu');
const WORD = /[\p{L}\p{N}]+/gu;
const SEARCH_SYNTAX = /"|\bor\b|(^|\s)-[\p{L}\p{N}]/iu;
/** Shorter prefixes match too much of the corpus to be useful. */
const MIN_PREFIX_LENGTH = 3;

export function analyzeText(text: string): AnalyzedText {
  const nctIds = nctIdsIn(text, { ignoreCase: true });
  const cjkSegments = [...new Set(text.match(CJK_RUN) ?? [])];
  const latin = text.replace(CJK_RUN, ' ').trim();
  const none = { nctIds, tsquery: null, rankTsquery: null, websearch: null, cjkSegments };
  if (latin === '') return none;
  if (SEARCH_SYNTAX.test(latin)) return { ...none, websearch: latin };
  const words = (latin.match(WORD) ?? []).map((word) => word.toLowerCase());
  if (words.length === 0) return none;
  const last = words.length - 1;
  const tsquery = words.map((word, i) => (i === last && word.length >= MIN_PREFIX_LENGTH && !/^\d+$/.test(word) ? `${word}:*` : word)).join(' & ');
  return { ...none, tsquery, rankTsquery: words.join(' & ') };
}

/** Escapes LIKE wildcards so user text matches literally. */
export function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Wraps each occurrence of any term in « » inside a window of `text` around the first one. */
export function markTerms(text: string, terms: string[], width = 160): string | undefined {
  const lower = text.toLowerCase();
  let first = -1;
  for (const term of terms) {
    const at = lower.indexOf(term.toLowerCase());
    if (at >= 0 && (first < 0 || at < first)) first = at;
  }
  if (first < 0) return undefined;
  const start = Math.max(0, first - Math.floor(width / 3));
  const end = Math.min(text.length, start + width);
  let window = text.slice(start, end).replace(/\s+/g, ' ');
  for (const term of terms) {
    if (term === '') continue;
    window = window.replace(new RegExp(term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi'), (match) => `«${match}»`);
  }
  return `${start > 0 ? '…' : ''}${window}${end < text.length ? '…' : ''}`;
}
