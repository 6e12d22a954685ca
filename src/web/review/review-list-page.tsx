// /review: the trials with a rule set (GET /api/rule-sets) — hand-reviewed ones and the parser's
// unreviewed readings stored after each import — with the review state and how much of each set the
// parser could compute, filterable by review state and paged; each links to its review page.
import { useEffect } from 'react';
import { fetchRuleSetList, type ReviewState, type RuleSetListItem } from '../api/eligibility.ts';
import { StatusBadge } from '../components/badges.tsx';
import { ErrorNotice, Loading } from '../components/notices.tsx';
import { useApi } from '../components/use-api.ts';
import { useT } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/en.ts';
import { Link, navigate, useLocation } from '../shell/router.tsx';
import { reviewHref } from '../shell/routes.ts';

const PAGE_SIZE = 50;
const REVIEW_STATES: readonly ReviewState[] = ['unreviewed', 'reviewed'];

function listHref(review: ReviewState | undefined, page: number): string {
  const query = new URLSearchParams();
  if (review) query.set('review', review);
  if (page > 1) query.set('page', String(page));
  const text = query.toString();
  return text ? `/review?${text}` : '/review';
}

export function ReviewListPage() {
  const t = useT();
  const location = useLocation();
  const params = new URLSearchParams(location.search);
  const reviewParam = params.get('review');
  const review = REVIEW_STATES.find((state) => state === reviewParam);
  const page = Math.max(1, Math.floor(Number(params.get('page'))) || 1);
  const { state, retry } = useApi(`rule-sets:${review ?? ''}:${page}`, (signal) => fetchRuleSetList({ review, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }, signal));
  useEffect(() => {
    document.title = `${t('review.list.title')} · ${t('app.name')}`;
  }, [t]);
  const pages = state.data ? Math.max(1, Math.ceil(state.data.total / PAGE_SIZE)) : 1;

  return (
    <div className="review-list-page">
      <h1 tabIndex={-1}>{t('review.list.title')}</h1>
      <p className="lead">{t('review.list.lead')}</p>
      <label className="field field-inline">
        <span>{t('review.list.filter')}</span>
        <select value={review ?? ''} onChange={(event) => navigate(listHref(REVIEW_STATES.find((s) => s === event.target.value), 1))}>
          <option value="">{t('review.list.filterAll')}</option>
          {REVIEW_STATES.map((s) => (
            <option key={s} value={s}>
              {t(`review.state.${s}` as MessageKey)}
            </option>
          ))}
        </select>
      </label>
      {state.status === 'error' ? <ErrorNotice error={state.error} onRetry={retry} /> : null}
      {state.status === 'loading' && !state.data ? <Loading label={t('review.loading')} /> : null}
      {state.data ? (
        <section aria-labelledby="review-list-heading">
          <h2 id="review-list-heading">{t.plural('review.list.count', state.data.total)}</h2>
          {state.data.items.length === 0 ? <p>{t('review.list.empty')}</p> : null}
          <ul className="review-trials">
            {state.data.items.map((item) => (
              <RuleSetRow key={item.nctId} item={item} />
            ))}
          </ul>
          {pages > 1 ? (
            <nav className="pagination" aria-label={t('review.list.page', { page, pages })}>
              {page > 1 ? <Link href={listHref(review, page - 1)}>{t('review.list.previous')}</Link> : null}
              <span>{t('review.list.page', { page, pages })}</span>
              {page < pages ? <Link href={listHref(review, page + 1)}>{t('review.list.next')}</Link> : null}
            </nav>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}

function RuleSetRow({ item }: { item: RuleSetListItem }) {
  const t = useT();
  const counts = item.criteria;
  return (
    <li data-nct-id={item.nctId}>
      <Link href={reviewHref(item.nctId)}>{item.title ?? item.nctId}</Link> <span className="muted">{item.nctId}</span> <StatusBadge status={item.status} />
      <br />
      <span className={`review-state review-state-${item.review}`}>{t(`review.state.${item.review}` as MessageKey)}</span>
      {' · '}
      {t('review.list.version', { version: item.version })}
      {item.source === 'parser' ? ` (${t('review.list.fromParser')})` : null}
      {' · '}
      <span className="muted">{counts.unspecified === counts.total ? t('review.list.criteriaHand', { total: counts.total }) : t('review.list.criteria', { ...counts })}</span>
    </li>
  );
}
