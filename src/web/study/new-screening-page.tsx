// /studies/NCT…/screenings/new: screen a patient into the study's screening log at one of the user's
// sites. The patient record comes from the same FHIR upload or hand-entry form as "Check a patient"
// (screening/patient-input.tsx); identity and record go only in the POST body. The answer — the
// subject number and the criterion-by-criterion result — is shown with the check page's result view.
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { isIsoDate } from '../../core/clinical/calendar.ts';
import { listStudySites, fetchStudy, startScreening, type ScreeningSource, type ScreeningView } from '../api/conduct.ts';
import { fetchTrialRules, type PatientRecord } from '../api/eligibility.ts';
import { Loading } from '../components/notices.tsx';
import { useApi } from '../components/use-api.ts';
import { useT } from '../i18n/i18n.tsx';
import { manualRecordFromForm, emptyPatientForm, type FormProblem, type PatientFormState } from '../screening/patient-form-state.ts';
import { PatientInput } from '../screening/patient-input.tsx';
import { localToday, type SourceKind } from '../screening/patient-source.tsx';
import { ruleNeeds, type RuleNeeds } from '../screening/rule-needs.ts';
import { ScreeningResultView } from '../screening/screening-result.tsx';
import { Link } from '../shell/router.tsx';
import { studyHref, subjectHref } from '../shell/routes.ts';
import { ApiProblem, invalidIf } from './api-problem.tsx';
import { FactorFields } from './factor-fields.tsx';
import { siteName } from './format.ts';
import { EMPTY_IDENTITY, IdentityFields, identityFromDraft, missingIdentity, type IdentityDraft } from './identity-fields.tsx';
import { allows, sitesWith } from './permissions.ts';
import { useSignedIn } from './session-gate.tsx';
import type { StudyDetail, SiteView } from '../api/conduct.ts';

export function NewScreeningPage({ studyId }: { studyId: string }) {
  const t = useT();
  const data = useApi(`new-screening:${studyId}`, async (signal) => {
    const [study, sites, rules] = await Promise.all([fetchStudy(studyId, signal), listStudySites(studyId, signal), fetchTrialRules(studyId, signal)]);
    return { study, sites, needs: ruleNeeds(rules.criteria.map((criterion) => criterion.source)) };
  });
  useEffect(() => {
    document.title = `${t('conduct.screen.new')} · ${studyId} · ${t('app.name')}`;
  }, [t, studyId]);
  if (data.state.status === 'error') return <ApiProblem error={data.state.error} />;
  if (!data.state.data) return <Loading label={t('conduct.loading')} />;
  return <NewScreening {...data.state.data} />;
}

/** A file's record as the FHIR Bundle the study API takes (NDJSON becomes a collection Bundle). */
function bundleOf(record: PatientRecord): unknown {
  if (record.contentType === 'application/fhir+json') return JSON.parse(record.body);
  const entry = record.body.split(/\r?\n/).filter((line) => line.trim() !== '').map((line) => ({ resource: JSON.parse(line) as unknown }));
  return { resourceType: 'Bundle', type: 'collection', entry };
}

function NewScreening({ study, sites, needs }: { study: StudyDetail; sites: SiteView[]; needs: RuleNeeds }) {
  const t = useT();
  const { grants } = useSignedIn();
  const right = sitesWith(grants, study.studyId, 'screening.write');
  const mySites = useMemo(() => sites.filter((site) => allows(right, site.siteCode)), [sites, right]);
  const [siteCode, setSiteCode] = useState(mySites.find((site) => site.status === 'active')?.siteCode ?? mySites[0]?.siteCode ?? '');
  const [screenedOn, setScreenedOn] = useState(localToday);
  const [identity, setIdentity] = useState<IdentityDraft>(EMPTY_IDENTITY);
  const [factors, setFactors] = useState<Record<string, string>>({});
  const [source, setSource] = useState<SourceKind>('form');
  const [fileRecord, setFileRecord] = useState<PatientRecord | null>(null);
  const [form, setForm] = useState<PatientFormState>(() => emptyPatientForm(needs, localToday()));
  const [problems, setProblems] = useState<FormProblem[]>([]);
  const [missing, setMissing] = useState<string[]>([]);
  const [missingFile, setMissingFile] = useState(false);
  const [badDate, setBadDate] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<ScreeningView | null>(null);

  if (mySites.length === 0) return <p className="notice">{t('conduct.screen.noSite')}</p>;

  const changeIdentity = (next: IdentityDraft) => {
    // The birth date is asked once: the hand-entry form follows the identity's unless it was set apart.
    if (form.birthDate === identity.birthDate && next.birthDate !== identity.birthDate) setForm({ ...form, birthDate: next.birthDate });
    setIdentity(next);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const dateOk = isIsoDate(screenedOn);
    setBadDate(!dateOk);
    const missingFields = missingIdentity(identity);
    setMissing(missingFields);
    setMissingFile(source === 'file' && !fileRecord);
    if (!dateOk || missingFields.length > 0) {
      document.getElementById(dateOk ? missingFields[0] : 'screened-on')?.focus();
      return;
    }
    let patient: ScreeningSource;
    if (source === 'file') {
      if (!fileRecord) return;
      patient = { kind: 'fhir', bundle: bundleOf(fileRecord) };
    } else {
      const reading = await manualRecordFromForm(form, screenedOn);
      setProblems(reading.ok ? [] : reading.problems);
      if (!reading.ok) {
        document.getElementById(reading.problems[0].field)?.focus();
        return;
      }
      patient = { kind: 'manual', record: reading.record };
    }
    setBusy(true);
    try {
      const chosenFactors = Object.fromEntries(Object.entries(factors).filter(([, level]) => level !== ''));
      const screening = await startScreening(study.studyId, { siteCode, screenedOn, source: patient, identity: identityFromDraft(identity), factors: chosenFactors });
      // The identifying details are not kept on the page once stored.
      setIdentity(EMPTY_IDENTITY);
      setCreated(screening);
      window.requestAnimationFrame(() => document.getElementById('screening-created-heading')?.focus());
    } catch (caught) {
      setError(caught instanceof Error ? caught : new Error(String(caught)));
    } finally {
      setBusy(false);
    }
  };

  if (created) {
    return (
      <div className="new-screening-page">
        <p className="back-link"><Link href={studyHref(study.studyId)}>← {t('conduct.backToStudy')}</Link></p>
        <h1 id="screening-created-heading" tabIndex={-1}>{t('conduct.screen.created', { subject: created.subjectNumber })}</h1>
        <p className="action-row">
          <Link className="button button-primary" href={subjectHref(study.studyId, created.subjectNumber)} data-subject-link={created.subjectNumber}>{t('conduct.screen.openSubject', { subject: created.subjectNumber })}</Link>
          <button type="button" className="button button-secondary" onClick={() => { setCreated(null); setForm(emptyPatientForm(needs, localToday())); setFactors({}); }}>{t('conduct.screen.another')}</button>
        </p>
        <ScreeningResultView result={created.result} trialTitle={t.language === 'zh' && study.titleZh ? study.titleZh : study.title} />
      </div>
    );
  }

  return (
    <div className="new-screening-page">
      <p className="back-link"><Link href={studyHref(study.studyId)}>← {t('conduct.backToStudy')}</Link></p>
      <h1 tabIndex={-1}>{t('conduct.screen.new')}</h1>
      <p className="lead">{t.language === 'zh' && study.titleZh ? study.titleZh : study.title} <span className="muted">({study.studyId})</span></p>
      <form className="screening-form" onSubmit={submit} noValidate>
        <div className="form-grid">
          <label className="field">
            <span>{t('conduct.screen.site')}</span>
            <select value={siteCode} onChange={(event) => setSiteCode(event.target.value)} {...invalidIf(error, 'siteCode')}>
              {mySites.map((site) => (
                <option key={site.siteCode} value={site.siteCode}>
                  {site.siteCode} {siteName(t, site, site.siteCode)}{site.status === 'active' ? '' : ` (${t(`conduct.siteStatus.${site.status}`)})`}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t('conduct.screen.date')}</span>
            <input id="screened-on" type="date" value={screenedOn} required max={localToday()} onChange={(event) => setScreenedOn(event.target.value)} aria-invalid={badDate || undefined} {...invalidIf(error, 'screenedOn')} />
            {badDate ? <span className="field-error" role="alert">{t('screening.problem.date')}</span> : null}
          </label>
        </div>
        <IdentityFields value={identity} onChange={changeIdentity} missing={missing} error={error} />
        <FactorFields strata={study.protocol.strata} value={factors} onChange={setFactors} error={error} />
        <h2 className="section-heading">{t('conduct.screen.record')}</h2>
        <PatientInput
          source={source}
          onSourceChange={setSource}
          allowForm
          form={{ needs, value: form, onChange: setForm }}
          onRecord={setFileRecord}
          problems={problems}
          missingFile={missingFile}
          busy={busy}
          submitLabel="conduct.screen.submit"
        />
      </form>
      {error ? <ApiProblem error={error} /> : null}
    </div>
  );
}
