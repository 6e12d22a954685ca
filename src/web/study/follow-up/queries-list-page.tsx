// /studies/NCT…/queries: the study's data queries within the user's sites — filters (state, site,
// origin, age), each query's record and field with a link to the subject's query page, its age, and
// the actions the user's rights allow, opened in place with the query's history.
import { useState } from 'react';
import { listStudySites, type StudyDetail } from '../../api/conduct.ts';
import { fetchQuery, listQueries, QUERY_STATES, type QueryDetail, type QueryListFilter, type QueryState } from '../../api/queries.ts';
import { useApi } from '../../components/use-api.ts';
import { Loading } from '../../components/notices.tsx';
import { useT } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/en.ts';
import { Link } from '../../shell/router.tsx';
import { subjectHref } from '../../shell/routes.ts';
import { ApiProblem } from '../api-problem.tsx';
import { siteName } from '../format.ts';
import { useSignedIn } from '../session-gate.tsx';
import { originLabel, QueryStateTag, QueryThread, recordLabel } from './query-thread.tsx';

const PAGE_SIZE = 50;

export function StudyQueries({ study }: { study: StudyDetail }) {
  const t = useT();
  const { grants } = useSignedIn();
  const [draft, setDraft] = useState<QueryListFilter & { minAgeDays?: string }>({ state: 'open' });
  const [filter, setFilter] = useState(draft);
  const [offset, setOffset] = useState(0);
  const [opened, setOpened] = useState<QueryDetail | null>(null);
  const [version, setVersion] = useState(0);
  const sites = useApi(`query-sites:${study.studyId}`, (signal) => listStudySites(study.studyId, signal));
  const key = JSON.stringify({ filter, offset, version });
  const page = useApi(`study-queries:${study.studyId}:${key}`, (signal) => {
    const { minAgeDays, ...rest } = filter;
    return listQueries(study.studyId, { ...rest, ...(minAgeDays ? { minAgeDays: Number(minAgeDays) } as object : {}), limit: PAGE_SIZE, offset }, signal);
  });
  const open = async (queryId: number) => setOpened(await fetchQuery(study.studyId, queryId));
  const title = t.language === 'zh' && study.titleZh ? study.titleZh : study.title;
  return (
    <div className="study-queries-page">
      <h1 tabIndex={-1}>{t('conduct.queries.title')}</h1>
      <p className="lead muted">{title} · {study.studyId}</p>
      <p className="muted">{t('conduct.queries.lead')}</p>
      <form
        className="filter-row"
        aria-label={t('conduct.queries.filters')}
        onSubmit={(event) => {
          event.preventDefault();
          setOffset(0);
          setFilter(draft);
        }}
      >
        <label className="field field-compact">
          <span>{t('conduct.queries.filter.state')}</span>
          <select name="state" value={draft.state ?? ''} onChange={(event) => setDraft({ ...draft, state: event.target.value as QueryState | '' })}>
            <option value="">{t('conduct.queries.filter.any')}</option>
            {QUERY_STATES.map((state) => <option key={state} value={state}>{t(`conduct.queries.state.${state}` as MessageKey)}</option>)}
          </select>
        </label>
        <label className="field field-compact">
          <span>{t('conduct.queries.filter.site')}</span>
          <select name="siteCode" value={draft.siteCode ?? ''} onChange={(event) => setDraft({ ...draft, siteCode: event.target.value })}>
            <option value="">{t('conduct.queries.filter.any')}</option>
            {(sites.state.data ?? []).map((site) => <option key={site.siteCode} value={site.siteCode}>{site.siteCode} {siteName(t, site, site.siteCode)}</option>)}
          </select>
        </label>
        <label className="field field-compact">
          <span>{t('conduct.queries.filter.origin')}</span>
          <select name="origin" value={draft.origin ?? ''} onChange={(event) => setDraft({ ...draft, origin: event.target.value as QueryListFilter['origin'] })}>
            <option value="">{t('conduct.queries.filter.any')}</option>
            <option value="manual">{t('conduct.queries.origin.manual')}</option>
            <option value="edit_check">{t('conduct.queries.origin.edit_check')}</option>
          </select>
        </label>
        <label className="field field-compact">
          <span>{t('conduct.queries.filter.minAge')}</span>
          <input name="minAgeDays" type="number" min={0} step={1} value={draft.minAgeDays ?? ''} onChange={(event) => setDraft({ ...draft, minAgeDays: event.target.value })} />
        </label>
        <button type="submit" className="button button-secondary">{t('conduct.queries.filter.apply')}</button>
      </form>
      {page.state.status === 'error' ? <ApiProblem error={page.state.error} /> : null}
      {!page.state.data ? (
        page.state.status === 'loading' ? <Loading label={t('conduct.loading')} /> : null
      ) : page.state.data.items.length === 0 ? (
        <p className="notice notice-empty">{t('conduct.queries.none')}</p>
      ) : (
        <>
          <p className="muted" role="status">{t.plural('conduct.queries.total', page.state.data.total)}</p>
          <table className="data-table" data-query-list="">
            <thead>
              <tr>
                <th scope="col">{t('conduct.queries.col.id')}</th>
                <th scope="col">{t('conduct.queries.col.subject')}</th>
                <th scope="col">{t('conduct.queries.col.record')}</th>
                <th scope="col">{t('conduct.queries.col.text')}</th>
                <th scope="col">{t('conduct.queries.col.state')}</th>
                <th scope="col">{t('conduct.queries.col.age')}</th>
                <th scope="col">{t('conduct.queries.col.origin')}</th>
              </tr>
            </thead>
            <tbody>
              {page.state.data.items.map((query) => (
                <tr key={query.id} data-query-row={query.id} data-query-state={query.state}>
                  <td><button type="button" className="link-button" onClick={() => void open(query.id)} aria-label={`${t('conduct.queries.open')} ${t('conduct.queries.queryNumber', { id: query.id })}`}>#{query.id}</button></td>
                  <td><Link href={subjectHref(study.studyId, query.subjectNumber, 'queries')}>{query.subjectNumber}</Link></td>
                  <td>{recordLabel(t, query)}</td>
                  <td>{query.text}</td>
                  <td><QueryStateTag state={query.state} /></td>
                  <td data-count="">{t.plural('conduct.queries.age', query.ageDays)}</td>
                  <td>{originLabel(t, query)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="action-row">
            <button type="button" className="button button-secondary" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}>{t('conduct.previous')}</button>
            <button type="button" className="button button-secondary" disabled={offset + PAGE_SIZE >= page.state.data.total} onClick={() => setOffset(offset + PAGE_SIZE)}>{t('conduct.next')}</button>
          </p>
        </>
      )}
      {opened ? (
        <section className="study-section" aria-label={t('conduct.queries.queryNumber', { id: opened.id })}>
          <QueryThread
            query={opened}
            grants={grants}
            onChange={(after) => {
              setOpened(after);
              setVersion((n) => n + 1);
            }}
          />
        </section>
      ) : null}
    </div>
  );
}
