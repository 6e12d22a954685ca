// Correcting one stored administration: the dose as given, its unit, the lot, the day's weight and the
// reason (the server re-runs the protocol's dose check, audits old → new and raises a query for a new
// warning). Only what the user changed is sent.
import { useState } from 'react';
import { correctAdministration, DOSE_UNITS, type AdministrationView } from '../../api/visits.ts';
import { useT } from '../../i18n/i18n.tsx';
import { ApiProblem, invalidIf } from '../api-problem.tsx';
import { useSubmit } from '../use-submit.ts';

export function AdministrationCorrection({ row, onCorrected }: { row: AdministrationView; onCorrected(corrected: AdministrationView): void }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [doseValue, setDoseValue] = useState(String(row.dose.value));
  const [doseUnit, setDoseUnit] = useState(row.dose.unit);
  const [lot, setLot] = useState(row.lot ?? '');
  const [weight, setWeight] = useState(row.weightKg === null ? '' : String(row.weightKg));
  const [reason, setReason] = useState('');
  const problemId = `administration-correction-problem-${row.id}`;
  const changes = (): Record<string, unknown> => {
    const changed: Record<string, unknown> = {};
    if (doseValue.trim() !== String(row.dose.value) || doseUnit !== row.dose.unit) changed.dose = { value: Number(doseValue), unit: doseUnit };
    // A lot is corrected, never erased: the API takes a lot as text.
    if (lot.trim() !== '' && lot.trim() !== (row.lot ?? '')) changed.lot = lot.trim();
    if (weight.trim() !== (row.weightKg === null ? '' : String(row.weightKg))) changed.weightKg = weight.trim() === '' ? null : Number(weight);
    return changed;
  };
  const { busy, error, submit } = useSubmit(
    () => correctAdministration(row.studyId, row.subjectNumber, row.id, { changes: changes(), reason: reason.trim() }),
    (corrected) => {
      setOpen(false);
      setReason('');
      onCorrected(corrected);
    },
  );
  const units = [...new Set([row.dose.unit, ...(DOSE_UNITS[row.product] ?? [])])];
  if (!open) return <button type="button" className="button-link" onClick={() => setOpen(true)}>{t('treatment.correct.open')}</button>;
  return (
    <form className="inline-form" onSubmit={submit} data-administration-correction={row.id}>
      <label className="field"><span>{t('treatment.doseValue')}</span><input inputMode="decimal" value={doseValue} onChange={(event) => setDoseValue(event.target.value)} {...invalidIf(error, 'dose.value', problemId)} /></label>
      <label className="field"><span>{t('treatment.doseUnit')}</span>
        <select value={doseUnit} onChange={(event) => setDoseUnit(event.target.value)} {...invalidIf(error, 'dose.unit', problemId)}>{units.map((unit) => <option key={unit} value={unit}>{unit}</option>)}</select>
      </label>
      <label className="field"><span>{t('treatment.lot')}</span><input value={lot} onChange={(event) => setLot(event.target.value)} {...invalidIf(error, 'lot', problemId)} /></label>
      <label className="field"><span>{t('treatment.weight')}</span><input inputMode="decimal" value={weight} onChange={(event) => setWeight(event.target.value)} {...invalidIf(error, 'weightKg', problemId)} /></label>
      <label className="field"><span>{t('treatment.correct.reason')}</span><input value={reason} onChange={(event) => setReason(event.target.value)} {...invalidIf(error, 'reason', problemId)} /></label>
      <p>
        <button type="submit" disabled={busy}>{t('treatment.correct.save')}</button>{' '}
        <button type="button" className="button-link" onClick={() => setOpen(false)}>{t('treatment.correct.cancel')}</button>
      </p>
      {error ? <ApiProblem error={error} id={problemId} /> : null}
    </form>
  );
}
