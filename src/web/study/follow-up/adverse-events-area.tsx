// /studies/NCT…/subjects/SITE-NNN/adverse-events: the subject's adverse events (grade coloured, serious
// ones with their report deadlines) and the entry form. The CTCAE grade preview runs the server's own
// grading code (core/study/adverse-event-grade.ts) on the selected lab result and the subject's
// baseline, so the grade and the §4d "reported as a shift" refusal show before saving.
import { useMemo, useState } from 'react';
import { ACTIONS_TAKEN, OUTCOMES, RELATEDNESS_LEVELS, SERIOUSNESS_CRITERIA, STUDY_PRODUCTS, type CodedValue } from '../../../core/clinical/tables/safety-reporting.ts';
import { CTCAE_V5_TERMS, ctcaeTerm } from '../../../core/clinical/tables/ctcae-v5-terms.ts';
import { ctcaeLabTerm } from '../../../core/clinical/tables/ctcae-v5.ts';
import { gradeAdverseEvent, type AdverseEventGrade } from '../../../core/study/adverse-event-grade.ts';
import { armProducts } from '../../../core/study/treatment.ts';
import { listAdverseEvents, recordAdverseEvent, recordSafetyReport, type AdverseEventView } from '../../api/adverse-events.ts';
import { fetchEnrollment } from '../../api/conduct.ts';
import { listLabResults, type LabResultView } from '../../api/labs.ts';
import { useApi } from '../../components/use-api.ts';
import { Loading } from '../../components/notices.tsx';
import { useT } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/en.ts';
import { localToday } from '../../screening/patient-source.tsx';
import { ApiProblem, invalidIf } from '../api-problem.tsx';
import { formatDateTime, formatDay, isoFromLocalInput, localNowForInput } from '../format.ts';
import { allows, sitesWith } from '../permissions.ts';
import { useSignedIn } from '../session-gate.tsx';
import { useSubmit } from '../use-submit.ts';
import type { SubjectAreaProps } from './areas.tsx';

const label = (t: ReturnType<typeof useT>, list: readonly CodedValue[], code: string) => {
  const item = list.find((entry) => entry.code === code);
  return item ? (t.language === 'zh' ? item.labelZh : item.label) : code;
};

export function AdverseEventsArea({ study, screening, onChange }: SubjectAreaProps) {
  const t = useT();
  const { grants } = useSignedIn();
  const [version, setVersion] = useState(0);
  const key = `${study.studyId}:${screening.subjectNumber}:${version}`;
  const events = useApi(`aes:${key}`, (signal) => listAdverseEvents(study.studyId, screening.subjectNumber, signal));
  const labs = useApi(`ae-labs:${key}`, (signal) => listLabResults(study.studyId, screening.subjectNumber, {}, signal));
  const enrollment = useApi(`ae-enrollment:${key}`, (signal) => fetchEnrollment(study.studyId, screening.subjectNumber, signal));
  const canWrite = allows(sitesWith(grants, study.studyId, 'data.write'), screening.siteCode);
  const canReportAuthority = allows(sitesWith(grants, study.studyId, 'safety.report'), screening.siteCode);
  const arm = study.protocol.arms.find((a) => a.code === enrollment.state.data?.arm);
  // A blinded allocation hides the arm: causality is then asked for every study product.
  const products = arm ? armProducts(arm) : STUDY_PRODUCTS.map((p) => p.code);
  const changed = () => { setVersion((n) => n + 1); onChange(); };
  return (
    <section className="study-section" aria-labelledby="ae-heading" data-adverse-events="">
      <h2 id="ae-heading">{t('ae.title')}</h2>
      {events.state.status === 'error' ? <ApiProblem error={events.state.error} /> : null}
      {!events.state.data ? (events.state.status === 'loading' ? <Loading label={t('conduct.loading')} /> : null) : events.state.data.length === 0 ? (
        <p className="notice notice-empty">{t('ae.none')}</p>
      ) : (
        <table className="data-table ae-table" aria-label={t('ae.title')}>
          <thead><tr>{(['number', 'term', 'grade', 'dates', 'serious', 'relatedness', 'outcome'] as const).map((c) => <th scope="col" key={c}>{t(`ae.col.${c}` as MessageKey)}</th>)}</tr></thead>
          <tbody>
            {events.state.data.map((event) => (
              <AdverseEventRow key={`${event.id}:${event.updatedAt}`} event={event} canWrite={canWrite} canReportAuthority={canReportAuthority} onChange={changed} />
            ))}
          </tbody>
        </table>
      )}
      {canWrite ? <AdverseEventForm studyId={study.studyId} subjectNumber={screening.subjectNumber} products={products} labs={labs.state.data ?? []} onSaved={changed} /> : null}
    </section>
  );
}

function AdverseEventRow({ event, canWrite, canReportAuthority, onChange }: { event: AdverseEventView; canWrite: boolean; canReportAuthority: boolean; onChange(): void }) {
  const t = useT();
  const reason = t.language === 'zh' ? event.gradeBasis?.reasonZh : event.gradeBasis?.reason;
  return (
    <tr data-ae={event.aeNumber} data-grade={event.grade ?? ''} data-serious={event.serious ? 'yes' : 'no'}>
      <th scope="row">{event.aeNumber}</th>
      <td>{t.language === 'zh' ? event.termZh : event.term}{event.description ? <div className="muted">{event.description}</div> : null}</td>
      <td><span className={`grade-tag grade-${event.grade ?? 'none'}`}>{event.grade ?? '—'}</span> <span className="muted">{t(`ae.gradeSource.${event.gradeSource}` as MessageKey)}</span>{reason ? <div className="muted small" data-grade-reason="">{reason}</div> : null}</td>
      <td>{formatDay(t, event.onsetOn)} → {event.resolvedOn ? formatDay(t, event.resolvedOn) : t('ae.ongoing')}</td>
      <td>
        {event.serious ? event.seriousness.map((c) => label(t, SERIOUSNESS_CRITERIA, c)).join('; ') : '—'}
        {event.reports.map((r) => (
          <div key={r.clock} className={`report report-${r.status}`} data-report={r.clock} data-status={r.status}>
            {t.language === 'zh' ? r.labelZh : r.label}: {t(`ae.report.${r.status}` as MessageKey, { when: formatDateTime(t, r.status === 'done' ? r.reportedAt! : r.dueAt) })} {r.late ? t('ae.report.late') : ''}
            {r.status !== 'done' && ((r.recipient === 'sponsor' && canWrite) || (r.recipient === 'authority' && canReportAuthority)) ? (
              <ReportButton event={event} recipient={r.recipient} onChange={onChange} />
            ) : null}
          </div>
        ))}
      </td>
      <td>{Object.entries(event.relatedness).map(([product, level]) => <div key={product}>{product}: {label(t, RELATEDNESS_LEVELS, level)}</div>)}</td>
      <td>{label(t, OUTCOMES, event.outcome)}</td>
    </tr>
  );
}

/** Records that the report to `recipient` was sent now (the site's to the sponsor; the sponsor's to the authority). */
function ReportButton({ event, recipient, onChange }: { event: AdverseEventView; recipient: 'sponsor' | 'authority'; onChange(): void }) {
  const t = useT();
  const report = useSubmit(() => recordSafetyReport(event.studyId, event.subjectNumber, event.aeNumber, { recipient, reportedAt: new Date().toISOString() }), onChange);
  return (
    <>
      <button type="button" className="link-button" disabled={report.busy} onClick={() => void report.submit()} data-mark-report={recipient}>{t(recipient === 'sponsor' ? 'ae.report.markSponsor' : 'ae.report.markAuthority')}</button>
      {report.error ? <ApiProblem error={report.error} id={`ae-report-problem-${event.aeNumber}-${recipient}`} /> : null}
    </>
  );
}

function AdverseEventForm({ studyId, subjectNumber, products, labs, onSaved }: { studyId: string; subjectNumber: string; products: readonly string[]; labs: readonly LabResultView[]; onSaved(): void }) {
  const t = useT();
  const [term, setTerm] = useState('');
  const [description, setDescription] = useState('');
  const [onsetOn, setOnsetOn] = useState(localToday);
  const [resolvedOn, setResolvedOn] = useState('');
  const [labResultId, setLabResultId] = useState('');
  const [grade, setGrade] = useState('');
  const [overrideReason, setOverrideReason] = useState('');
  const [serious, setSerious] = useState(false);
  const [seriousness, setSeriousness] = useState<string[]>([]);
  const [awareAt, setAwareAt] = useState(localNowForInput);
  const [relatedness, setRelatedness] = useState<Record<string, string>>({});
  const [actionTaken, setActionTaken] = useState('dose_not_changed');
  const [outcome, setOutcome] = useState('recovering');
  const [saved, setSaved] = useState<number | null>(null);
  const entry = ctcaeTerm(term);
  const labTerm = entry ? ctcaeLabTerm(entry.term) : undefined;
  const candidates = labTerm ? labs.filter((r) => r.analyte === labTerm.analyte) : [];
  const preview: AdverseEventGrade | null = useMemo(() => {
    if (!entry) return null;
    const result = candidates.find((r) => String(r.id) === labResultId);
    if (!result) return gradeAdverseEvent({ term: entry.term });
    const baseline = labs.find((r) => r.analyte === result.analyte && r.isBaseline && r.id !== result.id);
    const measured = (r: LabResultView) => ({ value: r.canonicalValue, unit: r.canonicalUnit, ...(r.lln !== null ? { lln: r.lln } : {}), ...(r.uln !== null ? { uln: r.uln } : {}), ...(r.context.anticoagulated ? { anticoagulated: true } : {}) });
    return gradeAdverseEvent({ term: entry.term, lab: measured(result), ...(baseline ? { baseline: measured(baseline) } : {}) });
  }, [entry, labResultId, candidates, labs]);
  const computed = preview && 'grade' in preview && preview.kind === 'computed' ? preview.grade : undefined;
  const { busy, error, submit } = useSubmit(
    () => recordAdverseEvent(studyId, subjectNumber, {
      term, ...(description.trim() ? { description: description.trim() } : {}), onsetOn, ...(resolvedOn ? { resolvedOn } : {}),
      ...(labResultId ? { labResultId: Number(labResultId) } : {}), ...(grade ? { grade: Number(grade) } : {}), ...(overrideReason.trim() ? { gradeOverrideReason: overrideReason.trim() } : {}),
      serious, seriousness: serious ? seriousness : [], ...(serious ? { awareAt: isoFromLocalInput(awareAt) ?? awareAt } : {}),
      relatedness: Object.fromEntries(products.filter((p) => relatedness[p]).map((p) => [p, relatedness[p]])), actionTaken, outcome,
    }),
    (event) => { setSaved(event.aeNumber); setTerm(''); setDescription(''); setGrade(''); setLabResultId(''); setOverrideReason(''); setSerious(false); setSeriousness([]); onSaved(); },
  );
  const grades = entry?.grades ?? [];
  return (
    <form className="study-form ae-form" onSubmit={submit} aria-labelledby="ae-entry-heading" data-ae-form="">
      <h3 id="ae-entry-heading">{t('ae.entry.title')}</h3>
      <label>{t('ae.entry.term')}
        <input list="ctcae-terms" value={term} onChange={(e) => setTerm(e.target.value)} placeholder={t('ae.entry.termHint')} required {...invalidIf(error, 'term')} name="term" />
        <datalist id="ctcae-terms">{CTCAE_V5_TERMS.map((option) => <option key={option.term} value={option.term}>{option.termZh}</option>)}</datalist>
      </label>
      {entry && t.language === 'zh' ? <p className="muted">{entry.termZh}</p> : null}
      <label>{t('ae.entry.description')}<input value={description} onChange={(e) => setDescription(e.target.value)} name="description" /></label>
      <label>{t('ae.entry.onsetOn')}<input type="date" value={onsetOn} onChange={(e) => setOnsetOn(e.target.value)} required {...invalidIf(error, 'onsetOn')} name="onsetOn" /></label>
      <label>{t('ae.entry.resolvedOn')}<input type="date" value={resolvedOn} onChange={(e) => setResolvedOn(e.target.value)} {...invalidIf(error, 'resolvedOn')} name="resolvedOn" /></label>
      {labTerm ? (
        <label>{t('ae.entry.labResult')}
          <select value={labResultId} onChange={(e) => setLabResultId(e.target.value)} name="labResultId" {...invalidIf(error, 'labResultId')}>
            <option value="">{t('ae.entry.labResultNone')}</option>
            {candidates.map((r) => <option key={r.id} value={r.id}>{formatDay(t, r.collectedOn)} — {r.canonicalValue} {r.canonicalUnit}{r.isBaseline ? ' (baseline)' : ''}</option>)}
          </select>
        </label>
      ) : null}
      {preview ? (
        <p className={`notice grade-preview grade-preview-${preview.kind}`} data-grade-preview={preview.kind} data-code={preview.kind === 'refused' ? preview.code : ''}>
          <strong>{t('ae.entry.preview')}:</strong> {'grade' in preview && typeof preview.grade === 'number' && preview.kind !== 'refused' ? `${preview.grade} — ` : ''}{t.language === 'zh' ? preview.reasonZh : preview.reason}
        </p>
      ) : null}
      <label>{t('ae.entry.grade')}
        <select value={grade} onChange={(e) => setGrade(e.target.value)} name="grade" {...invalidIf(error, 'grade')}>
          <option value="">{computed !== undefined ? `${computed}` : t('ae.entry.gradeChoose')}</option>
          {(grades.length ? grades : [1, 2, 3, 4, 5].map((g) => ({ grade: g, text: '', textZh: '' }))).map((g) => <option key={g.grade} value={g.grade}>{g.grade}{g.text ? ` — ${t.language === 'zh' && g.textZh ? g.textZh : g.text}` : ''}</option>)}
        </select>
      </label>
      {computed !== undefined && grade && Number(grade) !== computed ? <label>{t('ae.entry.overrideReason')}<input value={overrideReason} onChange={(e) => setOverrideReason(e.target.value)} name="gradeOverrideReason" required /></label> : null}
      <label className="checkbox"><input type="checkbox" checked={serious} onChange={(e) => setSerious(e.target.checked)} name="serious" /> {t('ae.entry.serious')}</label>
      {serious ? (
        <fieldset {...invalidIf(error, 'seriousness')}>
          <legend>{t('ae.entry.seriousness')}</legend>
          {SERIOUSNESS_CRITERIA.map((c) => (
            <label key={c.code} className="checkbox"><input type="checkbox" name={`seriousness-${c.code}`} checked={seriousness.includes(c.code)} onChange={(e) => setSeriousness((list) => (e.target.checked ? [...list, c.code] : list.filter((x) => x !== c.code)))} /> {label(t, SERIOUSNESS_CRITERIA, c.code)}</label>
          ))}
          <label>{t('ae.entry.awareAt')}<input type="datetime-local" value={awareAt} onChange={(e) => setAwareAt(e.target.value)} name="awareAt" {...invalidIf(error, 'awareAt')} /></label>
        </fieldset>
      ) : null}
      {products.map((product) => (
        <label key={product}>{t('ae.entry.relatedness', { product: label(t, STUDY_PRODUCTS, product) })}
          <select value={relatedness[product] ?? ''} onChange={(e) => setRelatedness((r) => ({ ...r, [product]: e.target.value }))} name={`relatedness-${product}`} {...invalidIf(error, `relatedness.${product}`)}>
            <option value="">{t('ae.entry.gradeChoose')}</option>
            {RELATEDNESS_LEVELS.map((level) => <option key={level.code} value={level.code}>{label(t, RELATEDNESS_LEVELS, level.code)}</option>)}
          </select>
        </label>
      ))}
      <label>{t('ae.entry.actionTaken')}<select value={actionTaken} onChange={(e) => setActionTaken(e.target.value)} name="actionTaken">{ACTIONS_TAKEN.map((a) => <option key={a.code} value={a.code}>{label(t, ACTIONS_TAKEN, a.code)}</option>)}</select></label>
      <label>{t('ae.entry.outcome')}<select value={outcome} onChange={(e) => setOutcome(e.target.value)} name="outcome">{OUTCOMES.map((o) => <option key={o.code} value={o.code}>{label(t, OUTCOMES, o.code)}</option>)}</select></label>
      {error ? <ApiProblem error={error} /> : null}
      {saved !== null && !error ? <p className="notice notice-success" role="status">{t('ae.entry.saved', { number: saved })}</p> : null}
      <button type="submit" disabled={busy}>{busy ? t('ae.entry.saving') : t('ae.entry.submit')}</button>
    </form>
  );
}
