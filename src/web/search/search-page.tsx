// The search page: words, place and filters in the URL → GET /api/trials → facets, cards, pages.
import { useEffect, useId, useState, type FormEvent } from 'react';
import { searchTrials } from '../api/client.ts';
import type { SearchResponse } from '../api/types.ts';
import { ErrorNotice, Loading } from '../components/notices.tsx';
import { useApi } from '../components/use-api.ts';
import { useT } from '../i18n/i18n.tsx';
import { navigate, useLocation } from '../shell/router.tsx';
import { FacetFilters } from './facet-filters.tsx';
import { rememberSearch } from './last-search.ts';
import { Pagination } from './pagination.tsx';
import { PlaceSuggestions } from './place-suggestions.tsx';
import { ResultCard } from './result-card.tsx';
import {
  DEFAULT_DISTANCE_KM,
  DISTANCES_KM,
  parseSearchState,
  searchHref,
  searchStateToParams,
  SORTS,
  withChanges,
  type SearchState,
} from './search-state.ts';

export function SearchPage() {
  const t = useT();
  const location = useLocation();
  const state = parseSearchState(location.search);
  const params = searchStateToParams(state);
  const apiQuery = params.toString();
  const { state: result, retry } = useApi(apiQuery, (signal) => searchTrials(params, signal));

  useEffect(() => {
    rememberSearch(searchHref(state));
    // Keyed on the canonical query string: `state` is a new object on every render.
  }, [apiQuery]);

  const update = (next: SearchState) => navigate(searchHref(next));
  const data = result.data;

  return (
    <div className="search-page">
      <h1 tabIndex={-1}>{t('search.title')}</h1>
      <SearchForm state={state} onSubmit={update} />
      <div className="search-layout">
        <FacetFilters state={state} facets={data?.facets} onChange={update} />
        <section className="results" aria-labelledby="results-heading" aria-busy={result.status === 'loading'}>
          <ResultsBar state={state} data={data} loading={result.status === 'loading'} onChange={update} />
          {result.status === 'error' ? <ErrorNotice error={result.error} onRetry={retry} /> : null}
          {result.status === 'loading' && !data ? <Loading label={t('search.loading')} /> : null}
          {data && result.status !== 'error' ? <ResultList state={state} data={data} /> : null}
        </section>
      </div>
    </div>
  );
}

function SearchForm({ state, onSubmit }: { state: SearchState; onSubmit(next: SearchState): void }) {
  const t = useT();
  const id = useId();
  const [draft, setDraft] = useState({ q: state.q, near: state.near, distance: state.distance });
  const [shownFor, setShownFor] = useState(`${state.q}\n${state.near}\n${state.distance}`);
  // Back/forward and shared links change the URL; the boxes then show what is being searched.
  const current = `${state.q}\n${state.near}\n${state.distance}`;
  if (shownFor !== current) {
    setShownFor(current);
    setDraft({ q: state.q, near: state.near, distance: state.distance });
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit(withChanges(state, { q: draft.q.trim(), near: draft.near.trim(), distance: draft.distance }));
  };
  const distanceValue = draft.distance || String(DEFAULT_DISTANCE_KM);
  return (
    <form className="search-form" role="search" aria-label={t('search.formLabel')} onSubmit={submit}>
      <div className="field field-query">
        <label htmlFor={`${id}-q`}>{t('search.query')}</label>
        <input id={`${id}-q`} name="q" type="search" value={draft.q} autoComplete="off" aria-describedby={`${id}-q-hint`} onChange={(e) => setDraft({ ...draft, q: e.target.value })} />
        <p className="hint" id={`${id}-q-hint`}>{t('search.queryHint')}</p>
      </div>
      <div className="field field-near">
        <label htmlFor={`${id}-near`}>{t('search.location')}</label>
        <input id={`${id}-near`} name="near" type="text" value={draft.near} autoComplete="off" list={`${id}-places`} aria-describedby={`${id}-near-hint`} onChange={(e) => setDraft({ ...draft, near: e.target.value })} />
        <PlaceSuggestions id={`${id}-places`} text={draft.near} />
        <p className="hint" id={`${id}-near-hint`}>{t('search.locationHint')}</p>
      </div>
      <div className="field field-distance">
        <label htmlFor={`${id}-distance`}>{t('search.distance')}</label>
        <select id={`${id}-distance`} name="distance" value={distanceValue} onChange={(e) => setDraft({ ...draft, distance: e.target.value })}>
          {(DISTANCES_KM as readonly number[]).includes(Number(distanceValue)) ? null : <option value={distanceValue}>{t('search.distanceKm', { km: distanceValue })}</option>}
          {DISTANCES_KM.map((km) => (
            <option key={km} value={String(km)}>{t('search.distanceKm', { km })}</option>
          ))}
        </select>
      </div>
      <div className="field field-submit">
        <button type="submit" className="button button-primary">{t('search.submit')}</button>
      </div>
    </form>
  );
}

function ResultsBar({ state, data, loading, onChange }: { state: SearchState; data?: SearchResponse; loading: boolean; onChange(next: SearchState): void }) {
  const t = useT();
  const sortId = useId();
  const sort = data?.sort ?? (state.sort || (state.q ? 'relevance' : 'lastUpdate'));
  let summary = '';
  if (data) {
    summary = data.near ? t.plural('search.totalNear', data.total, { place: data.near.label }) : t.plural('search.total', data.total);
  }
  return (
    <div className="results-bar">
      <h2 id="results-heading">
        <span className="visually-hidden">{t('search.results')}: </span>
        {summary}
      </h2>
      <p className="visually-hidden" role="status">{loading ? t('search.loading') : summary}</p>
      <div className="sort-field">
        <label htmlFor={sortId}>{t('search.sort')}</label>
        <select id={sortId} value={sort} onChange={(e) => onChange(withChanges(state, { sort: e.target.value }))}>
          {SORTS.map((value) => (
            <option key={value} value={value}>{t(`search.sort.${value}`)}</option>
          ))}
        </select>
      </div>
    </div>
  );
}

function ResultList({ state, data }: { state: SearchState; data: SearchResponse }) {
  const t = useT();
  if (data.results.length === 0) {
    return (
      <div className="notice notice-empty">
        <h3 className="notice-title">{t('search.empty.title')}</h3>
        <p>{t('search.empty.body')}</p>
      </div>
    );
  }
  const from = (data.page - 1) * data.pageSize + 1;
  const to = from + data.results.length - 1;
  const totalPages = Math.max(1, Math.ceil(data.total / data.pageSize));
  // The trial page measures its sites from the same point the search used.
  const trialQuery = new URLSearchParams();
  if (data.near) {
    trialQuery.set('near', `${data.near.lat},${data.near.lon}`);
    trialQuery.set('place', data.near.label);
  }
  return (
    <>
      <p className="results-range">{t('search.showing', { from, to, total: data.total })}</p>
      <ol className="result-list">
        {data.results.map((hit) => (
          <li key={hit.nctId}>
            <ResultCard hit={hit} trialQuery={trialQuery} />
          </li>
        ))}
      </ol>
      <Pagination state={state} page={data.page} totalPages={totalPages} />
    </>
  );
}
