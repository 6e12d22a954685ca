// Raising a data query: a full form (the record chosen from the subject's records) for the subject's
// query page, and a small button any area can place next to a value it shows.
import { useState } from 'react';
import { QUERYABLE_RECORDS, raiseQuery, type QueryDetail } from '../../api/queries.ts';
import { useT } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/en.ts';
import { ApiProblem, invalidIf } from '../api-problem.tsx';
import { useSubmit } from '../use-submit.ts';
import { useQueryRights } from './query-card.tsx';

export function RaiseQueryForm({ studyId, subjectNumber, onRaised, fixed }: {
  studyId: string; subjectNumber: string; onRaised: (query: QueryDetail) => void;
  /** The record already chosen (the button's case). */
  fixed?: { recordType: string; recordId?: number; field?: string };
}) {
  const t = useT();
  const [recordType, setRecordType] = useState(fixed?.recordType ?? 'screening');
  const [recordId, setRecordId] = useState(fixed?.recordId === undefined ? '' : String(fixed.recordId));
  const [field, setField] = useState(fixed?.field ?? '');
  const [text, setText] = useState('');
  const problemId = `raise-problem-${fixed ? `${fixed.recordType}-${fixed.recordId ?? ''}` : 'form'}`;
  const { busy, error, submit } = useSubmit(
    () => raiseQuery(studyId, { subjectNumber, recordType, ...(recordId.trim() === '' ? {} : { recordId: Number(recordId) }), ...(field.trim() === '' ? {} : { field: field.trim() }), text: text.trim() }),
    (query) => {
      setText('');
      onRaised(query);
    },
  );
  return (
    <form className="inline-form raise-query" onSubmit={submit} aria-label={t('queries.raise.title')}>
      {fixed ? null : (
        <>
          <label className="field">
            <span>{t('queries.raise.recordType')}</span>
            <select value={recordType} onChange={(event) => setRecordType(event.target.value)} {...invalidIf(error, 'recordType', problemId)}>
              {QUERYABLE_RECORDS.map((type) => <option key={type} value={type}>{t(`queries.record.${type}` as MessageKey)}</option>)}
            </select>
          </label>
          <label className="field">
            <span>{t('queries.raise.recordId')}</span>
            <input inputMode="numeric" value={recordId} onChange={(event) => setRecordId(event.target.value)} {...invalidIf(error, 'recordId', problemId)} />
          </label>
          <label className="field">
            <span>{t('queries.raise.field')}</span>
            <input value={field} onChange={(event) => setField(event.target.value)} {...invalidIf(error, 'field', problemId)} />
          </label>
        </>
      )}
      <label className="field">
        <span>{t('queries.raise.text')}</span>
        <textarea rows={2} value={text} onChange={(event) => setText(event.target.value)} {...invalidIf(error, 'text', problemId)} />
      </label>
      <p><button type="submit" className="button button-primary" disabled={busy}>{t('queries.raise.submit')}</button></p>
      {error ? <ApiProblem error={error} id={problemId} /> : null}
    </form>
  );
}

/** "Query this" beside a value: shown only to users who may raise queries at the subject's site. */
export function RaiseQueryButton({ studyId, subjectNumber, siteCode, recordType, recordId, field, onRaised }: {
  studyId: string; subjectNumber: string; siteCode: string; recordType: string; recordId?: number; field?: string; onRaised?: (query: QueryDetail) => void;
}) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const rights = useQueryRights(studyId, siteCode);
  if (!rights.has('query.raise')) return null;
  if (!open) return <button type="button" className="button-link" onClick={() => setOpen(true)}>{t('queries.raise.button')}</button>;
  return <RaiseQueryForm studyId={studyId} subjectNumber={subjectNumber} fixed={{ recordType, recordId, field }} onRaised={(query) => { setOpen(false); onRaised?.(query); }} />;
}
