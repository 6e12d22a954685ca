// Who can take part: sex, ages, volunteers, then the criteria split into inclusion and exclusion lists.
import { splitEligibilityCriteria } from '../../core/trial/criteria-text.ts';
import type { Trial } from '../api/types.ts';
import { RichText } from '../components/rich-text.tsx';
import { useT } from '../i18n/i18n.tsx';
import { Facts, Section } from './section.tsx';
import { formatAgeRange } from './trial-format.ts';

export function EligibilitySection({ trial }: { trial: Trial }) {
  const t = useT();
  const eligibility = trial.protocolSection.eligibilityModule;
  const criteria = splitEligibilityCriteria(eligibility?.eligibilityCriteria);
  const none = criteria.inclusion.length + criteria.exclusion.length + criteria.other.length === 0;
  const volunteers = eligibility?.healthyVolunteers;
  return (
    <Section id="eligibility" title={t('trial.eligibility')}>
      <Facts
        className="facts-inline"
        facts={[
          [t('trial.sex'), eligibility?.sex ? t.enumValue('sex', eligibility.sex) : null],
          [t('trial.ages'), formatAgeRange(t, eligibility?.minimumAge, eligibility?.maximumAge)],
          [t('trial.healthyVolunteers'), volunteers === undefined ? null : t(volunteers ? 'trial.healthyVolunteers.yes' : 'trial.healthyVolunteers.no')],
          [t('trial.stdAges'), eligibility?.stdAges?.map((age) => t.enumValue('stdAge', age)).join(', ')],
        ]}
      />
      {eligibility?.genderDescription ? (
        <>
          <h3>{t('trial.genderDescription')}</h3>
          <RichText text={eligibility.genderDescription} />
        </>
      ) : null}
      {eligibility?.studyPopulation ? (
        <>
          <h3>{t('trial.studyPopulation')}</h3>
          <RichText text={eligibility.studyPopulation} />
        </>
      ) : null}
      {none ? <p className="muted">{t('trial.noCriteria')}</p> : null}
      <div className="criteria-columns">
        <CriteriaList id="inclusion" title={t('trial.inclusion')} items={criteria.inclusion} tone="include" />
        <CriteriaList id="exclusion" title={t('trial.exclusion')} items={criteria.exclusion} tone="exclude" />
      </div>
      <CriteriaList id="other-criteria" title={t('trial.otherCriteria')} items={criteria.other} tone="other" />
    </Section>
  );
}

function CriteriaList({ id, title, items, tone }: { id: string; title: string; items: string[]; tone: 'include' | 'exclude' | 'other' }) {
  if (items.length === 0) return null;
  return (
    <div className={`criteria criteria-${tone}`}>
      <h3 id={`${id}-heading`}>
        {title} <span className="count">({items.length})</span>
      </h3>
      <ol aria-labelledby={`${id}-heading`}>
        {items.map((item, index) => (
          <li key={index}>{item}</li>
        ))}
      </ol>
    </div>
  );
}
