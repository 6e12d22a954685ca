// A subject's transfusion log and bone-marrow examinations: the lists and the forms to add to them
// (pre-transfusion Hb and platelets in any unit; the server stores g/L and 10⁹/L).
import { useState } from 'react';
import { ENTRY_UNITS } from '../../../core/clinical/tables/edit-checks.ts';
import { recordMarrowExam, recordTransfusion, type MarrowExamView, type TransfusionView } from '../../api/labs.ts';
import { useT } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/en.ts';
import { localToday } from '../../screening/patient-source.tsx';
import { ApiProblem, invalidIf } from '../api-problem.tsx';
import { formatDay } from '../format.ts';
import { useSubmit } from '../use-submit.ts';

const measured = (value: string, unit: string) => (value.trim() === '' ? undefined : { value: Number(value), unit });

export function TransfusionSection({ studyId, subjectNumber, transfusions, canWrite, onChange }: { studyId: string; subjectNumber: string; transfusions: readonly TransfusionView[]; canWrite: boolean; onChange(): void }) {
  const t = useT();
  const [givenOn, setGivenOn] = useState(localToday);
  const [product, setProduct] = useState<'RBC' | 'platelets'>('RBC');
  const [units, setUnits] = useState('1');
  const [preHb, setPreHb] = useState('');
  const [preHbUnit, setPreHbUnit] = useState('g/L');
  const [prePlt, setPrePlt] = useState('');
  const [prePltUnit, setPrePltUnit] = useState('10*9/L');
  const [note, setNote] = useState('');
  const problemId = 'transfusion-problem';
  const { busy, error, submit } = useSubmit(
    () => recordTransfusion(studyId, subjectNumber, { givenOn, product, units: Number(units), ...(measured(preHb, preHbUnit) ? { preHb: measured(preHb, preHbUnit) } : {}), ...(measured(prePlt, prePltUnit) ? { prePlatelets: measured(prePlt, prePltUnit) } : {}), ...(note.trim() ? { note: note.trim() } : {}) }),
    () => {
      setPreHb('');
      setPrePlt('');
      setNote('');
      onChange();
    },
  );
  return (
    <section className="study-section" aria-labelledby="transfusions-heading">
      <h2 id="transfusions-heading">{t('labs.transfusions.title')}</h2>
      {transfusions.length === 0 ? <p className="notice notice-empty">{t('labs.transfusions.none')}</p> : (
        <table className="data-table transfusion-table">
          <thead><tr><th scope="col">{t('labs.transfusions.givenOn')}</th><th scope="col">{t('labs.transfusions.product')}</th><th scope="col">{t('labs.transfusions.units')}</th><th scope="col">{t('labs.transfusions.preHb')}</th><th scope="col">{t('labs.transfusions.prePlatelets')}</th><th scope="col">{t('labs.transfusions.note')}</th></tr></thead>
          <tbody>
            {transfusions.map((transfusion) => (
              <tr key={transfusion.id} data-transfusion={transfusion.id}>
                <td>{formatDay(t, transfusion.givenOn)}</td>
                <td>{t(`labs.product.${transfusion.product}` as MessageKey)}</td>
                <td>{transfusion.units}</td>
                <td>{transfusion.preHb === null ? '—' : `${transfusion.preHb} g/L`}</td>
                <td>{transfusion.prePlatelets === null ? '—' : `${transfusion.prePlatelets} ×10⁹/L`}</td>
                <td>{transfusion.note ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canWrite ? (
        <form className="inline-form" onSubmit={submit}>
          <label className="field"><span>{t('labs.transfusions.givenOn')}</span><input type="date" value={givenOn} max={localToday()} onChange={(event) => setGivenOn(event.target.value)} {...invalidIf(error, 'givenOn', problemId)} /></label>
          <label className="field">
            <span>{t('labs.transfusions.product')}</span>
            <select value={product} onChange={(event) => setProduct(event.target.value as 'RBC' | 'platelets')}>
              <option value="RBC">{t('labs.product.RBC')}</option>
              <option value="platelets">{t('labs.product.platelets')}</option>
            </select>
          </label>
          <label className="field"><span>{t('labs.transfusions.units')}</span><input type="number" min={0} step="any" value={units} onChange={(event) => setUnits(event.target.value)} {...invalidIf(error, 'units', problemId)} /></label>
          <label className="field"><span>{t('labs.transfusions.preHb')}</span><input type="number" step="any" value={preHb} onChange={(event) => setPreHb(event.target.value)} {...invalidIf(error, 'preHb', problemId)} /></label>
          <select aria-label={`${t('labs.transfusions.preHb')}: unit`} value={preHbUnit} onChange={(event) => setPreHbUnit(event.target.value)}>{ENTRY_UNITS.hemoglobin.map((unit) => <option key={unit}>{unit}</option>)}</select>
          <label className="field"><span>{t('labs.transfusions.prePlatelets')}</span><input type="number" step="any" value={prePlt} onChange={(event) => setPrePlt(event.target.value)} {...invalidIf(error, 'prePlatelets', problemId)} /></label>
          <select aria-label={`${t('labs.transfusions.prePlatelets')}: unit`} value={prePltUnit} onChange={(event) => setPrePltUnit(event.target.value)}>{ENTRY_UNITS.platelets.map((unit) => <option key={unit}>{unit}</option>)}</select>
          <label className="field"><span>{t('labs.transfusions.note')}</span><input value={note} onChange={(event) => setNote(event.target.value)} {...invalidIf(error, 'note', problemId)} /></label>
          <p><button type="submit" disabled={busy}>{t('labs.transfusions.submit')}</button></p>
          {error ? <ApiProblem error={error} id={problemId} /> : null}
        </form>
      ) : null}
    </section>
  );
}

export function MarrowSection({ studyId, subjectNumber, exams, canWrite, onChange }: { studyId: string; subjectNumber: string; exams: readonly MarrowExamView[]; canWrite: boolean; onChange(): void }) {
  const t = useT();
  const [examinedOn, setExaminedOn] = useState(localToday);
  const [cellularity, setCellularity] = useState('');
  const [residual, setResidual] = useState('');
  const [findings, setFindings] = useState('');
  const problemId = 'marrow-problem';
  const { busy, error, submit } = useSubmit(
    () => recordMarrowExam(studyId, subjectNumber, { examinedOn, ...(cellularity !== '' ? { cellularityPercent: Number(cellularity) } : {}), ...(residual !== '' ? { residualHematopoieticPercent: Number(residual) } : {}), ...(findings.trim() ? { findings: findings.trim() } : {}) }),
    () => {
      setCellularity('');
      setResidual('');
      setFindings('');
      onChange();
    },
  );
  return (
    <section className="study-section" aria-labelledby="marrow-heading">
      <h2 id="marrow-heading">{t('labs.marrow.title')}</h2>
      {exams.length === 0 ? <p className="notice notice-empty">{t('labs.marrow.none')}</p> : (
        <table className="data-table marrow-table">
          <thead><tr><th scope="col">{t('labs.marrow.examinedOn')}</th><th scope="col">{t('labs.marrow.cellularity')}</th><th scope="col">{t('labs.marrow.residual')}</th><th scope="col">{t('labs.marrow.findings')}</th></tr></thead>
          <tbody>
            {exams.map((exam) => (
              <tr key={exam.id}><td>{formatDay(t, exam.examinedOn)}</td><td>{exam.cellularityPercent ?? '—'}</td><td>{exam.residualHematopoieticPercent ?? '—'}</td><td>{exam.findings ?? ''}</td></tr>
            ))}
          </tbody>
        </table>
      )}
      {canWrite ? (
        <form className="inline-form" onSubmit={submit}>
          <label className="field"><span>{t('labs.marrow.examinedOn')}</span><input type="date" value={examinedOn} max={localToday()} onChange={(event) => setExaminedOn(event.target.value)} {...invalidIf(error, 'examinedOn', problemId)} /></label>
          <label className="field"><span>{t('labs.marrow.cellularity')}</span><input type="number" min={0} max={100} step="any" value={cellularity} onChange={(event) => setCellularity(event.target.value)} {...invalidIf(error, 'cellularityPercent', problemId)} /></label>
          <label className="field"><span>{t('labs.marrow.residual')}</span><input type="number" min={0} max={100} step="any" value={residual} onChange={(event) => setResidual(event.target.value)} {...invalidIf(error, 'residualHematopoieticPercent', problemId)} /></label>
          <label className="field"><span>{t('labs.marrow.findings')}</span><input value={findings} onChange={(event) => setFindings(event.target.value)} {...invalidIf(error, 'findings', problemId)} /></label>
          <p><button type="submit" disabled={busy}>{t('labs.marrow.submit')}</button></p>
          {error ? <ApiProblem error={error} id={problemId} /> : null}
        </form>
      ) : null}
    </section>
  );
}
