// /studies/NCT…/subjects/SITE-NNN: one screened subject — the screening result criterion by criterion,
// the confirm points, the outcome, identity on request (site staff), consents, enrollment (and
// unblinding) and the record's audit history. A subject out of the user's scope answers "not found",
// exactly like one that does not exist.
import { useEffect, useState } from 'react';
import { fetchStudy, fetchSubject, listAudit, listConsents, type AuditEntryView, type ScreeningView, type StudyDetail } from '../api/conduct.ts';
import { useApi } from '../components/use-api.ts';
import { Loading } from '../components/notices.tsx';
import { useT } from '../i18n/i18n.tsx';
import { ScreeningResultView } from '../screening/screening-result.tsx';
import { Link } from '../shell/router.tsx';
import { studyHref } from '../shell/routes.ts';
import { ApiProblem } from './api-problem.tsx';
import { AuditTable } from './audit-table.tsx';
import { ConsentSection } from './consent-section.tsx';
import { EnrollmentSection } from './enrollment-section.tsx';
import { formatDay } from './format.ts';
import { allows, sitesWith } from './permissions.ts';
import { useSignedIn } from './session-gate.tsx';
import { IdentityPanel } from './subject-identity.tsx';
import { ConfirmationsPanel, OutcomePanel } from './subject-screening.tsx';
import { OutcomeTag, VerdictTag } from './tags.tsx';
import { SubjectTabs } from './follow-up/subject-area-page.tsx';

export function SubjectPage({ studyId, subjectNumber }: { studyId: string; subjectNumber: string }) {
  const t = useT();
  const [reload, setReload] = useState(0);
  const data = useApi(`subject:${studyId}:${subjectNumber}:${reload}`, async (signal) => {
    const [study, screening] = await Promise.all([fetchStudy(studyId, signal), fetchSubject(studyId, subjectNumber, signal)]);
    return { study, screening };
  });
  useEffect(() => {
    document.title = `${subjectNumber} · ${studyId} · ${t('app.name')}`;
  }, [t, studyId, subjectNumber]);
  const back = <p className="back-link"><Link href={studyHref(studyId)}>← {t('conduct.backToStudy')}</Link></p>;
  if (data.state.status === 'error' && !data.state.data) {
    return (
      <div className="subject-page">
        {back}
        <h1 tabIndex={-1}>{t('conduct.subject.title', { subject: subjectNumber })}</h1>
        <ApiProblem error={data.state.error} />
      </div>
    );
  }
  if (!data.state.data) return <Loading label={t('conduct.loading')} />;
  return (
    <div className="subject-page">
      {back}
      <Subject study={data.state.data.study} initial={data.state.data.screening} onReload={() => setReload((n) => n + 1)} />
    </div>
  );
}

function Subject({ study, initial, onReload }: { study: StudyDetail; initial: ScreeningView; onReload(): void }) {
  const t = useT();
  const { user, grants } = useSignedIn();
  const [screening, setScreening] = useState(initial);
  /** Bumped when a consent is recorded or withdrawn, so that the history reloads. */
  const [consentVersion, setConsentVersion] = useState(0);
  useEffect(() => setScreening(initial), [initial]);
  const site = screening.siteCode;
  const can = (permission: Parameters<typeof sitesWith>[2]) => allows(sitesWith(grants, study.studyId, permission), site);

  return (
    <>
      <h1 tabIndex={-1}>{t('conduct.subject.title', { subject: screening.subjectNumber })}</h1>
      <SubjectTabs studyId={study.studyId} subjectNumber={screening.subjectNumber} current="subject" />
      <dl className="facts facts-inline subject-facts">
        <div><dt>{t('conduct.screen.site')}</dt><dd>{site}</dd></div>
        <div><dt>{t('conduct.log.screenedOn')}</dt><dd>{formatDay(t, screening.screenedOn)}</dd></div>
        <div><dt>{t('conduct.log.verdict')}</dt><dd><VerdictTag verdict={screening.verdict} /></dd></div>
        <div><dt>{t('conduct.log.outcome')}</dt><dd><OutcomeTag outcome={screening.outcome} /></dd></div>
        <div><dt>{t('conduct.subject.origin')}</dt><dd>{t(`conduct.origin.${screening.origin}`)}</dd></div>
        <div><dt>{t('conduct.subject.screenedBy')}</dt><dd>{screening.createdBy}</dd></div>
        {Object.keys(screening.factors).length > 0 ? (
          <div><dt>{t('conduct.factors.legend')}</dt><dd>{Object.entries(screening.factors).map(([key, level]) => `${key}: ${level}`).join(' · ')}</dd></div>
        ) : null}
        {screening.failureReasons.length > 0 ? <div><dt>{t('conduct.log.failureReasons')}</dt><dd>{screening.failureReasons.join('; ')}</dd></div> : null}
      </dl>
      {can('identity.read') ? <IdentityPanel studyId={study.studyId} subjectNumber={screening.subjectNumber} /> : null}
      <ConfirmationsPanel key={`confirm-${screening.updatedAt}`} screening={screening} canWrite={can('screening.write')} onSaved={setScreening} />
      {can('screening.write') ? <OutcomePanel key={`outcome-${screening.updatedAt}`} screening={screening} onSaved={setScreening} /> : null}
      <ConsentSection study={study} subjectNumber={screening.subjectNumber} canWrite={can('consent.write')} username={user.username} onChange={() => setConsentVersion((n) => n + 1)} />
      <EnrollmentSection study={study} screening={screening} rights={{ enroll: can('enroll'), override: can('eligibility.override'), unblind: can('unblind') }} onEnrolled={onReload} />
      <ScreeningResultView result={screening.result} trialTitle={t.language === 'zh' && study.titleZh ? study.titleZh : study.title} recordedConfirmations />
      {can('audit.read') ? <RecordHistory studyId={study.studyId} subjectNumber={screening.subjectNumber} version={`${screening.updatedAt}:${consentVersion}`} /> : null}
    </>
  );
}

function RecordHistory({ studyId, subjectNumber, version }: { studyId: string; subjectNumber: string; version: string }) {
  const t = useT();
  // The subject's screening and enrollment entries are filed under its number, each consent's under the consent's id.
  const history = useApi(`history:${studyId}:${subjectNumber}:${version}`, async (signal) => {
    const [own, consents] = await Promise.all([listAudit(studyId, { recordId: subjectNumber, limit: 500 }, signal), listConsents(studyId, subjectNumber, signal)]);
    const consentPages = await Promise.all(consents.map((consent) => listAudit(studyId, { recordType: 'consent', recordId: String(consent.id), limit: 100 }, signal)));
    const items: AuditEntryView[] = [...own.items, ...consentPages.flatMap((page) => page.items)].sort((a, b) => b.id - a.id);
    return { items };
  });
  return (
    <section className="study-section" aria-labelledby="history-heading">
      <h2 id="history-heading">{t('conduct.subject.history')}</h2>
      {history.state.status === 'error' ? <ApiProblem error={history.state.error} id="history-problem" /> : null}
      {!history.state.data ? (
        history.state.status === 'loading' ? <Loading label={t('conduct.loading')} /> : null
      ) : history.state.data.items.length === 0 ? (
        <p className="notice notice-empty">{t('conduct.audit.none')}</p>
      ) : (
        <AuditTable entries={history.state.data.items} />
      )}
    </section>
  );
}
