// The sponsor home's response summary: complete / partial / none / not assessed per arm and time point
// (arms only when the study is open-label or the user may see allocation), as a stacked bar chart with
// a list as its text alternative.
import { fetchResponseSummary } from '../api/assessments.ts';
import { useApi } from '../components/use-api.ts';
import { useT } from '../i18n/i18n.tsx';
import { PlotChart } from './plot-chart.tsx';

const LEVELS = ['complete', 'partial', 'none', 'notAssessed'] as const;

export function ResponseSummaryChart({ studyId }: { studyId: string }) {
  const t = useT();
  const { state } = useApi(`responses:${studyId}`, (signal) => fetchResponseSummary(studyId, signal));
  if (!state.data) return null;
  const summary = state.data;
  const armName = (arm: string | null) => arm ?? t('assessment.summary.allArms');
  const bars = summary.rows.flatMap((row) => LEVELS.map((level) => ({ group: `${armName(row.arm)} · ${row.timePoint}`, level, count: row[level] })));
  return (
    <section className="study-section" aria-labelledby="response-summary-heading">
      <h2 id="response-summary-heading">{t('assessment.summary.title')}</h2>
      <PlotChart
        label={t('assessment.summary.label')}
        deps={[summary]}
        build={(Plot) => ({ height: 60 + 26 * summary.rows.length, marginLeft: 200, x: { label: null }, y: { label: null }, color: { legend: true, domain: [...LEVELS] }, marks: [Plot.barX(bars, { x: 'count', y: 'group', fill: 'level' })] })}
      />
      <ul>
        {summary.rows.map((row) => <li key={`${row.arm}-${row.timePoint}`}>{t('assessment.summary.row', { arm: armName(row.arm), timePoint: row.timePoint, complete: row.complete, partial: row.partial, none: row.none, notAssessed: row.notAssessed })}</li>)}
      </ul>
    </section>
  );
}
