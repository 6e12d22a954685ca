// /studies/NCT…/queries: every query within the user's sites, filtered by state, site and origin;
// open ones first, oldest first — what a monitor works through and a site clears.
import { useState, type FormEvent } from 'react';
import { listQueries, QUERY_STATES, type QueryFilter, type QueryState } from '../../api/queries.ts';
import type { StudyDetail } from '../../api/conduct.ts';
import { useApi } from '../../components/use-api.ts';
import { Loading } from '../../components/notices.tsx';
import { useT } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/en.ts';
import { Link } from '../../shell/router.tsx';
import { subjectHref } from '../../shell/routes.ts';
import { ApiProblem } from '../api-problem.tsx';
import { ageText, QueryStateTag, recordLabel } from './query-card.tsx';

export function StudyQueriesList({ study }: { study: StudyDetail }) {
  const t = useT();
  const [draft, setDraft] = useState<{ state: QueryState | ''; siteCode: string; origin: '' | 'manual' | 'edit_check' }>({ state: 'open', siteCode: '', origin: '' });
  const [filter, setFilter] = useState(draft);
  const request: QueryFilter = { studyId: study.studyId, limit: 200, ...(filter.state ? { state: filter.state } : {}), ...(filter.siteCode ? { siteCode: filter.siteCode } : {}), ...(filter.origin ? { origin: filter.origin } : {}) };
  const queries = useApi(`study-queries:${JSON.stringify(request)}`, (signal) => listQueries(request, signal));
  const apply = (event: FormEvent) => {
    event.preventDefault();
    setFilter(draft);
  };
  return (
    <section className="study-section" aria-labelledby="study-queries-heading">
      <h1 id="study-queries-heading" tabIndex={-1}>{t('queries.title')}</h1>
      <form className="filters" onSubmit={apply}>
        <label className="field">
          <span>{t('queries.filter.state')}</span>
          <select value={draft.state} onChange={(event) => setDraft({ ...draft, state: event.target.value as QueryState | '' })}>
            <option value="">{t('queries.filter.any')}</option>
            {QUERY_STATES.map((state) => <option key={state} value={state}>{t(`queries.state.${state}` as MessageKey)}</option>)}
          </select>
        </label>
        <label className="field">
          <span>{t('queries.filter.site')}</span>
          <input value={draft.siteCode} onChange={(event) => setDraft({ ...draft, siteCode: event.target.value.toUpperCase() })} size={6} />
        </label>
        <label className="field">
          <span>{t('queries.filter.origin')}</span>
          <select value={draft.origin} onChange={(event) => setDraft({ ...draft, origin: event.target.value as typeof draft.origin })}>
            <option value="">{t('queries.filter.any')}</option>
            <option value="manual">{t('queries.origin.manual')}</option>
            <option value="edit_check">{t('queries.origin.edit_check')}</option>
          </select>
        </label>
        <p><button type="submit" className="button button-secondary">{t('queries.filter.apply')}</button></p>
      </form>
      {queries.state.status === 'error' ? <ApiProblem error={queries.state.error} /> : null}
      {!queries.state.data ? (
        queries.state.status === 'loading' ? <Loading label={t('conduct.loading')} /> : null
      ) : queries.state.data.items.length === 0 ? (
        <p className="notice notice-empty">{t('queries.none')}</p>
      ) : (
        <>
          <p className="muted" data-query-total="">{t('queries.total', { count: queries.state.data.total })}</p>
          <table className="data-table" data-query-table="">
            <thead>
              <tr><th>{t('queries.col.subject')}</th><th>{t('queries.col.site')}</th><th>{t('queries.record')}</th><th>{t('queries.col.state')}</th><th>{t('queries.col.age')}</th><th>{t('queries.col.text')}</th></tr>
            </thead>
            <tbody>
              {queries.state.data.items.map((query) => (
                <tr key={query.id} data-query={query.id}>
                  <td><Link href={subjectHref(study.studyId, query.subjectNumber, 'queries')}>{query.subjectNumber}</Link></td>
                  <td>{query.siteCode}</td>
                  <td>{recordLabel(t, query)}{query.field ? ` · ${query.field}` : ''}</td>
                  <td><QueryStateTag state={query.state} /></td>
                  <td>{ageText(t, query.ageDays)}</td>
                  <td>{query.text}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
