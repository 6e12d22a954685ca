// One data query as its people see it: what is queried (record, field, link to the subject), its
// state and age, the whole history, and the forms for what the signed-in user may do next — decided
// by the same workflow table the server applies (core/study/query-workflow.ts); the server decides again.
import { useState } from 'react';
import { actOnQuery, allowedActions, type QueryActionName, type QueryDetail, type QueryRight, type QueryState, type QueryView } from '../../api/queries.ts';
import type { SessionGrant } from '../../api/auth.ts';
import { useT } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/en.ts';
import { Link } from '../../shell/router.tsx';
import { subjectHref } from '../../shell/routes.ts';
import { ApiProblem, invalidIf } from '../api-problem.tsx';
import { formatDateTime } from '../format.ts';
import { allows, sitesWith } from '../permissions.ts';
import { useSubmit } from '../use-submit.ts';

const STATE_TONE: Record<QueryState, string> = { open: 'attention', answered: 'open', closed: 'neutral' };
const RIGHTS: readonly QueryRight[] = ['query.raise', 'query.answer', 'query.close'];

export function QueryStateTag({ state }: { state: QueryState }) {
  const t = useT();
  return <span className={`badge badge-${STATE_TONE[state]}`} data-query-state={state}>{t(`conduct.queries.state.${state}` as MessageKey)}</span>;
}

/** "Lab result #12 · field value" in the UI language. */
export function recordLabel(t: ReturnType<typeof useT>, query: Pick<QueryView, 'recordType' | 'recordId' | 'field'>): string {
  const record = t(`conduct.queries.record.${query.recordType}` as MessageKey);
  const named = query.recordId === null ? record : t('conduct.queries.recordRef', { record, id: query.recordId });
  return query.field ? `${named} · ${t('conduct.queries.fieldRef', { field: query.field })}` : named;
}

export function originLabel(t: ReturnType<typeof useT>, query: Pick<QueryView, 'origin' | 'checkId'>): string {
  return query.origin === 'edit_check' && query.checkId ? t('conduct.queries.originCheck', { check: query.checkId }) : t(`conduct.queries.origin.${query.origin}` as MessageKey);
}

/** The query rights the user's grants give at a site (presentation only). */
export function queryRightsAt(grants: readonly SessionGrant[], studyId: string, siteCode: string): Set<QueryRight> {
  return new Set(RIGHTS.filter((right) => allows(sitesWith(grants, studyId, right), siteCode)));
}

export function QueryThread({ query, grants, onChange, showSubject = true }: { query: QueryDetail; grants: readonly SessionGrant[]; onChange(query: QueryDetail): void; showSubject?: boolean }) {
  const t = useT();
  const actions = allowedActions(query.state, queryRightsAt(grants, query.studyId, query.siteCode));
  return (
    <article className="query-thread" data-query={query.id} data-query-state={query.state} aria-labelledby={`query-${query.id}-heading`}>
      <h3 id={`query-${query.id}-heading`}>
        {t('conduct.queries.queryNumber', { id: query.id })} <QueryStateTag state={query.state} />
      </h3>
      <p className="muted">
        {showSubject ? <><Link href={subjectHref(query.studyId, query.subjectNumber, 'queries')}>{query.subjectNumber}</Link> · </> : null}
        <span data-query-record="">{recordLabel(t, query)}</span> · {originLabel(t, query)} · {t.plural('conduct.queries.age', query.ageDays)}
      </p>
      <h4>{t('conduct.queries.history')}</h4>
      <ol className="query-history" data-query-history="">
        {query.history.map((event, index) => (
          <li key={index} data-event={event.action}>
            <span className="muted">{t('conduct.queries.event', { action: t(`conduct.queries.action.${event.action}` as MessageKey), user: event.by, date: formatDateTime(t, event.at) })}</span>
            {event.text ? <p className="query-text">{event.text}</p> : null}
          </li>
        ))}
      </ol>
      {actions.length === 0 ? <p className="notice notice-empty">{t('conduct.queries.noActions')}</p> : <QueryActions query={query} actions={actions} onChange={onChange} />}
    </article>
  );
}

function QueryActions({ query, actions, onChange }: { query: QueryDetail; actions: QueryActionName[]; onChange(query: QueryDetail): void }) {
  const t = useT();
  const [action, setAction] = useState<QueryActionName>(actions[0]);
  const [text, setText] = useState('');
  const chosen = actions.includes(action) ? action : actions[0];
  const problemId = `query-${query.id}-problem`;
  const { busy, error, submit } = useSubmit(() => actOnQuery(query.studyId, query.id, chosen, text), (after) => {
    setText('');
    onChange(after);
  });
  return (
    <form className="query-actions" onSubmit={submit} data-query-actions="">
      {actions.length > 1 ? (
        <fieldset className="choice-row">
          <legend className="visually-hidden">{t('conduct.queries.col.state')}</legend>
          {actions.map((candidate) => (
            <label key={candidate} className="choice">
              <input type="radio" name={`query-${query.id}-action`} value={candidate} checked={chosen === candidate} onChange={() => setAction(candidate)} />
              <span>{t(`conduct.queries.do.${candidate}` as MessageKey)}</span>
            </label>
          ))}
        </fieldset>
      ) : null}
      <label className="field">
        <span>{t(`conduct.queries.textFor.${chosen}` as MessageKey)}</span>
        <textarea rows={2} value={text} onChange={(event) => setText(event.target.value)} required={chosen !== 'close'} {...invalidIf(error, 'text', problemId)} />
      </label>
      {error ? <div id={problemId}><ApiProblem error={error} /></div> : null}
      <button type="submit" className="button button-primary" disabled={busy} data-query-submit={chosen}>
        {busy ? t('conduct.queries.saving') : t(`conduct.queries.do.${chosen}` as MessageKey)}
      </button>
    </form>
  );
}
