// One data query as site staff and monitors work it: state, the record and field it names, its
// history, and the actions the user's rights allow in its state (answer, close, re-open, comment).
import { useState } from 'react';
import { actOnQuery, allowedActions, type QueryAction, type QueryDetail, type QueryState, type QueryView } from '../../api/queries.ts';
import { useApi } from '../../components/use-api.ts';
import { useT } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/en.ts';
import { ApiProblem, invalidIf } from '../api-problem.tsx';
import { formatDateTime } from '../format.ts';
import { allows, sitesWith } from '../permissions.ts';
import { useSignedIn } from '../session-gate.tsx';
import { useSubmit } from '../use-submit.ts';
import { fetchQuery } from '../../api/queries.ts';

const STATE_TONE: Record<QueryState, string> = { open: 'attention', answered: 'neutral', closed: 'open' };

export function QueryStateTag({ state }: { state: QueryState }) {
  const t = useT();
  return <span className={`badge badge-${STATE_TONE[state]}`} data-query-state={state}>{t(`queries.state.${state}` as MessageKey)}</span>;
}

export function recordLabel(t: ReturnType<typeof useT>, query: Pick<QueryView, 'recordType' | 'recordId'>): string {
  const name = t(`queries.record.${query.recordType}` as MessageKey);
  return query.recordType === 'screening' || query.recordId === null ? name : `${name} #${query.recordId}`;
}

export function ageText(t: ReturnType<typeof useT>, days: number): string {
  return days === 0 ? t('queries.ageToday') : t('queries.age', { days });
}

/** The rights the signed-in user holds for queries at a site. */
export function useQueryRights(studyId: string, siteCode: string) {
  const { grants } = useSignedIn();
  const rights = new Set<'query.raise' | 'query.answer' | 'query.close'>();
  for (const right of ['query.raise', 'query.answer', 'query.close'] as const) if (allows(sitesWith(grants, studyId, right), siteCode)) rights.add(right);
  return rights;
}

export function QueryCard({ query: initial, onChange }: { query: QueryView; onChange?: (query: QueryDetail) => void }) {
  const t = useT();
  const [query, setQuery] = useState<QueryView | QueryDetail>(initial);
  const [reload, setReload] = useState(0);
  const detail = useApi(`query:${query.studyId}:${query.id}:${reload}`, (signal) => fetchQuery(query.studyId, query.id, signal));
  const history = 'history' in query ? query.history : detail.state.data?.history;
  const rights = useQueryRights(query.studyId, query.siteCode);
  const actions = allowedActions(query.state, rights);
  const changed = (next: QueryDetail) => {
    setQuery(next);
    setReload((n) => n + 1);
    onChange?.(next);
  };
  return (
    <li className="query-card" data-query={query.id} data-query-state={query.state}>
      <p>
        <QueryStateTag state={query.state} /> <strong>{recordLabel(t, query)}</strong>
        {query.field ? <> · {t('queries.field')} <code>{query.field}</code></> : null}
        {' · '}<span className="muted">{t(`queries.origin.${query.origin}` as MessageKey)}</span>
      </p>
      <p className="query-text">{query.text}</p>
      <p className="muted">{t('queries.raisedBy', { by: query.raisedBy, at: formatDateTime(t, query.raisedAt) })} · {ageText(t, query.ageDays)}</p>
      {history && history.length > 1 ? (
        <details className="query-history">
          <summary>{t('queries.history')} ({history.length})</summary>
          <ol>
            {history.map((event, index) => (
              <li key={index} data-query-event={event.action}>
                <span className="muted">{formatDateTime(t, event.at)}</span> {event.by} {t(`queries.action.${event.action}` as MessageKey)}{event.text ? `: ${event.text}` : ''}
              </li>
            ))}
          </ol>
        </details>
      ) : null}
      {actions.length > 0 ? <QueryActions query={query} actions={actions} onDone={changed} /> : null}
    </li>
  );
}

function QueryActions({ query, actions, onDone }: { query: QueryView; actions: Array<Exclude<QueryAction, 'raise'>>; onDone: (query: QueryDetail) => void }) {
  const t = useT();
  const [action, setAction] = useState<Exclude<QueryAction, 'raise'>>(actions[0]);
  const [text, setText] = useState('');
  const problemId = `query-problem-${query.id}`;
  const { busy, error, submit } = useSubmit(() => actOnQuery(query.studyId, query.id, action, text), (next) => {
    setText('');
    onDone(next);
  });
  const chosen = actions.includes(action) ? action : actions[0];
  return (
    <form className="inline-form query-actions" onSubmit={submit}>
      <label className="field">
        <span>{chosen === 'close' ? t('queries.textOptional') : t('queries.text')}</span>
        <textarea rows={2} value={text} onChange={(event) => setText(event.target.value)} {...invalidIf(error, 'text', problemId)} />
      </label>
      <p>
        {actions.map((name) => (
          <button key={name} type="submit" className={name === actions[0] ? 'button button-primary' : 'button button-secondary'} disabled={busy} onClick={() => setAction(name)}>
            {t(`queries.do.${name}` as MessageKey)}
          </button>
        ))}
      </p>
      {error ? <ApiProblem error={error} id={problemId} /> : null}
    </form>
  );
}
