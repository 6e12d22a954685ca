// /studies/NCT…/subjects/SITE-NNN/queries: the subject's data queries, newest state first, each with
// its history and actions; monitors raise a new one on any of the subject's records.
import { useState } from 'react';
import { listQueries } from '../../api/queries.ts';
import { useApi } from '../../components/use-api.ts';
import { Loading } from '../../components/notices.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { ApiProblem } from '../api-problem.tsx';
import type { SubjectAreaProps } from './areas.tsx';
import { QueryCard, useQueryRights } from './query-card.tsx';
import { RaiseQueryForm } from './raise-query.tsx';

export function SubjectQueriesArea({ study, screening }: SubjectAreaProps) {
  const t = useT();
  const [version, setVersion] = useState(0);
  const rights = useQueryRights(study.studyId, screening.siteCode);
  const queries = useApi(`subject-queries:${study.studyId}:${screening.subjectNumber}:${version}`, (signal) => listQueries({ studyId: study.studyId, subjectNumber: screening.subjectNumber, limit: 500 }, signal));
  return (
    <section className="study-section" aria-labelledby="subject-queries-heading" data-subject-queries="">
      <h2 id="subject-queries-heading">{t('queries.subjectTitle')}</h2>
      {queries.state.status === 'error' ? <ApiProblem error={queries.state.error} /> : null}
      {!queries.state.data ? (
        queries.state.status === 'loading' ? <Loading label={t('conduct.loading')} /> : null
      ) : queries.state.data.items.length === 0 ? (
        <p className="notice notice-empty">{t('queries.none')}</p>
      ) : (
        <ul className="query-list">{queries.state.data.items.map((query) => <QueryCard key={`${query.id}:${query.updatedAt}`} query={query} />)}</ul>
      )}
      {rights.has('query.raise') ? (
        <>
          <h3>{t('queries.raise.title')}</h3>
          <RaiseQueryForm studyId={study.studyId} subjectNumber={screening.subjectNumber} onRaised={() => setVersion((n) => n + 1)} />
        </>
      ) : null}
    </section>
  );
}
