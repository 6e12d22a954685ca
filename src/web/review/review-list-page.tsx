// /review: the trials whose criteria can be reviewed — every registry trial has criteria text the
// parser reads; the list is the registry search (a query narrows it), each linking to its review page.
import { useEffect, useState, type FormEvent } from 'react';
import { searchTrials } from '../api/client.ts';
import { StatusBadge } from '../components/badges.tsx';
import { ErrorNotice, Loading } from '../components/notices.tsx';
import { useApi } from '../components/use-api.ts';
import { useT } from '../i18n/i18n.tsx';
import { Link, navigate, useLocation } from '../shell/router.tsx';
import { reviewHref } from '../shell/routes.ts';

const PAGE_SIZE = '50';

export function ReviewListPage() {
  const t = useT();
  const location = useLocation();
  const query = new URLSearchParams(location.search).get('q') ?? '';
  const [text, setText] = useState(query);
  const search = new URLSearchParams({ pageSize: PAGE_SIZE, ...(query ? { q: query } : {}) });
  const { state, retry } = useApi(search.toString(), (signal) => searchTrials(search, signal));
  useEffect(() => {
    document.title = `${t('review.list.title')} · ${t('app.name')}`;
  }, [t]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    navigate(text.trim() ? `/review?q=${encodeURIComponent(text.trim())}` : '/review');
  };

  return (
    <div className="review-list-page">
      <h1 tabIndex={-1}>{t('review.list.title')}</h1>
      <p className="lead">{t('review.list.lead')}</p>
      <form role="search" className="inline-search" onSubmit={submit}>
        <label className="field field-inline">
          <span>{t('search.query')}</span>
          <input type="search" value={text} onChange={(event) => setText(event.target.value)} />
        </label>
        <button type="submit" className="button button-primary">{t('search.submit')}</button>
      </form>
      {state.status === 'error' ? <ErrorNotice error={state.error} onRetry={retry} /> : null}
      {state.status === 'loading' && !state.data ? <Loading label={t('review.loading')} /> : null}
      {state.data ? (
        <section aria-labelledby="review-list-heading">
          <h2 id="review-list-heading">{t.plural('search.total', state.data.total)}</h2>
          <ul className="review-trials">
            {state.data.results.map((trial) => (
              <li key={trial.nctId}>
                <Link href={reviewHref(trial.nctId)}>{trial.briefTitle}</Link>{' '}
                <span className="muted">{trial.nctId}</span> <StatusBadge status={trial.overallStatus} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
