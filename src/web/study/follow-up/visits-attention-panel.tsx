// The coordinator's site home: visits overdue, due within 7 days or done out of window, across the
// site's subjects, by target date, each linking to the subject's visits page.
import { visitsNeedingAttention } from '../../api/visits.ts';
import { useApi } from '../../components/use-api.ts';
import { Loading } from '../../components/notices.tsx';
import { useT } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/en.ts';
import { Link } from '../../shell/router.tsx';
import { subjectHref } from '../../shell/routes.ts';
import { ApiProblem } from '../api-problem.tsx';
import { formatDay } from '../format.ts';
import { StatusTag } from './visits-area.tsx';

export function VisitsAttentionPanel({ studyId, siteCode }: { studyId: string; siteCode?: string }) {
  const t = useT();
  const items = useApi(`visits-attention:${studyId}:${siteCode ?? ''}`, (signal) => visitsNeedingAttention(studyId, siteCode, signal));
  return (
    <section className="study-section" aria-labelledby={`visits-attention-${siteCode ?? 'all'}`} data-visits-attention={siteCode ?? 'all'}>
      <h2 id={`visits-attention-${siteCode ?? 'all'}`}>{t('visits.attention.title')}</h2>
      {items.state.status === 'error' ? <ApiProblem error={items.state.error} /> : null}
      {!items.state.data ? (items.state.status === 'loading' ? <Loading label={t('conduct.loading')} /> : null) : items.state.data.length === 0 ? (
        <p className="notice notice-empty">{t('visits.attention.none')}</p>
      ) : (
        <table className="data-table compact" aria-label={t('visits.attention.title')}>
          <thead><tr><th scope="col">{t('visits.attention.subject')}</th><th scope="col">{t('visits.col.visit')}</th><th scope="col">{t('visits.col.target')}</th><th scope="col">{t('visits.col.window')}</th><th scope="col">{t('visits.col.status')}</th></tr></thead>
          <tbody>
            {items.state.data.map((item) => (
              <tr key={`${item.subjectNumber}:${item.visit}`} data-attention={item.attention}>
                <th scope="row"><Link href={subjectHref(studyId, item.subjectNumber, 'visits')}>{item.subjectNumber}</Link></th>
                <td>{t.language === 'zh' ? item.label.zh : item.label.en}</td>
                <td>{formatDay(t, item.target)}</td>
                <td>{formatDay(t, item.windowStart)} – {formatDay(t, item.windowEnd)}</td>
                <td><StatusTag status={item.status} /> <span className="muted">{t(`visits.attention.${item.attention}` as MessageKey)}</span></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
