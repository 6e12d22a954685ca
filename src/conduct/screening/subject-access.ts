// What the screening, consent and enrollment services share: finding a subject the actor may act on
// (not_found when out of sight, forbidden when seen but not theirs to change), the clock, and the
// checks of dates and free text every input goes through.
import { requireScope, type Actor, type SiteScope } from '../access/actor.ts';
import type { Permission } from '../access/roles.ts';
import { isIsoDate } from '../../core/clinical/calendar.ts';
import { EligoError, notFound } from '../../core/problems.ts';
import { parseSubjectNumber } from '../../core/study/subject-number.ts';
import type { Stores } from '../../store/index.ts';
import type { ScreeningRecord, StudyConduct, SubjectRepository } from '../../store/conduct/subject-repository.ts';

export interface ConductClock {
  now(): Date;
}
export const systemClock: ConductClock = { now: () => new Date() };

export interface SubjectServiceDependencies {
  stores: Stores;
  clock?: ConductClock;
}

/**
 * The actor's scope for `permission` where the subject is, and the subject. The subject is looked up
 * within what the actor can read, so one at a site they cannot see answers not_found exactly like one
 * that does not exist; one they see but may not act on, forbidden.
 */
export async function subjectFor(subjects: SubjectRepository, actor: Actor, studyId: string, subjectNumber: unknown, permission: Permission, options: { forUpdate?: boolean } = {}): Promise<{ scope: SiteScope; screening: ScreeningRecord }> {
  const readable = requireScope(actor, studyId, 'study.read');
  parseSubjectNumber(subjectNumber);
  const screening = await subjects.screening(readable, subjectNumber as string, options);
  if (!screening) throw notFound('subject', 'subjectNumber', subjectNumber);
  const scope = requireScope(actor, studyId, permission, screening.siteCode);
  return { scope, screening };
}

export async function conductOf(subjects: SubjectRepository, studyId: string): Promise<StudyConduct> {
  const conduct = await subjects.studyConduct(studyId);
  if (!conduct) throw notFound('study', 'studyId', studyId);
  return conduct;
}

/**
 * Today's date where it is latest (UTC+14): a date is "in the future" only once it has not begun
 * anywhere yet, so a site in China (UTC+8) can record today's date early in its morning.
 */
export function latestToday(now: Date): string {
  return new Date(now.getTime() + 14 * 3600_000).toISOString().slice(0, 10);
}

export function checkDate(value: unknown, field: string, now: Date, options: { notBefore?: { date: string; what: string } } = {}): string {
  if (typeof value !== 'string' || !isIsoDate(value)) throw EligoError.of('invalid', { code: 'invalid_date', field, value, expected: 'a date YYYY-MM-DD' });
  if (value > latestToday(now)) throw EligoError.of('invalid', { code: 'future_date', field, value, expected: 'a date not in the future' });
  if (options.notBefore && value < options.notBefore.date) throw EligoError.of('invalid', { code: 'date_too_early', field, value, expected: `a date on or after ${options.notBefore.what} (${options.notBefore.date})` });
  return value;
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** An ISO date-time with its offset (Z or ±hh:mm), not after `now`. */
export function checkDateTime(value: unknown, field: string, now: Date): Date {
  const parsed = typeof value === 'string' && DATE_TIME.test(value) && isIsoDate(value.slice(0, 10)) ? new Date(value) : undefined;
  if (!parsed || Number.isNaN(parsed.getTime())) throw EligoError.of('invalid', { code: 'invalid_date_time', field, value, expected: 'a date-time YYYY-MM-DDThh:mm[:ss] with its offset (Z or +08:00)' });
  if (parsed.getTime() > now.getTime()) throw EligoError.of('invalid', { code: 'future_date', field, value, expected: `a date-time not in the future (now is ${now.toISOString()})` });
  return parsed;
}

/** A required piece of free text, trimmed, 1–`max` characters. `secret`: never echoed in the error (identity). */
export function checkText(value: unknown, field: string, max = 2000, secret = false): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (text.length === 0 || text.length > max) throw EligoError.of('invalid', { code: text.length === 0 ? 'required' : 'too_long', field, value: typeof value === 'string' && !secret ? value : undefined, expected: `a non-empty text of at most ${max} characters` });
  return text;
}

export function optionalText(value: unknown, field: string, max = 2000, secret = false): string | null {
  return value === undefined || value === null || value === '' ? null : checkText(value, field, max, secret);
}

export function checkPage(limit: unknown, offset: unknown, max: number, fallback: number): { limit: number; offset: number } {
  const l = limit ?? fallback;
  const o = offset ?? 0;
  if (typeof l !== 'number' || !Number.isInteger(l) || l < 1 || l > max) throw EligoError.of('invalid', { code: 'invalid_option', field: 'limit', value: l, expected: `a whole number from 1 to ${max}` });
  if (typeof o !== 'number' || !Number.isInteger(o) || o < 0) throw EligoError.of('invalid', { code: 'invalid_option', field: 'offset', value: o, expected: 'a whole number from 0' });
  return { limit: l, offset: o };
}
