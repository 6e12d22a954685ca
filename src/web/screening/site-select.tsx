// The screening site, chosen from the sites with configured reference ranges (GET /api/sites). "No
// site" uses the lab's ranges on the results, else the defaults. If the list cannot be loaded the
// site id can still be typed.
import { fetchSites } from '../api/eligibility.ts';
import { useApi } from '../components/use-api.ts';
import { useT } from '../i18n/i18n.tsx';

export function SiteSelect({ value, onChange }: { value: string; onChange(siteId: string): void }) {
  const t = useT();
  const sites = useApi('sites', (signal) => fetchSites(signal));
  if (sites.state.status === 'error' && !sites.state.data) {
    return (
      <label className="field">
        <span>{t('screening.site')}</span>
        <input value={value} aria-describedby="site-hint" onChange={(event) => onChange(event.target.value)} />
        <span id="site-hint" className="hint">{t('screening.siteHint')}</span>
      </label>
    );
  }
  const list = sites.state.data ?? [];
  return (
    <label className="field">
      <span>{t('screening.site')}</span>
      <select value={value} aria-describedby="site-hint" disabled={!sites.state.data} onChange={(event) => onChange(event.target.value)}>
        <option value="">{t('screening.site.none')}</option>
        {list.map((site) => (
          <option key={site.siteId} value={site.siteId}>
            {t.plural('screening.site.option', site.ranges, { site: site.siteId })}
          </option>
        ))}
      </select>
      <span id="site-hint" className="hint">{list.length > 0 || !sites.state.data ? t('screening.site.chooseHint') : t('screening.site.noneConfigured')}</span>
    </label>
  );
}
