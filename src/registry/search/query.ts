// The registry search query: one zod schema that the API and the CLI both parse raw strings with, so a
// bad parameter gets the same message everywhere — naming the parameter, the value and what is allowed.
import * as z from 'zod';
import { INTERVENTION_TYPES, OVERALL_STATUSES, PHASES, STUDY_TYPES } from '../../core/trial/enums.ts';
import { isOnEarth, matchLatLon, type LatLon } from '../../core/geo/distance.ts';
import { echoValue, problem } from '../../core/problems.ts';

export const SEARCH_SORTS = ['relevance', 'lastUpdate', 'startDate'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];
export const SEARCH_SEXES = ['FEMALE', 'MALE'] as const;

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_DISTANCE_KM = 100;
/** Deep pages cost as much as the rows skipped; nobody reads page 501 of a result list. */
export const MAX_PAGE = 500;
const MAX_TEXT_LENGTH = 500;

/** A list parameter: comma-separated values, matched case-insensitively ("recruiting" = RECRUITING). */
function listOf<T extends string>(allowed: readonly T[], what: string) {
  return z.string().transform((text, ctx): T[] => {
    const values: T[] = [];
    for (const raw of text.split(',')) {
      const value = raw.trim().toUpperCase().replace(/[\s-]+/g, '_');
      if (value === '') continue;
      if (!(allowed as readonly string[]).includes(value)) {
        ctx.addIssue({ code: 'custom', message: `${JSON.stringify(echoValue(raw.trim()))} is not a ${what}; expected one of ${allowed.join(', ')}` });
        return z.NEVER;
      }
      if (!values.includes(value as T)) values.push(value as T);
    }
    return values;
  });
}

function numberIn(min: number, max: number, options: { integer?: boolean; unit?: string } = {}) {
  const expected = `${options.integer ? 'an integer' : 'a number'} from ${min} to ${max}${options.unit ? ` (${options.unit})` : ''}`;
  return z.string().transform((text, ctx): number => {
    const value = text.trim() === '' ? Number.NaN : Number(text);
    if (!Number.isFinite(value) || value < min || value > max || (options.integer && !Number.isInteger(value))) {
      ctx.addIssue({ code: 'custom', message: `expected ${expected}` });
      return z.NEVER;
    }
    return value;
  });
}

function text(what: string) {
  return z
    .string()
    .transform((value) => value.trim())
    .refine((value) => value.length <= MAX_TEXT_LENGTH, `${what} is longer than ${MAX_TEXT_LENGTH} characters`);
}

/** The raw parameters, as strings (URL query or CLI options). Unknown parameters are refused, not ignored. */
export const searchParametersSchema = z
  .strictObject({
    q: text('the search text').optional(),
    status: listOf(OVERALL_STATUSES, 'trial status').optional(),
    phase: listOf(PHASES, 'phase').optional(),
    studyType: listOf(STUDY_TYPES, 'study type').optional(),
    sex: listOf(SEARCH_SEXES, 'sex')
      .refine((values) => values.length <= 1, 'give one sex: FEMALE or MALE')
      .optional(),
    age: numberIn(0, 130, { unit: 'years' }).optional(),
    interventionType: listOf(INTERVENTION_TYPES, 'intervention type').optional(),
    sponsor: text('sponsor').optional(),
    country: text('country').optional(),
    city: text('city').optional(),
    near: text('near').optional(),
    distance: numberIn(1, 20_000, { unit: 'km' }).optional(),
    sort: z
      .string()
      .transform((value, ctx): SearchSort => {
        if (!(SEARCH_SORTS as readonly string[]).includes(value)) {
          ctx.addIssue({ code: 'custom', message: `${JSON.stringify(echoValue(value))} is not a sort order; expected one of ${SEARCH_SORTS.join(', ')}` });
          return z.NEVER;
        }
        return value as SearchSort;
      })
      .optional(),
    page: numberIn(1, MAX_PAGE, { integer: true }).optional(),
    pageSize: numberIn(1, MAX_PAGE_SIZE, { integer: true }).optional(),
  })
  .superRefine((parameters, ctx) => {
    if (parameters.distance !== undefined && !parameters.near) {
      ctx.addIssue({ code: 'custom', path: ['distance'], message: 'distance needs near (a place or "lat,lon") to measure from' });
    }
  });

export type SearchParameters = z.input<typeof searchParametersSchema>;

export interface SearchQuery {
  q?: string;
  status: string[];
  phase: string[];
  studyType: string[];
  sex?: 'FEMALE' | 'MALE';
  age?: number;
  interventionType: string[];
  sponsor?: string;
  country?: string;
  city?: string;
  near?: string;
  distanceKm: number;
  sort: SearchSort;
  page: number;
  pageSize: number;
}

export interface SearchQueryProblem {
  field: string;
  value: string | undefined;
  expected: string;
}

export type ParsedSearchQuery =
  | { ok: true; query: SearchQuery }
  | { ok: false; message: string; problems: SearchQueryProblem[] };

const PARAMETER_NAMES = Object.keys(searchParametersSchema.shape);

function describeProblems(error: z.ZodError, raw: Record<string, string>): SearchQueryProblem[] {
  return error.issues.flatMap((issue): SearchQueryProblem[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: key, value: raw[key], expected: `no such parameter; expected one of ${PARAMETER_NAMES.join(', ')}` }));
    }
    const field = issue.path.map(String).join('.');
    return [{ field, value: raw[field], expected: issue.message }];
  });
}

/** Parses raw string parameters (empty strings count as absent) into a search query with defaults filled in. */
export function parseSearchQuery(raw: Record<string, string | undefined>): ParsedSearchQuery {
  const present: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) if (value !== undefined && value.trim() !== '') present[key] = value;
  const result = searchParametersSchema.safeParse(present);
  if (!result.success) {
    const problems = describeProblems(result.error, present);
    const message = problems.map((p) => problem({ code: 'invalid_request', ...p }).message).join('; ');
    return { ok: false, message, problems };
  }
  const p = result.data;
  const q = p.q === '' ? undefined : p.q;
  return {
    ok: true,
    query: {
      q,
      status: p.status ?? [],
      phase: p.phase ?? [],
      studyType: p.studyType ?? [],
      sex: p.sex?.[0],
      age: p.age,
      interventionType: p.interventionType ?? [],
      sponsor: p.sponsor || undefined,
      country: p.country || undefined,
      city: p.city || undefined,
      near: p.near || undefined,
      distanceKm: p.distance ?? DEFAULT_DISTANCE_KM,
      // Relevance needs text to be relevant to; without it the newest updates come first.
      sort: p.sort === 'relevance' && !q ? 'lastUpdate' : (p.sort ?? (q ? 'relevance' : 'lastUpdate')),
      page: p.page ?? 1,
      pageSize: p.pageSize ?? DEFAULT_PAGE_SIZE,
    },
  };
}

/** "lat,lon" → coordinates, or null when the text is a place name instead. Out-of-range numbers throw. */
export function parseCoordinates(text: string): LatLon | null {
  const point = matchLatLon(text);
  if (point && !isOnEarth(point)) {
    throw new RangeError(`near: ${JSON.stringify(text)} is not a valid position; expected latitude -90..90 and longitude -180..180`);
  }
  return point;
}
