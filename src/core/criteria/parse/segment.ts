// Segmentation: criteria text → inclusion/exclusion items with their spans. Handles ClinicalTrials.gov
// headings ("Inclusion Criteria:", "Key exclusion criteria"), older section headings ("DISEASE
// CHARACTERISTICS:", "PATIENT CHARACTERISTICS:"), numbered, lettered and bulleted items, nested
// sub-items under a short heading item ("Hepatic:" → "Bilirubin ≤ 1.5 mg/dL"), wrapped lines, the seed
// listings' "Inclusion criteria" without a colon, and plain paragraphs (split into sentences).
// src/core/trial/criteria-text.ts splits criteria for display; this one keeps offsets, which that one drops.
import type { CriterionKind, Span } from '../rules.ts';

export interface Segment {
  kind: CriterionKind;
  span: Span;
  /** Heading lines above the item that name what its numbers apply to ("Life expectancy:", "Hepatic"). */
  context: string[];
}

export interface Segmentation {
  segments: Segment[];
  /** True when the text names an inclusion or exclusion section; otherwise everything is inclusion. */
  hasHeadings: boolean;
  /** True when a run of text longer than MAX_SEGMENT_LENGTH had to be cut into several criteria. */
  oversized: boolean;
}

const KNOWN_HEADING =
  /^(?:#{1,6}\s*)?(?:\*\s*)?(?:(?:key|main|major|general|principal|additional|specific)\s+)?(?:criteria\s+for\s+)?(inclusion|exclusion|eligibility|ineligibility|non[-\s]?inclusion)(?:\s+criteria|\s+criterion)?\b([^.:;]{0,50}?)\s*(?::|-|—)?\s*(.*)$/;
const SEED_HEADING = /^(?:patients?\s+)?(?:who\s+)?(?:must\s+)?(?:meet|fulfil+)\s+(?:all\s+)?(?:of\s+)?the\s+following\s+(?:inclusion|exclusion)/;
const ITEM_MARKER = /^(?:\(?\d{1,3}(?:\.\d{1,2})*[.)]|\(?[a-z][.)]|\(?(?:i{1,3}|iv|vi{0,3}|ix|x)[.)]|[*\-+•·>]|\d{1,3}\s?[-–]\s|[\u2460-\u2473])\s*/;
const ENUMERATION_MARKER = /^(?:\d{1,3}|[一二三四五六七八九十]{1,3})、\s*/;
/** Chinese criteria headings: 入选标准 / 纳入标准 / 入组标准 (inclusion), 排除标准 (exclusion). */
const CHINESE_HEADING = /^(?:[一二三四五六七八九十]+[,.]\s*)?(入选|纳入|入组|排除|剔除)(?:标准|条件)\s*:?\s*(.*)$/;
const BARE_MARKER = /^(?:\(?\d{1,3}[.)]|[*\-+•·])$/;

interface Line { start: number; end: number; indent: number; text: string; original: string }

export function segmentCriteria(original: string, normalized: string): Segmentation {
  const lines = splitLines(original, normalized);
  const segments: Segment[] = [];
  let kind: CriterionKind = 'inclusion';
  let hasHeadings = false;
  let current: { start: number; end: number; indent: number; paragraph: boolean; kind: CriterionKind; context: string[] } | null = null;
  let previousBlank = true;
  // Short heading items with their indentation: items indented deeper inherit them as context.
  let headingStack: Array<{ indent: number; text: string }> = [];

  const close = () => {
    if (current && current.end > current.start) {
      if (current.paragraph) segments.push(...sentences(original, normalized, current.start, current.end, current.kind, current.context));
      else segments.push({ kind: current.kind, span: [current.start, current.end], context: current.context });
    }
    current = null;
  };

  for (const line of lines) {
    if (line.text === '') {
      previousBlank = true;
      continue;
    }
    const heading = headingOf(line.text);
    if (heading) {
      close();
      if (heading.kind) {
        kind = heading.kind;
        hasHeadings = true;
      }
      headingStack = heading.rest > 0 ? [] : [{ indent: -1, text: heading.kind ? '' : line.original.trim() }].filter((entry) => entry.text !== '');
      if (heading.rest > 0) {
        const restStart = line.start + line.indent + heading.rest;
        const markerMatch = ITEM_MARKER.exec(normalized.slice(restStart, line.end));
        current = { start: restStart + (markerMatch ? markerMatch[0].length : 0), end: line.end, indent: line.indent, paragraph: !markerMatch, kind, context: [] };
      }
      previousBlank = false;
      continue;
    }
    // "4、14岁以上": the enumeration comma is folded to "," for scanning, so the marker is read from the original.
    const marker = ITEM_MARKER.exec(line.text) ?? ENUMERATION_MARKER.exec(line.original.trim());
    const bare = BARE_MARKER.test(line.text);
    if (!marker && !bare && isSubheading(line.text) && line.text.endsWith(':')) {
      // "Neonates:", "Hepatic:": a heading line above items; it applies to items at its indentation or deeper.
      close();
      headingStack = headingStack.filter((entry) => entry.indent < line.indent - 1);
      headingStack.push({ indent: line.indent - 1, text: line.original.trim() });
      previousBlank = false;
      continue;
    }
    if (marker || bare) {
      close();
      const textStart = line.start + line.indent + (bare ? line.text.length : marker![0].length);
      headingStack = headingStack.filter((entry) => entry.indent < line.indent);
      current = { start: textStart, end: bare ? textStart : line.end, indent: line.indent, paragraph: false, kind, context: headingStack.map((entry) => entry.text) };
    } else if (current && (!previousBlank || current.end === current.start)) {
      if (current.end === current.start) current.start = line.start + line.indent;
      current.end = line.end;
    } else {
      close();
      headingStack = headingStack.filter((entry) => entry.indent < line.indent || entry.indent === -1);
      current = { start: line.start + line.indent, end: line.end, indent: line.indent, paragraph: true, kind, context: headingStack.map((entry) => entry.text) };
    }
    // A short item ending in ":" (or a lone category word) heads the deeper items that follow it.
    const itemText = normalized.slice(current!.start, current!.end).trim();
    if (isSubheading(itemText)) {
      headingStack.push({ indent: line.indent, text: original.slice(current!.start, current!.end).trim() });
      current = null;
    }
    previousBlank = false;
  }
  close();
  const kept = segments.filter((segment) => /[\p{L}\p{N}]/u.test(original.slice(segment.span[0], segment.span[1])));
  const split = kept.flatMap((segment) => splitOversized(original, segment));
  return { segments: split, hasHeadings, oversized: split.length > kept.length };
}

/** No real criterion is this long; longer runs (pasted documents, noise) are cut so work stays linear. */
export const MAX_SEGMENT_LENGTH = 5_000;

function splitOversized(original: string, segment: Segment): Segment[] {
  const pieces: Segment[] = [];
  let [start] = segment.span;
  const end = segment.span[1];
  while (end - start > MAX_SEGMENT_LENGTH) {
    const limit = start + MAX_SEGMENT_LENGTH;
    const space = original.lastIndexOf(' ', limit);
    const cut = space > start + MAX_SEGMENT_LENGTH / 2 ? space : limit;
    pieces.push({ ...segment, span: [start, cut] });
    start = cut;
    while (start < end && /\s/.test(original[start])) start++;
  }
  if (end > start) pieces.push({ ...segment, span: [start, end] });
  return pieces;
}

function splitLines(original: string, normalized: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  while (start <= normalized.length) {
    let end = normalized.indexOf('\n', start);
    if (end === -1) end = normalized.length;
    const raw = normalized.slice(start, end);
    const indent = raw.length - raw.trimStart().length;
    const text = raw.trim();
    lines.push({ start, end: start + indent + text.length, indent, text, original: original.slice(start, end) });
    start = end + 1;
  }
  return lines;
}

function headingOf(line: string): { kind: CriterionKind | null; rest: number } | null {
  const stripped = line.replace(/^[*#\s]+/, '');
  const offset = line.length - stripped.length;
  const known = KNOWN_HEADING.exec(stripped);
  if (known) {
    const word = known[1];
    const qualifier = known[2];
    const rest = known[3];
    const headingPart = stripped.slice(0, stripped.length - rest.length);
    // "Exclusion of patients with…" is a sentence, not a heading: need "criteria", a colon, or the bare word.
    const looksLikeHeading = /criteri|:|-|—/.test(headingPart) || rest === '';
    if (looksLikeHeading && qualifier.split(/\s+/).filter(Boolean).length <= 6 && !/\d/.test(qualifier)) {
      const kind: CriterionKind = word === 'exclusion' || word === 'ineligibility' || word.startsWith('non') ? 'exclusion' : 'inclusion';
      const restStart = rest === '' ? 0 : offset + stripped.length - rest.length;
      return { kind, rest: restStart };
    }
  }
  if (/^(?:eligibility\s+)?criteria\s*:?$/.test(stripped)) return { kind: null, rest: 0 };
  const chinese = CHINESE_HEADING.exec(stripped);
  if (chinese) return { kind: chinese[1] === '排除' || chinese[1] === '剔除' ? 'exclusion' : 'inclusion', rest: chinese[2] === '' ? 0 : offset + stripped.length - chinese[2].length };
  if (SEED_HEADING.test(stripped)) return { kind: /exclusion/.test(stripped) ? 'exclusion' : 'inclusion', rest: 0 };
  return null;
}

const CATEGORY_WORDS = /^(?:hematopoietic|haematopoietic|hematologic|haematologic|hematological|hepatic|liver|renal|kidney|cardiovascular|cardiac|pulmonary|respiratory|other|age|sex|performance\s+status|life\s+expectancy|menopausal\s+status|biologic\s+therapy|chemotherapy|endocrine\s+therapy|radiotherapy|surgery|immunologic|neurologic|gastrointestinal|prior\s+concurrent\s+therapy|disease\s+characteristics|patient\s+characteristics|laboratory(?:\s+values)?|adequate\s+organ\s+function)\s*:?$/;

/** "Patients … are excluded if any of the following is applicable.", "None of the following:": a lead-in to the items below. */
const LEAD_IN = /\b(?:any|all|one|none|each|either)\s+of\s+the\s+following\b|\bthe\s+following\s+(?:criteria|conditions|requirements)\b|\bmust\s+(?:meet|fulfil+|have)\s+(?:all\s+)?(?:of\s+)?the\s+following\b/;

function isSubheading(text: string): boolean {
  if (LEAD_IN.test(text) && text.length < 200 && /[.:]\s*$/.test(text)) return true;
  if (text.length === 0 || text.length > 80) return false;
  if (text.endsWith(':') && !/[<>≤≥=\d]/.test(text)) return true;
  return CATEGORY_WORDS.test(text);
}

/** Splits a plain paragraph at sentence ends ("…therapy. Patients had…") into one segment per sentence. */
function sentences(original: string, normalized: string, start: number, end: number, kind: CriterionKind, context: string[]): Segment[] {
  const found: Segment[] = [];
  let sentenceStart = start;
  const boundary = /[.;!?]\s+(?=[A-Z(])/g;
  const slice = original.slice(start, end);
  for (const match of slice.matchAll(boundary)) {
    const at = start + match.index + 1;
    // Abbreviations ("e.g.", "i.e.", "vs.", "Dr.") and decimals do not end a sentence.
    if (/(?:\b[a-z]\.[a-z]|\bvs|\bdr|\bno|\bapprox|\bincl|\bca|\bst|\bfig|\bet al)\.?$/i.test(normalized.slice(Math.max(start, at - 8), at))) continue;
    if (at > sentenceStart) found.push({ kind, span: [sentenceStart, at], context });
    sentenceStart = start + match.index + match[0].length;
  }
  if (end > sentenceStart) found.push({ kind, span: [sentenceStart, end], context });
  return found;
}
