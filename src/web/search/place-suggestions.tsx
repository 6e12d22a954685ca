// Place-name suggestions for the location box, from the offline gazetteer behind GET /api/geocode, offered
// through a native <datalist> (keyboard and screen-reader support come with it). Each suggestion's value is
// a name the search's `near` parameter accepts; its label says where it is.
import { useEffect, useState } from 'react';
import { geocode } from '../api/client.ts';
import type { GeocodeResult } from '../api/types.ts';
import { useT } from '../i18n/i18n.tsx';
import { parseLatLon } from '../../core/geo/distance.ts';

const MIN_LENGTH = 2;
const TYPING_PAUSE_MS = 250;

export function PlaceSuggestions({ id, text }: { id: string; text: string }) {
  const t = useT();
  const [results, setResults] = useState<GeocodeResult[]>([]);
  const wanted = text.trim();

  useEffect(() => {
    if (wanted.length < MIN_LENGTH || parseLatLon(wanted)) {
      setResults([]);
      return;
    }
    const controller = new AbortController();
    // Wait for a pause in typing rather than asking on every keystroke.
    const timer = window.setTimeout(() => {
      geocode(wanted, controller.signal).then(
        (response) => setResults(response.results),
        () => setResults([]),
      );
    }, TYPING_PAUSE_MS);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [wanted]);

  // The search takes a name and picks its best-known place, so each name is offered once.
  const options = new Map<string, string>();
  for (const place of results) {
    const value = t.language === 'zh' && place.nameZh ? place.nameZh : place.name;
    // Some GeoNames regions are numeric codes ("23"), which mean nothing to a reader.
    const region = place.admin1 && !/^\d+$/.test(place.admin1) ? place.admin1 : null;
    if (!options.has(value)) options.set(value, [region, place.country].filter(Boolean).join(', '));
  }
  return (
    <datalist id={id}>
      {[...options].map(([value, label]) => (
        <option key={value} value={value} label={label} />
      ))}
    </datalist>
  );
}
