// Great-circle distance between two points, for ordering a trial's sites by distance from the user.
// Haversine on a sphere of the Earth's mean radius (IUGG: 6371.0088 km): within 0.5% of the ellipsoid,
// finer than the site coordinates themselves, which ClinicalTrials.gov geocodes to the city centre.

export interface LatLon {
  lat: number;
  lon: number;
}

const EARTH_MEAN_RADIUS_KM = 6371.0088;

export function distanceKm(from: LatLon, to: LatLon): number {
  const toRadians = (degrees: number) => (degrees * Math.PI) / 180;
  const dLat = toRadians(to.lat - from.lat);
  const dLon = toRadians(to.lon - from.lon);
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(toRadians(from.lat)) * Math.cos(toRadians(to.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_MEAN_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

const LAT_LON = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/;

/** "36.65,117.12" → {lat, lon}; anything else (a city name, an out-of-range number) → null. */
export function parseLatLon(text: string): LatLon | null {
  const match = LAT_LON.exec(text);
  if (!match) return null;
  const lat = Number(match[1]);
  const lon = Number(match[2]);
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180) return null;
  return { lat, lon };
}
