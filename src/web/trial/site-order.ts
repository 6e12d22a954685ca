// Orders a trial's sites for the list and the map: the sponsor's order, or nearest first from a place.
import type { Trial } from '../api/types.ts';
import { distanceKm, type LatLon } from '../../core/geo/distance.ts';

export type TrialSite = NonNullable<NonNullable<Trial['protocolSection']['contactsLocationsModule']>['locations']>[number];

export interface PlacedSite {
  /** 1-based position in the list, also the site's label on the map. */
  number: number;
  site: TrialSite;
  distanceKm: number | null;
}

/** Sites without coordinates go last when sorting by distance; ties keep the sponsor's order. */
export function orderSites(sites: readonly TrialSite[], place: LatLon | null): PlacedSite[] {
  const placed = sites.map((site) => ({
    site,
    distanceKm: place && site.geoPoint ? distanceKm(place, site.geoPoint) : null,
  }));
  if (place) {
    placed.sort((a, b) => {
      if (a.distanceKm === null || b.distanceKm === null) return (a.distanceKm === null ? 1 : 0) - (b.distanceKm === null ? 1 : 0);
      return a.distanceKm - b.distanceKm;
    });
  }
  return placed.map((entry, index) => ({ ...entry, number: index + 1 }));
}
