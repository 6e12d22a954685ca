// The trial's sites as a list and an offline SVG map. Given a place (from the search page's `near`,
// or typed here and geocoded by the API), sites are ordered by great-circle distance from it.
import { useId, useState, type FormEvent } from 'react';
import { geocode } from '../api/client.ts';
import type { Trial } from '../api/types.ts';
import { StatusBadge } from '../components/badges.tsx';
import { useT } from '../i18n/i18n.tsx';
import { parseLatLon, type LatLon } from '../../core/geo/distance.ts';
import { Section } from './section.tsx';
import { orderSites, type PlacedSite } from './site-order.ts';
import { SitesMap } from './sites-map.tsx';

export interface Place extends LatLon {
  label: string;
}

export type { PlacedSite };

export function SitesSection({ trial, place, onPlaceChange }: { trial: Trial; place: Place | null; onPlaceChange(place: Place | null): void }) {
  const t = useT();
  const sites = trial.protocolSection.contactsLocationsModule?.locations ?? [];
  const ordered = orderSites(sites, place);
  return (
    <Section id="sites" title={t('trial.sites')}>
      {sites.length === 0 ? (
        <p className="muted">{t('trial.noSites')}</p>
      ) : (
        <>
          <p className="section-lead">{t.plural('trial.sitesCount', sites.length)}</p>
          <PlaceForm place={place} onPlaceChange={onPlaceChange} />
          <div className="sites-layout">
            <ol className="site-list">
              {ordered.map((entry) => (
                <SiteItem key={entry.number} entry={entry} measured={place !== null} />
              ))}
            </ol>
            <SitesMap sites={ordered} place={place} />
          </div>
        </>
      )}
    </Section>
  );
}

function SiteItem({ entry, measured }: { entry: PlacedSite; measured: boolean }) {
  const t = useT();
  const { site } = entry;
  const where = [site.city, site.state, site.zip, site.country].filter(Boolean).join(', ');
  return (
    <li className="site">
      <span className="site-number" aria-hidden="true">{entry.number}</span>
      <div className="site-body">
        <p className="site-name">{site.facility ?? where}</p>
        {site.facility && where ? <p className="site-where">{where}</p> : null}
        <p className="site-meta">
          <StatusBadge status={site.status} />
          {entry.distanceKm !== null ? <strong className="site-distance">{t('card.distance', { km: Math.round(entry.distanceKm) })}</strong> : null}
          {entry.distanceKm === null && measured ? <span className="muted">{t('trial.distanceUnknown')}</span> : null}
        </p>
        {(site.contacts ?? []).length > 0 ? (
          <ul className="site-contacts">
            {(site.contacts ?? []).map((contact, index) => (
              <li key={index}>
                {[contact.name, contact.role ? t.enumValue('role', contact.role) : null].filter(Boolean).join(', ')}
                {contact.phone ? <> · <a href={`tel:${contact.phone.replace(/[^\d+]/g, '')}`}>{contact.phone}{contact.phoneExt ? ` ext. ${contact.phoneExt}` : ''}</a></> : null}
                {contact.email ? <> · <a href={`mailto:${contact.email}`}>{contact.email}</a></> : null}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </li>
  );
}

/** Typed "lat,lon" is used as it is; a place name goes to /api/geocode and the best match is taken. */
function PlaceForm({ place, onPlaceChange }: { place: Place | null; onPlaceChange(place: Place | null): void }) {
  const t = useT();
  const inputId = useId();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const wanted = text.trim();
    if (!wanted) return;
    setProblem(null);
    const point = parseLatLon(wanted);
    if (point) {
      onPlaceChange({ ...point, label: wanted });
      return;
    }
    setBusy(true);
    try {
      const { results } = await geocode(wanted);
      const best = results[0];
      if (!best) setProblem(t('trial.locationNotFound', { text: wanted }));
      else {
        const name = t.language === 'zh' && best.nameZh ? best.nameZh : best.name;
        onPlaceChange({ lat: best.lat, lon: best.lon, label: [name, best.admin1, best.country].filter(Boolean).join(', ') });
      }
    } catch (error) {
      setProblem(error instanceof Error && error.message ? error.message : t('error.network'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="place-form" onSubmit={submit} aria-busy={busy}>
      <div className="field">
        <label htmlFor={inputId}>{t('trial.locationBox')}</label>
        <div className="inline-field">
          <input id={inputId} type="text" value={text} autoComplete="off" placeholder={t('trial.locationHint')} aria-describedby={problem ? `${inputId}-problem` : undefined} onChange={(e) => setText(e.target.value)} />
          <button type="submit" className="button button-secondary" disabled={busy}>{t('trial.locate')}</button>
        </div>
      </div>
      {problem ? <p className="field-problem" id={`${inputId}-problem`} role="alert">{problem}</p> : null}
      {place ? (
        <p className="place-current" role="status">
          {t('trial.distanceFrom', { place: place.label })}{' '}
          <button type="button" className="button button-link" onClick={() => { setText(''); onPlaceChange(null); }}>{t('trial.clearLocation')}</button>
        </p>
      ) : null}
    </form>
  );
}
