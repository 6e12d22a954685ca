// The data-query API as the web pages call it (routes: src/server/routes/queries.ts).
import type { QueryCount, QueryDetail, QueryFilter, QueryView } from '../../conduct/queries/model.ts';
import { requestJson } from './client.ts';

export type * from '../../conduct/queries/model.ts';
export type { QueryAction, QueryState } from '../../core/study/query-workflow.ts';
export { allowedActions, QUERY_STATES, QUERYABLE_RECORDS } from '../../core/study/query-workflow.ts';

const base = (studyId: string) => `/api/studies/${encodeURIComponent(studyId)}/queries`;
const post = <T>(path: string, body: unknown) => requestJson<T>(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

export function listQueries(filter: QueryFilter, signal?: AbortSignal) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) if (key !== 'studyId' && value !== undefined && value !== '') search.set(key, String(value));
  const text = search.toString();
  return requestJson<{ total: number; items: QueryView[] }>(`${base(filter.studyId)}${text ? `?${text}` : ''}`, { signal });
}
export const queryCounts = (studyId: string, signal?: AbortSignal) => requestJson<QueryCount[]>(`${base(studyId)}/counts`, { signal });
export const fetchQuery = (studyId: string, queryId: number, signal?: AbortSignal) => requestJson<QueryDetail>(`${base(studyId)}/${queryId}`, { signal });
export const raiseQuery = (studyId: string, body: { subjectNumber: string; recordType: string; recordId?: number; field?: string; text: string }) => post<QueryDetail>(base(studyId), body);

/** The path of each action (the comment action's route is /comments). */
const ACTION_PATH = { answer: 'answer', close: 'close', reopen: 'reopen', comment: 'comments' } as const;
export const actOnQuery = (studyId: string, queryId: number, action: keyof typeof ACTION_PATH, text: string) =>
  post<QueryDetail>(`${base(studyId)}/${queryId}/${ACTION_PATH[action]}`, action === 'close' && text.trim() === '' ? {} : { text });
