// Audit entries as a table: when, who, what was done to which record, the change (old → new) and the
// reason given. Used by the audit page and by a subject's history.
import type { AuditEntryView } from '../api/conduct.ts';
import { useT } from '../i18n/i18n.tsx';
import { formatDateTime } from './format.ts';

function changeText(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value, null, 1);
}

export function AuditTable({ entries }: { entries: readonly AuditEntryView[] }) {
  const t = useT();
  return (
    <div className="table-scroll">
      <table className="data-table audit-table" data-audit-table="">
        <thead>
          <tr>
            <th scope="col">{t('conduct.audit.at')}</th>
            <th scope="col">{t('conduct.audit.user')}</th>
            <th scope="col">{t('conduct.audit.action')}</th>
            <th scope="col">{t('conduct.audit.record')}</th>
            <th scope="col">{t('conduct.audit.change')}</th>
            <th scope="col">{t('conduct.audit.reason')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id} data-audit-id={entry.id} data-record-type={entry.recordType}>
              <td>{formatDateTime(t, entry.at)}</td>
              <td>{entry.username}</td>
              <td>{entry.action}</td>
              <td>{entry.recordType} <span className="muted">{entry.recordId}</span>{entry.siteCode ? <span className="muted"> · {entry.siteCode}</span> : null}</td>
              <td>
                {entry.old !== null && entry.old !== undefined ? (
                  <details>
                    <summary>{t('conduct.audit.oldNew')}</summary>
                    <pre className="audit-value">{changeText(entry.old)}</pre>
                    <pre className="audit-value">{changeText(entry.new)}</pre>
                  </details>
                ) : entry.new !== null && entry.new !== undefined ? (
                  <details>
                    <summary>{t('conduct.audit.new')}</summary>
                    <pre className="audit-value">{changeText(entry.new)}</pre>
                  </details>
                ) : '—'}
              </td>
              <td>{entry.reason ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
