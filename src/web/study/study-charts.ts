// The sponsor's chart data, computed from the counts endpoints and the screen-failure list. Pure.
import type { ScreeningOutcome, ScreeningView } from '../api/conduct.ts';

export interface SiteCounts {
  screened: number;
  pending: number;
  enrolled: number;
  screenFailure: number;
  declined: number;
}

export function countsBySite(screenings: ReadonlyArray<{ siteCode: string; outcome: ScreeningOutcome; count: number }>): Map<string, SiteCounts> {
  const bySite = new Map<string, SiteCounts>();
  for (const row of screenings) {
    const counts = bySite.get(row.siteCode) ?? { screened: 0, pending: 0, enrolled: 0, screenFailure: 0, declined: 0 };
    counts.screened += row.count;
    if (row.outcome === 'pending') counts.pending += row.count;
    else if (row.outcome === 'enrolled') counts.enrolled += row.count;
    else if (row.outcome === 'screen_failure') counts.screenFailure += row.count;
    else counts.declined += row.count;
    bySite.set(row.siteCode, counts);
  }
  return bySite;
}

/** Every month from the first to the last with an enrollment, so gaps show as months with none. */
export function monthSpan(months: readonly string[]): string[] {
  const sorted = [...new Set(months.map((month) => month.slice(0, 7)))].sort();
  if (sorted.length === 0) return [];
  const span: string[] = [];
  let [year, month] = sorted[0].split('-').map(Number);
  const last = sorted[sorted.length - 1];
  for (let guard = 0; guard < 600; guard += 1) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    span.push(key);
    if (key >= last) break;
    month += 1;
    if (month > 12) [year, month] = [year + 1, 1];
  }
  return span;
}

/** Cumulative enrollment per site at the end of each month of the span (a site enters at its first enrollment). */
export function cumulativeEnrollment(rows: ReadonlyArray<{ siteCode: string; month: string; count: number }>): Array<{ siteCode: string; month: string; total: number }> {
  const span = monthSpan(rows.map((row) => row.month));
  const perSite = new Map<string, Map<string, number>>();
  for (const row of rows) {
    const months = perSite.get(row.siteCode) ?? new Map<string, number>();
    months.set(row.month.slice(0, 7), (months.get(row.month.slice(0, 7)) ?? 0) + row.count);
    perSite.set(row.siteCode, months);
  }
  const points: Array<{ siteCode: string; month: string; total: number }> = [];
  for (const [siteCode, months] of [...perSite].sort(([a], [b]) => a.localeCompare(b))) {
    let total = 0;
    let started = false;
    for (const month of span) {
      total += months.get(month) ?? 0;
      started ||= months.has(month);
      if (started) points.push({ siteCode, month, total });
    }
  }
  return points;
}

/** Screen-failure reasons with how often each was given, most frequent first. */
export function failureReasonCounts(screenings: readonly Pick<ScreeningView, 'outcome' | 'failureReasons'>[]): Array<{ reason: string; count: number }> {
  const counts = new Map<string, number>();
  for (const screening of screenings) {
    if (screening.outcome !== 'screen_failure') continue;
    for (const reason of new Set(screening.failureReasons.map((text) => text.trim()).filter(Boolean))) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  }
  return [...counts].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
}
