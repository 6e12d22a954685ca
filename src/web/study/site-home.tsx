// A coordinator's or investigator's home for one site: what needs doing, the screening log and the
// enrolled subjects (their arm unless the study is blinded to this user).
import { allPages, listConsents, listEnrollments, listScreenings, type ConsentView, type StudyDetail } from '../api/conduct.ts';
import { useApi } from '../components/use-api.ts';
import { Loading } from '../components/notices.tsx';
import { useT } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/en.ts';
import { Link } from '../shell/router.tsx';
import { subjectHref } from '../shell/routes.ts';
import { ApiProblem } from './api-problem.tsx';
import { formatDateTime, formatDay, protocolLabel } from './format.ts';
import { ScreeningLog } from './screening-log.tsx';
import { QueryPanel } from './follow-up/query-panel.tsx';
import { SeriousEventsPanel } from './follow-up/serious-events-panel.tsx';
import { VisitsAttentionPanel } from './follow-up/visits-attention-panel.tsx';
import { needsConsentCheck, workItems, type WorkItem } from './site-work.ts';

/** How many subjects' consents the to-do list reads at a time. */
const CONSENT_READS_AT_ONCE = 6;

export function SiteHome({ study, siteCode }: { study: StudyDetail; siteCode: string }) {
  return (
    <div className="site-home" data-site-home={siteCode}>
      <WorkList study={study} siteCode={siteCode} />
      <QueryPanel studyId={study.studyId} siteCode={siteCode} />
      <SeriousEventsPanel studyId={study.studyId} siteCode={siteCode} />
      <VisitsAttentionPanel studyId={study.studyId} siteCode={siteCode} />
      <ScreeningLog studyId={study.studyId} siteCode={siteCode} />
      <EnrolledList study={study} siteCode={siteCode} />
    </div>
  );
}

async function consentsOf(studyId: string, subjectNumbers: string[], signal: AbortSignal): Promise<Map<string, ConsentView[]>> {
  const consents = new Map<string, ConsentView[]>();
  for (let start = 0; start < subjectNumbers.length; start += CONSENT_READS_AT_ONCE) {
    const batch = subjectNumbers.slice(start, start + CONSENT_READS_AT_ONCE);
    const lists = await Promise.all(batch.map((subjectNumber) => listConsents(studyId, subjectNumber, signal)));
    batch.forEach((subjectNumber, index) => consents.set(subjectNumber, lists[index]));
  }
  return consents;
}

function WorkList({ study, siteCode }: { study: StudyDetail; siteCode: string }) {
  const t = useT();
  const work = useApi(`work:${study.studyId}:${siteCode}`, async (signal) => {
    const screenings = await allPages((offset, limit) => listScreenings(study.studyId, { siteCode, offset, limit }, signal), 2000);
    const open = screenings.filter(needsConsentCheck);
    return workItems(open, await consentsOf(study.studyId, open.map((screening) => screening.subjectNumber), signal));
  });
  return (
    <section className="study-section" aria-labelledby={`work-heading-${siteCode}`}>
      <h2 id={`work-heading-${siteCode}`}>{t('conduct.work.title')}</h2>
      {work.state.status === 'error' ? <ApiProblem error={work.state.error} /> : null}
      {!work.state.data ? (
        work.state.status === 'loading' ? <Loading label={t('conduct.loading')} /> : null
      ) : work.state.data.length === 0 ? (
        <p className="notice notice-empty">{t('conduct.work.none')}</p>
      ) : (
        <ul className="work-list" data-work-list="">
          {work.state.data.map((item, index) => (
            <li key={index} data-work={item.kind} data-subject={item.subjectNumber}>
              <Link href={subjectHref(study.studyId, item.subjectNumber)}>{item.subjectNumber}</Link> <span>{workText(t, item)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function workText(t: ReturnType<typeof useT>, item: WorkItem): string {
  switch (item.kind) {
    case 'noOutcome':
      return t('conduct.work.noOutcome', { date: formatDay(t, item.screenedOn) });
    case 'confirmUnanswered':
      return t.plural('conduct.work.confirmUnanswered', item.unanswered);
    case 'consentedNotEnrolled':
      return t('conduct.work.consentedNotEnrolled');
    case 'consentOutdated':
      return t('conduct.work.consentOutdated', { version: item.formVersion });
  }
}

function EnrolledList({ study, siteCode }: { study: StudyDetail; siteCode: string }) {
  const t = useT();
  const enrolled = useApi(`enrolled:${study.studyId}:${siteCode}`, (signal) => allPages((offset, limit) => listEnrollments(study.studyId, { siteCode, offset, limit }, signal), 2000));
  const armLabel = (code: string | null) => {
    if (code === null) return t('conduct.enrollment.armHidden');
    const arm = study.arms.find((candidate) => candidate.code === code);
    return arm ? protocolLabel(t, arm) : code;
  };
  return (
    <section className="study-section" aria-labelledby={`enrolled-heading-${siteCode}`}>
      <h2 id={`enrolled-heading-${siteCode}`}>{t('conduct.enrolled.title')}</h2>
      {enrolled.state.status === 'error' ? <ApiProblem error={enrolled.state.error} /> : null}
      {!enrolled.state.data ? (
        enrolled.state.status === 'loading' ? <Loading label={t('conduct.loading')} /> : null
      ) : enrolled.state.data.length === 0 ? (
        <p className="notice notice-empty">{t('conduct.enrolled.none')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table" data-enrolled-list="">
            <thead>
              <tr>
                <th scope="col">{t('conduct.log.subject')}</th>
                <th scope="col">{t('conduct.enrollment.arm')}</th>
                <th scope="col">{t('conduct.enrollment.at')}</th>
                <th scope="col">{t('conduct.enrollment.by')}</th>
              </tr>
            </thead>
            <tbody>
              {enrolled.state.data.map((enrollment) => (
                <tr key={enrollment.subjectNumber} data-subject={enrollment.subjectNumber}>
                  <th scope="row"><Link href={subjectHref(study.studyId, enrollment.subjectNumber)}>{enrollment.subjectNumber}</Link></th>
                  <td>{armLabel(enrollment.arm)}{enrollment.overridden ? <span className="muted"> · {t('conduct.enrollment.overridden' as MessageKey)}</span> : null}</td>
                  <td>{formatDateTime(t, enrollment.randomizedAt)}</td>
                  <td>{enrollment.randomizedBy}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
