// The site and sponsor homes: serious adverse events with the expedited report each still needs and
// its deadline (24 h to the sponsor, 7 or 15 days to the authority, §9), most urgent first, each
// linking to the subject's adverse-event page.
import { seriousEvents } from '../../api/adverse-events.ts';
import { useApi } from '../../components/use-api.ts';
import { Loading } from '../../components/notices.tsx';
import { useT } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/en.ts';
import { Link } from '../../shell/router.tsx';
import { subjectHref } from '../../shell/routes.ts';
import { ApiProblem } from '../api-problem.tsx';
import { formatDateTime } from '../format.ts';

export function SeriousEventsPanel({ studyId, siteCode }: { studyId: string; siteCode?: string }) {
  const t = useT();
  const items = useApi(`serious-events:${studyId}:${siteCode ?? ''}`, (signal) => seriousEvents(studyId, siteCode, signal));
  const open = (items.state.data ?? []).filter((row) => row.status !== 'done');
  const id = `serious-events-${siteCode ?? 'all'}`;
  return (
    <section className="study-section" aria-labelledby={id} data-serious-events={siteCode ?? 'all'}>
      <h2 id={id}>{t('ae.serious.title')}</h2>
      {items.state.status === 'error' ? <ApiProblem error={items.state.error} /> : null}
      {!items.state.data ? (items.state.status === 'loading' ? <Loading label={t('conduct.loading')} /> : null) : open.length === 0 ? (
        <p className="notice notice-empty">{t('ae.serious.none')}</p>
      ) : (
        <table className="data-table compact" aria-label={t('ae.serious.title')}>
          <thead><tr><th scope="col">{t('ae.serious.subject')}</th><th scope="col">{t('ae.serious.event')}</th><th scope="col">{t('ae.serious.report')}</th><th scope="col">{t('ae.serious.deadline')}</th></tr></thead>
          <tbody>
            {open.flatMap((row) => row.reports.filter((r) => r.status !== 'done').map((report) => (
              <tr key={`${row.subjectNumber}:${row.aeNumber}:${report.clock}`} data-serious-row={report.status} data-clock={report.clock}>
                <th scope="row"><Link href={subjectHref(studyId, row.subjectNumber, 'adverse-events')}>{row.subjectNumber}</Link></th>
                <td>{t.language === 'zh' ? row.termZh : row.term}{row.grade ? ` (${row.grade})` : ''}</td>
                <td>{t.language === 'zh' ? report.labelZh : report.label}</td>
                <td><span className={`status-tag status-${report.status}`}>{t(`ae.serious.status.${report.status}` as MessageKey)}</span> {formatDateTime(t, report.dueAt)} <span className="muted">{report.hoursLeft !== null ? t(report.hoursLeft >= 0 ? 'ae.hoursLeft' : 'ae.hoursOver', { hours: Math.abs(report.hoursLeft) }) : ''}</span></td>
              </tr>
            )))}
          </tbody>
        </table>
      )}
    </section>
  );
}
