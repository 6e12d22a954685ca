// /trials/NCT…/check: screen one patient against the trial's current rule set — from a FHIR file or
// a hand-entered record — and print the result. The record goes only in the POST body.
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { isIsoDate } from '../../core/clinical/calendar.ts';
import { fetchTrial } from '../api/client.ts';
import { fetchTrialRules, screenPatient, type PatientRecord, type ScreeningResult } from '../api/eligibility.ts';
import { ErrorNotice, Loading } from '../components/notices.tsx';
import { useApi } from '../components/use-api.ts';
import { useT } from '../i18n/i18n.tsx';
import { Link } from '../shell/router.tsx';
import { trialHref } from '../shell/routes.ts';
import { emptyPatientForm, type FormProblem, type PatientFormState } from './patient-form-state.ts';
import { PatientInput, recordFromForm } from './patient-input.tsx';
import { localToday, type SourceKind } from './patient-source.tsx';
import { ruleNeeds } from './rule-needs.ts';
import { ScreeningResultView } from './screening-result.tsx';
import { SiteSelect } from './site-select.tsx';

export function CheckPatientPage({ nctId }: { nctId: string }) {
  const t = useT();
  const trial = useApi(`trial:${nctId}`, (signal) => fetchTrial(nctId, signal));
  const rules = useApi(`rules:${nctId}`, (signal) => fetchTrialRules(nctId, signal));
  const title = trial.state.data?.protocolSection.identificationModule.briefTitle ?? nctId;
  useEffect(() => {
    document.title = `${t('screening.check.title')} · ${title} · ${t('app.name')}`;
  }, [t, title]);

  if (trial.state.status === 'error') return <ErrorNotice error={trial.state.error} onRetry={trial.retry} />;
  if (rules.state.status === 'error') return <ErrorNotice error={rules.state.error} onRetry={rules.retry} />;
  if (!trial.state.data || !rules.state.data) return <Loading label={t('screening.loading')} />;
  return <CheckPatient nctId={nctId} title={title} rules={rules.state.data.criteria.map((criterion) => criterion.source)} />;
}

function CheckPatient({ nctId, title, rules }: { nctId: string; title: string; rules: Parameters<typeof ruleNeeds>[0] }) {
  const t = useT();
  const needs = useMemo(() => ruleNeeds(rules), [rules]);
  const [asOf, setAsOf] = useState(localToday);
  const [site, setSite] = useState('');
  const [patientName, setPatientName] = useState('');
  const [source, setSource] = useState<SourceKind>('file');
  const [fileRecord, setFileRecord] = useState<PatientRecord | null>(null);
  const [form, setForm] = useState<PatientFormState>(() => emptyPatientForm(needs, localToday()));
  const [problems, setProblems] = useState<FormProblem[]>([]);
  const [result, setResult] = useState<ScreeningResult | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const [missingFile, setMissingFile] = useState(false);
  const [badDate, setBadDate] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const dateOk = isIsoDate(asOf);
    setBadDate(!dateOk);
    if (!dateOk) return;
    setMissingFile(false);
    let record: PatientRecord | null;
    if (source === 'file') {
      if (!fileRecord) {
        setMissingFile(true);
        return;
      }
      record = fileRecord;
    } else {
      record = await recordFromForm(form, asOf, setProblems);
      if (!record) return;
    }
    setBusy(true);
    try {
      setResult(await screenPatient(nctId, record, { asOf, site: site.trim() || undefined }));
      window.requestAnimationFrame(() => document.getElementById('screening-result-heading')?.scrollIntoView({ block: 'start' }));
    } catch (caught) {
      setResult(null);
      setError(caught instanceof Error ? caught : new Error(String(caught)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="check-page">
      <p className="back-link no-print">
        <Link href={trialHref(nctId)}>← {t('screening.backToTrial')}</Link>
      </p>
      <h1 tabIndex={-1}>{t('screening.check.title')}</h1>
      <p className="lead">
        {title} <span className="muted">({nctId})</span>
      </p>
      <form className="screening-form no-print" onSubmit={submit} noValidate>
        <p className="muted">{t('screening.privacy')}</p>
        <div className="form-grid">
          <label className="field">
            <span>{t('screening.asOf')}</span>
            <input type="date" value={asOf} required aria-invalid={badDate || undefined} aria-describedby={badDate ? 'as-of-error' : undefined} onChange={(event) => setAsOf(event.target.value)} />
            {badDate ? <span id="as-of-error" className="field-error" role="alert">{t('screening.problem.date')}</span> : null}
          </label>
          <SiteSelect value={site} onChange={setSite} />
          <label className="field">
            <span>{t('screening.patientName')}</span>
            <input value={patientName} autoComplete="off" aria-describedby="name-hint" onChange={(event) => setPatientName(event.target.value)} />
            <span id="name-hint" className="hint">{t('screening.patientNameHint')}</span>
          </label>
        </div>
        <PatientInput
          source={source}
          onSourceChange={setSource}
          allowForm
          form={{ needs, value: form, onChange: setForm }}
          onRecord={setFileRecord}
          problems={problems}
          missingFile={missingFile}
          busy={busy}
          submitLabel="screening.submit"
        />
      </form>
      {error ? <ErrorNotice error={error} /> : null}
      {result ? (
        <>
          <p className="no-print">
            <button type="button" className="button button-secondary" onClick={() => window.print()}>
              {t('screening.print')}
            </button>
          </p>
          <ScreeningResultView result={result} trialTitle={title} patientName={patientName.trim() || undefined} />
        </>
      ) : null}
    </div>
  );
}
