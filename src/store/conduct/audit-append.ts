// Appending to the audit chain. The head row is locked FOR UPDATE, so concurrent appends are chained
// one at a time (the second waits, then reads the head the first left), and the entry commits with the
// caller's transaction.
import type { Transaction } from 'kysely';
import { entryHash } from '../../core/audit/chain.ts';
import type { AuditEntryInput } from '../../conduct/audit/entry.ts';
import type { Tables } from '../tables.ts';

export async function appendAudit(tx: Transaction<Tables>, entry: AuditEntryInput): Promise<void> {
  const head = await tx.selectFrom('audit_chain_head').select(['seq', 'hash']).where('id', '=', 1).forUpdate().executeTakeFirstOrThrow();
  const seq = head.seq + 1;
  // Through JSON once, so the hash covers exactly what jsonb will give back (no undefined, no Dates).
  const oldValue = entry.oldValue === undefined || entry.oldValue === null ? null : JSON.parse(JSON.stringify(entry.oldValue));
  const newValue = entry.newValue === undefined || entry.newValue === null ? null : JSON.parse(JSON.stringify(entry.newValue));
  const fields = {
    seq,
    at: entry.at.toISOString(),
    userId: entry.actor.userId,
    username: entry.actor.username,
    via: entry.actor.via,
    action: entry.action,
    recordType: entry.recordType,
    recordId: entry.recordId,
    studyId: entry.studyId,
    siteCode: entry.siteCode,
    oldValue,
    newValue,
    reason: entry.reason ?? null,
  };
  const hash = entryHash(head.hash, fields);
  await tx
    .insertInto('audit_event')
    .values({
      seq,
      at: entry.at,
      user_id: fields.userId,
      username: fields.username,
      via: fields.via,
      action: fields.action,
      record_type: fields.recordType,
      record_id: fields.recordId,
      study_id: fields.studyId,
      site_code: fields.siteCode,
      old_value: oldValue === null ? null : JSON.stringify(oldValue),
      new_value: newValue === null ? null : JSON.stringify(newValue),
      reason: fields.reason,
      prev_hash: head.hash,
      hash,
    })
    .execute();
  await tx.updateTable('audit_chain_head').set({ seq, hash }).where('id', '=', 1).execute();
}
