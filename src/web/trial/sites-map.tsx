// Site cities as numbered dots on a fitted lon/lat grid, drawn in SVG with no tiles or network.
// The numbered list beside it carries the same information for screen readers.
import { useT } from '../i18n/i18n.tsx';
import { fitFrame } from '../geo/projection.ts';
import type { LatLon } from '../../core/geo/distance.ts';
import type { Place, PlacedSite } from './sites-section.tsx';

const WIDTH = 480;
const PADDING = 28;
/** Beyond this many dots, city names would overlap; the numbered list names them instead. */
const MAX_LABELLED_SITES = 12;

export function SitesMap({ sites, place }: { sites: PlacedSite[]; place: Place | null }) {
  const t = useT();
  const located = sites.filter((entry) => entry.site.geoPoint);
  if (located.length === 0) return null;
  const points: LatLon[] = located.map((entry) => entry.site.geoPoint as LatLon);
  if (place) points.push(place);
  const frame = fitFrame(points, WIDTH, PADDING);
  const missing = sites.length - located.length;
  const descriptionId = 'sites-map-description';
  const labelled = located.length <= MAX_LABELLED_SITES;
  return (
    <figure className="sites-map">
      <svg viewBox={`0 0 ${frame.width} ${frame.height}`} role="img" aria-labelledby="sites-map-title" aria-describedby={descriptionId}>
        <title id="sites-map-title">{t('trial.sitesMap')}</title>
        <rect x="0" y="0" width={frame.width} height={frame.height} className="map-sea" />
        {frame.latitudes.map((lat) => {
          const { y } = frame.project({ lat, lon: 0 });
          return (
            <g key={`lat-${lat}`} className="map-grid">
              <line x1="0" x2={frame.width} y1={y} y2={y} />
              <text x="4" y={y - 3}>{`${Math.abs(lat)}°${lat >= 0 ? 'N' : 'S'}`}</text>
            </g>
          );
        })}
        {frame.longitudes.map((lon) => {
          const { x } = frame.project({ lat: 0, lon });
          return (
            <g key={`lon-${lon}`} className="map-grid">
              <line x1={x} x2={x} y1="0" y2={frame.height} />
              <text x={x + 3} y={frame.height - 4}>{`${Math.abs(lon)}°${lon >= 0 ? 'E' : 'W'}`}</text>
            </g>
          );
        })}
        {place ? <PlaceMarker point={frame.project(place)} label={place.label} /> : null}
        {[...located].reverse().map((entry) => {
          const { x, y } = frame.project(entry.site.geoPoint as LatLon);
          return (
            <g key={entry.number} className="map-site" transform={`translate(${x} ${y})`}>
              <title>{`${entry.number}. ${[entry.site.facility, entry.site.city].filter(Boolean).join(', ')}`}</title>
              <circle r="9" />
              <text textAnchor="middle" dy="3.5">{entry.number}</text>
              {labelled ? (
                <text className="map-label" x={x > frame.width * 0.7 ? -13 : 13} dy="4" textAnchor={x > frame.width * 0.7 ? 'end' : 'start'} aria-hidden="true">
                  {entry.site.city ?? entry.site.facility}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <figcaption id={descriptionId}>
        {t('trial.sitesMapDescription', { step: frame.step })}
        {missing > 0 ? ` ${t('trial.sitesWithoutCoordinates', { count: missing })}` : ''}
      </figcaption>
    </figure>
  );
}

function PlaceMarker({ point, label }: { point: { x: number; y: number }; label: string }) {
  const t = useT();
  return (
    <g className="map-place" transform={`translate(${point.x} ${point.y})`}>
      <title>{`${t('trial.yourLocation')}: ${label}`}</title>
      <path d="M0 -11 L9 0 L0 11 L-9 0 Z" />
    </g>
  );
}
