// /trials/NCT…: everything a coordinator, physician or patient needs from the registry record.
// `?near=lat,lon&place=…` (from the search page, or set here) orders the sites by distance.
import { useEffect } from 'react';
import { fetchTrial, ApiRequestError } from '../api/client.ts';
import type { Trial } from '../api/types.ts';
import { PhaseBadge, StatusBadge, StudyTypeBadge } from '../components/badges.tsx';
import { ErrorNotice, Loading } from '../components/notices.tsx';
import { useApi } from '../components/use-api.ts';
import { useT } from '../i18n/i18n.tsx';
import { parseLatLon } from '../../core/geo/distance.ts';
import { lastSearch } from '../search/last-search.ts';
import { Link, navigate, useLocation } from '../shell/router.tsx';
import { checkHref, reviewHref, trialHref } from '../shell/routes.ts';
import { QuestionnaireSection } from '../questionnaire/questionnaire-section.tsx';
import { EligibilitySection } from './eligibility-section.tsx';
import { Facts } from './section.tsx';
import { SitesSection, type Place } from './sites-section.tsx';
import { SponsorsSection } from './sponsors-section.tsx';
import { ConditionsSection, ContactsSection, DatesSection, DesignSection, IdentifiersSection, OutcomesSection, SummarySection } from './trial-sections.tsx';

export function TrialPage({ nctId }: { nctId: string }) {
  const t = useT();
  const { state, retry } = useApi(nctId, (signal) => fetchTrial(nctId, signal));
  if (state.status === 'error' && state.error instanceof ApiRequestError && state.error.status === 404) {
    return <TrialNotFound nctId={nctId} />;
  }
  if (state.status === 'error') return <ErrorNotice error={state.error} onRetry={retry} />;
  // A trial left over from a previous id must not show under this one's address.
  const trial = state.data?.protocolSection.identificationModule.nctId === nctId ? state.data : undefined;
  if (!trial) return <Loading label={t('trial.loading')} />;
  return <TrialView trial={trial} />;
}

function TrialNotFound({ nctId }: { nctId: string }) {
  const t = useT();
  useEffect(() => {
    document.title = `${t('trial.notFound.title')} · ${t('app.name')}`;
  }, [t]);
  return (
    <div className="not-found">
      <h1 tabIndex={-1}>{t('trial.notFound.title')}</h1>
      <p>{t('trial.notFound.body', { nctId })}</p>
      <p>
        <Link href={`/?q=${encodeURIComponent(nctId)}`} className="button button-primary">{t('trial.backToSearch')}</Link>
      </p>
    </div>
  );
}

function placeFromQuery(search: string): Place | null {
  const params = new URLSearchParams(search);
  const point = parseLatLon(params.get('near') ?? '');
  return point ? { ...point, label: params.get('place') || `${point.lat}, ${point.lon}` } : null;
}

function TrialView({ trial }: { trial: Trial }) {
  const t = useT();
  const location = useLocation();
  const protocol = trial.protocolSection;
  const identification = protocol.identificationModule;
  const status = protocol.statusModule;
  const design = protocol.designModule;
  const place = placeFromQuery(location.search);
  const backHref = lastSearch();
  const title = identification.briefTitle ?? identification.nctId;
  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title, t]);

  const setPlace = (next: Place | null) => {
    const query = new URLSearchParams();
    if (next) {
      query.set('near', `${round(next.lat)},${round(next.lon)}`);
      query.set('place', next.label);
    }
    navigate(trialHref(identification.nctId, query), { replace: true });
  };

  const enrollment = design?.enrollmentInfo;
  const enrollmentText =
    enrollment?.count === undefined
      ? null
      : enrollment.type
        ? t('trial.enrollmentValue', { count: enrollment.count, type: t.enumValue('dateType', enrollment.type) })
        : t('trial.enrollmentCount', { count: enrollment.count });
  const sponsor = protocol.sponsorCollaboratorsModule?.leadSponsor?.name;

  const toc: Array<[string, string]> = [
    ['summary', t('trial.summary')],
    ['conditions', t('trial.conditionsAndInterventions')],
    ['eligibility', t('trial.eligibility')],
    ['questionnaire', t('questionnaire.title')],
    ['design', t('trial.design')],
    ['outcomes', t('trial.outcomes')],
    ['sponsors', t('trial.sponsors')],
    ['dates', t('trial.dates')],
    ['contacts', t('trial.contacts')],
    ['sites', t('trial.sites')],
    ['identifiers', t('trial.identifiers')],
  ];
  // The questionnaire is generated from the criteria: a record without criteria text has none.
  const hasCriteria = !!protocol.eligibilityModule?.eligibilityCriteria?.trim();
  const hasSection: Record<string, boolean> = {
    questionnaire: hasCriteria,
    summary: !!(protocol.descriptionModule?.briefSummary || protocol.descriptionModule?.detailedDescription),
    outcomes: !!(protocol.outcomesModule?.primaryOutcomes?.length || protocol.outcomesModule?.secondaryOutcomes?.length || protocol.outcomesModule?.otherOutcomes?.length),
  };

  return (
    <article className="trial-page" aria-labelledby="trial-title">
      <p className="back-link">
        <Link href={backHref ?? '/'}>← {backHref ? t('trial.backToResults') : t('trial.backToSearch')}</Link>
      </p>
      <header className="trial-header">
        <div className="result-badges">
          <StatusBadge status={status?.overallStatus} />
          <PhaseBadge phases={design?.phases} />
          <StudyTypeBadge studyType={design?.studyType} />
        </div>
        <h1 id="trial-title" tabIndex={-1}>
          {identification.briefTitle ?? identification.nctId}
          {identification.acronym ? <span className="acronym"> ({identification.acronym})</span> : null}
        </h1>
        <p className="trial-id">{identification.nctId}{identification.orgStudyIdInfo?.id ? ` · ${identification.orgStudyIdInfo.id}` : ''}</p>
        {identification.officialTitle && identification.officialTitle !== identification.briefTitle ? (
          <p className="official-title">
            <span className="label">{t('trial.officialTitle')}: </span>
            {identification.officialTitle}
          </p>
        ) : null}
        <Facts
          className="facts-grid key-facts"
          facts={[
            [t('trial.status'), status?.overallStatus ? t.enumValue('status', status.overallStatus) : null],
            [t('trial.phase'), design?.phases?.length ? design.phases.map((p) => t.enumValue('phase', p)).join(' / ') : null],
            [t('trial.enrollment'), enrollmentText],
            [t('trial.leadSponsor'), sponsor],
            [t('trial.startDate'), status?.startDateStruct?.date ? t.date(status.startDateStruct.date) : null],
            [t('trial.completionDate'), status?.completionDateStruct?.date ? t.date(status.completionDateStruct.date) : null],
            [t('trial.whyStopped'), status?.whyStopped],
          ]}
        />
        <p className="trial-actions">
          <Link href={checkHref(identification.nctId)} className="button button-primary">{t('trial.checkPatient')}</Link>{' '}
          <Link href={reviewHref(identification.nctId)} className="button button-secondary">{t('trial.reviewCriteria')}</Link>
        </p>
      </header>
      <div className="trial-layout">
        <nav className="toc" aria-label={t('trial.onThisPage')}>
          <h2 className="toc-title">{t('trial.onThisPage')}</h2>
          <ul>
            {toc
              .filter(([id]) => hasSection[id] ?? true)
              .map(([id, label]) => (
                <li key={id}>
                  <a href={`#${id}`}>{label}</a>
                </li>
              ))}
          </ul>
        </nav>
        <div className="trial-sections">
          <SummarySection protocol={protocol} />
          <ConditionsSection trial={trial} />
          <EligibilitySection trial={trial} />
          {hasCriteria ? <QuestionnaireSection nctId={identification.nctId} /> : null}
          <DesignSection protocol={protocol} />
          <OutcomesSection protocol={protocol} />
          <SponsorsSection trial={trial} />
          <DatesSection protocol={protocol} />
          <ContactsSection protocol={protocol} />
          <SitesSection trial={trial} place={place} onPlaceChange={setPlace} />
          <IdentifiersSection trial={trial} />
        </div>
      </div>
    </article>
  );
}

/** Five decimals (about a metre) is ample for a city; the URL stays short. */
function round(value: number): number {
  return Math.round(value * 1e5) / 1e5;
}
