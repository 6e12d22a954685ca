// A study subject number: the site code and the site's screening sequence, e.g. QL01-007. The
// sequence has at least three digits (zero-padded) and grows past 999 without being cut. Site codes
// are those of study_site (upper-case letters, digits, hyphens; 2–16), so the sequence is whatever
// follows the last hyphen.
import { EligoError } from '../problems.ts';

const SUBJECT_NUMBER = /^([A-Z0-9-]{2,16})-(\d{3,7})$/;
const SITE_CODE = /^[A-Z0-9-]{2,16}$/;
export const SUBJECT_NUMBER_FORM = 'a subject number SITE-NNN: the site code, a hyphen and the sequence, at least 3 digits (e.g. QL01-007)';

export function formatSubjectNumber(siteCode: string, seq: number): string {
  if (!SITE_CODE.test(siteCode)) throw new RangeError(`not a site code: ${JSON.stringify(siteCode)}`);
  if (!Number.isInteger(seq) || seq < 1 || seq > 9_999_999) throw new RangeError(`not a subject sequence: ${seq}`);
  return `${siteCode}-${String(seq).padStart(3, '0')}`;
}

/** The site code and sequence of a subject number; malformed → invalid naming `field`. */
export function parseSubjectNumber(value: unknown, field = 'subjectNumber'): { siteCode: string; seq: number } {
  const match = typeof value === 'string' ? SUBJECT_NUMBER.exec(value) : null;
  const seq = match ? Number(match[2]) : 0;
  // One spelling per number: QL01-007, never QL01-0007 (padding only up to three digits).
  if (!match || seq < 1 || formatSubjectNumber(match[1], seq) !== value) {
    throw EligoError.of('invalid', { code: 'invalid_subject_number', field, value, expected: SUBJECT_NUMBER_FORM });
  }
  return { siteCode: match[1], seq };
}

export function isSubjectNumber(value: unknown): value is string {
  try {
    parseSubjectNumber(value);
    return true;
  } catch {
    return false;
  }
}
