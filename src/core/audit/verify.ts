// Checking the audit trail's hash chain end to end. Pure: it is fed the stored rows in chain order
// (seq, then id) and the chain head, recomputes every hash exactly as the append did
// (store/conduct/audit-append.ts) and names the first entry where the chain breaks, and how:
//  - altered:  the entry's stored hash is not the hash of its fields (a column changed), or the
//              chain head's hash is not the last entry's (the last entry rewritten with its hash);
//  - removed:  a gap in seq (an entry missing before this one), an entry chaining from a hash no
//              entry has (its predecessor is gone), or a head that counts more entries than exist
//              (entries removed from the end);
//  - inserted: an entry that repeats or goes back in seq, lies beyond the chain head (appended
//              without the head being moved), or sits between two entries that still chain to
//              each other around it.
// Limit: a database owner who rewrites every later entry and the head consistently is not detected
// from inside the database; exporting the head hash regularly is the defence (docs/studies-and-audit.md).
import { entryHash, GENESIS_HASH, type ChainedFields } from './chain.ts';

/** One stored entry as read back from audit_event. */
export interface ChainedRow extends Omit<ChainedFields, 'at'> {
  id: number;
  at: Date;
  prevHash: string;
  hash: string;
}

/** audit_chain_head: the seq and hash of the last entry appended; null when the row is missing. */
export type ChainHead = { seq: number; hash: string } | null;

export type ChainBreak = { id: number; position: number; how: 'altered' | 'removed' | 'inserted'; detail: string };
export type ChainReport = { intact: true; entries: number } | { intact: false; entries: number; broken: ChainBreak };

/** The fields the hash covers, converted as the append converted them. */
export function chainedFieldsOf(row: ChainedRow): ChainedFields {
  return {
    seq: row.seq,
    at: row.at.toISOString(),
    userId: row.userId,
    username: row.username,
    via: row.via,
    action: row.action,
    recordType: row.recordType,
    recordId: row.recordId,
    studyId: row.studyId,
    siteCode: row.siteCode,
    oldValue: row.oldValue ?? null,
    newValue: row.newValue ?? null,
    reason: row.reason ?? null,
  };
}

/** A verifier fed page by page: `push` returns the first break once found (later rows are only counted); `finish` checks the head. */
export function chainVerifier(head: ChainHead) {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let hashBeforePrev: string | undefined;
  let previous: ChainedRow | undefined;
  let entries = 0;
  let broken: ChainBreak | undefined;

  const check = (row: ChainedRow): ChainBreak | undefined => {
    const position = entries;
    if (head && row.seq > head.seq) {
      return { id: row.id, position, how: 'inserted', detail: `entry #${row.id} has seq ${row.seq}, beyond the chain head (seq ${head.seq}): it was added without going through the append` };
    }
    if (row.seq < expectedSeq) {
      return { id: row.id, position, how: 'inserted', detail: `entry #${row.id} repeats seq ${row.seq} (the chain is already at seq ${expectedSeq - 1})` };
    }
    if (row.seq > expectedSeq) {
      const missing = row.seq - 1 === expectedSeq ? `seq ${expectedSeq} is` : `seq ${expectedSeq}–${row.seq - 1} are`;
      return { id: row.id, position: expectedSeq, how: 'removed', detail: `the entry with ${missing} missing before entry #${row.id} (seq ${row.seq})` };
    }
    const selfConsistent = entryHash(row.prevHash, chainedFieldsOf(row)) === row.hash;
    if (row.prevHash !== prevHash) {
      if (previous && hashBeforePrev !== undefined && row.prevHash === hashBeforePrev) {
        return { id: previous.id, position: position - 1, how: 'inserted', detail: `entry #${previous.id} (seq ${previous.seq}) sits between two entries that chain to each other: entry #${row.id} follows the entry before it` };
      }
      if (selfConsistent) {
        return { id: row.id, position, how: 'removed', detail: `entry #${row.id} (seq ${row.seq}) chains from a hash no stored entry has: the entry before it is missing (entries renumbered)` };
      }
      return { id: row.id, position, how: 'altered', detail: `entry #${row.id} (seq ${row.seq}): its previous-hash column does not match the entry before it` };
    }
    if (!selfConsistent) return { id: row.id, position, how: 'altered', detail: `entry #${row.id} (seq ${row.seq}): the stored hash does not match its contents` };
    return undefined;
  };

  return {
    push(rows: Iterable<ChainedRow>): ChainBreak | undefined {
      for (const row of rows) {
        entries += 1;
        if (broken) continue; // counted, no longer checked
        broken = check(row);
        hashBeforePrev = prevHash;
        prevHash = row.hash;
        previous = row;
        expectedSeq = Math.max(expectedSeq, row.seq) + 1;
      }
      return broken;
    },
    finish(): ChainReport {
      if (!broken) broken = checkHead();
      return broken ? { intact: false, entries, broken } : { intact: true, entries };
    },
  };

  function checkHead(): ChainBreak | undefined {
    const lastId = previous?.id ?? 0;
    if (!head) return { id: lastId, position: entries, how: 'altered', detail: 'the chain head (audit_chain_head) is missing' };
    const lastSeq = expectedSeq - 1;
    if (head.seq > lastSeq) {
      const missing = head.seq === lastSeq + 1 ? `seq ${head.seq}` : `seq ${lastSeq + 1}–${head.seq}`;
      return { id: lastId, position: lastSeq + 1, how: 'removed', detail: `the chain head counts ${head.seq} entries but the last stored is seq ${lastSeq}${previous ? ` (entry #${lastId})` : ''}: ${missing} removed from the end` };
    }
    if (head.hash !== prevHash) {
      return { id: lastId, position: entries, how: 'altered', detail: `the chain head's hash is not the hash of the last entry${previous ? ` #${lastId} (seq ${previous.seq})` : ''}: the last entry or the head was rewritten` };
    }
    return undefined;
  }
}

/** The whole chain at once (for tests and small chains). */
export function verifyChain(rows: Iterable<ChainedRow>, head: ChainHead): ChainReport {
  const verifier = chainVerifier(head);
  verifier.push(rows);
  return verifier.finish();
}
