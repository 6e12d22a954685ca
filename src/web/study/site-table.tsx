// The study's sites within the user's scope: status (not yet active picked out), screening and
// enrollment counts per site, target enrollment.
import type { SiteView } from '../api/conduct.ts';
import { useT } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/en.ts';
import { cityName, formatDay, siteName } from './format.ts';
import type { SiteCounts } from './study-charts.ts';

export function SiteStatusBadge({ status }: { status: SiteView['status'] }) {
  const t = useT();
  const tone = status === 'active' ? 'open' : status === 'closed' ? 'neutral' : 'attention';
  return <span className={`badge badge-${tone}`}>{t(`conduct.siteStatus.${status}` as MessageKey)}</span>;
}

export function SiteTable({ sites, counts, enrolled }: { sites: readonly SiteView[]; counts: Map<string, SiteCounts>; enrolled: Map<string, number> }) {
  const t = useT();
  return (
    <section className="study-section" aria-labelledby="site-table-heading">
      <h2 id="site-table-heading">{t.plural('conduct.sites.title', sites.length)}</h2>
      <div className="table-scroll">
        <table className="data-table site-table">
          <thead>
            <tr>
              <th scope="col">{t('conduct.sites.code')}</th>
              <th scope="col">{t('conduct.sites.name')}</th>
              <th scope="col">{t('conduct.sites.status')}</th>
              <th scope="col">{t('conduct.sites.screened')}</th>
              <th scope="col">{t('conduct.sites.enrolled')}</th>
              <th scope="col">{t('conduct.sites.screenFailures')}</th>
              <th scope="col">{t('conduct.sites.pending')}</th>
              <th scope="col">{t('conduct.sites.target')}</th>
            </tr>
          </thead>
          <tbody>
            {sites.map((site) => {
              const count = counts.get(site.siteCode);
              return (
                <tr key={site.siteCode} data-site={site.siteCode} className={site.status === 'pending' ? 'row-attention' : undefined}>
                  <th scope="row">{site.siteCode}</th>
                  <td>
                    {siteName(t, site, site.siteCode)}
                    <span className="muted"> · {cityName(t, site)}</span>
                    {site.isLeadSponsor ? <span className="muted"> · {t('conduct.sites.lead')}</span> : null}
                  </td>
                  <td>
                    <SiteStatusBadge status={site.status} />
                    {site.activatedOn ? <span className="muted"> {formatDay(t, site.activatedOn)}</span> : null}
                  </td>
                  <td data-count="screened">{t.number(count?.screened ?? 0)}</td>
                  <td data-count="enrolled">{t.number(enrolled.get(site.siteCode) ?? count?.enrolled ?? 0)}</td>
                  <td data-count="screenFailure">{t.number(count?.screenFailure ?? 0)}</td>
                  <td data-count="pending">{t.number(count?.pending ?? 0)}</td>
                  <td>{site.targetEnrollment === null ? '—' : t.number(site.targetEnrollment)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
