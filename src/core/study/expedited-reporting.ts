// Which expedited reports a serious adverse event needs and by when (clinical-domain.md §9, clocks in
// clinical/tables/safety-reporting.ts): every SAE goes from the site to the sponsor within 24 h of
// awareness; a SUSAR (serious, related to a study product, unexpected) from the sponsor to the
// authority within 7 calendar days when fatal or life-threatening, else 15. A deadline is met when the
// report is sent at or before it; an unsent report is due until the deadline instant, overdue after.
import { FATAL_OR_LIFE_THREATENING, REPORTING_CLOCKS, type ReportingClock, type ReportRecipient, type SeriousnessCriterion } from '../clinical/tables/safety-reporting.ts';

export interface ReportableEvent {
  serious: boolean;
  seriousness: readonly SeriousnessCriterion[];
  /** Related (related/probably/possibly) to at least one study product. */
  related: boolean;
  /**
   * Listed in the reference safety information. Not yet assessed counts as unexpected: a related SAE
   * is on the SUSAR clock until the sponsor says it is expected.
   */
  expected?: boolean;
  awareAt: Date;
  reported?: Partial<Record<ReportRecipient, Date | null>>;
}

export type ReportStatus = 'due' | 'overdue' | 'done';

export interface DueReport {
  clock: ReportingClock['id'];
  recipient: ReportRecipient;
  dueAt: Date;
  followUpDueAt: Date | null;
  reportedAt: Date | null;
  status: ReportStatus;
  /** Sent after its deadline (status done). */
  late: boolean;
  /** Hours until the deadline (negative once overdue), to one decimal; null once done. */
  hoursLeft: number | null;
  label: string;
  labelZh: string;
  source: string;
}

const HOUR = 3_600_000;
const clock = (id: ReportingClock['id']) => REPORTING_CLOCKS.find((c) => c.id === id) as ReportingClock;

export function isSusar(event: Pick<ReportableEvent, 'serious' | 'related' | 'expected'>): boolean {
  return event.serious && event.related && event.expected !== true;
}

/** The clocks that apply to the event (none when not serious). */
export function applicableClocks(event: Pick<ReportableEvent, 'serious' | 'seriousness' | 'related' | 'expected'>): ReportingClock[] {
  if (!event.serious) return [];
  const clocks = [clock('site_to_sponsor')];
  if (isSusar(event)) clocks.push(clock(event.seriousness.some((c) => FATAL_OR_LIFE_THREATENING.includes(c)) ? 'susar_fatal_or_life_threatening' : 'susar_other'));
  return clocks;
}

/** The reports due for the event with their deadlines and status at `now`. */
export function reportsDue(event: ReportableEvent, now: Date): DueReport[] {
  return applicableClocks(event).map((c) => {
    const dueAt = new Date(event.awareAt.getTime() + c.hours * HOUR);
    const reportedAt = event.reported?.[c.recipient] ?? null;
    const status: ReportStatus = reportedAt ? 'done' : now.getTime() > dueAt.getTime() ? 'overdue' : 'due';
    return {
      clock: c.id, recipient: c.recipient, dueAt,
      followUpDueAt: c.followUpHours === undefined ? null : new Date(dueAt.getTime() + c.followUpHours * HOUR),
      reportedAt, status, late: reportedAt !== null && reportedAt.getTime() > dueAt.getTime(),
      hoursLeft: reportedAt ? null : Math.round((dueAt.getTime() - now.getTime()) / HOUR * 10) / 10,
      label: c.label, labelZh: c.labelZh, source: c.source,
    };
  });
}

/** Sort key of an event by its most urgent open report: overdue first, then the nearest deadline; all done last. */
export function urgencyOf(reports: readonly DueReport[]): number {
  const open = reports.filter((r) => r.status !== 'done');
  if (open.length === 0) return Number.POSITIVE_INFINITY;
  return Math.min(...open.map((r) => r.dueAt.getTime()));
}
