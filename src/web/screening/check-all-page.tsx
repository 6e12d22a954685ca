// /check: one patient's FHIR record against every recruiting trial with rules, ranked by the API
// (eligible first, then incomplete by how little is missing, then ineligible).
import { useEffect, useState, type FormEvent } from 'react';
import { isIsoDate } from '../../core/clinical/calendar.ts';
import { rankTrialsForPatient, type PatientRecord, type ScreeningRanking } from '../api/eligibility.ts';
import { StatusBadge } from '../components/badges.tsx';
import { ErrorNotice } from '../components/notices.tsx';
import { useT } from '../i18n/i18n.tsx';
import { Link } from '../shell/router.tsx';
import { checkHref } from '../shell/routes.ts';
import { localToday, PatientFileInput } from './patient-source.tsx';
import { VerdictBanner } from './screening-result.tsx';

export function CheckAllTrialsPage() {
  const t = useT();
  const [asOf, setAsOf] = useState(localToday);
  const [site, setSite] = useState('');
  const [record, setRecord] = useState<PatientRecord | null>(null);
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
    setMissingFile(!record);
    if (!record) return;
    setBusy(true);
    try {
      setRanking(await rankTrialsForPatient(record, { asOf, site: site.trim() || undefined }));
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
          <label className="field">
            <span>{t('screening.site')}</span>
            <input value={site} aria-describedby="site-hint" onChange={(event) => setSite(event.target.value)} />
            <span id="site-hint" className="hint">{t('screening.siteHint')}</span>
          </label>
        </div>
        <PatientFileInput onRecord={setRecord} />
        {missingFile ? <p className="field-error" role="alert">{t('screening.file.missing')}</p> : null}
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
