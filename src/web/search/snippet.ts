// Search snippets mark matched terms with « and »; they are split into text runs and rendered as
// React text and <mark> elements, so nothing in a trial record is ever interpreted as HTML.

export interface SnippetPart {
  text: string;
  marked: boolean;
}

export function splitSnippet(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  const pattern = /«([^«»]*)»/g;
  let last = 0;
  for (const match of snippet.matchAll(pattern)) {
    if (match.index > last) parts.push({ text: snippet.slice(last, match.index), marked: false });
    if (match[1] !== '') parts.push({ text: match[1], marked: true });
    last = match.index + match[0].length;
  }
  if (last < snippet.length) parts.push({ text: snippet.slice(last), marked: false });
  // A lone « or » (an unbalanced snippet) stays in the text rather than vanishing.
  return parts;
}
