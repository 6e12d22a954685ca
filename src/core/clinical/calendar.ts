// Calendar arithmetic on dates ('YYYY-MM-DD'), the one definition of "within N months/years"
// that every criterion uses. Months and years are calendar months and years (clinical-domain.md
// §7): six months before 2026-03-01 is 2025-09-01; before 2026-08-31 it is 2026-02-28 (the day
// is clamped to the month's end). A date exactly on the window's start is inside the window.
import type { Duration } from '../criteria/rules.ts';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function parts(date: string): [number, number, number] {
  const match = DATE.exec(date);
  if (!match) throw new RangeError(`expected a date YYYY-MM-DD, got ${JSON.stringify(date)}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

function format(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The first day inside a window of `duration` ending on `date`. */
export function subtractDuration(date: string, duration: Duration): string {
  const [year, month, day] = parts(date);
  if (duration.unit === 'd' || duration.unit === 'wk') {
    const days = duration.unit === 'd' ? duration.amount : duration.amount * 7;
    const time = Date.UTC(year, month - 1, day) - Math.round(days) * 86_400_000;
    return new Date(time).toISOString().slice(0, 10);
  }
  const months = duration.unit === 'mo' ? duration.amount : duration.amount * 12;
  const whole = Math.trunc(months);
  const totalMonths = year * 12 + (month - 1) - whole;
  const newYear = Math.floor(totalMonths / 12);
  const newMonth = (totalMonths % 12) + 1;
  return format(newYear, newMonth, Math.min(day, daysInMonth(newYear, newMonth)));
}

/** Is `date` inside the window of `duration` that ends on `asOf` (both ends inclusive)? */
export function isWithin(date: string, duration: Duration, asOf: string): boolean {
  return date >= subtractDuration(asOf, duration) && date <= asOf;
}

/** Whole years (completed birthdays) from `birthDate` to `asOf`. A 29 February birthday falls on 1 March in other years. */
export function ageInYears(birthDate: string, asOf: string): number {
  const [by, bm, bd] = parts(birthDate);
  const [ay, am, ad] = parts(asOf);
  let age = ay - by;
  if (am < bm || (am === bm && ad < bd)) age -= 1;
  return age;
}

/** Whole months from `from` to `to`. */
export function monthsBetween(from: string, to: string): number {
  const [fy, fm, fd] = parts(from);
  const [ty, tm, td] = parts(to);
  let months = (ty - fy) * 12 + (tm - fm);
  if (td < fd) months -= 1;
  return months;
}

/** Days from `from` to `to`. */
export function daysBetween(from: string, to: string): number {
  const [fy, fm, fd] = parts(from);
  const [ty, tm, td] = parts(to);
  return Math.round((Date.UTC(ty, tm - 1, td) - Date.UTC(fy, fm - 1, fd)) / 86_400_000);
}

export function describeDuration(duration: Duration, lang: 'en' | 'zh' = 'en'): string {
  const { amount, unit } = duration;
  if (lang === 'zh') return `${amount}${{ d: '天', wk: '周', mo: '个月', a: '年' }[unit]}`;
  const word = { d: 'day', wk: 'week', mo: 'month', a: 'year' }[unit];
  return `${amount} ${word}${amount === 1 ? '' : 's'}`;
}
