// One search result: what a coordinator or patient needs to decide whether to open the trial.
import type { TrialHit } from '../api/types.ts';
import { PhaseBadge, StatusBadge, StudyTypeBadge } from '../components/badges.tsx';
import { useT } from '../i18n/i18n.tsx';
import { Link } from '../shell/router.tsx';
import { trialHref } from '../shell/routes.ts';
import { formatAgeRange } from '../trial/trial-format.ts';
import { splitSnippet } from './snippet.ts';

export function ResultCard({ hit, trialQuery }: { hit: TrialHit; trialQuery?: URLSearchParams }) {
  const t = useT();
  const titleId = `result-${hit.nctId}`;
  const ages = formatAgeRange(t, hit.minimumAge, hit.maximumAge);
  const site = hit.nearestSite;
  return (
    <article className="result-card" aria-labelledby={titleId}>
      <div className="result-badges">
        <StatusBadge status={hit.overallStatus} />
        <PhaseBadge phases={hit.phases} />
        <StudyTypeBadge studyType={hit.studyType} />
      </div>
      <h3 className="result-title" id={titleId}>
        <Link href={trialHref(hit.nctId, trialQuery)}>
          {hit.briefTitle}
          {hit.acronym ? ` (${hit.acronym})` : ''}
        </Link>
      </h3>
      <p className="result-id">{hit.nctId}</p>
      {hit.snippet ? <Snippet text={hit.snippet} /> : null}
      <dl className="result-facts">
        {hit.conditions.length > 0 ? (
          <div>
            <dt>{t('card.conditions')}</dt>
            <dd>{hit.conditions.join(' · ')}</dd>
          </div>
        ) : null}
        {hit.interventions.length > 0 ? (
          <div>
            <dt>{t('card.interventions')}</dt>
            <dd>{hit.interventions.map((i) => `${t.enumValue('interventionType', i.type)}: ${i.name}`).join(' · ')}</dd>
          </div>
        ) : null}
        {hit.leadSponsor ? (
          <div>
            <dt>{t('card.sponsor')}</dt>
            <dd>{hit.leadSponsor}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t('card.eligibility')}</dt>
          <dd>
            {ages}
            {hit.sex ? ` · ${t.enumValue('sexScope', hit.sex)}` : ''}
          </dd>
        </div>
        {site ? (
          <div>
            <dt>{t('card.nearestSite')}</dt>
            <dd>
              <strong>{t('card.distance', { km: Math.round(site.distanceKm) })}</strong>
              {' · '}
              {[site.facility, site.city, site.country].filter(Boolean).join(', ')}
            </dd>
          </div>
        ) : null}
      </dl>
      <p className="result-meta">
        {hit.locationCount > 0 ? <span>{t.plural('card.sites', hit.locationCount)}</span> : null}
        {hit.lastUpdate ? <span>{t('card.lastUpdate', { date: t.date(hit.lastUpdate) })}</span> : null}
      </p>
    </article>
  );
}

function Snippet({ text }: { text: string }) {
  return (
    <p className="result-snippet">
      {splitSnippet(text).map((part, index) => (part.marked ? <mark key={index}>{part.text}</mark> : <span key={index}>{part.text}</span>))}
    </p>
  );
}
