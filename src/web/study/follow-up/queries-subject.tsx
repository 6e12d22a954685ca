// /studies/NCT…/subjects/SITE-NNN/queries: one subject's data queries, each with its history and the
// forms its reader may use (answer at the site; close and re-open for the monitor; comment), and the
// monitor's "raise a query" form, choosing the record queried.
import { useState } from 'react';
import { listQueries, fetchQuery, type QueryDetail } from '../../api/queries.ts';
import { useApi } from '../../components/use-api.ts';
import { Loading } from '../../components/notices.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { ApiProblem } from '../api-problem.tsx';
import { useSignedIn } from '../session-gate.tsx';
import type { SubjectAreaProps } from './areas.tsx';
import { QueryThread } from './query-thread.tsx';
import { RaiseQueryForm, useCanRaise } from './raise-query.tsx';

/** A subject has few queries: all of them are read with their histories (bounded). */
const SUBJECT_QUERY_LIMIT = 200;

export function SubjectQueries({ study, screening, onChange }: SubjectAreaProps) {
  const t = useT();
  const { grants } = useSignedIn();
  const [version, setVersion] = useState(0);
  const canRaise = useCanRaise(study.studyId, screening.subjectNumber);
  const queries = useApi(`subject-queries:${study.studyId}:${screening.subjectNumber}:${version}`, async (signal) => {
    const page = await listQueries(study.studyId, { subjectNumber: screening.subjectNumber, limit: SUBJECT_QUERY_LIMIT }, signal);
    return Promise.all(page.items.map((query) => fetchQuery(study.studyId, query.id, signal)));
  });
  const changed = (_query?: QueryDetail) => {
    setVersion((n) => n + 1);
    onChange();
  };
  return (
    <div className="subject-queries" data-subject-queries={screening.subjectNumber}>
      <section className="study-section" aria-labelledby="subject-queries-heading">
        <h2 id="subject-queries-heading">{t('conduct.queries.title')}</h2>
        {queries.state.status === 'error' ? <ApiProblem error={queries.state.error} /> : null}
        {!queries.state.data ? (
          queries.state.status === 'loading' ? <Loading label={t('conduct.loading')} /> : null
        ) : queries.state.data.length === 0 ? (
          <p className="notice notice-empty">{t('conduct.queries.noneForSubject')}</p>
        ) : (
          <div className="query-threads">
            {queries.state.data.map((query) => <QueryThread key={query.id} query={query} grants={grants} showSubject={false} onChange={changed} />)}
          </div>
        )}
      </section>
      {canRaise ? (
        <section className="study-section" aria-labelledby="raise-query-heading">
          <h2 id="raise-query-heading">{t('conduct.queries.raise.title')}</h2>
          <RaiseQueryForm target={{ studyId: study.studyId, subjectNumber: screening.subjectNumber }} onRaised={changed} />
        </section>
      ) : null}
    </div>
  );
}
