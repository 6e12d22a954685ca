// Trial descriptions are CommonMark written by sponsors (older records: plain text with indents).
// This reads just enough of it for display — paragraphs and bullet/numbered lists — and never
// produces HTML: the blocks are rendered as React text.
import { unescapeMarkdown } from '../../core/trial/criteria-text.ts';

export type TextBlock = { kind: 'paragraph'; text: string } | { kind: 'list'; ordered: boolean; items: string[] };

const BULLET = /^(?:[*•·\-–+])\s+(.*)$/;
const NUMBERED = /^\d{1,3}\\?[.)]\s+(.*)$/;

export function parseTextBlocks(text: string | null | undefined): TextBlock[] {
  if (!text) return [];
  const blocks: TextBlock[] = [];
  // What is being gathered: the lines of a paragraph, or the items of a list.
  const open: { paragraph: string[]; list: { ordered: boolean; items: string[] } | null } = { paragraph: [], list: null };

  const flushParagraph = () => {
    if (open.paragraph.length > 0) blocks.push({ kind: 'paragraph', text: clean(open.paragraph.join(' ')) });
    open.paragraph = [];
  };
  const flushList = () => {
    if (open.list) blocks.push({ kind: 'list', ordered: open.list.ordered, items: open.list.items.map(clean) });
    open.list = null;
  };

  for (const rawLine of text.replace(/\r\n?/g, '\n').split('\n')) {
    const line = rawLine.trim();
    if (line === '') {
      flushParagraph();
      continue;
    }
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    const item = bullet ?? numbered;
    if (item) {
      flushParagraph();
      const ordered = numbered !== null;
      if (!open.list || open.list.ordered !== ordered) {
        flushList();
        open.list = { ordered, items: [] };
      }
      open.list.items.push(item[1]);
    } else if (open.list && open.paragraph.length === 0 && /^\s{2,}/.test(rawLine)) {
      // An indented line continues the list item above it.
      open.list.items[open.list.items.length - 1] += ` ${line}`;
    } else {
      flushList();
      open.paragraph.push(line);
    }
  }
  flushParagraph();
  flushList();
  return blocks;
}

function clean(text: string): string {
  return unescapeMarkdown(text).replace(/\*\*(.+?)\*\*/g, '$1').replace(/\s+/g, ' ').trim();
}
