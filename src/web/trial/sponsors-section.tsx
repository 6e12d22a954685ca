// Lead sponsor, collaborators and the responsible party. A multicentre study can name dozens of
// hospitals: they are listed in columns, alphabetically, with a filter box once the list is long.
import { useId, useState } from 'react';
import type { Trial } from '../api/types.ts';
import { useT } from '../i18n/i18n.tsx';
import { Facts, Section } from './section.tsx';

const FILTER_FROM = 10;

export function SponsorsSection({ trial }: { trial: Trial }) {
  const t = useT();
  const sponsors = trial.protocolSection.sponsorCollaboratorsModule;
  const lead = sponsors?.leadSponsor;
  const party = sponsors?.responsibleParty;
  const collaborators = [...new Set((sponsors?.collaborators ?? []).map((c) => c.name).filter((name): name is string => !!name))];
  collaborators.sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' }));
  const partyText = party
    ? [party.type ? t.enumValue('responsibleParty', party.type) : null, party.investigatorFullName, party.investigatorTitle, party.investigatorAffiliation]
        .filter(Boolean)
        .join(' · ')
    : null;
  return (
    <Section id="sponsors" title={t('trial.sponsors')}>
      <Facts
        facts={[
          [t('trial.leadSponsor'), lead?.name ? `${lead.name}${lead.class ? ` (${t.enumValue('agencyClass', lead.class)})` : ''}` : null],
          [t('trial.responsibleParty'), partyText],
        ]}
      />
      {collaborators.length > 0 ? <Collaborators names={collaborators} /> : null}
    </Section>
  );
}

function Collaborators({ names }: { names: string[] }) {
  const t = useT();
  const filterId = useId();
  const [filter, setFilter] = useState('');
  const needle = filter.trim().toLowerCase();
  const shown = needle ? names.filter((name) => name.toLowerCase().includes(needle)) : names;
  return (
    <div className="collaborators">
      <h3 id="collaborators-heading">
        {t('trial.collaborators')} <span className="count">{t('trial.collaboratorsCount', { count: names.length })}</span>
      </h3>
      {names.length >= FILTER_FROM ? (
        <div className="field field-compact">
          <label htmlFor={filterId}>{t('trial.filterCollaborators')}</label>
          <input id={filterId} type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
        </div>
      ) : null}
      {shown.length === 0 ? <p className="muted" role="status">{t('trial.noCollaboratorMatch', { text: filter.trim() })}</p> : null}
      <ul className="collaborator-list" aria-labelledby="collaborators-heading">
        {shown.map((name) => (
          <li key={name}>{name}</li>
        ))}
      </ul>
    </div>
  );
}
