// The open data queries on a home page: for a site, how many wait for its answer; for the sponsor's
// people, how many are open and answered across the sites they see, per site. Links to the list.
import { queryCounts } from '../../api/queries.ts';
import { useApi } from '../../components/use-api.ts';
import { Loading } from '../../components/notices.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { Link } from '../../shell/router.tsx';
import { studyHref } from '../../shell/routes.ts';
import { ApiProblem } from '../api-problem.tsx';

export function QueryPanel({ studyId, siteCode }: { studyId: string; siteCode?: string }) {
  const t = useT();
  const counts = useApi(`query-counts:${studyId}`, (signal) => queryCounts(studyId, signal));
  const rows = (counts.state.data ?? []).filter((row) => siteCode === undefined || row.siteCode === siteCode);
  const total = (state: 'open' | 'answered') => rows.filter((row) => row.state === state).reduce((sum, row) => sum + row.count, 0);
  const openBySite = rows.filter((row) => row.state === 'open' && row.count > 0);
  return (
    <section className="study-section" aria-labelledby={`query-panel-${siteCode ?? 'all'}`} data-query-panel={siteCode ?? 'all'}>
      <h2 id={`query-panel-${siteCode ?? 'all'}`}>{t('queries.panel.title')}</h2>
      {counts.state.status === 'error' ? <ApiProblem error={counts.state.error} /> : null}
      {!counts.state.data ? (
        counts.state.status === 'loading' ? <Loading label={t('conduct.loading')} /> : null
      ) : total('open') + total('answered') === 0 ? (
        <p className="notice notice-empty">{t('queries.panel.none')}</p>
      ) : (
        <>
          <p data-open-queries={total('open')}>{t('queries.panel.open', { count: total('open') })} · {t('queries.panel.answered', { count: total('answered') })}</p>
          {siteCode === undefined && openBySite.length > 0 ? (
            <table className="data-table compact" aria-label={t('queries.panel.bySite')}>
              <tbody>{openBySite.map((row) => <tr key={row.siteCode}><th scope="row">{row.siteCode}</th><td>{row.count}</td></tr>)}</tbody>
            </table>
          ) : null}
        </>
      )}
      <p><Link href={studyHref(studyId, 'queries')}>{t('queries.panel.link')}</Link></p>
    </section>
  );
}
