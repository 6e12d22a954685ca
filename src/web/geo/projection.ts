// Fits points into an SVG viewport with an equirectangular projection scaled by cos(mid-latitude), so
// that distances look right at the latitudes of one country; no map tiles, nothing fetched.
import type { LatLon } from '../../core/geo/distance.ts';

export interface MapFrame {
  width: number;
  height: number;
  project(point: LatLon): { x: number; y: number };
  /** Graticule spacing in degrees and the lines inside the frame. */
  step: number;
  latitudes: number[];
  longitudes: number[];
}

const STEPS = [0.5, 1, 2, 5, 10, 20, 30];

export function fitFrame(points: readonly LatLon[], width: number, padding: number): MapFrame {
  const lats = points.map((p) => p.lat);
  const lons = points.map((p) => p.lon);
  // At least two degrees each way, so one site or one city is not blown up to fill the frame.
  let [south, north] = widen(Math.min(...lats), Math.max(...lats), 2);
  let [west, east] = widen(Math.min(...lons), Math.max(...lons), 2);
  south = Math.max(-85, south);
  north = Math.min(85, north);
  west = Math.max(-180, west);
  east = Math.min(180, east);
  const xScale = Math.cos(((south + north) / 2) * (Math.PI / 180));
  const spanX = (east - west) * xScale;
  const spanY = north - south;
  const maxHeight = width * 1.1;
  const scale = Math.min((width - 2 * padding) / spanX, (maxHeight - 2 * padding) / spanY);
  const height = Math.round(Math.max(spanY * scale + 2 * padding, width * 0.45));
  // Centre the points in whichever direction has room to spare.
  const xOffset = (width - spanX * scale) / 2;
  const yOffset = (height - spanY * scale) / 2;
  const project = ({ lat, lon }: LatLon) => ({ x: xOffset + (lon - west) * xScale * scale, y: yOffset + (north - lat) * scale });
  const step = STEPS.find((candidate) => Math.max(east - west, north - south) / candidate <= 8) ?? 30;
  const gridLines = (from: number, to: number) => {
    const lines: number[] = [];
    for (let value = Math.ceil(from / step) * step; value <= to; value += step) lines.push(Number(value.toFixed(6)));
    return lines;
  };
  return { width, height, project, step, latitudes: gridLines(south, north), longitudes: gridLines(west, east) };
}

function widen(min: number, max: number, minimumSpan: number): [number, number] {
  const span = Math.max(max - min, minimumSpan);
  const middle = (min + max) / 2;
  const margin = span * 0.08;
  return [middle - span / 2 - margin, middle + span / 2 + margin];
}
