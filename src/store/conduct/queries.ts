// The data-query repository over Kysely: queries and their history, every read filtered by the
// actor's site scope in SQL. Raising goes through query-insert.ts (shared with the edit checks);
// each later action appends an event and moves the state in the caller's transaction.
import { sql, type Kysely, type Selectable } from 'kysely';
import type { SiteScope } from '../../conduct/access/actor.ts';
import type { QueryCount, QueryEventView, QueryFilter, QueryView } from '../../conduct/queries/model.ts';
import type { QueryAction, QueryState, QueryableRecord } from '../../core/study/query-workflow.ts';
import type { StoreTransaction } from '../accounts/repository.ts';
import type { DataQueryTable } from '../follow-up-tables.ts';
import type { Tables } from '../tables.ts';
import { insertQuery, type NewQuery } from './query-insert.ts';
import { inScopeSites } from './follow-up-read.ts';

export type QueryRecord = Omit<QueryView, 'ageDays'> & { screeningId: number };

export interface QueryRepository {
  query(scope: SiteScope, id: number, options?: { forUpdate?: boolean }): Promise<QueryRecord | undefined>;
  history(queryId: number): Promise<QueryEventView[]>;
  list(scope: SiteScope, filter: Omit<QueryFilter, 'studyId' | 'limit' | 'offset' | 'minAgeDays'> & { limit: number; offset: number; raisedBefore?: Date }): Promise<{ total: number; items: QueryRecord[] }>;
  /** The id of a subject's one record of a type that has at most one per subject (enrollment). */
  onlyRecordOf(recordType: 'enrollment', screeningId: number): Promise<number | undefined>;
  counts(scope: SiteScope): Promise<QueryCount[]>;
  /** Whether the record exists and belongs to the subject (screening row id). */
  recordOfSubject(recordType: QueryableRecord, recordId: number, screeningId: number): Promise<boolean>;
  raise(query: NewQuery): Promise<number>;
  act(queryId: number, action: Exclude<QueryAction, 'raise'>, text: string | null, stateAfter: QueryState, by: string, at: Date): Promise<void>;
  transaction<T>(work: (queries: QueryRepository, tx: StoreTransaction) => Promise<T>): Promise<T>;
}

/** The table of each queryable record type and the column naming its subject's screening row. */
const RECORD_TABLES: Record<QueryableRecord, { table: keyof Tables; subjectColumn: 'id' | 'screening_id' }> = {
  screening: { table: 'screening', subjectColumn: 'id' },
  consent: { table: 'consent', subjectColumn: 'screening_id' },
  enrollment: { table: 'enrollment', subjectColumn: 'screening_id' },
  subject_visit: { table: 'subject_visit', subjectColumn: 'screening_id' },
  administration: { table: 'administration', subjectColumn: 'screening_id' },
  lab_result: { table: 'lab_result', subjectColumn: 'screening_id' },
  transfusion: { table: 'transfusion', subjectColumn: 'screening_id' },
  marrow_exam: { table: 'marrow_exam', subjectColumn: 'screening_id' },
  adverse_event: { table: 'adverse_event', subjectColumn: 'screening_id' },
  disease_assessment: { table: 'disease_assessment', subjectColumn: 'screening_id' },
};

function inQueryScope(scope: SiteScope) {
  return sql<boolean>`${sql.ref('data_query.study_id')} = ${scope.studyId}${inScopeSites(scope, 'data_query.site_code')}`;
}

function record(row: Selectable<DataQueryTable>): QueryRecord {
  return {
    id: row.id, studyId: row.study_id, siteCode: row.site_code, screeningId: row.screening_id, subjectNumber: row.subject_number, recordType: row.record_type,
    recordId: row.record_id, field: row.field, origin: row.origin, checkId: row.check_id, state: row.state, text: row.text, raisedBy: row.raised_by,
    raisedAt: new Date(row.raised_at).toISOString(), updatedAt: new Date(row.updated_at).toISOString(),
  };
}

export function kyselyQueryRepository(db: Kysely<Tables>): QueryRepository {
  const repository: QueryRepository = {
    async query(scope, id, options = {}) {
      if (options.forUpdate && !db.isTransaction) throw new Error('a row lock needs a transaction');
      let query = db.selectFrom('data_query').selectAll().where(inQueryScope(scope)).where('id', '=', id);
      if (options.forUpdate) query = query.forUpdate();
      const row = await query.executeTakeFirst();
      return row && record(row);
    },
    async history(queryId) {
      const rows = await db.selectFrom('data_query_event').selectAll().where('query_id', '=', queryId).orderBy('at').orderBy('id').execute();
      return rows.map((row) => ({ action: row.action, text: row.text, stateAfter: row.state_after, by: row.by, at: new Date(row.at).toISOString() }));
    },
    async list(scope, filter) {
      let query = db.selectFrom('data_query').where(inQueryScope(scope));
      if (filter.state !== undefined) query = query.where('state', '=', filter.state);
      if (filter.siteCode !== undefined) query = query.where('site_code', '=', filter.siteCode);
      if (filter.subjectNumber !== undefined) query = query.where('subject_number', '=', filter.subjectNumber);
      if (filter.recordType !== undefined) query = query.where('record_type', '=', filter.recordType);
      if (filter.origin !== undefined) query = query.where('origin', '=', filter.origin);
      if (filter.raisedBefore !== undefined) query = query.where('raised_at', '<=', filter.raisedBefore);
      const [{ total }, rows] = await Promise.all([
        query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
        // Oldest open first is what a monitor works through; closed ones sort by their last change.
        query.selectAll().orderBy(sql`case state when 'open' then 0 when 'answered' then 1 else 2 end`).orderBy('raised_at').orderBy('id').limit(filter.limit).offset(filter.offset).execute(),
      ]);
      return { total: Number(total), items: rows.map(record) };
    },
    async counts(scope) {
      const rows = await db.selectFrom('data_query').where(inQueryScope(scope)).select(['site_code', 'state', (eb) => eb.fn.countAll<number>().as('count')]).groupBy(['site_code', 'state']).orderBy('site_code').orderBy('state').execute();
      return rows.map((row) => ({ siteCode: row.site_code, state: row.state, count: Number(row.count) }));
    },
    async recordOfSubject(recordType, recordId, screeningId) {
      const { table, subjectColumn } = RECORD_TABLES[recordType];
      const row = await sql<{ found: number }>`select 1 as found from ${sql.table(table)} where id = ${recordId} and ${sql.ref(subjectColumn)} = ${screeningId}`.execute(db);
      return row.rows.length > 0;
    },
    async onlyRecordOf(recordType, screeningId) {
      const row = await db.selectFrom(recordType).select('id').where('screening_id', '=', screeningId).executeTakeFirst();
      return row?.id;
    },
    async raise(query) {
      if (!db.isTransaction) throw new Error('raising a query needs a transaction');
      return insertQuery(db as StoreTransaction, query);
    },
    async act(queryId, action, text, stateAfter, by, at) {
      await db.insertInto('data_query_event').values({ query_id: queryId, action, text, state_after: stateAfter, by, at }).execute();
      await db.updateTable('data_query').set({ state: stateAfter, updated_at: at }).where('id', '=', queryId).execute();
    },
    async transaction(work) {
      if (db.isTransaction) throw new Error('already in a transaction');
      return db.transaction().execute((tx) => work(kyselyQueryRepository(tx), tx));
    },
  };
  return repository;
}
