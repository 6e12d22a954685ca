// The audit trail's hash chain: each entry's hash covers the previous entry's hash and the entry's own
// fields in a canonical JSON form, so changing, removing or inserting any entry breaks every hash after
// it. Pure: the same fields always give the same hash.
import { createHash } from 'node:crypto';

/** The hash the first entry chains from. */
export const GENESIS_HASH = '0'.repeat(64);

/** What an entry's hash covers: every column but its row id and the hashes themselves. */
export interface ChainedFields {
  seq: number;
  /** ISO date-time with milliseconds (what a timestamptz written from a JS Date reads back as). */
  at: string;
  userId: number | null;
  username: string;
  via: string;
  action: string;
  recordType: string;
  recordId: string;
  studyId: string | null;
  siteCode: string | null;
  oldValue: unknown;
  newValue: unknown;
  reason: string | null;
}

/** JSON with object keys sorted at every level, so jsonb's own key order cannot change a hash. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
}

/** SHA-256 (hex) of the previous hash and the entry's canonical fields. */
export function entryHash(prevHash: string, fields: ChainedFields): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(fields)).digest('hex');
}
