// Hand entry of a patient: only the facts the trial's rules read (rule-needs.ts), each with a visible
// label; the form state becomes the hand-entered record of core/patient/manual.ts. Nothing leaves the page until
// the user asks for the check, and then only in the request body.
import type { ReactNode } from 'react';
import { scaleById } from '../../core/clinical/tables/scales.ts';
import { displayUnit } from '../../core/criteria/print.ts';
import { useT } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/en.ts';
import { fieldId, type FormProblem, type PatientFormState } from './patient-form-state.ts';
import type { RuleNeeds } from './rule-needs.ts';
import { unitOptions } from './unit-options.ts';

interface Props {
  needs: RuleNeeds;
  form: PatientFormState;
  onChange(next: PatientFormState): void;
  problems: readonly FormProblem[];
}

/** A row whose first field is a labelled choice: the options are [value, text] pairs; further fields of the row follow as children. */
function SelectRow<V extends string>({ label, value, options, onChange, children }: { label: string; value: V; options: readonly (readonly [V, string])[]; onChange(value: V): void; children?: ReactNode }) {
  return (
    <li className="form-row">
      <label className="field field-inline">
        <span>{label}</span>
        <select value={value} onChange={(event) => onChange(event.target.value as V)}>
          {options.map(([optionValue, text]) => (
            <option key={optionValue} value={optionValue}>{text}</option>
          ))}
        </select>
      </label>
      {children}
    </li>
  );
}

export function PatientForm({ needs, form, onChange, problems }: Props) {
  const t = useT();
  const lang = t.language;
  const problemFor = (field: string) => problems.find((problem) => problem.field === field);
  const errorProps = (field: string) => {
    const problem = problemFor(field);
    return problem ? { 'aria-invalid': true as const, 'aria-describedby': `${field}-error` } : {};
  };
  const errorText = (field: string) => {
    const problem = problemFor(field);
    if (!problem) return null;
    const range = problem.range ? { range: `${problem.range.min}–${problem.range.max}${displayUnit(problem.range.unit, lang) ? ` ${displayUnit(problem.range.unit, lang)}` : ''}` } : undefined;
    return <span id={`${field}-error`} className="field-error">{t(`screening.problem.${problem.expected}` as MessageKey, range)}</span>;
  };
  // A short visible label; the hidden part names the row for screen readers ("Unit — platelet count").
  const qualified = (label: string, name: string) => (
    <span>
      {label}
      <span className="visually-hidden"> — {name}</span>
    </span>
  );
  // An inline field of a row: its label, the input (a date picker, or text with the decimal keypad), marked when
  // it has a problem, and the problem's text.
  const inlineInput = (kind: 'date' | 'decimal', id: string, label: ReactNode, value: string, onChange: (value: string) => void) => (
    <label className="field field-inline">
      {label}
      <input id={id} {...(kind === 'date' ? { type: 'date' } : { inputMode: 'decimal' as const })} value={value} onChange={(event) => onChange(event.target.value)} {...errorProps(id)} />
      {errorText(id)}
    </label>
  );
  const set = <K extends keyof PatientFormState>(key: K, value: PatientFormState[K]) => onChange({ ...form, [key]: value });

  return (
    <div className="patient-form">
      <fieldset>
        <legend>{t('screening.form.person')}</legend>
        <div className="form-grid">
          <label className="field">
            <span>{t('screening.form.birthDate')}</span>
            <input id={fieldId.birthDate} type="date" value={form.birthDate} onChange={(event) => set('birthDate', event.target.value)} {...errorProps(fieldId.birthDate)} />
            {errorText(fieldId.birthDate)}
          </label>
          <label className="field">
            <span>{t('screening.form.sex')}</span>
            <select value={form.sex} onChange={(event) => set('sex', event.target.value as PatientFormState['sex'])}>
              <option value="">{t('screening.form.notRecorded')}</option>
              <option value="female">{t('sex.FEMALE')}</option>
              <option value="male">{t('sex.MALE')}</option>
            </select>
          </label>
          <label className="field">
            <span>{t('screening.form.resultsDate')}</span>
            <input id={fieldId.resultsDate} type="date" value={form.resultsDate} aria-describedby="results-date-hint" onChange={(event) => set('resultsDate', event.target.value)} />
            <span id="results-date-hint" className="hint">{t('screening.form.resultsDateHint')}</span>
            {errorText(fieldId.resultsDate)}
          </label>
        </div>
      </fieldset>

      {needs.conditions.length > 0 ? (
        <fieldset>
          <legend>{t('screening.form.diagnoses')}</legend>
          <ul className="form-rows">
            {needs.conditions.map((concept) => {
              const entry = form.conditions[concept.id];
              const update = (patch: Partial<typeof entry>) => set('conditions', { ...form.conditions, [concept.id]: { ...entry, ...patch } });
              return (
                <li key={concept.id} className="form-row">
                  <label className="check-row">
                    <input type="checkbox" checked={entry.present} onChange={(event) => update({ present: event.target.checked })} />
                    <span>{concept.label[lang]}</span>
                  </label>
                  {entry.present ? (
                    <>
                      {inlineInput('date', fieldId.onset(concept.id), <span>{t('screening.form.onset')}</span>, entry.onset, (onset) => update({ onset }))}
                      <label className="check-row">
                        <input type="checkbox" checked={entry.active} onChange={(event) => update({ active: event.target.checked })} />
                        <span>{t('screening.form.active')}</span>
                      </label>
                    </>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </fieldset>
      ) : null}

      {needs.measurements.length > 0 ? (
        <fieldset>
          <legend>{t('screening.form.measurements')}</legend>
          <ul className="form-rows">
            {needs.measurements.map(({ analyte, needsLowerLimit }) => {
              const entry = form.measurements[analyte.key];
              const update = (patch: Partial<typeof entry>) => set('measurements', { ...form.measurements, [analyte.key]: { ...entry, ...patch } });
              const name = analyte.label[lang];
              return (
                <li key={analyte.key} className="form-row measurement-row">
                  {inlineInput('decimal', fieldId.value(analyte.key), <span>{name}</span>, entry.value, (value) => update({ value }))}
                  <label className="field field-inline">
                    {qualified(t('screening.form.unit'), name)}
                    <select value={entry.unit} onChange={(event) => update({ unit: event.target.value })}>
                      {unitOptions(analyte).map((unit) => (
                        <option key={unit} value={unit}>{displayUnit(unit, lang) || unit}</option>
                      ))}
                    </select>
                  </label>
                  {inlineInput('date', fieldId.measurementDate(analyte.key), qualified(t('screening.form.date'), name), entry.date, (date) => update({ date }))}
                  {inlineInput('decimal', fieldId.upperLimit(analyte.key), qualified(t('screening.form.upperLimit'), name), entry.upperLimit, (upperLimit) => update({ upperLimit }))}
                  {needsLowerLimit ? inlineInput('decimal', fieldId.lowerLimit(analyte.key), qualified(t('screening.form.lowerLimit'), name), entry.lowerLimit, (lowerLimit) => update({ lowerLimit })) : null}
                </li>
              );
            })}
          </ul>
        </fieldset>
      ) : null}

      {needs.tests.length > 0 ? (
        <fieldset>
          <legend>{t('screening.form.tests')}</legend>
          <ul className="form-rows">
            {needs.tests.map((analyte) => {
              const entry = form.tests[analyte.key];
              const update = (patch: Partial<typeof entry>) => set('tests', { ...form.tests, [analyte.key]: { ...entry, ...patch } });
              const name = analyte.label[lang];
              return (
                <SelectRow
                  key={analyte.key}
                  label={name}
                  value={entry.result}
                  options={[
                    ['', t('screening.form.notDone')],
                    ['negative', t('screening.form.negative')],
                    ['positive', t('screening.form.positive')],
                  ]}
                  onChange={(result) => update({ result })}
                >
                  {inlineInput('date', fieldId.testDate(analyte.key), qualified(t('screening.form.date'), name), entry.date, (date) => update({ date }))}
                </SelectRow>
              );
            })}
          </ul>
        </fieldset>
      ) : null}

      {needs.scales.length > 0 || needs.pregnancy || needs.lactation || needs.allergy ? (
        <fieldset>
          <legend>{t('screening.form.assessments')}</legend>
          <ul className="form-rows">
            {needs.scales.map((scaleId) => {
              const scale = scaleById(scaleId);
              const entry = form.scores[scaleId];
              const update = (patch: Partial<typeof entry>) => set('scores', { ...form.scores, [scaleId]: { ...entry, ...patch } });
              const name = scale.label[lang];
              return (
                <SelectRow
                  key={scaleId}
                  label={name}
                  value={entry.grade}
                  options={[['', t('screening.form.notRecorded')], ...scale.grades.map((grade) => [String(grade), scale.gradeLabel(grade)] as const)]}
                  onChange={(grade) => update({ grade })}
                >
                  {inlineInput('date', fieldId.scoreDate(scaleId), qualified(t('screening.form.date'), name), entry.date, (date) => update({ date }))}
                </SelectRow>
              );
            })}
            {needs.pregnancy ? (
              <SelectRow
                label={t('screening.form.pregnancy')}
                value={form.pregnancy}
                options={[
                  ['', t('screening.form.notRecorded')],
                  ['not-pregnant', t('screening.form.notPregnant')],
                  ['pregnant', t('screening.form.pregnant')],
                ]}
                onChange={(value) => set('pregnancy', value)}
              />
            ) : null}
            {needs.lactation ? (
              <SelectRow
                label={t('screening.form.lactation')}
                value={form.lactation}
                options={[
                  ['', t('screening.form.notRecorded')],
                  ['not-lactating', t('screening.form.notLactating')],
                  ['lactating', t('screening.form.lactating')],
                ]}
                onChange={(value) => set('lactation', value)}
              />
            ) : null}
            {needs.allergy ? (
              <SelectRow
                label={t('screening.form.allergy')}
                value={form.allergy}
                options={[
                  ['', t('screening.form.noAllergy')],
                  ['low', t('screening.form.allergyLow')],
                  ['high', t('screening.form.allergyHigh')],
                ]}
                onChange={(value) => set('allergy', value)}
              />
            ) : null}
          </ul>
        </fieldset>
      ) : null}

      {needs.medications.length > 0 || needs.procedures.length > 0 ? (
        <fieldset>
          <legend>{t('screening.form.treatments')}</legend>
          <ul className="form-rows">
            {needs.medications.map((concept) => (
              <li key={concept.id} className="form-row">
                <label className="check-row">
                  <input type="checkbox" checked={form.medications[concept.id]} onChange={(event) => set('medications', { ...form.medications, [concept.id]: event.target.checked })} />
                  <span>{t('screening.form.taking', { name: concept.label[lang] })}</span>
                </label>
              </li>
            ))}
            {needs.procedures.map((concept) => {
              const entry = form.procedures[concept.id];
              const update = (patch: Partial<typeof entry>) => set('procedures', { ...form.procedures, [concept.id]: { ...entry, ...patch } });
              return (
                <li key={concept.id} className="form-row">
                  <label className="check-row">
                    <input type="checkbox" checked={entry.present} onChange={(event) => update({ present: event.target.checked })} />
                    <span>{t('screening.form.had', { name: concept.label[lang] })}</span>
                  </label>
                  {entry.present ? (
                    inlineInput('date', fieldId.procedureDate(concept.id), qualified(t('screening.form.date'), concept.label[lang]), entry.date, (date) => update({ date }))
                  ) : null}
                </li>
              );
            })}
          </ul>
        </fieldset>
      ) : null}
    </div>
  );
}
