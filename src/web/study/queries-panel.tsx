// The data-query panel of the site's and the sponsor's homes: open and answered queries per site
// within the user's scope, with a link to the study's query list.
import { queryCounts, type QueryCount } from '../api/queries.ts';
import { useApi } from '../components/use-api.ts';
import { Loading } from '../components/notices.tsx';
import { useT } from '../i18n/i18n.tsx';
import { Link } from '../shell/router.tsx';
import { studyHref } from '../shell/routes.ts';
import { ApiProblem } from './api-problem.tsx';

interface SiteTally { siteCode: string; open: number; answered: number; closed: number }

export function tallyQueries(counts: readonly QueryCount[], siteCode?: string): SiteTally[] {
  const bySite = new Map<string, SiteTally>();
  for (const count of counts) {
    if (siteCode !== undefined && count.siteCode !== siteCode) continue;
    const tally = bySite.get(count.siteCode) ?? { siteCode: count.siteCode, open: 0, answered: 0, closed: 0 };
    tally[count.state] += count.count;
    bySite.set(count.siteCode, tally);
  }
  return [...bySite.values()].sort((a, b) => b.open - a.open || a.siteCode.localeCompare(b.siteCode));
}

/** `siteCode` narrows it to one site (the site home); without it, every site in scope (the sponsor home). */
export function QueriesPanel({ studyId, siteCode }: { studyId: string; siteCode?: string }) {
  const t = useT();
  const counts = useApi(`query-counts:${studyId}`, (signal) => queryCounts(studyId, signal));
  const sites = counts.state.data ? tallyQueries(counts.state.data, siteCode) : [];
  const total = sites.reduce((sum, site) => ({ open: sum.open + site.open, answered: sum.answered + site.answered, closed: sum.closed + site.closed }), { open: 0, answered: 0, closed: 0 });
  const headingId = `queries-panel-heading-${siteCode ?? 'all'}`;
  const active = sites.filter((site) => site.open + site.answered > 0);
  return (
    <section className="study-section" aria-labelledby={headingId} data-queries-panel={siteCode ?? 'all'}>
      <h2 id={headingId}>{t('conduct.queries.panel.title')}</h2>
      {counts.state.status === 'error' ? <ApiProblem error={counts.state.error} /> : null}
      {!counts.state.data ? (
        counts.state.status === 'loading' ? <Loading label={t('conduct.loading')} /> : null
      ) : (
        <>
          <p data-query-totals={`${total.open}/${total.answered}/${total.closed}`}>{t('conduct.queries.panel.summary', total)}</p>
          {active.length === 0 ? <p className="notice notice-empty">{t('conduct.queries.panel.none')}</p> : siteCode === undefined ? (
            <ul className="query-site-counts">
              {active.slice(0, 10).map((site) => <li key={site.siteCode} data-site={site.siteCode}>{t('conduct.queries.panel.site', { site: site.siteCode, open: site.open, answered: site.answered })}</li>)}
            </ul>
          ) : null}
        </>
      )}
      <p><Link href={studyHref(studyId, 'queries')}>{t('conduct.queries.panel.all')}</Link></p>
    </section>
  );
}
