// The sponsor's, data manager's and monitor's view of a study: enrollment per site over time and the
// screen-failure reasons as charts (each with its data as a table too), and the sites with their status
// and counts, the sites not yet active picked out. Everything comes from the API within the user's scope.
import { allPages, enrollmentCounts, listScreenings, screeningCounts, type SiteView, type StudyDetail } from '../api/conduct.ts';
import { useApi } from '../components/use-api.ts';
import { Loading } from '../components/notices.tsx';
import { useT } from '../i18n/i18n.tsx';
import { ApiProblem } from './api-problem.tsx';
import { formatMonth, siteName } from './format.ts';
import { PlotChart } from './plot-chart.tsx';
import { SiteTable } from './site-table.tsx';
import { QueryPanel } from './follow-up/query-panel.tsx';
import { SeriousEventsPanel } from './follow-up/serious-events-panel.tsx';
import { ResponseSummaryChart } from './response-summary-chart.tsx';
import { countsBySite, cumulativeEnrollment, failureReasonCounts } from './study-charts.ts';

export function SponsorHome({ study, sites }: { study: StudyDetail; sites: readonly SiteView[] }) {
  const t = useT();
  const data = useApi(`sponsor:${study.studyId}`, async (signal) => {
    const [screenings, enrollments, failures] = await Promise.all([
      screeningCounts(study.studyId, signal),
      enrollmentCounts(study.studyId, signal),
      allPages((offset, limit) => listScreenings(study.studyId, { outcome: 'screen_failure', offset, limit }, signal)),
    ]);
    return { screenings, enrollments, failures };
  });
  if (data.state.status === 'error') return <ApiProblem error={data.state.error} />;
  if (!data.state.data) return <Loading label={t('conduct.loading')} />;
  const { screenings, enrollments, failures } = data.state.data;
  const bySite = countsBySite(screenings);
  const enrolledBySite = new Map<string, number>();
  for (const row of enrollments) enrolledBySite.set(row.siteCode, (enrolledBySite.get(row.siteCode) ?? 0) + row.count);
  const pending = sites.filter((site) => site.status === 'pending');

  return (
    <div className="sponsor-home">
      {pending.length > 0 ? (
        <section className="notice notice-attention" aria-labelledby="sites-pending-heading" data-sites-pending="">
          <h2 id="sites-pending-heading" className="notice-title">{t.plural('conduct.sites.pendingTitle', pending.length)}</h2>
          <p>{pending.map((site) => `${site.siteCode} ${siteName(t, site, site.siteCode)}`).join(' · ')}</p>
        </section>
      ) : null}
      <SeriousEventsPanel studyId={study.studyId} />
      <QueryPanel studyId={study.studyId} />
      <EnrollmentChart rows={enrollments} />
      <FailureReasonsChart reasons={failureReasonCounts(failures)} />
      <ResponseSummaryChart studyId={study.studyId} />
      <SiteTable sites={sites} counts={bySite} enrolled={enrolledBySite} />
    </div>
  );
}

function EnrollmentChart({ rows }: { rows: ReadonlyArray<{ siteCode: string; month: string; count: number }> }) {
  const t = useT();
  const points = cumulativeEnrollment(rows);
  const total = rows.reduce((sum, row) => sum + row.count, 0);
  const months = [...new Set(rows.map((row) => row.month.slice(0, 7)))].sort();
  return (
    <section className="study-section" aria-labelledby="enrollment-chart-heading">
      <h2 id="enrollment-chart-heading">{t('conduct.chart.enrollmentTitle')}</h2>
      <p className="muted" data-enrollment-total="">{t.plural('conduct.chart.enrollmentTotal', total)}</p>
      {points.length === 0 ? (
        <p className="notice notice-empty">{t('conduct.chart.noEnrollments')}</p>
      ) : (
        <>
          <PlotChart
            label={t('conduct.chart.enrollmentTitle')}
            deps={[JSON.stringify(points)]}
            build={(Plot) => ({
              height: 320,
              marginLeft: 48,
              x: { type: 'band', label: t('conduct.chart.month'), tickFormat: (month: string) => formatMonth(t, month) },
              y: { label: t('conduct.chart.cumulative'), grid: true, tickFormat: (value: number) => (Number.isInteger(value) ? t.number(value) : '') },
              color: { legend: true, label: t('conduct.chart.site') },
              marks: [
                Plot.lineY(points, { x: 'month', y: 'total', stroke: 'siteCode', marker: 'circle' }),
                Plot.tip(points, Plot.pointer({ x: 'month', y: 'total', stroke: 'siteCode', title: (point: { siteCode: string; month: string; total: number }) => `${point.siteCode} · ${formatMonth(t, point.month)}: ${point.total}` })),
                Plot.ruleY([0]),
              ],
            })}
          />
          <details className="chart-data">
            <summary>{t('conduct.chart.showData')}</summary>
            <table className="data-table" data-enrollment-table="">
              <thead>
                <tr>
                  <th scope="col">{t('conduct.chart.site')}</th>
                  {months.map((month) => <th key={month} scope="col">{formatMonth(t, month)}</th>)}
                </tr>
              </thead>
              <tbody>
                {[...new Set(rows.map((row) => row.siteCode))].sort().map((siteCode) => (
                  <tr key={siteCode} data-site={siteCode}>
                    <th scope="row">{siteCode}</th>
                    {months.map((month) => <td key={month}>{t.number(rows.filter((row) => row.siteCode === siteCode && row.month.startsWith(month)).reduce((sum, row) => sum + row.count, 0))}</td>)}
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </>
      )}
    </section>
  );
}

function FailureReasonsChart({ reasons }: { reasons: Array<{ reason: string; count: number }> }) {
  const t = useT();
  const shown = reasons.slice(0, 15);
  return (
    <section className="study-section" aria-labelledby="failure-chart-heading">
      <h2 id="failure-chart-heading">{t('conduct.chart.failureTitle')}</h2>
      {shown.length === 0 ? (
        <p className="notice notice-empty">{t('conduct.chart.noFailures')}</p>
      ) : (
        <>
          <PlotChart
            label={t('conduct.chart.failureTitle')}
            deps={[JSON.stringify(shown)]}
            build={(Plot) => ({
              height: 40 + shown.length * 26,
              marginLeft: 220,
              x: { label: t('conduct.chart.subjects'), grid: true, ticks: Math.min(10, Math.max(...shown.map((row) => row.count))), tickFormat: (value: number) => (Number.isInteger(value) ? t.number(value) : '') },
              y: { label: null, domain: shown.map((row) => row.reason), tickFormat: (reason: string) => (reason.length > 34 ? `${reason.slice(0, 33)}…` : reason) },
              marks: [Plot.barX(shown, { x: 'count', y: 'reason', fill: '#0f5963', title: (row: { reason: string; count: number }) => `${row.reason}: ${row.count}` }), Plot.ruleX([0])],
            })}
          />
          <details className="chart-data">
            <summary>{t('conduct.chart.showData')}</summary>
            <table className="data-table" data-failure-table="">
              <thead>
                <tr>
                  <th scope="col">{t('conduct.log.failureReasons')}</th>
                  <th scope="col">{t('conduct.chart.subjects')}</th>
                </tr>
              </thead>
              <tbody>
                {reasons.map((row) => (
                  <tr key={row.reason}>
                    <th scope="row">{row.reason}</th>
                    <td>{t.number(row.count)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </>
      )}
    </section>
  );
}
