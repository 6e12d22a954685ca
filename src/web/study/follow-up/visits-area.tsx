// /studies/NCT…/subjects/SITE-NNN/visits: the subject's visit calendar (day 0 = first dose, else the
// enrollment date) as a table — visit, target, window, date, status, days from target — with each
// visit recorded as done or not done inline (a change asks for its reason; an out-of-window date is
// saved with the server's warning shown), unscheduled visits, and the treatment administrations.
import { useState } from 'react';
import { fetchCalendar, recordUnscheduledVisit, recordVisit, type CalendarStatus, type CalendarVisit, type RecordedVisitView } from '../../api/visits.ts';
import { useApi } from '../../components/use-api.ts';
import { Loading } from '../../components/notices.tsx';
import { useT } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/en.ts';
import { ApiProblem, invalidIf } from '../api-problem.tsx';
import { formatDay } from '../format.ts';
import { useSubmit } from '../use-submit.ts';
import type { SubjectAreaProps } from './areas.tsx';
import { TreatmentSection } from './treatment-section.tsx';

const today = () => new Date().toISOString().slice(0, 10);

export function StatusTag({ status }: { status: CalendarStatus }) {
  const t = useT();
  return <span className={`tag tag-visit-${status}`} data-visit-status={status}>{t(`visits.status.${status}` as MessageKey)}</span>;
}

export function SubjectVisitsArea({ study, screening, onChange }: SubjectAreaProps) {
  const t = useT();
  const [version, setVersion] = useState(0);
  const [last, setLast] = useState<RecordedVisitView | null>(null);
  const calendar = useApi(`visit-calendar:${study.studyId}:${screening.subjectNumber}:${version}`, (signal) => fetchCalendar(study.studyId, screening.subjectNumber, signal));
  const changed = (recorded?: RecordedVisitView) => {
    setLast(recorded ?? null);
    setVersion((n) => n + 1);
    onChange();
  };
  const data = calendar.state.data;
  return (
    <>
      <section className="study-section" aria-labelledby="visits-heading" data-subject-visits="">
        <h2 id="visits-heading">{t('visits.title')}</h2>
        {calendar.state.status === 'error' ? <ApiProblem error={calendar.state.error} /> : null}
        {!data ? (calendar.state.status === 'loading' ? <Loading label={t('conduct.loading')} /> : null) : (
          <>
            <p data-anchor={data.anchor.basis}>{t(data.anchor.basis === 'first-dose' ? 'visits.anchor.firstDose' : 'visits.anchor.enrollment', { date: formatDay(t, data.anchor.date) })}</p>
            {last && last.warnings.length > 0 ? (
              <div className="notice notice-warning" role="status" data-visit-warning={last.warnings[0].code}>
                <p>{t('visits.warning.outOfWindow', { visit: last.visitCode })}</p>
                <p className="server-words">{last.warnings[0].message}</p>
              </div>
            ) : null}
            <table className="data-table" aria-label={t('visits.title')}>
              <thead>
                <tr><th scope="col">{t('visits.col.visit')}</th><th scope="col">{t('visits.col.target')}</th><th scope="col">{t('visits.col.window')}</th><th scope="col">{t('visits.col.date')}</th><th scope="col">{t('visits.col.status')}</th><th scope="col">{t('visits.col.days')}</th><th scope="col">{t('visits.col.record')}</th></tr>
              </thead>
              <tbody>
                {data.visits.map((visit) => (
                  <VisitRow key={`${visit.visit}:${visit.status}:${visit.date ?? ''}`} visit={visit} studyId={study.studyId} subjectNumber={screening.subjectNumber} onRecorded={changed} />
                ))}
              </tbody>
            </table>
            <h3>{t('visits.unscheduled.title')}</h3>
            {data.unscheduled.length === 0 ? <p className="notice notice-empty">{t('visits.unscheduled.none')}</p> : (
              <ul data-unscheduled="">{data.unscheduled.map((visit) => <li key={visit.visitCode}>{visit.visitCode} · {formatDay(t, visit.visitDate)}{visit.note ? ` · ${visit.note}` : ''}</li>)}</ul>
            )}
            <UnscheduledForm studyId={study.studyId} subjectNumber={screening.subjectNumber} onRecorded={changed} />
          </>
        )}
      </section>
      <TreatmentSection study={study} screening={screening} onChange={() => changed()} />
    </>
  );
}

function VisitRow({ visit, studyId, subjectNumber, onRecorded }: { visit: CalendarVisit; studyId: string; subjectNumber: string; onRecorded: (recorded: RecordedVisitView) => void }) {
  const t = useT();
  const recorded = visit.status.startsWith('done') || visit.status === 'not-done';
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState(true);
  const [date, setDate] = useState(visit.date ?? (visit.target <= today() ? today() : ''));
  const [reason, setReason] = useState('');
  const [changeReason, setChangeReason] = useState('');
  const problemId = `visit-problem-${visit.visit}`;
  const { busy, error, submit } = useSubmit(
    () => recordVisit(studyId, subjectNumber, visit.visit, { ...(done ? { status: 'done' as const, visitDate: date } : { status: 'not_done' as const, reason: reason.trim() }), ...(recorded ? { changeReason: changeReason.trim() } : {}) }),
    (result) => { setOpen(false); onRecorded(result); },
  );
  const label = t.language === 'zh' ? visit.label.zh : visit.label.en;
  return (
    <tr data-visit={visit.visit}>
      <th scope="row">{label}</th>
      <td>{formatDay(t, visit.target)}</td>
      <td>{formatDay(t, visit.windowStart)} – {formatDay(t, visit.windowEnd)}</td>
      <td>{visit.date ? formatDay(t, visit.date) : visit.reason ? <span title={visit.reason}>{visit.reason}</span> : '—'}</td>
      <td><StatusTag status={visit.status} /></td>
      <td>{visit.daysFromTarget === undefined ? '—' : visit.daysFromTarget > 0 ? `+${visit.daysFromTarget}` : String(visit.daysFromTarget)}</td>
      <td>
        {!open ? <button type="button" className="button-link" onClick={() => setOpen(true)}>{t(recorded ? 'visits.change' : 'visits.record')}</button> : (
          <form className="inline-form" onSubmit={submit} aria-label={t('visits.recordOf', { visit: label })}>
            <label className="field-inline"><input type="radio" name={`done-${visit.visit}`} checked={done} onChange={() => setDone(true)} /> {t('visits.done')}</label>
            <label className="field-inline"><input type="radio" name={`done-${visit.visit}`} checked={!done} onChange={() => setDone(false)} /> {t('visits.notDone')}</label>
            {done ? (
              <label className="field"><span>{t('visits.col.date')}</span><input type="date" value={date} max={today()} onChange={(event) => setDate(event.target.value)} {...invalidIf(error, 'visitDate', problemId)} /></label>
            ) : (
              <label className="field"><span>{t('visits.reason')}</span><input value={reason} onChange={(event) => setReason(event.target.value)} {...invalidIf(error, 'reason', problemId)} /></label>
            )}
            {recorded ? <label className="field"><span>{t('visits.changeReason')}</span><input value={changeReason} onChange={(event) => setChangeReason(event.target.value)} {...invalidIf(error, 'changeReason', problemId)} /></label> : null}
            <button type="submit" className="button button-primary" disabled={busy}>{t('visits.save')}</button>
            <button type="button" className="button-link" onClick={() => setOpen(false)}>{t('visits.cancel')}</button>
            {error ? <ApiProblem error={error} id={problemId} /> : null}
          </form>
        )}
      </td>
    </tr>
  );
}

function UnscheduledForm({ studyId, subjectNumber, onRecorded }: { studyId: string; subjectNumber: string; onRecorded: (recorded: RecordedVisitView) => void }) {
  const t = useT();
  const [date, setDate] = useState(today());
  const [note, setNote] = useState('');
  const { busy, error, submit } = useSubmit(
    () => recordUnscheduledVisit(studyId, subjectNumber, { visitDate: date, ...(note.trim() ? { note: note.trim() } : {}) }),
    (result) => { setNote(''); onRecorded(result); },
  );
  return (
    <form className="inline-form" onSubmit={submit} aria-label={t('visits.unscheduled.add')}>
      <label className="field"><span>{t('visits.col.date')}</span><input type="date" value={date} max={today()} onChange={(event) => setDate(event.target.value)} {...invalidIf(error, 'visitDate', 'unscheduled-problem')} /></label>
      <label className="field"><span>{t('visits.unscheduled.note')}</span><input value={note} onChange={(event) => setNote(event.target.value)} /></label>
      <button type="submit" className="button" disabled={busy}>{t('visits.unscheduled.add')}</button>
      {error ? <ApiProblem error={error} id="unscheduled-problem" /> : null}
    </form>
  );
}
