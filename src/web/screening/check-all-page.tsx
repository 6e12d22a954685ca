// /check: one patient — a FHIR file, or entered by hand with a common screening panel — against every
// recruiting trial with rules, ranked by the API (eligible first, then incomplete by how little is
// missing, then ineligible). The list is the API's summary of the best trials; a trial's full
// result (every criterion's reason) is fetched when the coordinator opens it.
import { RecordWarnings } from './record-warnings.tsx';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { isIsoDate } from '../../core/clinical/calendar.ts';
import { fetchCatalog, rankTrialsForPatient, screenPatient, type PatientRecord, type RankedTrial, type ScreeningRanking, type ScreeningResult } from '../api/eligibility.ts';
import { StatusBadge } from '../components/badges.tsx';
import { ErrorNotice } from '../components/notices.tsx';
import { useApi } from '../components/use-api.ts';
import { useT } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/en.ts';
import { Link } from '../shell/router.tsx';
import { checkHref } from '../shell/routes.ts';
import { commonNeeds } from './common-needs.ts';
import { emptyPatientForm, type FormProblem, type PatientFormState } from './patient-form-state.ts';
import { PatientInput, recordFromForm } from './patient-input.tsx';
import { localToday, type SourceKind } from './patient-source.tsx';
import { RuleText, ScreeningResultView, VerdictBanner } from './screening-result.tsx';
import { SiteSelect } from './site-select.tsx';

/** Trials per request and per "list more"; the API returns at most MAX_LIMIT. */
const RANKING_PAGE = 50;
const MAX_LIMIT = 500;

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
  /** What the shown ranking was computed from: opening a trial's full result screens the same patient, date and site. */
  const [ranked, setRanked] = useState<{ patient: PatientRecord; asOf: string; site?: string } | null>(null);
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
      const fromForm = await recordFromForm(form, asOf, setProblems);
      if (!fromForm) return;
      patient = fromForm;
    } else {
      setMissingFile(!record);
      if (!record) return;
      patient = record;
    }
    await rank({ patient, asOf, site: site.trim() || undefined }, RANKING_PAGE);
  };

  const rank = async (request: { patient: PatientRecord; asOf: string; site?: string }, limit: number) => {
    setBusy(true);
    try {
      setRanking(await rankTrialsForPatient(request.patient, { asOf: request.asOf, site: request.site, limit, detail: 'summary' }));
      setRanked(request);
    } catch (caught) {
      setRanking(null);
      setRanked(null);
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
        <PatientInput
          source={source}
          onSourceChange={(kind) => {
            setSource(kind);
            // The file input starts empty again when shown: so does the record read from it.
            if (kind === 'file') setRecord(null);
            if (kind === 'form' && needs && !form) setForm(emptyPatientForm(needs, asOf));
          }}
          allowForm={needs !== null}
          form={needs && form ? { needs, value: form, onChange: setForm, hint: 'screening.all.formHint' } : null}
          onRecord={setRecord}
          problems={problems}
          missingFile={missingFile}
          busy={busy}
          submitLabel="screening.all.submit"
        />
      </form>
      {error ? <ErrorNotice error={error} /> : null}
      {ranking ? (
        <section aria-labelledby="ranking-heading">
          <h2 id="ranking-heading">{t.plural('screening.all.count', ranking.screened, { asOf: ranking.asOf })}</h2>
          <RecordWarnings problems={ranking.recordProblems} warnings={ranking.warnings} />
          <p>{t('screening.all.verdicts', ranking.verdicts)}</p>
          {ranking.trials.length < ranking.total ? <p className="muted">{t('screening.all.shown', { shown: ranking.trials.length, total: ranking.total })}</p> : null}
          <ol className="ranking-list">
            {ranking.trials.map((trial) => (
              <RankedTrialItem key={trial.trial} trial={trial} request={ranked} />
            ))}
          </ol>
          {ranked && ranking.trials.length < ranking.total && ranking.limit < MAX_LIMIT ? (
            <p>
              <button type="button" className="button button-secondary" disabled={busy} onClick={() => void rank(ranked, Math.min(MAX_LIMIT, ranking.limit + RANKING_PAGE))}>
                {t('screening.all.more', { count: Math.min(RANKING_PAGE, ranking.total - ranking.trials.length, MAX_LIMIT - ranking.limit) })}
              </button>
            </p>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}

/** One ranked trial: the summary from the ranking, and on request its full result (POST /api/trials/{nctId}/screen). */
function RankedTrialItem({ trial, request }: { trial: RankedTrial; request: { patient: PatientRecord; asOf: string; site?: string } | null }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [result, setResult] = useState<ScreeningResult | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const toggle = async () => {
    if (open) return setOpen(false);
    setOpen(true);
    if (result || !request) return;
    setLoading(true);
    setError(null);
    try {
      setResult(await screenPatient(trial.trial, request.patient, { asOf: request.asOf, site: request.site }));
    } catch (caught) {
      setError(caught instanceof Error ? caught : new Error(String(caught)));
    } finally {
      setLoading(false);
    }
  };
  const resultId = `ranking-result-${trial.trial}`;
  return (
    <li className="ranking-item" data-trial={trial.trial}>
      <h3>
        <Link href={checkHref(trial.trial)}>{trial.title ?? trial.trial}</Link>
      </h3>
      <p className="muted">
        {trial.trial} <StatusBadge status={trial.status} /> · {t('screening.result.ruleSetValue', { version: trial.ruleSet.version, review: t(`review.state.${trial.ruleSet.review}` as MessageKey) })}
      </p>
      <VerdictBanner verdict={trial.verdict} />
      <p>{t('screening.all.criteriaCounts', trial.counts)}</p>
      {trial.missing.length > 0 ? (
        <>
          <p>{t('screening.missing.title')}</p>
          <ul className="todo-list">
            {trial.missing.map((item, index) => (
              <li key={index}>
                <span aria-hidden="true">☐ </span>
                <RuleText en={item.what} zh={item.whatZh} /> <span className="muted">({t('screening.forCriterion', { id: item.criterion })})</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {trial.confirm > 0 ? <p className="muted">{t.plural('screening.all.confirmCount', trial.confirm)}</p> : null}
      {request ? (
        <p className="no-print">
          <button type="button" className="button button-secondary" aria-expanded={open} aria-controls={resultId} onClick={() => void toggle()}>
            {open ? t('screening.all.hideResult') : t('screening.all.showResult')}
          </button>
        </p>
      ) : null}
      <div id={resultId} hidden={!open}>
        {open && loading ? <p className="muted" role="status">{t('screening.all.loadingResult')}</p> : null}
        {open && error ? <ErrorNotice error={error} /> : null}
        {open && result ? <ScreeningResultView result={result} trialTitle={trial.title ?? trial.trial} headingId={`${resultId}-heading`} /> : null}
      </div>
    </li>
  );
}
