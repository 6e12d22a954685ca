// Entering one panel of laboratory results: a row per analyte of the panel with a unit picker, the
// context flags, and — as the user types — each value in the canonical unit, the edit checks and the
// CTCAE grade, computed by the same pure code the server runs (core/study/edit-checks.ts,
// core/study/lab-results.ts). Hard findings block saving; soft ones are saved and raise a query.
import { useMemo, useState } from 'react';
import { analyteByKey } from '../../../core/clinical/tables/analytes.ts';
import { ENTRY_UNITS, LAB_PANEL_ANALYTES } from '../../../core/clinical/tables/edit-checks.ts';
import { resolveLimit } from '../../../core/patient/limits.ts';
import { toCanonicalUnit } from '../../../core/patient/units.ts';
import { evaluateEditChecks, type CheckFinding } from '../../../core/study/edit-checks.ts';
import { gradesOf } from '../../../core/study/lab-results.ts';
import { recordLabPanel, type LabResultInput, type LabResultView, type TransfusionView } from '../../api/labs.ts';
import type { StudyDetail } from '../../api/conduct.ts';
import { useT } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/en.ts';
import { localToday } from '../../screening/patient-source.tsx';
import { ApiProblem, invalidIf } from '../api-problem.tsx';
import { useSubmit } from '../use-submit.ts';

type EntryPanel = keyof typeof LAB_PANEL_ANALYTES;
const PANELS: readonly EntryPanel[] = ['cbc', 'chemistry', 'coagulation'];
const METHOD_ANALYTES = new Set(['reticulocytes', 'reticulocytes.percent']);

interface Row {
  value: string;
  unit: string;
  method: '' | 'manual' | 'automated';
}

export interface PreviewRow {
  analyte: string;
  /** Index in the request's results array. */
  index: number;
  input: LabResultInput;
  canonical?: { value: number; unit: string };
  unitProblem?: string;
  findings: CheckFinding[];
  grades: ReturnType<typeof gradesOf>;
}

/** What the form would send, and what the server will decide about it (checks and grades). */
export function previewPanel(panel: EntryPanel, rows: Record<string, Row>, collectedOn: string, context: { transfusedWithinDays?: number; anticoagulated?: boolean }, earlier: readonly LabResultView[], transfusions: readonly TransfusionView[], ctcaeVersion: string): PreviewRow[] {
  const filled = LAB_PANEL_ANALYTES[panel].filter((analyte) => rows[analyte] && rows[analyte].value.trim() !== '' && Number.isFinite(Number(rows[analyte].value)));
  const preview: PreviewRow[] = filled.map((analyte, index) => {
    const row = rows[analyte];
    const definition = analyteByKey(analyte)!;
    const input: LabResultInput = { analyte, value: Number(row.value), unit: row.unit, ...(row.method ? { method: row.method } : {}) };
    const converted = toCanonicalUnit(input.value, input.unit, definition);
    return converted.ok ? { analyte, index, input, canonical: { value: converted.value, unit: converted.unit }, findings: [], grades: [] } : { analyte, index, input, unitProblem: converted.message, findings: [], grades: [] };
  });
  const checked = preview.filter((row) => row.canonical);
  const findings = evaluateEditChecks({
    collectedOn,
    results: checked.map((row) => ({ analyte: row.analyte, value: row.canonical!.value })),
    earlier: earlier.map((result) => ({ analyte: result.analyte, collectedOn: result.collectedOn, value: result.canonicalValue })),
    transfusions: transfusions.map((transfusion) => ({ givenOn: transfusion.givenOn, product: transfusion.product })),
    context,
  });
  for (const finding of findings) checked[finding.index].findings.push(finding);
  for (const row of checked) {
    const sameAnalyte = earlier.filter((result) => result.analyte === row.analyte);
    const lastLimits = sameAnalyte.filter((result) => result.lln !== null || result.uln !== null).at(-1);
    const fact = { analyte: row.analyte, value: row.canonical!.value, unit: row.canonical!.unit, recorded: { value: row.input.value, unit: row.input.unit }, date: collectedOn, source: 'form' };
    const lln = lastLimits ? lastLimits.lln : resolveLimit(fact, 'low', {})?.value ?? null;
    const uln = lastLimits ? lastLimits.uln : resolveLimit(fact, 'high', {})?.value ?? null;
    const baseline = sameAnalyte.find((result) => result.isBaseline && result.collectedOn < collectedOn);
    row.grades = gradesOf({ analyte: row.analyte, value: row.canonical!.value, unit: row.canonical!.unit, lln, uln, anticoagulated: context.anticoagulated === true }, baseline?.canonicalValue, ctcaeVersion);
  }
  return preview;
}

const emptyRows = (panel: EntryPanel): Record<string, Row> =>
  Object.fromEntries(LAB_PANEL_ANALYTES[panel].map((analyte) => [analyte, { value: '', unit: ENTRY_UNITS[analyte]?.[0] ?? analyteByKey(analyte)?.unit ?? '', method: '' as const }]));

export function LabEntryForm({ study, subjectNumber, results, transfusions, onSaved }: { study: StudyDetail; subjectNumber: string; results: readonly LabResultView[]; transfusions: readonly TransfusionView[]; onSaved(saved: LabResultView[]): void }) {
  const t = useT();
  const zh = t.language === 'zh';
  const [panel, setPanel] = useState<EntryPanel>('cbc');
  const [collectedOn, setCollectedOn] = useState(localToday);
  const [visitCode, setVisitCode] = useState('');
  const [gcsf, setGcsf] = useState('');
  const [transfused, setTransfused] = useState('');
  const [anticoagulated, setAnticoagulated] = useState(false);
  const [rows, setRows] = useState<Record<string, Row>>(() => emptyRows('cbc'));
  const [saved, setSaved] = useState<number | null>(null);
  const context = { ...(gcsf !== '' ? { gcsfWithinDays: Number(gcsf) } : {}), ...(transfused !== '' ? { transfusedWithinDays: Number(transfused) } : {}), ...(anticoagulated ? { anticoagulated: true } : {}) };
  const preview = useMemo(() => previewPanel(panel, rows, collectedOn, context, results, transfusions, study.protocol.ctcaeVersion), [panel, rows, collectedOn, gcsf, transfused, anticoagulated, results, transfusions, study.protocol.ctcaeVersion]);
  const blocked = preview.some((row) => row.unitProblem || row.findings.some((finding) => finding.severity === 'hard'));
  const { busy, error, submit } = useSubmit(
    () => recordLabPanel(study.studyId, subjectNumber, { collectedOn, panel, ...(visitCode ? { visitCode } : {}), ...(Object.keys(context).length ? { context } : {}), results: preview.map((row) => row.input) }),
    (stored) => {
      setSaved(stored.length);
      setRows(emptyRows(panel));
      onSaved(stored);
    },
  );
  const change = (analyte: string, patch: Partial<Row>) => {
    setSaved(null);
    setRows((current) => ({ ...current, [analyte]: { ...current[analyte], ...patch } }));
  };
  const label = (analyte: string) => { const definition = analyteByKey(analyte); return definition ? (zh ? definition.label.zh : definition.label.en) : analyte; };
  const problemId = 'lab-entry-problem';

  return (
    <section className="study-section" aria-labelledby="lab-entry-heading">
      <h2 id="lab-entry-heading">{t('labs.entry.title')}</h2>
      <form className="lab-entry" onSubmit={submit}>
        <div className="form-row">
          <label className="field">
            <span>{t('labs.entry.panel')}</span>
            <select value={panel} onChange={(event) => { const next = event.target.value as EntryPanel; setPanel(next); setRows(emptyRows(next)); setSaved(null); }}>
              {PANELS.map((option) => <option key={option} value={option}>{t(`labs.panel.${option}` as MessageKey)}</option>)}
            </select>
          </label>
          <label className="field">
            <span>{t('labs.entry.collectedOn')}</span>
            <input type="date" value={collectedOn} max={localToday()} onChange={(event) => setCollectedOn(event.target.value)} {...invalidIf(error, 'collectedOn', problemId)} />
          </label>
          <label className="field">
            <span>{t('labs.entry.visitCode')}</span>
            <select value={visitCode} onChange={(event) => setVisitCode(event.target.value)} {...invalidIf(error, 'visitCode', problemId)}>
              <option value="">{t('labs.entry.visitNone')}</option>
              {study.protocol.visits.map((visit) => <option key={visit.code} value={visit.code}>{zh ? visit.labelZh ?? visit.label : visit.label}</option>)}
            </select>
          </label>
        </div>
        <fieldset className="form-row">
          <legend>{t('labs.entry.context')}</legend>
          <label className="field"><span>{t('labs.entry.gcsfWithinDays')}</span><input type="number" min={0} step={1} value={gcsf} onChange={(event) => setGcsf(event.target.value)} {...invalidIf(error, 'context.gcsfWithinDays', problemId)} /></label>
          <label className="field"><span>{t('labs.entry.transfusedWithinDays')}</span><input type="number" min={0} step={1} value={transfused} onChange={(event) => setTransfused(event.target.value)} {...invalidIf(error, 'context.transfusedWithinDays', problemId)} /></label>
          <label className="field field-check"><input type="checkbox" checked={anticoagulated} onChange={(event) => setAnticoagulated(event.target.checked)} /><span>{t('labs.entry.anticoagulated')}</span></label>
        </fieldset>
        <table className="data-table lab-entry-table">
          <thead><tr><th scope="col">{t('labs.entry.analyte')}</th><th scope="col">{t('labs.entry.value')}</th><th scope="col">{t('labs.entry.unit')}</th><th scope="col">{t('labs.entry.method')}</th><th scope="col">{t('labs.entry.preview')}</th></tr></thead>
          <tbody>
            {LAB_PANEL_ANALYTES[panel].map((analyte) => {
              const row = rows[analyte];
              const shown = preview.find((entry) => entry.analyte === analyte);
              const index = shown?.index ?? -1;
              const id = `lab-${analyte.replace(/\./g, '-')}`;
              return (
                <tr key={analyte} data-analyte={analyte}>
                  <th scope="row"><label htmlFor={id}>{label(analyte)}</label></th>
                  <td><input id={id} type="number" step="any" inputMode="decimal" value={row.value} onChange={(event) => change(analyte, { value: event.target.value })} {...invalidIf(error, `results.${index}.value`, problemId)} /></td>
                  <td>
                    <select aria-label={`${label(analyte)}: ${t('labs.entry.unit')}`} value={row.unit} onChange={(event) => change(analyte, { unit: event.target.value })} {...invalidIf(error, `results.${index}.unit`, problemId)}>
                      {(ENTRY_UNITS[analyte] ?? [analyteByKey(analyte)?.unit ?? '']).map((unit) => <option key={unit} value={unit}>{unit}</option>)}
                    </select>
                  </td>
                  <td>
                    {METHOD_ANALYTES.has(analyte) ? (
                      <select aria-label={`${label(analyte)}: ${t('labs.entry.method')}`} value={row.method} onChange={(event) => change(analyte, { method: event.target.value as Row['method'] })}>
                        <option value="">{t('labs.method.none')}</option>
                        <option value="manual">{t('labs.method.manual')}</option>
                        <option value="automated">{t('labs.method.automated')}</option>
                      </select>
                    ) : null}
                  </td>
                  <td className="lab-preview" aria-live="polite">{shown ? <Preview row={shown} /> : null}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <p className="muted">{t('labs.entry.previewNote')}</p>
        {blocked ? <p className="notice notice-error" role="status">{t('labs.entry.blocked')}</p> : null}
        {error ? <ApiProblem error={error} id={problemId} /> : null}
        {saved !== null ? <p className="notice" role="status">{t(saved === 1 ? 'labs.entry.saved.one' : 'labs.entry.saved.other', { count: saved })}</p> : null}
        <p><button type="submit" className="button-primary" disabled={busy || blocked || preview.length === 0}>{busy ? t('labs.entry.saving') : t('labs.entry.submit')}</button></p>
      </form>
    </section>
  );
}

function Preview({ row }: { row: PreviewRow }) {
  const t = useT();
  const zh = t.language === 'zh';
  if (row.unitProblem) return <span className="badge badge-stopped" data-check="unit">{row.unitProblem}</span>;
  return (
    <>
      {row.canonical && row.canonical.unit !== row.input.unit ? <span className="muted">{t('labs.entry.converted', { value: row.canonical.value, unit: row.canonical.unit })} </span> : null}
      {row.grades.map((grade) => <GradeTag key={grade.term} term={grade.term} grade={grade.grade} reason={zh ? grade.reasonZh ?? grade.reason : grade.reason} />)}
      {row.findings.map((finding) => (
        <span key={finding.checkId} className={`badge ${finding.severity === 'hard' ? 'badge-stopped' : 'badge-attention'}`} data-check={finding.checkId} data-severity={finding.severity}>
          {t(finding.severity === 'hard' ? 'labs.check.hard' : 'labs.check.soft')}: {zh ? finding.message.zh : finding.message.en}
        </span>
      ))}
    </>
  );
}

const GRADE_TONE = ['neutral', 'attention', 'attention', 'stopped', 'stopped'] as const;

export function GradeTag({ term, grade, reason }: { term: string; grade: number | null; reason: string }) {
  const t = useT();
  return (
    <span className={`badge badge-${grade === null ? 'neutral' : GRADE_TONE[grade]}`} data-term={term} data-grade={grade === null ? 'none' : grade} title={reason}>
      {grade === null ? `${term}: ${t('labs.grade.none')}` : t('labs.grade.term', { term, grade })}
    </span>
  );
}
