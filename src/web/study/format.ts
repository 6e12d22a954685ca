// Study-page formatting in the UI language: dates and date-times by Intl, site names in the language
// the site record has, ISO date-times turned into the local form a datetime-local control shows.
import type { SiteView } from '../api/conduct.ts';
import type { Translator } from '../i18n/translate.ts';

export function formatDateTime(t: Translator, iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(t.tag, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** YYYY-MM-DD in the UI language; anything else as it is. */
export function formatDay(t: Translator, day: string | null | undefined): string {
  if (!day) return '—';
  return t.date(day.slice(0, 10));
}

/** YYYY-MM as "March 2026" / "2026年3月". */
export function formatMonth(t: Translator, month: string): string {
  return t.date(month.slice(0, 7));
}

export function siteName(t: Translator, site: Pick<SiteView, 'nameEn' | 'nameZh'> | undefined, siteCode: string): string {
  if (!site) return siteCode;
  return t.language === 'zh' && site.nameZh ? site.nameZh : site.nameEn;
}

export function cityName(t: Translator, site: Pick<SiteView, 'cityEn' | 'cityZh'>): string {
  return t.language === 'zh' && site.cityZh ? site.cityZh : site.cityEn;
}

/** A label in the UI language from a protocol entry that carries `label` and maybe `labelZh`. */
export function protocolLabel(t: Translator, entry: { label: string; labelZh?: string }): string {
  return t.language === 'zh' && entry.labelZh ? entry.labelZh : entry.label;
}

/** Now, as the value of an <input type="datetime-local"> in the user's own time zone. */
export function localNowForInput(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}T${pad(now.getHours())}:${pad(now.getMinutes())}`;
}

/** A datetime-local value (local time) as an ISO date-time with the offset resolved; undefined when empty or malformed. */
export function isoFromLocalInput(value: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
