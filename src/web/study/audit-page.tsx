// /studies/NCT…/audit: the study's audit trail within the user's scope, filtered by date, user, record
// type and site, paged, and downloadable as JSON Lines or CSV with the same filters.
import { useEffect, useState } from 'react';
import { auditExportHref, listAudit, type AuditQuery } from '../api/conduct.ts';
import { useApi } from '../components/use-api.ts';
import { Loading } from '../components/notices.tsx';
import { useT } from '../i18n/i18n.tsx';
import { Link } from '../shell/router.tsx';
import { studyHref } from '../shell/routes.ts';
import { ApiProblem, invalidIf } from './api-problem.tsx';
import { AuditTable } from './audit-table.tsx';

const PAGE_SIZE = 100;
// The record types the conduct and account services audit (src/conduct/**: recordType).
const RECORD_TYPES = ['study', 'study_protocol', 'site', 'screening', 'consent', 'enrollment', 'account_user', 'account_grant', 'account_api_token'];

export function AuditPage({ studyId }: { studyId: string }) {
  const t = useT();
  const [draft, setDraft] = useState<AuditQuery>({});
  const [filter, setFilter] = useState<AuditQuery>({});
  const [offset, setOffset] = useState(0);
  const query = { ...filter, limit: PAGE_SIZE, offset };
  const entries = useApi(`audit:${studyId}:${JSON.stringify(query)}`, (signal) => listAudit(studyId, query, signal));
  useEffect(() => {
    document.title = `${t('conduct.audit.title')} · ${studyId} · ${t('app.name')}`;
  }, [t, studyId]);
  const set = (key: keyof AuditQuery) => (event: { target: { value: string } }) => setDraft({ ...draft, [key]: event.target.value.trim() || undefined });
  const error = entries.state.status === 'error' ? entries.state.error : null;
  const page = entries.state.data;

  return (
    <div className="audit-page">
      <p className="back-link"><Link href={studyHref(studyId)}>← {t('conduct.backToStudy')}</Link></p>
      <h1 tabIndex={-1}>{t('conduct.audit.title')}</h1>
      <p className="lead muted">{studyId}</p>
      <form className="filter-row" onSubmit={(event) => { event.preventDefault(); setFilter(draft); setOffset(0); }} aria-label={t('conduct.audit.filters')}>
        <label className="field">
          <span>{t('conduct.log.from')}</span>
          <input type="date" value={draft.from ?? ''} onChange={set('from')} {...invalidIf(error, 'from')} />
        </label>
        <label className="field">
          <span>{t('conduct.log.to')}</span>
          <input type="date" value={draft.to ?? ''} onChange={set('to')} {...invalidIf(error, 'to')} />
        </label>
        <label className="field">
          <span>{t('conduct.audit.user')}</span>
          <input value={draft.username ?? ''} onChange={set('username')} {...invalidIf(error, 'username')} />
        </label>
        <label className="field">
          <span>{t('conduct.audit.recordType')}</span>
          <select value={draft.recordType ?? ''} onChange={set('recordType')} {...invalidIf(error, 'recordType')}>
            <option value="">{t('conduct.log.any')}</option>
            {RECORD_TYPES.map((type) => <option key={type} value={type}>{type}</option>)}
          </select>
        </label>
        <label className="field">
          <span>{t('conduct.audit.site')}</span>
          <input value={draft.siteCode ?? ''} onChange={(event) => setDraft({ ...draft, siteCode: event.target.value.trim().toUpperCase() || undefined })} {...invalidIf(error, 'siteCode')} />
        </label>
        <p className="field-submit"><button type="submit" className="button button-primary">{t('conduct.audit.apply')}</button></p>
      </form>
      <p className="action-row">
        <a className="button button-secondary" href={auditExportHref(studyId, 'jsonl', filter)} download>{t('conduct.audit.exportJsonl')}</a>
        <a className="button button-secondary" href={auditExportHref(studyId, 'csv', filter)} download>{t('conduct.audit.exportCsv')}</a>
      </p>
      {error ? <ApiProblem error={error} /> : null}
      {!page ? (
        entries.state.status === 'loading' ? <Loading label={t('conduct.loading')} /> : null
      ) : page.items.length === 0 ? (
        <p className="notice notice-empty">{t('conduct.audit.none')}</p>
      ) : (
        <>
          <p className="muted">{t('conduct.log.showing', { from: offset + 1, to: offset + page.items.length, total: page.total })}</p>
          <AuditTable entries={page.items} />
          <p className="pager">
            <button type="button" className="button button-secondary" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}>{t('conduct.previous')}</button>{' '}
            <button type="button" className="button button-secondary" disabled={offset + PAGE_SIZE >= page.total} onClick={() => setOffset(offset + PAGE_SIZE)}>{t('conduct.next')}</button>
          </p>
        </>
      )}
    </div>
  );
}
