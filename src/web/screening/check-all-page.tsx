// /check: one patient — a FHIR file, or entered by hand with a common screening panel — against every
// recruiting trial with rules, ranked by the API (eligible first, then incomplete by how little is
// missing, then ineligible).
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { isIsoDate } from '../../core/clinical/calendar.ts';
import { fetchCatalog, rankTrialsForPatient, type PatientRecord, type ScreeningRanking } from '../api/eligibility.ts';
import { StatusBadge } from '../components/badges.tsx';
import { ErrorNotice } from '../components/notices.tsx';
import { useApi } from '../components/use-api.ts';
import { useT } from '../i18n/i18n.tsx';
import { Link } from '../shell/router.tsx';
import { checkHref } from '../shell/routes.ts';
import { commonNeeds } from './common-needs.ts';
import { patientBundle } from './patient-bundle.ts';
import { PatientForm } from './patient-form.tsx';
import { emptyPatientForm, patientFromForm, type FormProblem, type PatientFormState } from './patient-form-state.ts';
import { localToday, PatientFileInput, SourceChoice, type SourceKind } from './patient-source.tsx';
import { VerdictBanner } from './screening-result.tsx';
import { SiteSelect } from './site-select.tsx';

export function CheckAllTrialsPage() {
  const t = useT();
  const [asOf, setAsOf] = useState(localToday);
  const [site, setSite] = useState('');
  const [record, setRecord] = useState<PatientRecord | null>(null);
  const catalog = useApi('catalog', (signal) => fetchCatalog(signal));
  const needs = useMemo(() => (catalog.state.data ? commonNeeds(catalog.state.data) : null), [catalog.state.data]);
  const [source, setSource] = useState<SourceKind>('file');
  const [form, setForm] = useState<PatientFormState | null>(null);
  const [problems, setProblems] = useState<FormProblem[]>([]);
  const [ranking, setRanking] = useState<ScreeningRanking | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const [missingFile, setMissingFile] = useState(false);
  const [badDate, setBadDate] = useState(false);
  useEffect(() => {
    document.title = `${t('screening.all.title')} · ${t('app.name')}`;
  }, [t]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const dateOk = isIsoDate(asOf);
    setBadDate(!dateOk);
    if (!dateOk) return;
    let patient: PatientRecord;
    if (source === 'form' && form) {
      setMissingFile(false);
      const reading = patientFromForm(form, asOf);
      setProblems(reading.ok ? [] : reading.problems);
      if (!reading.ok) {
        document.getElementById(reading.problems[0].field)?.focus();
        return;
      }
      patient = { body: JSON.stringify(patientBundle(reading.patient)), contentType: 'application/fhir+json' };
    } else {
      setMissingFile(!record);
      if (!record) return;
      patient = record;
    }
    setBusy(true);
    try {
      setRanking(await rankTrialsForPatient(patient, { asOf, site: site.trim() || undefined }));
    } catch (caught) {
      setRanking(null);
      setError(caught instanceof Error ? caught : new Error(String(caught)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="check-page">
      <h1 tabIndex={-1}>{t('screening.all.title')}</h1>
      <p className="lead">{t('screening.all.lead')}</p>
      <form className="screening-form no-print" onSubmit={submit} noValidate>
        <p className="muted">{t('screening.privacy')}</p>
        <div className="form-grid">
          <label className="field">
            <span>{t('screening.asOf')}</span>
            <input type="date" value={asOf} required aria-invalid={badDate || undefined} aria-describedby={badDate ? 'as-of-error' : undefined} onChange={(event) => setAsOf(event.target.value)} />
            {badDate ? <span id="as-of-error" className="field-error" role="alert">{t('screening.problem.date')}</span> : null}
          </label>
          <SiteSelect value={site} onChange={setSite} />
        </div>
        <SourceChoice
          value={source}
          allowForm={needs !== null}
          onChange={(kind) => {
            setSource(kind);
            // The file input starts empty again when shown: so does the record read from it.
            if (kind === 'file') setRecord(null);
            if (kind === 'form' && needs && !form) setForm(emptyPatientForm(needs, asOf));
          }}
        />
        {source === 'form' && needs && form ? (
          <>
            <p className="hint">{t('screening.all.formHint')}</p>
            <PatientForm needs={needs} form={form} onChange={setForm} problems={problems} />
          </>
        ) : (
          <PatientFileInput onRecord={setRecord} />
        )}
        {missingFile ? <p className="field-error" role="alert">{t('screening.file.missing')}</p> : null}
        {problems.length > 0 && source === 'form' ? <p className="field-error" role="alert">{t.plural('screening.form.problems', problems.length)}</p> : null}
        <p>
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t('screening.checking') : t('screening.all.submit')}
          </button>
        </p>
      </form>
      {error ? <ErrorNotice error={error} /> : null}
      {ranking ? (
        <section aria-labelledby="ranking-heading">
          <h2 id="ranking-heading">{t.plural('screening.all.count', ranking.screened, { asOf: ranking.asOf })}</h2>
          {ranking.warnings.length > 0 ? (
            <div className="notice screening-warnings">
              <h3 className="notice-title">{t('screening.warnings.title')}</h3>
              <ul>
                {ranking.warnings.map((warning, index) => (
                  <li key={index}>{warning}</li>
                ))}
              </ul>
            </div>
          ) : null}
          <ol className="ranking-list">
            {ranking.trials.map((trial) => (
              <li key={trial.trial} className="ranking-item">
                <h3>
                  <Link href={checkHref(trial.trial)}>{trial.title ?? trial.trial}</Link>
                </h3>
                <p className="muted">
                  {trial.trial} <StatusBadge status={trial.status} />
                </p>
                <VerdictBanner verdict={trial.verdict} />
                {trial.failing.length > 0 ? (
                  <>
                    <p>{t('screening.all.failing')}</p>
                    <ul>
                      {trial.failing.map((failure) => (
                        <li key={failure.id}>
                          <strong>{failure.id}</strong> {failure.text} — {failure.reason}
                        </li>
                      ))}
                    </ul>
                  </>
                ) : null}
                {trial.missing.length > 0 ? (
                  <>
                    <p>{t('screening.missing.title')}</p>
                    <ul className="todo-list">
                      {trial.missing.map((item, index) => (
                        <li key={index}>
                          <span aria-hidden="true">☐ </span>
                          {item.what} <span className="muted">({t('screening.forCriterion', { id: item.criterion })})</span>
                        </li>
                      ))}
                    </ul>
                  </>
                ) : null}
                {trial.confirm > 0 ? <p className="muted">{t.plural('screening.all.confirmCount', trial.confirm)}</p> : null}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </div>
  );
}
