// The ClinicalTrials.gov identifier, written once for the whole codebase: "NCT" and 8 digits.
const NCT_ID = 'NCT\\d{8}';

/** The pattern's source, for a larger pattern (a URL path) that holds an NCT id. */
export const NCT_ID_SOURCE = NCT_ID;

/** A whole string that is an NCT id (upper case, as the registry stores it). */
export const NCT_ID_PATTERN = new RegExp(`^${NCT_ID}$`);

/** What an NCT id looks like, for messages. */
export const NCT_ID_EXPECTED = 'an NCT id: "NCT" and 8 digits, e.g. NCT03055078';

/** Every distinct NCT id mentioned in a text; `ignoreCase` also finds "nct…" (returned upper-cased). */
export function nctIdsIn(text: string, options: { ignoreCase?: boolean } = {}): string[] {
  const found = text.match(new RegExp(`\\b${NCT_ID}\\b`, options.ignoreCase ? 'gi' : 'g')) ?? [];
  return [...new Set(found.map((id) => id.toUpperCase()))];
}
