// The address of the last results page, for the trial page's "Back to search results" link.
// Held in memory only: it lasts while the app is open and is never written anywhere.
let lastSearchHref: string | null = null;

export function rememberSearch(href: string): void {
  lastSearchHref = href;
}

export function lastSearch(): string | null {
  return lastSearchHref;
}
