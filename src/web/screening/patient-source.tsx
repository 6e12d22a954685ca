// Where the patient record comes from: an uploaded FHIR file (read in the browser, never stored) or,
// when the trial's needs are known, the hand-entry form. Reports the record ready to send, or null.
import { useId, useState } from 'react';
import type { PatientRecord } from '../api/eligibility.ts';
import { useT } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/en.ts';
import { readPatientFile, type PatientFileReading } from './patient-file.ts';

export type SourceKind = 'file' | 'form';

export function SourceChoice({ value, onChange, allowForm }: { value: SourceKind; onChange(kind: SourceKind): void; allowForm: boolean }) {
  const t = useT();
  const name = useId();
  return (
    <fieldset className="source-choice">
      <legend>{t('screening.source.legend')}</legend>
      <label className="check-row">
        <input type="radio" name={name} checked={value === 'file'} onChange={() => onChange('file')} />
        <span>{t('screening.source.file')}</span>
      </label>
      {allowForm ? (
        <label className="check-row">
          <input type="radio" name={name} checked={value === 'form'} onChange={() => onChange('form')} />
          <span>{t('screening.source.form')}</span>
        </label>
      ) : null}
    </fieldset>
  );
}

/** The file picker; the file's content is kept only in this component's state until it is sent. */
export function PatientFileInput({ onRecord }: { onRecord(record: PatientRecord | null): void }) {
  const t = useT();
  const [reading, setReading] = useState<PatientFileReading | null>(null);
  return (
    <div className="field">
      <label htmlFor="patient-file">{t('screening.file.label')}</label>
      <input
        id="patient-file"
        type="file"
        accept=".json,.ndjson,.jsonl,application/json,application/fhir+json,application/x-ndjson"
        aria-describedby="patient-file-hint patient-file-status"
        onChange={async (event) => {
          const file = event.target.files?.[0];
          if (!file) {
            setReading(null);
            onRecord(null);
            return;
          }
          const next = readPatientFile(await file.text());
          setReading(next);
          onRecord(next.ok ? next.record : null);
        }}
      />
      <span id="patient-file-hint" className="hint">{t('screening.file.hint')}</span>
      <span id="patient-file-status" className={reading && !reading.ok ? 'field-error' : 'hint'} role={reading && !reading.ok ? 'alert' : undefined}>
        {reading === null ? null : reading.ok ? t.plural('screening.file.read', reading.resources) : t(`screening.file.${reading.problem}${reading.line ? 'Line' : ''}` as MessageKey, { line: reading.line ?? '' })}
      </span>
    </div>
  );
}

/** Today as YYYY-MM-DD in the user's own time zone (the screening date a coordinator means). */
export function localToday(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
