// "What needs doing" at a site, from its screenings and their consents. Pure.
import type { ConsentView, ScreeningView } from '../api/conduct.ts';

export type WorkItem =
  | { kind: 'noOutcome'; subjectNumber: string; screenedOn: string }
  | { kind: 'confirmUnanswered'; subjectNumber: string; unanswered: number }
  | { kind: 'consentedNotEnrolled'; subjectNumber: string }
  | { kind: 'consentOutdated'; subjectNumber: string; formVersion: string };

/** The confirm points of the screening result nobody has answered yes, no or unknown to yet. */
export function unansweredConfirmations(screening: Pick<ScreeningView, 'result' | 'confirmations'>): string[] {
  const answered = new Set(screening.confirmations.map((confirmation) => confirmation.criterion));
  return [...new Set(screening.result.confirm.map((item) => item.criterion))].filter((criterion) => !answered.has(criterion));
}

/** The subject's consent in force: the newest one recorded (consents come newest first). */
export function latestConsent(consents: readonly ConsentView[]): ConsentView | undefined {
  return [...consents].sort((a, b) => (a.signedAt < b.signedAt ? 1 : a.signedAt > b.signedAt ? -1 : b.id - a.id))[0];
}

/** Subjects whose consents the to-do list must look at: not closed (screen failure, declined). */
export function needsConsentCheck(screening: Pick<ScreeningView, 'outcome'>): boolean {
  return screening.outcome === 'pending' || screening.outcome === 'enrolled';
}

export function workItems(screenings: readonly ScreeningView[], consents: ReadonlyMap<string, readonly ConsentView[]>): WorkItem[] {
  const items: WorkItem[] = [];
  for (const screening of screenings) {
    const { subjectNumber } = screening;
    if (screening.outcome === 'pending') items.push({ kind: 'noOutcome', subjectNumber, screenedOn: screening.screenedOn });
    const unanswered = unansweredConfirmations(screening).length;
    if (unanswered > 0 && screening.outcome === 'pending') items.push({ kind: 'confirmUnanswered', subjectNumber, unanswered });
    const consent = latestConsent(consents.get(subjectNumber) ?? []);
    if (!consent) continue;
    if (consent.state === 'outdated') items.push({ kind: 'consentOutdated', subjectNumber, formVersion: consent.formVersion });
    else if (consent.state === 'valid' && screening.outcome === 'pending') items.push({ kind: 'consentedNotEnrolled', subjectNumber });
  }
  return items;
}
