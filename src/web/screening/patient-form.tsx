// Hand entry of a patient: only the facts the trial's rules read (rule-needs.ts), each with a visible
// label; the form state becomes a FHIR Bundle in patient-bundle.ts. Nothing leaves the page until
// the user asks for the check, and then only in the request body.
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
    return problem ? <span id={`${field}-error`} className="field-error">{t(`screening.problem.${problem.expected}` as MessageKey)}</span> : null;
  };
  // A short visible label; the hidden part names the row for screen readers ("Unit — platelet count").
  const qualified = (label: string, name: string) => (
    <span>
      {label}
      <span className="visually-hidden"> — {name}</span>
    </span>
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
                      <label className="field field-inline">
                        <span>{t('screening.form.onset')}</span>
                        <input id={fieldId.onset(concept.id)} type="date" value={entry.onset} onChange={(event) => update({ onset: event.target.value })} {...errorProps(fieldId.onset(concept.id))} />
                        {errorText(fieldId.onset(concept.id))}
                      </label>
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
                  <label className="field field-inline">
                    <span>{name}</span>
                    <input id={fieldId.value(analyte.key)} inputMode="decimal" value={entry.value} onChange={(event) => update({ value: event.target.value })} {...errorProps(fieldId.value(analyte.key))} />
                    {errorText(fieldId.value(analyte.key))}
                  </label>
                  <label className="field field-inline">
                    {qualified(t('screening.form.unit'), name)}
                    <select value={entry.unit} onChange={(event) => update({ unit: event.target.value })}>
                      {unitOptions(analyte).map((unit) => (
                        <option key={unit} value={unit}>{displayUnit(unit, lang) || unit}</option>
                      ))}
                    </select>
                  </label>
                  <label className="field field-inline">
                    {qualified(t('screening.form.date'), name)}
                    <input id={fieldId.measurementDate(analyte.key)} type="date" value={entry.date} onChange={(event) => update({ date: event.target.value })} {...errorProps(fieldId.measurementDate(analyte.key))} />
                    {errorText(fieldId.measurementDate(analyte.key))}
                  </label>
                  <label className="field field-inline">
                    {qualified(t('screening.form.upperLimit'), name)}
                    <input id={fieldId.upperLimit(analyte.key)} inputMode="decimal" value={entry.upperLimit} onChange={(event) => update({ upperLimit: event.target.value })} {...errorProps(fieldId.upperLimit(analyte.key))} />
                    {errorText(fieldId.upperLimit(analyte.key))}
                  </label>
                  {needsLowerLimit ? (
                    <label className="field field-inline">
                      {qualified(t('screening.form.lowerLimit'), name)}
                      <input id={fieldId.lowerLimit(analyte.key)} inputMode="decimal" value={entry.lowerLimit} onChange={(event) => update({ lowerLimit: event.target.value })} {...errorProps(fieldId.lowerLimit(analyte.key))} />
                      {errorText(fieldId.lowerLimit(analyte.key))}
                    </label>
                  ) : null}
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
                <li key={analyte.key} className="form-row">
                  <label className="field field-inline">
                    <span>{name}</span>
                    <select value={entry.result} onChange={(event) => update({ result: event.target.value as typeof entry.result })}>
                      <option value="">{t('screening.form.notDone')}</option>
                      <option value="negative">{t('screening.form.negative')}</option>
                      <option value="positive">{t('screening.form.positive')}</option>
                    </select>
                  </label>
                  <label className="field field-inline">
                    {qualified(t('screening.form.date'), name)}
                    <input id={fieldId.testDate(analyte.key)} type="date" value={entry.date} onChange={(event) => update({ date: event.target.value })} {...errorProps(fieldId.testDate(analyte.key))} />
                    {errorText(fieldId.testDate(analyte.key))}
                  </label>
                </li>
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
                <li key={scaleId} className="form-row">
                  <label className="field field-inline">
                    <span>{name}</span>
                    <select value={entry.grade} onChange={(event) => update({ grade: event.target.value })}>
                      <option value="">{t('screening.form.notRecorded')}</option>
                      {scale.grades.map((grade) => (
                        <option key={grade} value={String(grade)}>{scale.gradeLabel(grade)}</option>
                      ))}
                    </select>
                  </label>
                  <label className="field field-inline">
                    {qualified(t('screening.form.date'), name)}
                    <input id={fieldId.scoreDate(scaleId)} type="date" value={entry.date} onChange={(event) => update({ date: event.target.value })} {...errorProps(fieldId.scoreDate(scaleId))} />
                    {errorText(fieldId.scoreDate(scaleId))}
                  </label>
                </li>
              );
            })}
            {needs.pregnancy ? (
              <li className="form-row">
                <label className="field field-inline">
                  <span>{t('screening.form.pregnancy')}</span>
                  <select value={form.pregnancy} onChange={(event) => set('pregnancy', event.target.value as PatientFormState['pregnancy'])}>
                    <option value="">{t('screening.form.notRecorded')}</option>
                    <option value="not-pregnant">{t('screening.form.notPregnant')}</option>
                    <option value="pregnant">{t('screening.form.pregnant')}</option>
                  </select>
                </label>
              </li>
            ) : null}
            {needs.lactation ? (
              <li className="form-row">
                <label className="field field-inline">
                  <span>{t('screening.form.lactation')}</span>
                  <select value={form.lactation} onChange={(event) => set('lactation', event.target.value as PatientFormState['lactation'])}>
                    <option value="">{t('screening.form.notRecorded')}</option>
                    <option value="not-lactating">{t('screening.form.notLactating')}</option>
                    <option value="lactating">{t('screening.form.lactating')}</option>
                  </select>
                </label>
              </li>
            ) : null}
            {needs.allergy ? (
              <li className="form-row">
                <label className="field field-inline">
                  <span>{t('screening.form.allergy')}</span>
                  <select value={form.allergy} onChange={(event) => set('allergy', event.target.value as PatientFormState['allergy'])}>
                    <option value="">{t('screening.form.noAllergy')}</option>
                    <option value="low">{t('screening.form.allergyLow')}</option>
                    <option value="high">{t('screening.form.allergyHigh')}</option>
                  </select>
                </label>
              </li>
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
                    <label className="field field-inline">
                      {qualified(t('screening.form.date'), concept.label[lang])}
                      <input id={fieldId.procedureDate(concept.id)} type="date" value={entry.date} onChange={(event) => update({ date: event.target.value })} {...errorProps(fieldId.procedureDate(concept.id))} />
                      {errorText(fieldId.procedureDate(concept.id))}
                    </label>
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
