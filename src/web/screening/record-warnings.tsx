// Problems found in the patient record, in the reader's language: where (resource and field) and what.
import type { RecordProblemView } from '../../core/criteria/evaluate.ts';
import { renderRecordProblem } from '../../core/patient/record-problems.ts';
import { useT } from '../i18n/i18n.tsx';

export function RecordWarnings({ problems, warnings }: { problems: readonly RecordProblemView[] | undefined; warnings: readonly string[] }) {
  const t = useT();
  if (warnings.length === 0) return null;
  const separator = t.language === 'zh' ? '：' : ': ';
  const lines = problems && problems.length === warnings.length ? problems.map((problem) => `${problem.resource} ${problem.field}${separator}${renderRecordProblem(problem.detail, t.language)}`) : warnings;
  return (
    <section className="notice screening-warnings" aria-labelledby="screening-warnings-heading">
      <h3 id="screening-warnings-heading" className="notice-title">{t('screening.warnings.title')}</h3>
      <ul>
        {lines.map((line, index) => (
          <li key={index} data-record-problem="">{line}</li>
        ))}
      </ul>
    </section>
  );
}
