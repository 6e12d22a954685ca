// The registry API's response shapes as the web app reads them (contract: docs/web.md, "Registry API").
// The trial page reads the API v2 study record itself, typed by the core trial model.
export type { Trial } from '../../core/trial/model.ts';

export interface FacetCount {
  value: string;
  count: number;
}

export const FACET_NAMES = ['status', 'phase', 'studyType', 'sex', 'interventionType', 'country', 'sponsor'] as const;
export type FacetName = (typeof FACET_NAMES)[number];

export interface NearestSite {
  facility?: string;
  city?: string;
  country?: string;
  distanceKm: number;
}

export interface TrialHit {
  nctId: string;
  briefTitle: string;
  acronym?: string;
  overallStatus?: string;
  phases: string[];
  studyType?: string;
  conditions: string[];
  interventions: Array<{ type: string; name: string }>;
  leadSponsor?: string;
  startDate?: string;
  lastUpdate?: string;
  enrollment?: number;
  sex?: string;
  minimumAge?: string;
  maximumAge?: string;
  locationCount: number;
  nearestSite?: NearestSite;
  /** Plain text; matched terms are wrapped in « and ». */
  snippet?: string;
}

export interface GeoPoint {
  label: string;
  lat: number;
  lon: number;
}

export interface SearchResponse {
  total: number;
  page: number;
  pageSize: number;
  sort: string;
  near?: GeoPoint;
  results: TrialHit[];
  facets: Record<FacetName, FacetCount[]>;
}

export interface GeocodeResult {
  name: string;
  nameZh?: string;
  country: string;
  countryCode: string;
  admin1?: string;
  lat: number;
  lon: number;
  population: number;
}

export interface GeocodeResponse {
  results: GeocodeResult[];
}

export interface ApiErrorBody {
  error: { code: string; message: string; details: unknown };
}
