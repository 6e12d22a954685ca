// Gives sites without coordinates (listing pages and older records carry none) the position of their city
// from the offline gazetteer, so that distance search finds them. Like ClinicalTrials.gov's own geoPoint,
// this is the city centre, not the hospital.
import type { SiteRow } from '../document.ts';
import type { SiteLocator } from '../../store/trials.ts';
import { findCountry } from './countries.ts';
import { geocoder as sharedGeocoder, type Geocoder } from './geocoder.ts';

export function offlineSiteLocator(loadGeocoder: () => Promise<Geocoder> = sharedGeocoder): SiteLocator {
  return async (sites: SiteRow[]) => {
    if (!sites.some((site) => site.lat === null && site.city)) return sites;
    const places = await loadGeocoder();
    return sites.map((site) => {
      if (site.lat !== null || !site.city) return site;
      const country = site.country ? findCountry(site.country) ?? site.country : undefined;
      const candidates = places.search(site.city, 10);
      // In the site's country when it names one; a city name alone is too ambiguous to trust otherwise.
      const place = country ? candidates.find((candidate) => candidate.country === country) : candidates[0];
      return place ? { ...site, lat: place.lat, lon: place.lon } : site;
    });
  };
}
