// The part of a screening form (check-page.tsx, check-all-page.tsx) that takes the patient: where the
// record comes from — a FHIR file or the hand-entry form — the messages that stop a check, and the
// submit button. The pages keep the state and decide what a submit does.
import type { PatientRecord } from '../api/eligibility.ts';
import { useT } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/en.ts';
import { PatientForm } from './patient-form.tsx';
import { bundleFromForm, type FormProblem, type PatientFormState } from './patient-form-state.ts';
import { PatientFileInput, SourceChoice, type SourceKind } from './patient-source.tsx';
import type { RuleNeeds } from './rule-needs.ts';

/**
 * The hand-entered patient as the FHIR Bundle a screening request sends; null when the form has
 * problems, which are then shown (through `showProblems`) with focus on the first bad field.
 */
export async function recordFromForm(form: PatientFormState, asOf: string, showProblems: (problems: FormProblem[]) => void): Promise<PatientRecord | null> {
  const reading = await bundleFromForm(form, asOf);
  showProblems(reading.ok ? [] : reading.problems);
  if (!reading.ok) {
    document.getElementById(reading.problems[0].field)?.focus();
    return null;
  }
  return { body: JSON.stringify(reading.bundle), contentType: 'application/fhir+json' };
}

interface Props {
  source: SourceKind;
  onSourceChange(kind: SourceKind): void;
  /** Whether hand entry is offered at all. */
  allowForm: boolean;
  /** The hand-entry form, when it can be shown; while it is null the file input shows even with hand entry chosen. */
  form: { needs: RuleNeeds; value: PatientFormState; onChange(next: PatientFormState): void; hint?: MessageKey } | null;
  /** The record read from the chosen file, or null when there is none (or it is not FHIR). */
  onRecord(record: PatientRecord | null): void;
  problems: readonly FormProblem[];
  missingFile: boolean;
  busy: boolean;
  submitLabel: MessageKey;
}

export function PatientInput({ source, onSourceChange, allowForm, form, onRecord, problems, missingFile, busy, submitLabel }: Props) {
  const t = useT();
  return (
    <>
      <SourceChoice value={source} onChange={onSourceChange} allowForm={allowForm} />
      {source === 'form' && form ? (
        <>
          {form.hint ? <p className="hint">{t(form.hint)}</p> : null}
          <PatientForm needs={form.needs} form={form.value} onChange={form.onChange} problems={problems} />
        </>
      ) : (
        <PatientFileInput onRecord={onRecord} />
      )}
      {missingFile ? <p className="field-error" role="alert">{t('screening.file.missing')}</p> : null}
      {problems.length > 0 && source === 'form' ? <p className="field-error" role="alert">{t.plural('screening.form.problems', problems.length)}</p> : null}
      <p>
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('screening.checking') : t(submitLabel)}
        </button>
      </p>
    </>
  );
}
