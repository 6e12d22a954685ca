// Data queries: a monitor, data manager or sponsor admin raises one on a subject's record (or an edit
// check does, through query-insert.ts), the subject's site staff answer it, the monitor closes or
// re-opens it. Every action is one transaction: the event, the new state and the audit entry commit
// together. A query at a site the actor cannot see answers not_found, exactly like a missing one.
import { requireScope, scopeIncludes, scopeOf, type Actor } from '../access/actor.ts';
import type { Permission } from '../access/roles.ts';
import { auditActorOf } from '../audit/entry.ts';
import { EligoError, notFound } from '../../core/problems.ts';
import { nextState, queryAgeDays, QUERY_STATES, QUERYABLE_RECORDS, rightsFor, textRequired, type QueryAction, type QueryableRecord } from '../../core/study/query-workflow.ts';
import type { Stores } from '../../store/index.ts';
import type { QueryRecord } from '../../store/conduct/queries.ts';
import { checkPage, checkText, optionalText, subjectFor, systemClock, type ConductClock } from '../screening/subject-access.ts';
import type { QueryActionInput, QueryCount, QueryDetail, QueryFilter, QueryView, RaiseQueryInput } from './model.ts';

export interface QueryService {
  /** Raises a query on a subject's record (query.raise). invalid: unknown record type, missing text; not_found: subject or record. */
  raise(actor: Actor, input: RaiseQueryInput): Promise<QueryDetail>;
  /** Site staff answer (query.answer at the subject's site); the query becomes answered. */
  answer(actor: Actor, input: QueryActionInput): Promise<QueryDetail>;
  /** Closed by a monitor (query.close), from open or answered. */
  close(actor: Actor, input: QueryActionInput): Promise<QueryDetail>;
  /** Re-opened by a monitor with a text saying why (query.close). */
  reopen(actor: Actor, input: QueryActionInput): Promise<QueryDetail>;
  /** A comment while open or answered, by anyone with a query right there; the state stays. */
  comment(actor: Actor, input: QueryActionInput): Promise<QueryDetail>;
  list(actor: Actor, filter: QueryFilter): Promise<{ total: number; items: QueryView[] }>;
  get(actor: Actor, studyId: string, queryId: unknown): Promise<QueryDetail>;
  counts(actor: Actor, studyId: string): Promise<QueryCount[]>;
}

const FIELD_PATTERN = /^[A-Za-z][A-Za-z0-9_.]{0,63}$/;

export function queryService({ stores, clock = systemClock }: { stores: Stores; clock?: ConductClock }): QueryService {
  const queries = stores.queries;
  const view = (query: QueryRecord): QueryView => {
    const { screeningId: _screeningId, ...rest } = query;
    return { ...rest, ageDays: queryAgeDays(new Date(query.raisedAt), clock.now()) };
  };
  const detail = async (query: QueryRecord): Promise<QueryDetail> => ({ ...view(query), history: await queries.history(query.id) });

  /** The subject's one enrollment record (a query on "the enrollment" needs no id); not_found when not enrolled. */
  async function enrollmentOf(screeningId: number, subjectNumber: string): Promise<number> {
    const id = await queries.onlyRecordOf('enrollment', screeningId);
    if (id === undefined) throw notFound(`enrollment record of ${subjectNumber}`, 'recordId');
    return id;
  }

  /** The query within what the actor may read, and the right they act with at its site. */
  async function visibleQuery(actor: Actor, studyId: string, queryId: unknown): Promise<QueryRecord> {
    const readable = requireScope(actor, studyId, 'study.read');
    const id = checkQueryId(queryId);
    const query = await queries.query(readable, id);
    if (!query) throw notFound('query', 'queryId', queryId);
    return query;
  }

  async function act(actor: Actor, action: Exclude<QueryAction, 'raise'>, input: QueryActionInput): Promise<QueryDetail> {
    const now = clock.now();
    const seen = await visibleQuery(actor, input.studyId, input.queryId);
    const right = rightAt(actor, input.studyId, seen.siteCode, rightsFor(action));
    const text = textRequired(action) ? checkText(input.text, 'text') : optionalText(input.text, 'text');
    return queries.transaction(async (repo, tx) => {
      const query = (await repo.query(requireScope(actor, input.studyId, right, seen.siteCode), seen.id, { forUpdate: true }))!;
      const state = nextState(query.state, action);
      await repo.act(query.id, action, text, state, actor.username, now);
      await stores.auditWriter.append(tx, {
        actor: auditActorOf(actor), action: `query.${action}`, recordType: 'data_query', recordId: String(query.id), studyId: query.studyId, siteCode: query.siteCode,
        oldValue: { state: query.state }, newValue: { state, subjectNumber: query.subjectNumber, record: `${query.recordType}${query.recordId === null ? '' : `#${query.recordId}`}`, ...(text === null ? {} : { text }) }, at: now,
      });
      const after = { ...query, state, updatedAt: now.toISOString() };
      return { ...view(after), history: await repo.history(query.id) };
    });
  }

  return {
    async raise(actor, input) {
      const now = clock.now();
      const { screening } = await subjectFor(stores.subjects, actor, input.studyId, input.subjectNumber, 'query.raise');
      const recordType = checkRecordType(input.recordType);
      const recordId = input.recordId === undefined && recordType === 'screening' ? screening.id
        : input.recordId === undefined && recordType === 'enrollment' ? await enrollmentOf(screening.id, screening.subjectNumber)
        : checkRecordId(input.recordId);
      const field = input.field === undefined || input.field === null || input.field === '' ? null : checkField(input.field);
      const text = checkText(input.text, 'text');
      if (!(await queries.recordOfSubject(recordType, recordId, screening.id))) throw notFound(`${recordType} record of ${input.subjectNumber}`, 'recordId', input.recordId ?? recordId);
      return queries.transaction(async (repo, tx) => {
        const id = await repo.raise({ studyId: input.studyId, siteCode: screening.siteCode, screeningId: screening.id, subjectNumber: screening.subjectNumber, recordType, recordId, field, origin: 'manual', checkId: null, text, by: actor.username, at: now });
        await stores.auditWriter.append(tx, {
          actor: auditActorOf(actor), action: 'query.raise', recordType: 'data_query', recordId: String(id), studyId: input.studyId, siteCode: screening.siteCode,
          oldValue: null, newValue: { state: 'open', subjectNumber: screening.subjectNumber, record: `${recordType}#${recordId}`, field, text }, at: now,
        });
        const query = (await repo.query({ studyId: input.studyId, sites: [screening.siteCode] }, id))!;
        return { ...view(query), history: await repo.history(id) };
      });
    },
    answer: (actor, input) => act(actor, 'answer', input),
    close: (actor, input) => act(actor, 'close', input),
    reopen: (actor, input) => act(actor, 'reopen', input),
    comment: (actor, input) => act(actor, 'comment', input),

    async list(actor, filter) {
      const scope = requireScope(actor, filter.studyId, 'study.read', filter.siteCode);
      const page = checkPage(filter.limit, filter.offset, 500, 100);
      if (filter.state !== undefined && !(QUERY_STATES as readonly string[]).includes(filter.state)) throw EligoError.of('invalid', { code: 'invalid_option', field: 'state', value: filter.state, expected: `one of ${QUERY_STATES.join(', ')}` });
      if (filter.origin !== undefined && filter.origin !== 'manual' && filter.origin !== 'edit_check') throw EligoError.of('invalid', { code: 'invalid_option', field: 'origin', value: filter.origin, expected: 'manual or edit_check' });
      if (filter.recordType !== undefined) checkRecordType(filter.recordType);
      const minAge = filter.minAgeDays;
      if (minAge !== undefined && (typeof minAge !== 'number' || !Number.isInteger(minAge) || minAge < 0 || minAge > 36_500)) {
        throw EligoError.of('invalid', { code: 'invalid_range', field: 'minAgeDays', value: minAge, expected: 'a whole number of days from 0 to 36500' });
      }
      // A query's age is whole days since raised (queryAgeDays): at least N days old means raised N×24 h ago or earlier.
      const raisedBefore = minAge === undefined ? undefined : new Date(clock.now().getTime() - minAge * 86_400_000);
      const found = await queries.list(scope, { state: filter.state, siteCode: filter.siteCode, subjectNumber: filter.subjectNumber, recordType: filter.recordType, origin: filter.origin, raisedBefore, ...page });
      return { total: found.total, items: found.items.map(view) };
    },
    async get(actor, studyId, queryId) {
      return detail(await visibleQuery(actor, studyId, queryId));
    },
    async counts(actor, studyId) {
      return queries.counts(requireScope(actor, studyId, 'study.read'));
    },
  };
}

/** The first of `rights` the actor holds at the site; not holding any is forbidden (the query itself is visible). */
function rightAt(actor: Actor, studyId: string, siteCode: string, rights: readonly Permission[]): Permission {
  for (const right of rights) {
    const scope = scopeOf(actor, studyId, right);
    if (scope && scopeIncludes(scope, siteCode)) return right;
  }
  throw EligoError.of('forbidden', { code: 'forbidden', field: '(request)', expected: `a role with the right ${rights.map((right) => `"${right}"`).join(' or ')} at site ${siteCode}`, message: `your role does not allow this on a query at ${siteCode}` });
}

function checkQueryId(value: unknown): number {
  const id = typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : value;
  if (typeof id !== 'number' || !Number.isInteger(id) || id < 1) throw EligoError.of('invalid', { code: 'invalid_id', field: 'queryId', value, expected: 'a query number (a whole number from 1)' });
  return id;
}

function checkRecordId(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) throw EligoError.of('invalid', { code: 'invalid_id', field: 'recordId', value, expected: 'the id of the record queried (a whole number from 1)' });
  return value;
}

function checkRecordType(value: unknown): QueryableRecord {
  if (typeof value !== 'string' || !(QUERYABLE_RECORDS as readonly string[]).includes(value)) {
    throw EligoError.of('invalid', { code: 'unknown_record_type', field: 'recordType', value, expected: `one of the records a query can name: ${QUERYABLE_RECORDS.join(', ')}` });
  }
  return value as QueryableRecord;
}

function checkField(value: unknown): string {
  if (typeof value !== 'string' || !FIELD_PATTERN.test(value)) throw EligoError.of('invalid', { code: 'invalid_field', field: 'field', value, expected: 'the name of a field of the record (letters, digits, "_" or ".", up to 64)' });
  return value;
}
