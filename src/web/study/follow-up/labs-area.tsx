// /studies/NCT…/subjects/SITE-NNN/labs: a subject's laboratory follow-up — the panel entry with live
// edit checks and grades (labs-entry.tsx), the results by date with their grades, limits and
// warnings, the transfusion log and the bone-marrow examinations (labs-transfusions.tsx).
import { useState } from 'react';
import { analyteByKey } from '../../../core/clinical/tables/analytes.ts';
import { listLabResults, listMarrowExams, listTransfusions, type LabResultView } from '../../api/labs.ts';
import { useApi } from '../../components/use-api.ts';
import { Loading } from '../../components/notices.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { ApiProblem } from '../api-problem.tsx';
import { formatDay } from '../format.ts';
import { allows, sitesWith } from '../permissions.ts';
import { useSignedIn } from '../session-gate.tsx';
import type { SubjectAreaProps } from './areas.tsx';
import { LabCorrection } from './labs-correction.tsx';
import { GradeTag, LabEntryForm } from './labs-entry.tsx';
import { MarrowSection, TransfusionSection } from './labs-transfusions.tsx';
import { FhirImport } from './labs-fhir-import.tsx';

export function LabsArea({ study, screening, onChange }: SubjectAreaProps) {
  const t = useT();
  const { grants } = useSignedIn();
  const [version, setVersion] = useState(0);
  const subjectNumber = screening.subjectNumber;
  const data = useApi(`labs:${study.studyId}:${subjectNumber}:${version}`, async (signal) => {
    const [results, transfusions, exams] = await Promise.all([listLabResults(study.studyId, subjectNumber, {}, signal), listTransfusions(study.studyId, subjectNumber, signal), listMarrowExams(study.studyId, subjectNumber, signal)]);
    return { results, transfusions, exams };
  });
  const canWrite = allows(sitesWith(grants, study.studyId, 'data.write'), screening.siteCode);
  const changed = () => {
    setVersion((n) => n + 1);
    onChange();
  };
  if (data.state.status === 'error') return <ApiProblem error={data.state.error} />;
  if (!data.state.data) return <Loading label={t('conduct.loading')} />;
  const { results, transfusions, exams } = data.state.data;
  return (
    <div className="labs-area">
      {canWrite ? <LabEntryForm study={study} subjectNumber={subjectNumber} results={results} transfusions={transfusions} onSaved={changed} /> : null}
      {canWrite ? <FhirImport studyId={study.studyId} subjectNumber={subjectNumber} onImported={changed} /> : null}
      <ResultsTable results={results} canWrite={canWrite} onCorrected={changed} />
      <TransfusionSection studyId={study.studyId} subjectNumber={subjectNumber} transfusions={transfusions} canWrite={canWrite} onChange={changed} />
      <MarrowSection studyId={study.studyId} subjectNumber={subjectNumber} exams={exams} canWrite={canWrite} onChange={changed} />
    </div>
  );
}

function ResultsTable({ results, canWrite, onCorrected }: { results: readonly LabResultView[]; canWrite: boolean; onCorrected(): void }) {
  const t = useT();
  const zh = t.language === 'zh';
  const newestFirst = [...results].sort((a, b) => (a.collectedOn === b.collectedOn ? b.id - a.id : a.collectedOn < b.collectedOn ? 1 : -1));
  const limits = (result: LabResultView) => (result.lln === null && result.uln === null ? '—' : `${result.lln ?? '…'}–${result.uln ?? '…'} ${result.canonicalUnit}`);
  return (
    <section className="study-section" aria-labelledby="lab-results-heading">
      <h2 id="lab-results-heading">{t('labs.results.title')}</h2>
      {results.length === 0 ? <p className="notice notice-empty">{t('labs.results.none')}</p> : (
        <table className="data-table lab-results-table">
          <thead>
            <tr><th scope="col">{t('labs.results.date')}</th><th scope="col">{t('labs.results.visit')}</th><th scope="col">{t('labs.results.analyte')}</th><th scope="col">{t('labs.results.value')}</th><th scope="col">{t('labs.results.limits')}</th><th scope="col">{t('labs.results.grades')}</th><th scope="col">{t('labs.results.warnings')}</th>{canWrite ? <th scope="col"><span className="visually-hidden">{t('labs.correct.open')}</span></th> : null}</tr>
          </thead>
          <tbody>
            {newestFirst.map((result) => {
              const definition = analyteByKey(result.analyte);
              return (
                <tr key={result.id} data-lab-result={result.id} data-analyte={result.analyte}>
                  <td>{formatDay(t, result.collectedOn)}</td>
                  <td>{result.visitCode ?? ''}</td>
                  <td>
                    {definition ? (zh ? definition.label.zh : definition.label.en) : result.analyte}
                    {result.isBaseline ? <> <span className="badge badge-neutral" data-baseline="true">{t('labs.results.baseline')}</span></> : null}
                    {result.source === 'fhir' ? <> <span className="badge badge-neutral">{t('labs.results.source.fhir')}</span></> : null}
                  </td>
                  <td>
                    {result.canonicalValue} {result.canonicalUnit}
                    {result.unit !== result.canonicalUnit ? <span className="muted"> ({result.value} {result.unit})</span> : null}
                    {result.method ? <span className="muted"> · {t(`labs.method.${result.method}`)}</span> : null}
                  </td>
                  <td title={[result.limitBasis?.low?.detail, result.limitBasis?.high?.detail].filter(Boolean).join(' · ')}>{limits(result)}</td>
                  <td>{result.grades.map((grade) => <GradeTag key={grade.term} term={grade.term} grade={grade.grade} reason={zh ? grade.reasonZh ?? grade.reason : grade.reason} />)}</td>
                  <td>{result.checkResults.map((check) => <span key={check.check} className="badge badge-attention" data-check={check.check}>{zh ? check.message.zh : check.message.en}</span>)}</td>
                  {canWrite ? <td><LabCorrection result={result} onCorrected={onCorrected} /></td> : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
