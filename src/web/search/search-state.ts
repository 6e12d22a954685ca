// The search page's state lives in the URL's query string, with the API's own parameter names, so a
// results page can be bookmarked or shared and the same string is sent to GET /api/trials.
// Only search criteria go here (words, place, filters); never names, record numbers or birth dates.

export const MULTI_VALUE_FILTERS = ['status', 'phase', 'studyType', 'interventionType'] as const;
export type MultiValueFilter = (typeof MULTI_VALUE_FILTERS)[number];

export const SINGLE_VALUE_FILTERS = ['sex', 'age', 'country', 'sponsor'] as const;
export type SingleValueFilter = (typeof SINGLE_VALUE_FILTERS)[number];

export const SORTS = ['relevance', 'lastUpdate', 'startDate'] as const;
export type Sort = (typeof SORTS)[number];

export const DISTANCES_KM = [10, 25, 50, 100, 200, 500, 1000] as const;
export const DEFAULT_DISTANCE_KM = 100;

export interface SearchState {
  q: string;
  near: string;
  /** Kept as written so that a value the API rejects is shown back with the API's message. */
  distance: string;
  status: string[];
  phase: string[];
  studyType: string[];
  interventionType: string[];
  sex: string;
  age: string;
  country: string;
  sponsor: string;
  sort: string;
  page: string;
  pageSize: string;
}

export const EMPTY_SEARCH: SearchState = {
  q: '', near: '', distance: '', status: [], phase: [], studyType: [], interventionType: [],
  sex: '', age: '', country: '', sponsor: '', sort: '', page: '', pageSize: '',
};

const SCALAR_KEYS = ['q', 'near', 'distance', 'sex', 'age', 'country', 'sponsor', 'sort', 'page', 'pageSize'] as const;

export function parseSearchState(search: string | URLSearchParams): SearchState {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  const state: SearchState = { ...EMPTY_SEARCH };
  for (const key of SCALAR_KEYS) state[key] = (params.get(key) ?? '').trim();
  for (const key of MULTI_VALUE_FILTERS) {
    state[key] = [...new Set(params.getAll(key).flatMap((value) => value.split(',')).map((v) => v.trim()).filter(Boolean))];
  }
  return state;
}

/** Parameters in a fixed order, empty ones left out, lists comma-joined as the API takes them. */
export function searchStateToParams(state: SearchState): URLSearchParams {
  const params = new URLSearchParams();
  const put = (key: string, value: string) => {
    if (value !== '') params.set(key, value);
  };
  put('q', state.q.trim());
  put('near', state.near.trim());
  if (state.near.trim() !== '' && state.distance !== String(DEFAULT_DISTANCE_KM)) put('distance', state.distance);
  for (const key of MULTI_VALUE_FILTERS) put(key, state[key].join(','));
  put('sex', state.sex);
  put('age', state.age.trim());
  put('country', state.country);
  put('sponsor', state.sponsor);
  put('sort', state.sort);
  if (state.page !== '1') put('page', state.page);
  put('pageSize', state.pageSize);
  return params;
}

export function searchHref(state: SearchState): string {
  const query = searchStateToParams(state).toString();
  return query ? `/?${query}` : '/';
}

/** A change of words, place or filters starts again at page 1. */
export function withChanges(state: SearchState, changes: Partial<SearchState>): SearchState {
  return { ...state, page: '', ...changes };
}

export function toggleValue(values: readonly string[], value: string): string[] {
  return values.includes(value) ? values.filter((v) => v !== value) : [...values, value];
}

export function hasFilters(state: SearchState): boolean {
  return MULTI_VALUE_FILTERS.some((key) => state[key].length > 0) || SINGLE_VALUE_FILTERS.some((key) => state[key] !== '');
}

export function clearFilters(state: SearchState): SearchState {
  return withChanges(state, { status: [], phase: [], studyType: [], interventionType: [], sex: '', age: '', country: '', sponsor: '' });
}

/** Page numbers to offer around the current one: 1 … 4 5 [6] 7 8 … 20. */
export function pageWindow(current: number, totalPages: number, radius = 2): Array<number | 'gap'> {
  if (totalPages <= 1) return [1];
  const pages = new Set<number>([1, totalPages]);
  for (let page = current - radius; page <= current + radius; page++) if (page >= 1 && page <= totalPages) pages.add(page);
  const sorted = [...pages].sort((a, b) => a - b);
  const items: Array<number | 'gap'> = [];
  for (const [index, page] of sorted.entries()) {
    const previous = sorted[index - 1];
    if (previous !== undefined && page - previous === 2) items.push(previous + 1);
    else if (previous !== undefined && page - previous > 2) items.push('gap');
    items.push(page);
  }
  return items;
}
