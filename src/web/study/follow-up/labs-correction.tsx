// Correcting one stored laboratory result: the new value in any offered unit and the reason (the
// server audits old → new, re-runs the edit checks and re-grades the subject's results of the analyte).
import { useState } from 'react';
import { analyteByKey } from '../../../core/clinical/tables/analytes.ts';
import { ENTRY_UNITS } from '../../../core/clinical/tables/edit-checks.ts';
import { correctLabResult, type LabResultView } from '../../api/labs.ts';
import { useT } from '../../i18n/i18n.tsx';
import { ApiProblem, invalidIf } from '../api-problem.tsx';
import { useSubmit } from '../use-submit.ts';

export function LabCorrection({ result, onCorrected }: { result: LabResultView; onCorrected(): void }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState(String(result.value));
  const [unit, setUnit] = useState(result.unit);
  const [reason, setReason] = useState('');
  const units = [...new Set([result.unit, ...(ENTRY_UNITS[result.analyte] ?? [analyteByKey(result.analyte)?.unit ?? result.unit])])];
  const problemId = `lab-correction-problem-${result.id}`;
  const { busy, error, submit } = useSubmit(
    () => correctLabResult(result.studyId, result.subjectNumber, result.id, { value: Number(value), unit, reason: reason.trim() }),
    () => {
      setOpen(false);
      setReason('');
      onCorrected();
    },
  );
  if (!open) return <button type="button" className="button-link" onClick={() => setOpen(true)}>{t('labs.correct.open')}</button>;
  return (
    <form className="inline-form" onSubmit={submit} data-correction={result.id}>
      <label className="field"><span>{t('labs.entry.value')}</span><input type="number" step="any" value={value} onChange={(event) => setValue(event.target.value)} {...invalidIf(error, 'value', problemId)} /></label>
      <label className="field">
        <span>{t('labs.entry.unit')}</span>
        <select value={unit} onChange={(event) => setUnit(event.target.value)} {...invalidIf(error, 'unit', problemId)}>{units.map((option) => <option key={option} value={option}>{option}</option>)}</select>
      </label>
      <label className="field"><span>{t('labs.correct.reason')}</span><input value={reason} onChange={(event) => setReason(event.target.value)} {...invalidIf(error, 'reason', problemId)} /></label>
      <p>
        <button type="submit" disabled={busy}>{t('labs.correct.save')}</button>{' '}
        <button type="button" className="button-link" onClick={() => setOpen(false)}>{t('labs.correct.cancel')}</button>
      </p>
      {error ? <ApiProblem error={error} id={problemId} /> : null}
    </form>
  );
}
