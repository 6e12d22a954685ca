// The life of a data query (a data clarification request), as data: which action may follow which
// state, who may take it, and the state it leads to. A monitor or data manager raises a query (or an
// edit check does), site staff answer it, the monitor closes it or re-opens it; anyone involved may
// comment while it is not closed. Source: edc-practice.md §1 (OpenClinica/Castor query states).
import { EligoError } from '../problems.ts';

export const QUERY_STATES = ['open', 'answered', 'closed'] as const;
export type QueryState = (typeof QUERY_STATES)[number];

export const QUERY_ACTIONS = ['raise', 'answer', 'close', 'reopen', 'comment'] as const;
export type QueryAction = (typeof QUERY_ACTIONS)[number];

/** The right an action needs (src/conduct/access/roles.ts); answering is for the subject's own site staff. */
export type QueryRight = 'query.raise' | 'query.answer' | 'query.close';

interface Transition {
  from: readonly QueryState[];
  to: QueryState | 'same';
  /** Any of these rights allows the action. */
  rights: readonly QueryRight[];
  /** Whether the action must carry a text. */
  textRequired: boolean;
}

export const QUERY_TRANSITIONS: Readonly<Record<Exclude<QueryAction, 'raise'>, Transition>> = {
  answer: { from: ['open'], to: 'answered', rights: ['query.answer'], textRequired: true },
  close: { from: ['open', 'answered'], to: 'closed', rights: ['query.close'], textRequired: false },
  reopen: { from: ['answered', 'closed'], to: 'open', rights: ['query.close'], textRequired: true },
  comment: { from: ['open', 'answered'], to: 'same', rights: ['query.raise', 'query.answer', 'query.close'], textRequired: true },
};

/** The actions allowed in a state for someone holding `rights` (for buttons and error messages). */
export function allowedActions(state: QueryState, rights: ReadonlySet<QueryRight>): Array<Exclude<QueryAction, 'raise'>> {
  return (Object.keys(QUERY_TRANSITIONS) as Array<Exclude<QueryAction, 'raise'>>).filter((action) => {
    const transition = QUERY_TRANSITIONS[action];
    return transition.from.includes(state) && transition.rights.some((right) => rights.has(right));
  });
}

/** The state after `action`, or a conflict naming the current state and what may be done in it. */
export function nextState(state: QueryState, action: Exclude<QueryAction, 'raise'>): QueryState {
  const transition = QUERY_TRANSITIONS[action];
  if (!transition.from.includes(state)) {
    const possible = (Object.keys(QUERY_TRANSITIONS) as Array<Exclude<QueryAction, 'raise'>>).filter((other) => QUERY_TRANSITIONS[other].from.includes(state));
    throw EligoError.of('conflict', {
      code: 'query_state', field: 'state', value: state,
      expected: possible.length > 0 ? `one of the actions allowed on a query that is ${state}: ${possible.join(', ')}` : `no action: the query is ${state}`,
      message: `cannot ${action} a query that is ${state}`,
    });
  }
  return transition.to === 'same' ? state : transition.to;
}

/** The rights that allow an action (the service asks the actor's scope for one of them). */
export function rightsFor(action: QueryAction): readonly QueryRight[] {
  return action === 'raise' ? ['query.raise'] : QUERY_TRANSITIONS[action].rights;
}

export function textRequired(action: QueryAction): boolean {
  return action === 'raise' || QUERY_TRANSITIONS[action].textRequired;
}

/** Whole days a query has been open at `now` (0 on the day it was raised). */
export function queryAgeDays(raisedAt: Date, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - raisedAt.getTime()) / 86_400_000));
}

/** The follow-up and subject records a query may be raised on (the tables that hold them). */
export const QUERYABLE_RECORDS = [
  'screening', 'consent', 'enrollment', 'subject_visit', 'administration', 'lab_result', 'transfusion', 'marrow_exam', 'adverse_event', 'disease_assessment',
] as const;
export type QueryableRecord = (typeof QUERYABLE_RECORDS)[number];
