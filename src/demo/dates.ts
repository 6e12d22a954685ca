// Day and time arithmetic of the demo's calendar. Events happen in Beijing working hours (UTC+8,
// no daylight saving), so a UTC instant of the event still falls on its local date.
const DAY_MS = 86_400_000;
const BEIJING_OFFSET_MINUTES = 8 * 60;

export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The instant of a Beijing wall-clock time (minutes after midnight) on a date. */
export function beijingTime(date: string, minuteOfDay: number): Date {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day) + (minuteOfDay - BEIJING_OFFSET_MINUTES) * 60_000);
}

