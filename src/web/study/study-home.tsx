// /studies: the studies the user has a grant in; /studies/NCT…: a study's home for the user's role —
// site staff see their site (what needs doing, screening log, enrolled subjects); the sponsor's people
// see every site they may (charts, sites, counts). Someone with both kinds of grant sees both.
import { useEffect, useState } from 'react';
import { fetchStudy, listStudies, listStudySites } from '../api/conduct.ts';
import { useApi } from '../components/use-api.ts';
import { Loading } from '../components/notices.tsx';
import { useT } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/en.ts';
import { Link } from '../shell/router.tsx';
import { studyHref } from '../shell/routes.ts';
import { ApiProblem } from './api-problem.tsx';
import { siteName } from './format.ts';
import { hasAny, isStudyWide, sitesWith, staffSites } from './permissions.ts';
import { useSignedIn } from './session-gate.tsx';
import { SiteHome } from './site-home.tsx';
import { SponsorHome } from './sponsor-home.tsx';

export function StudiesPage() {
  const t = useT();
  const studies = useApi('studies', (signal) => listStudies(signal));
  useEffect(() => {
    document.title = `${t('conduct.studies.title')} · ${t('app.name')}`;
  }, [t]);
  return (
    <div className="studies-page">
      <h1 tabIndex={-1}>{t('conduct.studies.title')}</h1>
      {studies.state.status === 'error' ? <ApiProblem error={studies.state.error} /> : null}
      {!studies.state.data ? (
        studies.state.status === 'loading' ? <Loading label={t('conduct.loading')} /> : null
      ) : studies.state.data.length === 0 ? (
        <p className="notice notice-empty">{t('conduct.studies.none')}</p>
      ) : (
        <ul className="study-list">
          {studies.state.data.map((study) => (
            <li key={study.studyId} className="result-card">
              <h2 className="result-title">
                <Link href={studyHref(study.studyId)}>{t.language === 'zh' && study.titleZh ? study.titleZh : study.title}</Link>
              </h2>
              <p className="result-id">
                {study.studyId} · {t(`conduct.design.${study.design}` as MessageKey)}
                {study.blinded ? ` · ${t('conduct.study.blinded')}` : ''} · {t.plural('conduct.studies.sites', study.siteCount)}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function StudyHomePage({ studyId }: { studyId: string }) {
  const t = useT();
  const { grants } = useSignedIn();
  const data = useApi(`study:${studyId}`, async (signal) => {
    const [study, sites] = await Promise.all([fetchStudy(studyId, signal), listStudySites(studyId, signal)]);
    return { study, sites };
  });
  const mySites = staffSites(grants, studyId);
  const [chosenSite, setChosenSite] = useState(mySites[0] ?? '');
  const title = data.state.data ? (t.language === 'zh' && data.state.data.study.titleZh ? data.state.data.study.titleZh : data.state.data.study.title) : studyId;
  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [t, title]);

  if (data.state.status === 'error') return <ApiProblem error={data.state.error} />;
  if (!data.state.data) return <Loading label={t('conduct.loading')} />;
  const { study, sites } = data.state.data;
  const canScreen = hasAny(sitesWith(grants, studyId, 'screening.write'));
  const canAudit = hasAny(sitesWith(grants, studyId, 'audit.read'));
  const site = sites.find((candidate) => candidate.siteCode === chosenSite);

  return (
    <div className="study-home">
      <p className="back-link"><Link href="/studies">← {t('conduct.studies.title')}</Link></p>
      <h1 tabIndex={-1}>{title}</h1>
      <p className="lead muted">
        {study.studyId} · {t(`conduct.design.${study.design}` as MessageKey)}{study.blinded ? ` · ${t('conduct.study.blinded')}` : ''} · {t('conduct.study.protocolVersion', { version: study.protocolVersion })}
      </p>
      <p className="action-row">
        {canScreen ? <Link className="button button-primary" href={studyHref(studyId, 'screenings/new')}>{t('conduct.screen.new')}</Link> : null}
        {canAudit ? <Link className="button button-secondary" href={studyHref(studyId, 'audit')}>{t('conduct.audit.title')}</Link> : null}
        <Link className="button button-secondary" href={studyHref(studyId, 'queries')}>{t('conduct.queries.link')}</Link>
      </p>
      {mySites.length > 0 ? (
        <section aria-labelledby="my-site-heading">
          <h2 id="my-site-heading" className="section-heading">{t('conduct.home.mySite', { site: `${chosenSite} ${siteName(t, site, chosenSite)}` })}</h2>
          {mySites.length > 1 ? (
            <label className="field field-compact">
              <span>{t('conduct.home.chooseSite')}</span>
              <select value={chosenSite} onChange={(event) => setChosenSite(event.target.value)}>
                {mySites.map((code) => <option key={code} value={code}>{code} {siteName(t, sites.find((candidate) => candidate.siteCode === code), code)}</option>)}
              </select>
            </label>
          ) : null}
          <SiteHome key={chosenSite} study={study} siteCode={chosenSite} />
        </section>
      ) : null}
      {isStudyWide(grants, studyId) ? (
        <section aria-labelledby="all-sites-heading">
          <h2 id="all-sites-heading" className="section-heading">{t('conduct.home.allSites')}</h2>
          <SponsorHome study={study} sites={sites} />
        </section>
      ) : null}
    </div>
  );
}
