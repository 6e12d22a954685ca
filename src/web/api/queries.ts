// The data-query API as the web pages call it (src/server/routes/queries.ts): raise, answer, close,
// re-open, comment, list, one with its history, counts. Shapes are the service's own (type-only).
import type { QueryCount, QueryDetail, QueryView } from '../../conduct/queries/model.ts';
import type { QueryState } from '../../core/study/query-workflow.ts';
import { requestJson } from './client.ts';

export type { QueryCount, QueryDetail, QueryEventView, QueryView } from '../../conduct/queries/model.ts';
export { QUERY_STATES, QUERYABLE_RECORDS, allowedActions, type QueryRight, type QueryState } from '../../core/study/query-workflow.ts';

const base = (studyId: string) => `/api/studies/${encodeURIComponent(studyId)}/queries`;
const one = (studyId: string, queryId: number) => `${base(studyId)}/${encodeURIComponent(String(queryId))}`;

export interface QueryListFilter {
  state?: QueryState | '';
  siteCode?: string;
  subjectNumber?: string;
  recordType?: string;
  origin?: 'manual' | 'edit_check' | '';
  limit?: number;
  offset?: number;
}

function search(filter: QueryListFilter): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) if (value !== undefined && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

const post = <T>(path: string, body: unknown) => requestJson<T>(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

export const listQueries = (studyId: string, filter: QueryListFilter, signal?: AbortSignal) =>
  requestJson<{ total: number; items: QueryView[] }>(`${base(studyId)}${search(filter)}`, { signal });
export const queryCounts = (studyId: string, signal?: AbortSignal) => requestJson<QueryCount[]>(`${base(studyId)}/counts`, { signal });
export const fetchQuery = (studyId: string, queryId: number, signal?: AbortSignal) => requestJson<QueryDetail>(one(studyId, queryId), { signal });

export interface RaiseQueryBody {
  subjectNumber: string;
  recordType: string;
  recordId?: number;
  field?: string;
  text: string;
}

export const raiseQuery = (studyId: string, body: RaiseQueryBody) => post<QueryDetail>(base(studyId), body);

/** The actions on a query, each with the path segment its route uses. */
export type QueryActionName = 'answer' | 'close' | 'reopen' | 'comment';
const ACTION_PATH: Record<QueryActionName, string> = { answer: 'answer', close: 'close', reopen: 'reopen', comment: 'comments' };

export const actOnQuery = (studyId: string, queryId: number, action: QueryActionName, text: string) =>
  post<QueryDetail>(`${one(studyId, queryId)}/${ACTION_PATH[action]}`, action === 'close' && text.trim() === '' ? {} : { text });
