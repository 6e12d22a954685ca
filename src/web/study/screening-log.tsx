// A site's screening log: every screened patient by subject number with screening date, verdict,
// outcome and failure reasons, filtered by outcome, verdict and screening dates (the filters go to
// the API; none carries patient data).
import { useState } from 'react';
import { listScreenings, SCREENING_OUTCOMES, type ScreeningQuery } from '../api/conduct.ts';
import { useApi } from '../components/use-api.ts';
import { Loading } from '../components/notices.tsx';
import { useT } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/en.ts';
import { Link } from '../shell/router.tsx';
import { subjectHref } from '../shell/routes.ts';
import { VerdictTag, OutcomeTag } from './tags.tsx';
import { ApiProblem } from './api-problem.tsx';
import { formatDay } from './format.ts';

const VERDICTS = ['eligible', 'ineligible', 'incomplete'] as const;
const PAGE_SIZE = 50;

export function ScreeningLog({ studyId, siteCode }: { studyId: string; siteCode: string }) {
  const t = useT();
  const [filter, setFilter] = useState<ScreeningQuery>({});
  const [offset, setOffset] = useState(0);
  const query = { ...filter, siteCode, limit: PAGE_SIZE, offset };
  const log = useApi(`log:${studyId}:${JSON.stringify(query)}`, (signal) => listScreenings(studyId, query, signal));
  const change = (patch: ScreeningQuery) => {
    setFilter({ ...filter, ...patch });
    setOffset(0);
  };
  const page = log.state.data;

  return (
    <section className="study-section" aria-labelledby={`log-heading-${siteCode}`}>
      <h2 id={`log-heading-${siteCode}`}>{t('conduct.log.title')}</h2>
      <div className="filter-row" role="group" aria-label={t('conduct.log.filters')}>
        <label className="field">
          <span>{t('conduct.log.outcome')}</span>
          <select value={filter.outcome ?? ''} onChange={(event) => change({ outcome: event.target.value as ScreeningQuery['outcome'] })}>
            <option value="">{t('conduct.log.any')}</option>
            {SCREENING_OUTCOMES.map((outcome) => <option key={outcome} value={outcome}>{t(`conduct.outcome.${outcome}` as MessageKey)}</option>)}
          </select>
        </label>
        <label className="field">
          <span>{t('conduct.log.verdict')}</span>
          <select value={filter.verdict ?? ''} onChange={(event) => change({ verdict: event.target.value as ScreeningQuery['verdict'] })}>
            <option value="">{t('conduct.log.any')}</option>
            {VERDICTS.map((verdict) => <option key={verdict} value={verdict}>{t(`screening.verdict.${verdict}` as MessageKey)}</option>)}
          </select>
        </label>
        <label className="field">
          <span>{t('conduct.log.from')}</span>
          <input type="date" value={filter.screenedFrom ?? ''} onChange={(event) => change({ screenedFrom: event.target.value })} />
        </label>
        <label className="field">
          <span>{t('conduct.log.to')}</span>
          <input type="date" value={filter.screenedTo ?? ''} onChange={(event) => change({ screenedTo: event.target.value })} />
        </label>
      </div>
      {log.state.status === 'error' ? <ApiProblem error={log.state.error} /> : null}
      {!page ? (
        log.state.status === 'loading' ? <Loading label={t('conduct.loading')} /> : null
      ) : page.items.length === 0 ? (
        <p className="notice notice-empty" data-log-empty="">{t('conduct.log.empty')}</p>
      ) : (
        <>
          <p className="muted">{t('conduct.log.showing', { from: offset + 1, to: offset + page.items.length, total: page.total })}</p>
          <div className="table-scroll">
            <table className="data-table screening-log" data-screening-log="">
              <thead>
                <tr>
                  <th scope="col">{t('conduct.log.subject')}</th>
                  <th scope="col">{t('conduct.log.screenedOn')}</th>
                  <th scope="col">{t('conduct.log.verdict')}</th>
                  <th scope="col">{t('conduct.log.outcome')}</th>
                  <th scope="col">{t('conduct.log.failureReasons')}</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((screening) => (
                  <tr key={screening.subjectNumber} data-subject={screening.subjectNumber}>
                    <th scope="row"><Link href={subjectHref(studyId, screening.subjectNumber)}>{screening.subjectNumber}</Link></th>
                    <td>{formatDay(t, screening.screenedOn)}</td>
                    <td><VerdictTag verdict={screening.verdict} /></td>
                    <td><OutcomeTag outcome={screening.outcome} /></td>
                    <td>{screening.failureReasons.length > 0 ? screening.failureReasons.join('; ') : <span className="muted">—</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {page.total > PAGE_SIZE ? (
            <p className="pager">
              <button type="button" className="button button-secondary" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}>{t('conduct.previous')}</button>{' '}
              <button type="button" className="button button-secondary" disabled={offset + PAGE_SIZE >= page.total} onClick={() => setOffset(offset + PAGE_SIZE)}>{t('conduct.next')}</button>
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}
