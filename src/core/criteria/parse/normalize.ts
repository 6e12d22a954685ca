// Normalisation that keeps offsets: folding maps every character to exactly one UTF-16 unit, so an offset
// in the folded text is the same offset in its input; markup removal keeps, for every remaining
// character, where it came from. That is what lets every rule keep the span of the text it came from,
// whatever markup or Unicode the text carries.

/** Single characters folded to their ASCII (or canonical) form before scanning. */
const CHARACTER_FOLDS: Record<string, string> = {
  '≦': '≤', '⩽': '≤', '≧': '≥', '⩾': '≥',
  '–': '-', '—': '-', '−': '-', '‐': '-', '‑': '-', '‒': '-', '―': '-', '～': '~', '〜': '~',
  '，': ',', '、': ',', '；': ';', '：': ':', '。': '.', '（': '(', '）': ')', '【': '[', '】': ']', '《': '"', '》': '"',
  '“': '"', '”': '"', '‘': "'", '’': "'", '´': "'",
  'µ': 'u', 'μ': 'u', '\u00a0': ' ', '\u2009': ' ', '\u202f': ' ', '\u3000': ' ', '\t': ' ', '\u200b': ' ', '\ufeff': ' ',
  '∙': '.', '•': '*', '●': '*', '▪': '*', '◦': '*', '○': '*', '‣': '*', '\uf0b7': '*', '\uf0a7': '*',
};

/** HTML entities that criteria texts carry after careless export, mapped to the character they stand for. */
const HTML_ENTITIES: Record<string, string> = {
  lt: '<', gt: '>', le: '≤', ge: '≥', amp: '&', nbsp: ' ', quot: '"', apos: "'", times: '×', micro: 'u', mu: 'u', plusmn: '±', ndash: '-', mdash: '-', deg: '°',
};

const HTML_TAG = /<\/?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>\n]*)?\/?>/;
const HTML_ENTITY = /&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});/;
/** Block-level tags end a line, so that list items written as HTML still split into criteria. */
const BLOCK_TAG = /^<\/?(?:br|p|li|ul|ol|div|tr|h[1-6])\b/i;
/** CommonMark backslash escapes ("\>", "\*") and emphasis markers ("**", "__") as ClinicalTrials.gov writes them. */
const MARKDOWN_ESCAPE = /\\(?=[!-/:-@[-`{-~])/;
const MARKDOWN_EMPHASIS = /\*\*|__/;

/**
 * The text as the scanner sees it: same length as `text`, full-width forms and look-alike punctuation
 * folded, lower-cased where lower-casing keeps the length.
 */
export function normalizeForScanning(text: string): string {
  let folded = '';
  for (let i = 0; i < text.length; i++) folded += foldCharacter(text[i]);
  return folded;
}

/** Text with markup removed, and for each remaining character the [start, end) it came from in the original. */
export interface StrippedText {
  text: string;
  starts: Int32Array;
  ends: Int32Array;
}

const MARKUP = new RegExp(`${HTML_TAG.source}|${HTML_ENTITY.source}|${MARKDOWN_ESCAPE.source}|${MARKDOWN_EMPHASIS.source}`, 'g');

/**
 * Removes HTML tags (block tags become a line break), decodes HTML entities, and drops CommonMark escapes
 * and emphasis markers; null when the text has none of them. Spans found in the stripped text map back
 * to the original through `starts`/`ends`.
 */
export function stripMarkup(text: string): StrippedText | null {
  if (!/[<&\\*_]/.test(text)) return null;
  let out = '';
  const starts: number[] = [];
  const ends: number[] = [];
  let cursor = 0;
  const keep = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      out += text[i];
      starts.push(i);
      ends.push(i + 1);
    }
  };
  let changed = false;
  for (const match of text.matchAll(MARKUP)) {
    const written = match[0];
    let replacement: string | null;
    if (written.startsWith('<')) replacement = BLOCK_TAG.test(written) ? '\n' : ' ';
    else if (written.startsWith('&')) replacement = decodeEntity(written.slice(1, -1));
    else replacement = '';
    if (replacement === null) continue;
    changed = true;
    keep(cursor, match.index);
    for (const char of replacement) {
      out += char;
      starts.push(match.index);
      ends.push(match.index + written.length);
    }
    cursor = match.index + written.length;
  }
  if (!changed) return null;
  keep(cursor, text.length);
  return { text: out, starts: Int32Array.from(starts), ends: Int32Array.from(ends) };
}

function foldCharacter(char: string): string {
  const code = char.charCodeAt(0);
  // Full-width ASCII (０-９, Ａ-Ｚ, ＜, ＞, ＝ …) → ASCII.
  if (code >= 0xff01 && code <= 0xff5e) return lowerSameLength(String.fromCharCode(code - 0xfee0));
  if (code === 0x0d) return '\n';
  const folded = CHARACTER_FOLDS[char];
  if (folded !== undefined) return folded;
  return lowerSameLength(char);
}

function lowerSameLength(char: string): string {
  const lower = char.toLowerCase();
  return lower.length === 1 ? lower : char;
}

function decodeEntity(name: string): string | null {
  if (name.startsWith('#')) {
    const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
    if (!Number.isFinite(code) || code > 0xffff || code < 0x20) return null;
    return String.fromCharCode(code);
  }
  return HTML_ENTITIES[name.toLowerCase()] ?? null;
}
