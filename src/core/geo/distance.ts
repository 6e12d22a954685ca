// Positions and great-circle distances, shared by registry search and the web app's site lists.
// Haversine on a sphere of the Earth's mean radius (IUGG: 6371.0088 km): within 0.5% of the ellipsoid,
// finer than the site coordinates themselves, which ClinicalTrials.gov geocodes to the city centre.

export interface LatLon {
  lat: number;
  lon: number;
}

export const EARTH_MEAN_RADIUS_KM = 6371.0088;

export function distanceKm(from: LatLon, to: LatLon): number {
  const toRadians = (degrees: number) => (degrees * Math.PI) / 180;
  const dLat = toRadians(to.lat - from.lat);
  const dLon = toRadians(to.lon - from.lon);
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(toRadians(from.lat)) * Math.cos(toRadians(to.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_MEAN_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

const LAT_LON = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/;

/** "36.65,117.12" → {lat, lon} as written, or null when the text is not a coordinate pair (e.g. a city name). */
export function matchLatLon(text: string): LatLon | null {
  const match = LAT_LON.exec(text);
  return match ? { lat: Number(match[1]), lon: Number(match[2]) } : null;
}

export function isOnEarth(point: LatLon): boolean {
  return Math.abs(point.lat) <= 90 && Math.abs(point.lon) <= 180;
}

/** A coordinate pair on Earth, or null for anything else (a city name, an out-of-range number). */
export function parseLatLon(text: string): LatLon | null {
  const point = matchLatLon(text);
  return point && isOnEarth(point) ? point : null;
}
