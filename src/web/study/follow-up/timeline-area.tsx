// The subject timeline: the page an investigator opens before seeing the patient. Hb, ANC and
// platelets over time (ANC and platelets on log scales) with the site limits shaded and transfusions
// and doses marked, each chart with a table alternative; adverse events, visits, the current severity
// and latest response with their reasons; the recorded assessments and a form that previews first.
import { useState } from 'react';
import { ApiProblem } from '../api-problem.tsx';
import { fetchTimeline, previewAssessment, recordAssessment, type AssessmentPreview, type TimelineView } from '../../api/assessments.ts';
import { useApi } from '../../components/use-api.ts';
import { useT } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/en.ts';
import { PlotChart } from '../plot-chart.tsx';
import type { SubjectAreaProps } from './areas.tsx';

type Series = TimelineView['counts'][number];
const CHARTS = ['hemoglobin', 'anc', 'platelets'] as const;

function CountChart({ series, timeline }: { series: Series; timeline: TimelineView }) {
  const t = useT();
  const name = t(`assessment.chart.${series.analyte}` as MessageKey, { unit: series.unit });
  if (series.points.length === 0) return <section><h3>{name}</h3><p>{t('assessment.chart.empty')}</p></section>;
  const log = series.analyte !== 'hemoglobin';
  const limits = series.points.filter((p) => p.lln !== null && p.uln !== null);
  const date = (d: string) => new Date(`${d}T00:00:00Z`);
  const marks = [...timeline.transfusions.map((tr) => ({ date: date(tr.date), kind: tr.product })), ...timeline.doses.map((dose) => ({ date: date(dose.givenAt.slice(0, 10)), kind: dose.product }))];
  return (
    <section>
      <h3>{name}</h3>
      <PlotChart
        label={t('assessment.chart.label', { name })}
        deps={[timeline, series.analyte]}
        build={(Plot) => ({
          height: 220,
          x: { type: 'utc', label: null },
          y: { type: log ? 'log' : 'linear', label: series.unit, grid: true },
          marks: [
            Plot.areaY(limits, { x: (p: Series['points'][number]) => date(p.date), y1: 'lln', y2: 'uln', fillOpacity: 0.15, fill: 'green' }),
            Plot.ruleX(marks, { x: 'date', stroke: 'kind', strokeDasharray: '3,3' }),
            Plot.lineY(series.points, { x: (p: Series['points'][number]) => date(p.date), y: 'value' }),
            Plot.dot(series.points, { x: (p: Series['points'][number]) => date(p.date), y: 'value', fill: (p: Series['points'][number]) => (p.gcsf ? 'orange' : 'currentColor'), tip: true }),
          ],
        })}
      />
      <details>
        <summary>{t('assessment.table.show')}</summary>
        <table>
          <thead><tr><th>{t('assessment.table.date')}</th><th>{t('assessment.table.value')}</th><th>{t('assessment.table.limits')}</th><th>{t('assessment.table.context')}</th></tr></thead>
          <tbody>
            {series.points.map((p, index) => (
              <tr key={index}><td>{p.date}</td><td>{p.value} {series.unit}</td><td>{p.lln ?? '–'}–{p.uln ?? '–'}</td><td>{p.gcsf ? t('assessment.table.gcsf') : ''}</td></tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}

function AdverseEventChart({ timeline }: { timeline: TimelineView }) {
  const t = useT();
  if (timeline.adverseEvents.length === 0) return <p>{t('assessment.ae.none')}</p>;
  const date = (d: string) => new Date(`${d}T00:00:00Z`);
  const rows = timeline.adverseEvents.map((event) => ({ ...event, start: date(event.onsetOn), end: date(event.resolvedOn ?? timeline.asOf) }));
  return (
    <>
      <PlotChart
        label={t('assessment.ae.title')}
        deps={[timeline]}
        build={(Plot) => ({
          height: 40 + 28 * rows.length, marginLeft: 160, x: { type: 'utc', label: null }, y: { label: null },
          color: { type: 'ordinal', domain: [1, 2, 3, 4, 5], range: ['#9bd39b', '#f2d16b', '#f29c4b', '#e0533d', '#5b1a1a'], legend: true },
          marks: [Plot.barX(rows, { x1: 'start', x2: 'end', y: 'term', fill: 'grade' })],
        })}
      />
      <ul>
        {timeline.adverseEvents.map((event) => (
          <li key={event.seq}>{t('assessment.ae.row', { term: event.term, grade: event.grade ?? '–', onset: event.onsetOn, resolved: event.resolvedOn ?? t('assessment.ae.ongoing') })}{event.serious ? ` (${t('assessment.ae.serious')})` : ''}</li>
        ))}
      </ul>
    </>
  );
}

function AssessmentForm({ study, subjectNumber, onRecorded }: { study: string; subjectNumber: string; onRecorded: () => void }) {
  const t = useT();
  const [timePoint, setTimePoint] = useState('month-3');
  const [assessedOn, setAssessedOn] = useState('');
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');
  const [preview, setPreview] = useState<AssessmentPreview | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [done, setDone] = useState(false);
  const run = async (work: () => Promise<void>) => {
    setError(null);
    try { await work(); } catch (caught) { setError(caught instanceof Error ? caught : new Error(String(caught))); }
  };
  return (
    <form className="study-section assessment-form" onSubmit={(event) => { event.preventDefault(); void run(async () => setPreview(await previewAssessment(study, subjectNumber, timePoint, assessedOn))); }}>
      <h3>{t('assessment.form.title')}</h3>
      <label>{t('assessment.form.timePoint')} <select value={timePoint} onChange={(event) => { setTimePoint(event.target.value); setPreview(null); }}>
        {['baseline', 'month-3', 'month-6', 'month-12'].map((point) => <option key={point} value={point}>{point}</option>)}
      </select></label>
      <label>{t('assessment.form.assessedOn')} <input type="date" required value={assessedOn} onChange={(event) => { setAssessedOn(event.target.value); setPreview(null); }} /></label>
      <button type="submit" className="button button-secondary">{t('assessment.form.preview')}</button>
      {preview && (
        <div role="status">
          <p>{t('assessment.current.severity', { severity: preview.severity.severity ?? '–' })} — {preview.severity.reason}</p>
          {preview.response && <p>{t('assessment.current.response', { response: responseName(t, preview.response.response) })} — {preview.response.reason}</p>}
          <label>{t('assessment.form.note')} <input value={note} onChange={(event) => setNote(event.target.value)} /></label>
          {preview.replaces && <label>{t('assessment.form.reason')} <input value={reason} onChange={(event) => setReason(event.target.value)} /></label>}
          <button type="button" className="button button-primary" onClick={() => void run(async () => { await recordAssessment(study, subjectNumber, { timePoint, assessedOn, ...(note ? { note } : {}), ...(reason ? { reason } : {}) }); setDone(true); setPreview(null); onRecorded(); })}>{t('assessment.form.record')}</button>
        </div>
      )}
      {done && <p role="status">{t('assessment.form.recorded')}</p>}
      {error ? <ApiProblem error={error} id="assessment-problem" /> : null}
    </form>
  );
}

export function TimelineArea({ study, screening, onChange }: SubjectAreaProps) {
  const t = useT();
  const { state, retry } = useApi(`timeline:${study.studyId}:${screening.subjectNumber}`, (signal) => fetchTimeline(study.studyId, screening.subjectNumber, signal));
  if (state.status === 'error') return <ApiProblem error={state.error} />;
  if (!state.data) return <p>{t('assessment.loading')}</p>;
  const timeline = state.data;
  const latest = timeline.latestResponse;
  return (
    <div className="timeline-area">
      <h2>{t('assessment.timeline.title', { subject: timeline.subjectNumber })}</h2>
      <p>{t('assessment.timeline.dayZero', { date: timeline.dayZero.date, basis: t(`assessment.timeline.basis.${timeline.dayZero.basis}` as MessageKey) })}</p>
      <section aria-labelledby="current-status">
        <h3 id="current-status">{t('assessment.current.title')}</h3>
        <p className="current-severity">{t('assessment.current.severity', { severity: timeline.currentSeverity.severity ?? '–' })}</p>
        <p className="reason">{timeline.currentSeverity.reason}</p>
        <p className="current-response" data-response={latest?.response ?? ''}>{t('assessment.current.response', { response: latest ? responseName(t, latest.response) : t('assessment.current.none') })} {latest?.derived ? t('assessment.current.derived') : ''}</p>
        {latest && <p className="reason">{latest.reason}</p>}
      </section>
      {CHARTS.map((analyte) => <CountChart key={analyte} series={timeline.counts.find((s) => s.analyte === analyte)!} timeline={timeline} />)}
      <section>
        <h3>{t('assessment.marks')}</h3>
        <ul>
          {timeline.transfusions.map((tr, index) => <li key={`t${index}`}>{t('assessment.transfusion', { date: tr.date, product: tr.product, units: tr.units })}</li>)}
          {timeline.doses.map((dose, index) => <li key={`d${index}`}>{t('assessment.dose', { date: dose.givenAt.slice(0, 10), product: dose.product, dose: dose.dose, unit: dose.unit })}</li>)}
        </ul>
      </section>
      <section><h3>{t('assessment.ae.title')}</h3><AdverseEventChart timeline={timeline} /></section>
      <section>
        <h3>{t('assessment.visits.title')}</h3>
        <ol className="visit-strip">
          {timeline.visits.map((visit) => <li key={visit.visit} data-status={visit.status}>{t('assessment.visits.row', { visit: t.language === 'zh' ? visit.label.zh : visit.label.en, target: visit.target, status: visit.status })}</li>)}
        </ol>
      </section>
      <section>
        <h3>{t('assessment.list.title')}</h3>
        {timeline.assessments.length === 0 ? <p>{t('assessment.list.empty')}</p> : (
          <ul>{timeline.assessments.map((a) => <li key={a.id}>{t('assessment.list.row', { timePoint: a.timePoint, date: a.assessedOn, severity: a.severity ?? '–', response: responseName(t, a.response) })}</li>)}</ul>
        )}
      </section>
      <AssessmentForm study={study.studyId} subjectNumber={screening.subjectNumber} onRecorded={() => { retry(); onChange(); }} />
    </div>
  );
}

/** A response level in the reader's language ("–" when it could not be decided). */
function responseName(t: ReturnType<typeof useT>, response: string | null | undefined): string {
  return response === null || response === undefined ? '–' : t(`assessment.response.${response}` as MessageKey);
}
