// The registry API's response shapes as the web app reads them (contract: docs/web.md, "Registry API").
// The trial page reads the API v2 study record itself, typed by the core trial model.
export type { Trial } from '../../core/trial/model.ts';

// The response shapes are the registry's own (type-only imports: nothing of the server is bundled).
export type { FacetCount, TrialHit, SearchResponse } from '../../store/trial-search.ts';
import type { SearchFacets, TrialHit } from '../../store/trial-search.ts';
import type { Place } from '../../registry/geocode/geocoder.ts';

export type FacetName = keyof SearchFacets;
export const FACET_NAMES = ['status', 'phase', 'studyType', 'sex', 'interventionType', 'country', 'sponsor'] as const satisfies readonly FacetName[];
export type NearestSite = NonNullable<TrialHit['nearestSite']>;
export type GeocodeResult = Place;

export interface GeoPoint {
  label: string;
  lat: number;
  lon: number;
}

export interface GeocodeResponse {
  results: GeocodeResult[];
}

export interface ApiErrorBody {
  error: { code: string; message: string; details: unknown };
}
