// The chain verifier on chains built in memory: every kind of break named at the right entry, and
// the CSV export's escaping.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { entryHash, GENESIS_HASH } from '../../../src/core/audit/chain.ts';
import { chainedFieldsOf, chainVerifier, verifyChain, type ChainedRow, type ChainHead } from '../../../src/core/audit/verify.ts';
import { csvCell, csvRow } from '../../../src/conduct/audit/export.ts';

function chain(length: number): ChainedRow[] {
  const rows: ChainedRow[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= length; seq++) {
    const row: ChainedRow = { id: seq + 100, seq, at: new Date(Date.UTC(2026, 2, 1, 8, seq)), userId: seq, username: `u${seq}`, via: 'session', action: 'update', recordType: 'consent', recordId: String(seq), studyId: 'NCT05794425', siteCode: 'JN02', oldValue: { a: seq - 1 }, newValue: { a: seq, b: [1, { c: 'x' }] }, reason: null, prevHash: prev, hash: '' };
    row.hash = entryHash(prev, chainedFieldsOf(row));
    prev = row.hash;
    rows.push(row);
  }
  return rows;
}
const headOf = (rows: ChainedRow[]) => ({ seq: rows.at(-1)?.seq ?? 0, hash: rows.at(-1)?.hash ?? GENESIS_HASH });
const broken = (rows: ChainedRow[], head: ChainHead = headOf(rows)) => {
  const report = verifyChain(rows, head);
  return report.intact ? undefined : [report.broken.id, report.broken.position, report.broken.how];
};

test('an intact chain, an empty chain, and a chain fed in pages', () => {
  const rows = chain(6);
  assert.deepEqual(verifyChain(rows, headOf(rows)), { intact: true, entries: 6 });
  assert.deepEqual(verifyChain([], { seq: 0, hash: GENESIS_HASH }), { intact: true, entries: 0 });
  const paged = chainVerifier(headOf(rows));
  paged.push(rows.slice(0, 2));
  paged.push(rows.slice(2));
  assert.deepEqual(paged.finish(), { intact: true, entries: 6 });
  // Key order inside a JSON value does not matter (jsonb keeps none).
  const reordered = rows.map((row) => ({ ...row, newValue: { b: (row.newValue as any).b, a: (row.newValue as any).a } }));
  assert.deepEqual(verifyChain(reordered, headOf(rows)), { intact: true, entries: 6 });
});

test('altered: a changed field, a changed previous hash, a head that is not the last hash', () => {
  const rows = chain(6);
  assert.deepEqual(broken(rows.map((row) => (row.seq === 3 ? { ...row, username: 'someone else' } : row)), headOf(rows)), [103, 3, 'altered']);
  assert.deepEqual(broken(rows.map((row) => (row.seq === 3 ? { ...row, reason: 'x' } : row)), headOf(rows)), [103, 3, 'altered']);
  assert.deepEqual(broken(rows.map((row) => (row.seq === 4 ? { ...row, prevHash: 'a'.repeat(64) } : row)), headOf(rows)), [104, 4, 'altered']);
  assert.deepEqual(broken(rows, { seq: 6, hash: 'b'.repeat(64) }), [106, 6, 'altered']);
  assert.deepEqual(broken(rows, null), [106, 6, 'altered']);
  // The report counts every entry, not just those up to the break.
  assert.equal((verifyChain(rows.map((row) => (row.seq === 1 ? { ...row, action: 'delete' } : row)), headOf(rows)) as any).entries, 6);
});

test('removed: a gap, a missing end, a predecessor gone from under a rehashed entry', () => {
  const rows = chain(6);
  assert.deepEqual(broken(rows.filter((row) => row.seq !== 3), headOf(rows)), [104, 3, 'removed']);
  assert.deepEqual(broken(rows.filter((row) => row.seq !== 1), headOf(rows)), [102, 1, 'removed']);
  assert.deepEqual(broken(rows.slice(0, 4), headOf(rows)), [104, 5, 'removed']);
  assert.deepEqual(broken([], headOf(rows)), [0, 1, 'removed']);
  // Entry 3 deleted and 4 renumbered to 3 and rehashed over its old previous hash: it chains from nothing stored.
  const renumbered = { ...rows[3], seq: 3 };
  renumbered.hash = entryHash(renumbered.prevHash, chainedFieldsOf(renumbered));
  assert.deepEqual(broken([rows[0], rows[1], renumbered], { seq: 3, hash: renumbered.hash }), [104, 3, 'removed']);
});

test('inserted: beyond the head, a repeated seq, an entry slipped between two that still chain', () => {
  const rows = chain(6);
  const extra = { ...rows[5], id: 200, seq: 7, prevHash: rows[5].hash };
  extra.hash = entryHash(extra.prevHash, chainedFieldsOf(extra));
  assert.deepEqual(broken([...rows, extra], headOf(rows)), [200, 7, 'inserted']);
  assert.deepEqual(broken([...rows.slice(0, 3), { ...rows[2], id: 201 }, ...rows.slice(3)], headOf(rows)), [201, 4, 'inserted']);
  // A forger renumbers: X goes in at seq 3 chained onto entry 2, the old 3… move up one (rehashed), but old 3 still chains from entry 2.
  const forged = { ...rows[2], id: 300, username: 'forger', prevHash: rows[1].hash };
  forged.hash = entryHash(forged.prevHash, chainedFieldsOf(forged));
  const moved = { ...rows[2], seq: 4 };
  moved.hash = entryHash(moved.prevHash, chainedFieldsOf(moved));
  assert.deepEqual(broken([rows[0], rows[1], forged, moved], { seq: 4, hash: moved.hash }), [300, 3, 'inserted']);
});

test('CSV cells: quoted when needed, quotes doubled, formulas defused, JSON for values', () => {
  assert.equal(csvCell('plain'), 'plain');
  assert.equal(csvCell('a,b'), '"a,b"');
  assert.equal(csvCell('say "hi"'), '"say ""hi"""');
  assert.equal(csvCell('two\nlines'), '"two\nlines"');
  assert.equal(csvCell('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
  assert.equal(csvCell('@SUM(A1)'), "'@SUM(A1)");
  assert.equal(csvCell(null), '');
  assert.equal(csvCell({ a: 'x,y' }, { json: true }), '"{""a"":""x,y""}"');
  assert.equal(csvCell('中文'), '中文');
  const row = csvRow({ id: 1, seq: 1, at: '2026-03-01T08:00:00.000Z', userId: null, username: 'system', action: 'create', recordType: 'site', recordId: 'NCT05794425/JN02', studyId: 'NCT05794425', siteCode: 'JN02', old: null, new: { nameZh: '山东省第三医院' }, reason: null, prevHash: '0', hash: '1', });
  assert.equal(row, '1,1,2026-03-01T08:00:00.000Z,,system,create,site,NCT05794425/JN02,NCT05794425,JN02,,"{""nameZh"":""山东省第三医院""}",,0,1\r\n');
});
