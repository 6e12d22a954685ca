// /studies/NCT…/subjects/SITE-NNN/{visits|labs|adverse-events|timeline|queries}: one subject's
// follow-up, one area per page, with the same tabs on every subject page. The subject is looked up
// exactly as on the subject page: out of scope answers "not found".
import { useEffect, useState } from 'react';
import { fetchStudy, fetchSubject } from '../../api/conduct.ts';
import { useApi } from '../../components/use-api.ts';
import { Loading } from '../../components/notices.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { Link } from '../../shell/router.tsx';
import { studyHref, subjectHref, SUBJECT_AREAS, type SubjectArea } from '../../shell/routes.ts';
import { ApiProblem } from '../api-problem.tsx';
import { STUDY_QUERIES_PAGE, SUBJECT_AREA_PAGES } from './areas.tsx';

/** The tabs of a subject's pages: the screening/enrollment page, then each built follow-up area. */
export function SubjectTabs({ studyId, subjectNumber, current }: { studyId: string; subjectNumber: string; current: SubjectArea | 'subject' }) {
  const t = useT();
  const areas = SUBJECT_AREAS.filter((area) => SUBJECT_AREA_PAGES[area] !== undefined);
  if (areas.length === 0) return null;
  return (
    <nav className="subject-tabs" aria-label={t('conduct.followUp.tabs')}>
      <ul>
        <li><Link href={subjectHref(studyId, subjectNumber)} aria-current={current === 'subject' ? 'page' : undefined}>{t('conduct.followUp.area.subject')}</Link></li>
        {areas.map((area) => (
          <li key={area}><Link href={subjectHref(studyId, subjectNumber, area)} aria-current={current === area ? 'page' : undefined}>{t(`conduct.followUp.area.${area}`)}</Link></li>
        ))}
      </ul>
    </nav>
  );
}

export function SubjectAreaPage({ studyId, subjectNumber, area }: { studyId: string; subjectNumber: string; area: SubjectArea }) {
  const t = useT();
  const [reload, setReload] = useState(0);
  const data = useApi(`subject-area:${studyId}:${subjectNumber}:${reload}`, async (signal) => {
    const [study, screening] = await Promise.all([fetchStudy(studyId, signal), fetchSubject(studyId, subjectNumber, signal)]);
    return { study, screening };
  });
  useEffect(() => {
    document.title = `${subjectNumber} · ${t(`conduct.followUp.area.${area}`)} · ${studyId} · ${t('app.name')}`;
  }, [t, studyId, subjectNumber, area]);
  const Area = SUBJECT_AREA_PAGES[area];
  const back = <p className="back-link"><Link href={studyHref(studyId)}>← {t('conduct.backToStudy')}</Link></p>;
  if (data.state.status === 'error') {
    return <div className="subject-page">{back}<h1 tabIndex={-1}>{t('conduct.subject.title', { subject: subjectNumber })}</h1><ApiProblem error={data.state.error} /></div>;
  }
  if (!data.state.data) return <Loading label={t('conduct.loading')} />;
  return (
    <div className="subject-page">
      {back}
      <h1 tabIndex={-1}>{t('conduct.followUp.heading', { subject: subjectNumber, area: t(`conduct.followUp.area.${area}`) })}</h1>
      <SubjectTabs studyId={studyId} subjectNumber={subjectNumber} current={area} />
      {Area ? <Area study={data.state.data.study} screening={data.state.data.screening} onChange={() => setReload((n) => n + 1)} /> : <p className="notice">{t('conduct.followUp.notAvailable')}</p>}
    </div>
  );
}

export function StudyQueriesPage({ studyId }: { studyId: string }) {
  const t = useT();
  const data = useApi(`study-queries:${studyId}`, (signal) => fetchStudy(studyId, signal));
  const Page = STUDY_QUERIES_PAGE.component;
  const back = <p className="back-link"><Link href={studyHref(studyId)}>← {t('conduct.backToStudy')}</Link></p>;
  if (data.state.status === 'error') return <div>{back}<ApiProblem error={data.state.error} /></div>;
  if (!data.state.data) return <Loading label={t('conduct.loading')} />;
  return <div className="study-queries">{back}{Page ? <Page study={data.state.data} /> : <p className="notice">{t('conduct.followUp.notAvailable')}</p>}</div>;
}
