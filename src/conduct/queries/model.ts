// What the query service takes and gives: plain data for the HTTP routes, the CLI, the web pages and
// the demo. A query names a subject's record (type, id, field) and never any identifying detail.
import type { QueryAction, QueryState, QueryableRecord } from '../../core/study/query-workflow.ts';

export interface QueryEventView {
  action: QueryAction;
  text: string | null;
  stateAfter: QueryState;
  by: string;
  at: string;
}

export interface QueryView {
  id: number;
  studyId: string;
  siteCode: string;
  subjectNumber: string;
  recordType: string;
  recordId: number | null;
  field: string | null;
  /** 'edit_check' when an edit check raised it (checkId says which), else 'manual'. */
  origin: 'manual' | 'edit_check';
  checkId: string | null;
  state: QueryState;
  text: string;
  raisedBy: string;
  raisedAt: string;
  updatedAt: string;
  /** Whole days since it was raised. */
  ageDays: number;
}

export interface QueryDetail extends QueryView {
  history: QueryEventView[];
}

export interface RaiseQueryInput {
  studyId: string;
  subjectNumber: string;
  recordType: QueryableRecord | string;
  recordId?: number;
  field?: string;
  text: string;
}

export interface QueryActionInput {
  studyId: string;
  /** The query number (a path parameter arrives as text). */
  queryId: number | string;
  text?: string;
}

export interface QueryFilter {
  studyId: string;
  state?: QueryState;
  siteCode?: string;
  subjectNumber?: string;
  recordType?: string;
  origin?: 'manual' | 'edit_check';
  /** Only queries raised at least this many whole days ago (their age, as shown). */
  minAgeDays?: number;
  limit?: number;
  offset?: number;
}

export interface QueryCount {
  siteCode: string;
  state: QueryState;
  count: number;
}
