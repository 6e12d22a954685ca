// Raising a data query: the form a monitor fills on a subject's query page (choosing the record),
// and RaiseQueryButton, which any area can place next to a value to query that very record and field.
// Shown only to users with query.raise at the subject's site; the server decides again.
import { useState } from 'react';
import { parseSubjectNumber } from '../../../core/study/subject-number.ts';
import { QUERYABLE_RECORDS, raiseQuery, type QueryDetail } from '../../api/queries.ts';
import { useT } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/en.ts';
import { ApiProblem, invalidIf } from '../api-problem.tsx';
import { allows, sitesWith } from '../permissions.ts';
import { useSignedIn } from '../session-gate.tsx';
import { useSubmit } from '../use-submit.ts';

/** Whether the signed-in user may raise a query on this subject (by the site in its number). */
export function useCanRaise(studyId: string, subjectNumber: string): boolean {
  const { grants } = useSignedIn();
  let siteCode: string;
  try {
    siteCode = parseSubjectNumber(subjectNumber).siteCode;
  } catch {
    return false;
  }
  return allows(sitesWith(grants, studyId, 'query.raise'), siteCode);
}

interface RaiseTarget {
  studyId: string;
  subjectNumber: string;
  /** Fixed record (RaiseQueryButton); without it the form offers a choice. */
  recordType?: string;
  recordId?: number;
  field?: string;
}

export function RaiseQueryForm({ target, onRaised, onCancel }: { target: RaiseTarget; onRaised(query: QueryDetail): void; onCancel?(): void }) {
  const t = useT();
  const fixed = target.recordType !== undefined;
  const [recordType, setRecordType] = useState(target.recordType ?? 'screening');
  const [recordId, setRecordId] = useState(target.recordId === undefined ? '' : String(target.recordId));
  const [field, setField] = useState(target.field ?? '');
  const [text, setText] = useState('');
  const problemId = `raise-${target.subjectNumber}-${target.recordType ?? 'any'}-${target.recordId ?? ''}-${target.field ?? ''}-problem`;
  const { busy, error, submit } = useSubmit(
    () => raiseQuery(target.studyId, {
      subjectNumber: target.subjectNumber, recordType,
      ...(recordId.trim() === '' ? {} : { recordId: /^\d+$/.test(recordId.trim()) ? Number(recordId.trim()) : (recordId as unknown as number) }),
      ...(field.trim() === '' ? {} : { field: field.trim() }),
      text,
    }),
    (query) => {
      setText('');
      onRaised(query);
    },
  );
  return (
    <form className="raise-query" onSubmit={submit} data-raise-query="">
      {fixed ? null : (
        <div className="field-row">
          <label className="field">
            <span>{t('conduct.queries.raise.record')}</span>
            <select value={recordType} onChange={(event) => setRecordType(event.target.value)} {...invalidIf(error, 'recordType', problemId)}>
              {QUERYABLE_RECORDS.map((type) => <option key={type} value={type}>{t(`conduct.queries.record.${type}` as MessageKey)}</option>)}
            </select>
          </label>
          <label className="field">
            <span>{t('conduct.queries.raise.recordId')}</span>
            <input inputMode="numeric" value={recordId} onChange={(event) => setRecordId(event.target.value)} aria-describedby={`${problemId}-hint`} {...invalidIf(error, 'recordId', problemId)} />
            <small id={`${problemId}-hint`} className="hint">{t('conduct.queries.raise.recordIdHint')}</small>
          </label>
          <label className="field">
            <span>{t('conduct.queries.raise.field')}</span>
            <input value={field} onChange={(event) => setField(event.target.value)} {...invalidIf(error, 'field', problemId)} />
            <small className="hint">{t('conduct.queries.raise.fieldHint')}</small>
          </label>
        </div>
      )}
      <label className="field">
        <span>{t('conduct.queries.raise.text')}</span>
        <textarea rows={2} value={text} required onChange={(event) => setText(event.target.value)} {...invalidIf(error, 'text', problemId)} />
      </label>
      {error ? <div id={problemId}><ApiProblem error={error} /></div> : null}
      <p className="action-row">
        <button type="submit" className="button button-primary" disabled={busy}>{busy ? t('conduct.queries.saving') : t('conduct.queries.raise.submit')}</button>
        {onCancel ? <button type="button" className="button button-secondary" onClick={onCancel}>{t('conduct.cancel')}</button> : null}
      </p>
    </form>
  );
}

/** A small button next to a value: opens the raise form for that record and field. Nothing for users who cannot raise. */
export function RaiseQueryButton({ studyId, subjectNumber, recordType, recordId, field, onRaised }: {
  studyId: string; subjectNumber: string; recordType: string; recordId?: number; field?: string; onRaised?(query: QueryDetail): void;
}) {
  const t = useT();
  const canRaise = useCanRaise(studyId, subjectNumber);
  const [open, setOpen] = useState(false);
  const [raised, setRaised] = useState<number | null>(null);
  if (!canRaise) return null;
  const what = field ? `${t(`conduct.queries.record.${recordType}` as MessageKey)} · ${field}` : t(`conduct.queries.record.${recordType}` as MessageKey);
  return (
    <span className="raise-query-button" data-raise-query-button={`${recordType}:${recordId ?? ''}:${field ?? ''}`}>
      {open ? (
        <RaiseQueryForm
          target={{ studyId, subjectNumber, recordType, recordId, field }}
          onCancel={() => setOpen(false)}
          onRaised={(query) => {
            setOpen(false);
            setRaised(query.id);
            onRaised?.(query);
          }}
        />
      ) : (
        <button type="button" className="button button-small button-secondary" onClick={() => setOpen(true)} aria-label={t('conduct.queries.raise.buttonOn', { what })}>
          {t('conduct.queries.raise.button')}
        </button>
      )}
      {raised !== null ? <span role="status" className="muted"> {t('conduct.queries.raised', { id: raised })}</span> : null}
    </span>
  );
}
