// Reading the audit trail: a study's entries within the actor's SiteScope (filtered in SQL: an entry of
// a site outside the scope, or a study-level entry for a scope that is not study-wide, is never read),
// page by page for downloads, and the whole chain in order for verification, read in one snapshot so
// appends running meanwhile cannot look like a break.
import { sql, type Kysely, type RawBuilder, type Selectable } from 'kysely';
import type { SiteScope } from '../../conduct/access/actor.ts';
import type { ChainedRow, ChainHead } from '../../core/audit/verify.ts';
import type { AuditEventTable } from '../conduct-tables.ts';
import type { Tables } from '../tables.ts';

export interface AuditQuery {
  siteCode?: string;
  /** Entries at or after this instant. */
  fromAt?: Date;
  /** Entries strictly before this instant. */
  before?: Date;
  /** Compared case-insensitively (usernames are). */
  username?: string;
  recordType?: string;
  recordId?: string;
}

export type AuditRow = ChainedRow;

export interface AuditStore {
  /** Newest first. */
  list(scope: SiteScope, query: AuditQuery, page: { limit: number; offset: number }): Promise<{ total: number; items: AuditRow[] }>;
  /** The same entries oldest first, `pageSize` at a time (keyset pages: an export of any size in bounded memory). */
  pages(scope: SiteScope, query: AuditQuery, pageSize?: number): AsyncIterable<AuditRow[]>;
  /** The chain head and every entry in chain order (seq, then id), in one repeatable-read snapshot. */
  walkChain<T>(walk: (head: ChainHead, pages: AsyncIterable<AuditRow[]>) => Promise<T>, pageSize?: number): Promise<T>;
}

function auditRow(row: Selectable<AuditEventTable>): AuditRow {
  return {
    id: row.id,
    seq: row.seq,
    at: row.at,
    userId: row.user_id,
    username: row.username,
    via: row.via,
    action: row.action,
    recordType: row.record_type,
    recordId: row.record_id,
    studyId: row.study_id,
    siteCode: row.site_code,
    oldValue: row.old_value ?? null,
    newValue: row.new_value ?? null,
    reason: row.reason,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

function conditions(scope: SiteScope, query: AuditQuery): RawBuilder<boolean> {
  const parts: RawBuilder<unknown>[] = [sql`study_id = ${scope.studyId}`];
  // site_code = any(...) is never true for a study-level entry (site_code null): those need a study-wide scope.
  if (scope.sites !== 'all') parts.push(sql`site_code = any(${[...scope.sites]}::text[])`);
  if (query.siteCode !== undefined) parts.push(sql`site_code = ${query.siteCode}`);
  if (query.fromAt !== undefined) parts.push(sql`at >= ${query.fromAt}`);
  if (query.before !== undefined) parts.push(sql`at < ${query.before}`);
  if (query.username !== undefined) parts.push(sql`lower(username) = lower(${query.username})`);
  if (query.recordType !== undefined) parts.push(sql`record_type = ${query.recordType}`);
  if (query.recordId !== undefined) parts.push(sql`record_id = ${query.recordId}`);
  return sql<boolean>`(${sql.join(parts, sql` and `)})`;
}

export function kyselyAuditStore(db: Kysely<Tables>): AuditStore {
  return {
    async list(scope, query, page) {
      if (scope.sites !== 'all' && scope.sites.length === 0) return { total: 0, items: [] };
      const where = conditions(scope, query);
      const [count, rows] = await Promise.all([
        db.selectFrom('audit_event').select((eb) => eb.fn.countAll<number>().as('n')).where(where).executeTakeFirstOrThrow(),
        db.selectFrom('audit_event').selectAll().where(where).orderBy('seq', 'desc').orderBy('id', 'desc').limit(page.limit).offset(page.offset).execute(),
      ]);
      return { total: Number(count.n), items: rows.map(auditRow) };
    },
    async *pages(scope, query, pageSize = 500) {
      if (scope.sites !== 'all' && scope.sites.length === 0) return;
      const where = conditions(scope, query);
      let after: { seq: number; id: number } | undefined;
      for (;;) {
        let builder = db.selectFrom('audit_event').selectAll().where(where);
        if (after) builder = builder.where(sql<boolean>`(seq, id) > (${after.seq}, ${after.id})`);
        const rows = await builder.orderBy('seq').orderBy('id').limit(pageSize).execute();
        if (rows.length === 0) return;
        yield rows.map(auditRow);
        if (rows.length < pageSize) return;
        const last = rows[rows.length - 1];
        after = { seq: last.seq, id: last.id };
      }
    },
    walkChain(walk, pageSize = 1000) {
      return db
        .transaction()
        .setIsolationLevel('repeatable read')
        .execute(async (tx) => {
          const head = await tx.selectFrom('audit_chain_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirst();
          async function* pages(): AsyncIterable<AuditRow[]> {
            let after: { seq: number; id: number } | undefined;
            for (;;) {
              let builder = tx.selectFrom('audit_event').selectAll();
              if (after) builder = builder.where(sql<boolean>`(seq, id) > (${after.seq}, ${after.id})`);
              const rows = await builder.orderBy('seq').orderBy('id').limit(pageSize).execute();
              if (rows.length === 0) return;
              yield rows.map(auditRow);
              if (rows.length < pageSize) return;
              const last = rows[rows.length - 1];
              after = { seq: last.seq, id: last.id };
            }
          }
          return walk(head ?? null, pages());
        });
    },
  };
}
