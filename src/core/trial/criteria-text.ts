// Eligibility criteria arrive as one free-text string (markdown in API v2, indented plain text in older
// records). These functions split it into inclusion and exclusion items for display, and write items back
// in ClinicalTrials.gov's style. Nothing is dropped: text under a heading we do not know goes to `other`.

export type CriteriaKind = 'inclusion' | 'exclusion' | 'other';

/** One criterion: its list marker as written ("1.", "*", "•", or null for a plain paragraph) and its text. */
export type CriteriaItem = { marker: string | null; text: string };
export type CriteriaSection = { kind: CriteriaKind; heading: string | null; items: CriteriaItem[] };
export type SplitCriteria = { inclusion: string[]; exclusion: string[]; other: string[] };

const ITEM_MARKER = /^(\(?\d{1,3}\\?[.)]|\(?[a-zA-Z]\\?[.)]|\(?(?:i{1,3}|iv|vi{0,3}|ix|x)\\?[.)]|[*•·▪◦‣●○\-–+])\s+/;
const BARE_MARKER = /^(\d{1,3}\\?[.)]|[*•·▪◦‣●○\-–+])$/;
/** "Inclusion Criteria:", "Key exclusion criteria", "INCLUSION CRITERIA - PATIENTS:", "Exclusion:" */
const KNOWN_HEADING =
  /^(?:#{1,6}\s*)?(?:\*\*|__)?(?:(?:key|main|major|general|principal)\s+)?(inclusion|exclusion)(?:\s+criteria)?\b([^.:]*?)(?:\*\*|__)?(?::(?:\*\*|__)?\s*(.*))?$/i;
const PLAIN_HEADING = /^[#*_\s]*(?:(?:key|main|major|general|principal)\s+)?(?:inclusion|exclusion)(?:\s+criteria)?[\s*_]*:?[\s*_]*$/i;
/** Upper-case lines ending in ":" ("DISEASE CHARACTERISTICS:") head sections we do not know. */
const UNKNOWN_HEADING = /^[^a-z]{3,80}:$/;

/** Backslash escapes of CommonMark punctuation ("\>", "\*") as ClinicalTrials.gov's markdown writes them. */
export function unescapeMarkdown(text: string): string {
  return text.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

/** Splits criteria text into sections of items, joining wrapped lines and keeping markers as written. */
export function parseCriteriaSections(text: string): CriteriaSection[] {
  const sections: CriteriaSection[] = [];
  let section: CriteriaSection | null = null;
  let item: CriteriaItem | null = null;
  let previousBlank = true;

  const openSection = (kind: CriteriaKind, heading: string | null): CriteriaSection => {
    const opened: CriteriaSection = { kind, heading, items: [] };
    sections.push(opened);
    item = null;
    return opened;
  };
  const addItem = (marker: string | null, itemText: string) => {
    section ??= openSection('other', null);
    item = { marker, text: itemText };
    section.items.push(item);
  };

  for (const rawLine of text.replace(/\r\n?/g, '\n').split('\n')) {
    const line = rawLine.trim();
    if (line === '') {
      previousBlank = true;
      continue;
    }
    const heading = matchHeading(line);
    if (heading) {
      section = openSection(heading.kind, heading.heading);
      if (heading.rest) addItem(null, heading.rest);
    } else if (BARE_MARKER.test(line)) {
      // A marker alone on its line (older records write "-" then the text after a blank line).
      addItem(line, '');
    } else {
      const marker = ITEM_MARKER.exec(line);
      const current = item as CriteriaItem | null;
      if (marker) addItem(marker[1], line.slice(marker[0].length));
      else if (current && (!previousBlank || current.text === '')) current.text = joinWrapped(current.text, line);
      else addItem(null, line);
    }
    previousBlank = false;
  }
  for (const each of sections) each.items = each.items.filter((candidate) => candidate.text !== '');
  return sections;
}

/** Inclusion and exclusion items as display text (markers removed, escapes undone, spaces collapsed). */
export function splitEligibilityCriteria(text: string | null | undefined): SplitCriteria {
  const split: SplitCriteria = { inclusion: [], exclusion: [], other: [] };
  if (!text) return split;
  for (const section of parseCriteriaSections(text)) {
    // A heading that says more than "Inclusion Criteria:" ("… (patients must meet all of the following):")
    // carries meaning of its own, so it is shown as the first item of its side.
    if (section.heading && (section.kind === 'other' || !PLAIN_HEADING.test(section.heading))) {
      split[section.kind].push(cleanForDisplay(section.heading));
    }
    for (const item of section.items) split[section.kind].push(cleanForDisplay(item.text));
  }
  return split;
}

/**
 * Writes sections back as ClinicalTrials.gov does: "Inclusion Criteria:", a blank line, one item a line;
 * a plain paragraph is set off by blank lines so that it does not run into a list.
 */
export function formatCriteriaSections(sections: CriteriaSection[]): string {
  const blocks: string[] = [];
  for (const section of sections) {
    if (section.heading) blocks.push(section.heading);
    const lines: string[] = [];
    for (const item of section.items) {
      if (item.marker === null) {
        if (lines.length > 0) blocks.push(lines.splice(0).join('\n'));
        blocks.push(item.text);
      } else {
        lines.push(`${item.marker} ${item.text}`);
      }
    }
    if (lines.length > 0) blocks.push(lines.join('\n'));
  }
  return blocks.join('\n\n');
}

export function criteriaHeading(kind: 'inclusion' | 'exclusion'): string {
  return kind === 'inclusion' ? 'Inclusion Criteria:' : 'Exclusion Criteria:';
}

function matchHeading(line: string): { kind: CriteriaKind; heading: string; rest: string } | null {
  const known = KNOWN_HEADING.exec(line);
  if (known) {
    const [, word, qualifier] = known;
    const rest = known[3] ?? '';
    const heading = line.slice(0, line.length - rest.length).trim();
    // "Exclusion of patients with…" is a sentence, not a heading: a heading says "criteria", ends in a
    // colon, or is the bare word.
    if (/criteria|:/i.test(heading) || (rest === '' && qualifier.trim() === '')) {
      // "Inclusion and exclusion criteria:" heads a mixed list, which we cannot assign to either side.
      const kind: CriteriaKind = /inclusion|exclusion/i.test(qualifier) ? 'other' : (word.toLowerCase() as CriteriaKind);
      return { kind, heading, rest: rest.trim() };
    }
  }
  if (UNKNOWN_HEADING.test(line) && /[A-Z]{3}/.test(line) && !ITEM_MARKER.test(line)) {
    return { kind: 'other', heading: line, rest: '' };
  }
  return null;
}

function joinWrapped(before: string, after: string): string {
  return before === '' ? after : `${before} ${after}`;
}

function cleanForDisplay(text: string): string {
  return unescapeMarkdown(text).replace(/\s+/g, ' ').trim();
}
