// The trial page's descriptive sections, each reading one or two API v2 modules.
import type { Trial } from '../api/types.ts';
import { RichText } from '../components/rich-text.tsx';
import { useT } from '../i18n/i18n.tsx';
import { Facts, Section } from './section.tsx';

type Protocol = Trial['protocolSection'];

export function SummarySection({ protocol }: { protocol: Protocol }) {
  const t = useT();
  const description = protocol.descriptionModule;
  if (!description?.briefSummary && !description?.detailedDescription) return null;
  return (
    <Section id="summary" title={t('trial.summary')}>
      {description.briefSummary ? <RichText text={description.briefSummary} /> : null}
      {description.detailedDescription ? (
        <>
          <h3>{t('trial.detailedDescription')}</h3>
          <RichText text={description.detailedDescription} />
        </>
      ) : null}
    </Section>
  );
}

export function ConditionsSection({ trial }: { trial: Trial }) {
  const t = useT();
  const protocol = trial.protocolSection;
  const conditions = protocol.conditionsModule?.conditions ?? [];
  const keywords = protocol.conditionsModule?.keywords ?? [];
  const interventions = protocol.armsInterventionsModule?.interventions ?? [];
  const browseTerms = (module?: { meshes?: Array<{ term?: string }>; browseLeaves?: Array<{ name?: string }> }) => [
    ...new Set([...(module?.meshes ?? []).map((m) => m.term), ...(module?.browseLeaves ?? []).map((l) => l.name)].filter((v): v is string => !!v)),
  ];
  const treatmentTerms = browseTerms(trial.derivedSection?.interventionBrowseModule);
  const conditionTerms = browseTerms(trial.derivedSection?.conditionBrowseModule);
  return (
    <Section id="conditions" title={t('trial.conditionsAndInterventions')}>
      <Facts
        facts={[
          [t('trial.conditions'), conditions.length ? <TagList items={conditions} /> : null],
          [t('trial.keywords'), keywords.length ? <TagList items={keywords} /> : null],
          [t('trial.conditionTerms'), conditionTerms.length ? <TagList items={conditionTerms} /> : null],
          [t('trial.treatmentTerms'), treatmentTerms.length ? <TagList items={treatmentTerms} /> : null],
        ]}
      />
      {interventions.length > 0 ? (
        <>
          <h3>{t('trial.interventions')}</h3>
          <ul className="intervention-list">
            {interventions.map((intervention, index) => (
              <li key={index}>
                <p className="intervention-name">
                  {intervention.type ? <span className="intervention-type">{t.enumValue('interventionType', intervention.type)}: </span> : null}
                  {intervention.name}
                </p>
                {intervention.otherNames?.length ? <p className="muted">{t('trial.otherNames')}: {intervention.otherNames.join(', ')}</p> : null}
                {intervention.description ? <RichText text={intervention.description} /> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Section>
  );
}

function TagList({ items }: { items: string[] }) {
  return (
    <ul className="tag-list">
      {items.map((item) => (
        <li key={item}>{item}</li>
      ))}
    </ul>
  );
}

export function DesignSection({ protocol }: { protocol: Protocol }) {
  const t = useT();
  const design = protocol.designModule;
  const info = design?.designInfo;
  const masking = info?.maskingInfo;
  const arms = protocol.armsInterventionsModule?.armGroups ?? [];
  const interventions = protocol.armsInterventionsModule?.interventions ?? [];
  return (
    <Section id="design" title={t('trial.design')}>
      <Facts
        className="facts-grid"
        facts={[
          [t('trial.studyType'), design?.studyType ? t.enumValue('studyType', design.studyType) : null],
          [t('trial.primaryPurpose'), info?.primaryPurpose ? t.enumValue('primaryPurpose', info.primaryPurpose) : null],
          [t('trial.allocation'), info?.allocation ? t.enumValue('allocation', info.allocation) : null],
          [t('trial.interventionModel'), info?.interventionModel ? t.enumValue('interventionModel', info.interventionModel) : null],
          [t('trial.observationalModel'), info?.observationalModel ? t.enumValue('observationalModel', info.observationalModel) : null],
          [t('trial.timePerspective'), info?.timePerspective ? t.enumValue('timePerspective', info.timePerspective) : null],
          [t('trial.masking'), masking?.masking ? t.enumValue('masking', masking.masking) : null],
          [t('trial.whoMasked'), masking?.whoMasked?.map((who) => t.enumValue('whoMasked', who)).join(', ')],
        ]}
      />
      {info?.interventionModelDescription ? <Facts facts={[[t('trial.interventionModelDescription'), info.interventionModelDescription]]} /> : null}
      {masking?.maskingDescription ? <Facts facts={[[t('trial.maskingDescription'), masking.maskingDescription]]} /> : null}
      {arms.length > 0 ? (
        <>
          <h3 id="arms">
            {t('trial.arms')} <span className="count">({t.plural('trial.armsCount', arms.length)})</span>
          </h3>
          <ul className="arm-list">
            {arms.map((arm, index) => {
              // Arms name interventions as "Type: name"; the intervention list links them by arm label.
              const linked = interventions.filter((i) => arm.label && i.armGroupLabels?.includes(arm.label));
              const names = linked.length
                ? linked.map((i) => `${i.type ? `${t.enumValue('interventionType', i.type)}: ` : ''}${i.name ?? ''}`)
                : (arm.interventionNames ?? []);
              return (
                <li key={index} className="arm">
                  <p className="arm-title">
                    <strong>{arm.label}</strong>
                    {arm.type ? <span className="badge badge-arm">{t.enumValue('armType', arm.type)}</span> : null}
                  </p>
                  {arm.description ? <RichText text={arm.description} /> : null}
                  {names.length > 0 ? (
                    <p className="arm-interventions">
                      <span className="label">{t('trial.armInterventions')}:</span> {names.join('; ')}
                    </p>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
    </Section>
  );
}

export function OutcomesSection({ protocol }: { protocol: Protocol }) {
  const t = useT();
  const outcomes = protocol.outcomesModule;
  const groups = [
    { title: t('trial.primaryOutcomes'), items: outcomes?.primaryOutcomes ?? [] },
    { title: t('trial.secondaryOutcomes'), items: outcomes?.secondaryOutcomes ?? [] },
    { title: t('trial.otherOutcomes'), items: outcomes?.otherOutcomes ?? [] },
  ].filter((group) => group.items.length > 0);
  if (groups.length === 0) return null;
  return (
    <Section id="outcomes" title={t('trial.outcomes')}>
      {groups.map((group) => (
        <div key={group.title}>
          <h3>{group.title}</h3>
          <ol className="outcome-list">
            {group.items.map((outcome, index) => (
              <li key={index}>
                <p className="outcome-measure">{outcome.measure}</p>
                {outcome.description ? <RichText text={outcome.description} /> : null}
                {outcome.timeFrame ? <p className="muted">{t('trial.timeFrame')}: {outcome.timeFrame}</p> : null}
              </li>
            ))}
          </ol>
        </div>
      ))}
    </Section>
  );
}

export function DatesSection({ protocol }: { protocol: Protocol }) {
  const t = useT();
  const status = protocol.statusModule;
  const dated = (struct?: { date?: string; type?: string }) =>
    struct?.date ? `${t.date(struct.date)}${struct.type ? ` (${t.enumValue('dateType', struct.type)})` : ''}` : null;
  return (
    <Section id="dates" title={t('trial.dates')}>
      <Facts
        className="facts-grid"
        facts={[
          [t('trial.startDate'), dated(status?.startDateStruct)],
          [t('trial.primaryCompletionDate'), dated(status?.primaryCompletionDateStruct)],
          [t('trial.completionDate'), dated(status?.completionDateStruct)],
          [t('trial.firstPosted'), dated(status?.studyFirstPostDateStruct)],
          [t('trial.lastUpdate'), dated(status?.lastUpdatePostDateStruct)],
          [t('trial.statusVerified'), status?.statusVerifiedDate ? t.date(status.statusVerifiedDate) : null],
        ]}
      />
    </Section>
  );
}

export function ContactsSection({ protocol }: { protocol: Protocol }) {
  const t = useT();
  const module = protocol.contactsLocationsModule;
  const central = module?.centralContacts ?? [];
  const officials = module?.overallOfficials ?? [];
  return (
    <Section id="contacts" title={t('trial.contacts')}>
      {central.length === 0 && officials.length === 0 ? <p className="muted">{t('trial.noContacts')}</p> : null}
      {central.length > 0 ? (
        <>
          <h3>{t('trial.centralContacts')}</h3>
          <ul className="contact-list">
            {central.map((contact, index) => (
              <li key={index}>
                <p className="contact-name">
                  {contact.name}
                  {contact.role ? <span className="muted"> · {t.enumValue('role', contact.role)}</span> : null}
                </p>
                {contact.phone ? (
                  <p>
                    {t('trial.phone')}: <a href={`tel:${contact.phone.replace(/[^\d+]/g, '')}`}>{contact.phone}</a>
                    {contact.phoneExt ? ` ext. ${contact.phoneExt}` : ''}
                  </p>
                ) : null}
                {contact.email ? (
                  <p>
                    {t('trial.email')}: <a href={`mailto:${contact.email}`}>{contact.email}</a>
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {officials.length > 0 ? (
        <>
          <h3>{t('trial.officials')}</h3>
          <ul className="contact-list">
            {officials.map((official, index) => (
              <li key={index}>
                <p className="contact-name">
                  {official.name}
                  {official.role ? <span className="muted"> · {t.enumValue('role', official.role)}</span> : null}
                </p>
                {official.affiliation ? <p>{official.affiliation}</p> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Section>
  );
}

export function IdentifiersSection({ trial }: { trial: Trial }) {
  const t = useT();
  const identification = trial.protocolSection.identificationModule;
  const secondary = identification.secondaryIdInfos ?? [];
  const references = trial.protocolSection.referencesModule;
  return (
    <Section id="identifiers" title={t('trial.identifiers')}>
      <Facts
        facts={[
          [t('trial.nctId'), identification.nctId],
          [t('trial.orgStudyId'), identification.orgStudyIdInfo?.id],
          [t('trial.organization'), identification.organization?.fullName],
          [t('trial.secondaryIds'), secondary.length ? secondary.map((s) => [s.id, s.domain ?? (s.type ? s.type : null)].filter(Boolean).join(' — ')).join('; ') : null],
          [t('trial.aliases'), identification.nctIdAliases?.join(', ')],
          [t('trial.provenance'), trial.eligoProvenance?.source],
        ]}
      />
      <p>
        <a href={`https://clinicaltrials.gov/study/${encodeURIComponent(identification.nctId)}`} rel="noopener noreferrer" target="_blank">
          {t('trial.viewOnCtgov')} <span aria-hidden="true">↗</span>
        </a>
      </p>
      {references?.references?.length ? (
        <>
          <h3>{t('trial.references')}</h3>
          <ul className="reference-list">
            {references.references.map((reference, index) => (
              <li key={index}>
                {reference.citation}
                {reference.pmid ? (
                  <>
                    {' '}
                    <a href={`https://pubmed.ncbi.nlm.nih.gov/${encodeURIComponent(reference.pmid)}/`} rel="noopener noreferrer" target="_blank">PMID {reference.pmid}</a>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {references?.seeAlsoLinks?.length ? (
        <>
          <h3>{t('trial.seeAlso')}</h3>
          <ul>
            {references.seeAlsoLinks.filter((link) => link.url && /^https?:\/\//i.test(link.url)).map((link, index) => (
              <li key={index}>
                <a href={link.url} rel="noopener noreferrer" target="_blank">{link.label ?? link.url}</a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Section>
  );
}
