// The audit trail as stored: append-only by trigger, hash-chained, and tamper-evident. Tampering is
// done as the database owner behind the application's back (the trigger switched off), and
// verifyAuditChain must name the entry and how. On every backend.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { testBackends } from '../support/databases.ts';
import { createStores, type Stores } from '../../src/store/index.ts';
import { conductServicesFor } from '../../src/conduct/compose.ts';
import type { Actor } from '../../src/conduct/access/actor.ts';
import { entryHash } from '../../src/core/audit/chain.ts';
import { asOwner, entry } from './support.ts';

const OPERATOR: Actor = { userId: 0, username: 'cli', isSystemAdmin: true, grants: [], via: 'cli' };

for (const backend of testBackends()) {
  describe(`${backend.name}: the audit chain`, () => {
    let database: Awaited<ReturnType<typeof backend.open>>;
    let stores: Stores;
    const verify = () => conductServicesFor(stores).audit.verifyAuditChain(OPERATOR);
    const idOf = async (seq: number) => (await database.db.selectFrom('audit_event').select('id').where('seq', '=', seq).executeTakeFirstOrThrow()).id;

    before(async () => {
      database = await backend.open();
      stores = createStores(database.db);
      for (let i = 1; i <= 10; i++) await database.db.transaction().execute((tx) => stores.auditWriter.append(tx, entry(i)));
    });
    after(() => database.dispose());

    test('an intact chain verifies, and only system operators may verify it', async () => {
      assert.deepEqual(await verify(), { intact: true, entries: 10 });
      const monitor: Actor = { userId: 7, username: 'monitor', isSystemAdmin: false, via: 'session', grants: [{ studyId: 'NCT05794425', siteCode: null, role: 'monitor', canViewAllocation: false }] };
      await assert.rejects(conductServicesFor(stores).audit.verifyAuditChain(monitor), (error: any) => error.kind === 'forbidden');
      assert.deepEqual(await conductServicesFor(stores).audit.verifyAuditChain({ ...monitor, isSystemAdmin: true }), { intact: true, entries: 10 });
    });

    test('the database refuses UPDATE, DELETE and TRUNCATE on audit_event', async () => {
      for (const statement of [sql`update audit_event set reason = 'x' where seq = 1`, sql`delete from audit_event where seq = 10`, sql`truncate audit_event`]) {
        await assert.rejects(statement.execute(database.db), /audit_event is append-only/);
      }
      assert.deepEqual(await verify(), { intact: true, entries: 10 });
    });

    test('an altered value is reported as altered at that entry; restoring it makes the chain whole again', async () => {
      const id = await idOf(4);
      const original = await database.db.selectFrom('audit_event').select('new_value').where('id', '=', id).executeTakeFirstOrThrow();
      await asOwner(database.db, (tx) => sql`update audit_event set new_value = jsonb_set(new_value, '{outcome}', '"enrolled"') where id = ${id}`.execute(tx));
      const report = await verify();
      assert.equal(report.intact, false);
      assert.deepEqual(report.intact === false && { ...report.broken, detail: undefined }, { id, position: 4, how: 'altered', detail: undefined });
      assert.match(report.intact === false ? report.broken.detail : '', /stored hash does not match its contents/);
      await asOwner(database.db, (tx) => tx.updateTable('audit_event').set({ new_value: JSON.stringify(original.new_value) }).where('id', '=', id).execute());
      assert.deepEqual(await verify(), { intact: true, entries: 10 });
      // A changed time, user or reason is as visible as a changed value.
      await asOwner(database.db, (tx) => sql`update audit_event set at = at + interval '1 second' where id = ${id}`.execute(tx));
      assert.equal(((await verify()) as any).broken.how, 'altered');
      await asOwner(database.db, (tx) => sql`update audit_event set at = at - interval '1 second' where id = ${id}`.execute(tx));
      assert.equal((await verify()).intact, true);
    });

    test('a removed middle entry and a removed last entry are reported as removed', async () => {
      const [middle, last] = [await idOf(5), await idOf(10)];
      const rows = await database.db.selectFrom('audit_event').selectAll().where('id', 'in', [middle, last]).orderBy('id').execute();
      await asOwner(database.db, (tx) => tx.deleteFrom('audit_event').where('id', '=', middle).execute());
      const gap = await verify();
      assert.equal(gap.intact, false);
      assert.equal(gap.entries, 9);
      assert.deepEqual(gap.intact === false && [gap.broken.id, gap.broken.position, gap.broken.how], [await idOf(6), 5, 'removed']);
      assert.match(gap.intact === false ? gap.broken.detail : '', /seq 5 is missing before entry/);
      await asOwner(database.db, (tx) => tx.insertInto('audit_event').values(rows[0]).execute());
      assert.deepEqual(await verify(), { intact: true, entries: 10 });

      await asOwner(database.db, (tx) => tx.deleteFrom('audit_event').where('id', '=', last).execute());
      const end = await verify();
      assert.deepEqual(end.intact === false && [end.broken.id, end.broken.position, end.broken.how], [await idOf(9), 10, 'removed']);
      assert.match(end.intact === false ? end.broken.detail : '', /chain head counts 10 entries but the last stored is seq 9/);
      await asOwner(database.db, (tx) => tx.insertInto('audit_event').values(rows[1]).execute());
      assert.deepEqual(await verify(), { intact: true, entries: 10 });
    });

    test('a forged entry is reported as inserted, even one hashed correctly onto the chain', async () => {
      const last = await database.db.selectFrom('audit_event').selectAll().where('seq', '=', 10).executeTakeFirstOrThrow();
      const forged = { ...entry(11), seq: 11 };
      const fields = { seq: 11, at: forged.at.toISOString(), userId: forged.actor.userId, username: forged.actor.username, via: forged.actor.via, action: forged.action, recordType: forged.recordType, recordId: forged.recordId, studyId: forged.studyId, siteCode: forged.siteCode, oldValue: forged.oldValue, newValue: forged.newValue, reason: forged.reason };
      const values = { seq: 11, at: forged.at, user_id: fields.userId, username: fields.username, via: fields.via, action: fields.action, record_type: fields.recordType, record_id: fields.recordId, study_id: fields.studyId, site_code: fields.siteCode, old_value: JSON.stringify(fields.oldValue), new_value: JSON.stringify(fields.newValue), reason: fields.reason, prev_hash: last.hash, hash: entryHash(last.hash, fields) };
      // Inserting needs no trigger bypass: the trigger guards UPDATE, DELETE and TRUNCATE.
      const { id } = await database.db.insertInto('audit_event').values(values).returning('id').executeTakeFirstOrThrow();
      const report = await verify();
      assert.deepEqual(report.intact === false && [report.broken.id, report.broken.position, report.broken.how], [id, 11, 'inserted']);
      assert.match(report.intact === false ? report.broken.detail : '', /beyond the chain head \(seq 10\)/);
      await asOwner(database.db, (tx) => tx.deleteFrom('audit_event').where('id', '=', id).execute());
      assert.deepEqual(await verify(), { intact: true, entries: 10 });

      // In the middle: a second entry with an existing seq (the owner drops the unique constraint first).
      await asOwner(database.db, async (tx) => {
        await sql`alter table audit_event drop constraint audit_event_seq_key`.execute(tx);
        const third = await tx.selectFrom('audit_event').selectAll().where('seq', '=', 3).executeTakeFirstOrThrow();
        await tx.insertInto('audit_event').values({ ...values, seq: 3, prev_hash: third.prev_hash, hash: third.hash }).execute();
      });
      const middle = await verify();
      assert.equal(middle.intact === false && middle.broken.how, 'inserted');
      assert.equal(middle.intact === false && middle.broken.position, 4);
      assert.match(middle.intact === false ? middle.broken.detail : '', /repeats seq 3/);
      await asOwner(database.db, async (tx) => {
        await tx.deleteFrom('audit_event').where('seq', '=', 3).where('username', '=', 'user11').execute();
        await sql`alter table audit_event add constraint audit_event_seq_key unique (seq)`.execute(tx);
      });
      assert.deepEqual(await verify(), { intact: true, entries: 10 });
    });

    test('a chain head that disagrees with the last entry is reported', async () => {
      await database.db.updateTable('audit_chain_head').set({ hash: 'f'.repeat(64) }).where('id', '=', 1).execute();
      const report = await verify();
      assert.deepEqual(report.intact === false && [report.broken.id, report.broken.position, report.broken.how], [await idOf(10), 10, 'altered']);
      const last = await database.db.selectFrom('audit_event').select('hash').where('seq', '=', 10).executeTakeFirstOrThrow();
      await database.db.updateTable('audit_chain_head').set({ hash: last.hash }).where('id', '=', 1).execute();
      assert.deepEqual(await verify(), { intact: true, entries: 10 });
    });
  });

  describe(`${backend.name}: concurrent appends`, () => {
    let database: Awaited<ReturnType<typeof backend.open>>;
    before(async () => {
      database = await backend.open();
    });
    after(() => database.dispose());

    test('50 appends in 50 simultaneous transactions make one valid chain, seq 1 to 50', async () => {
      const stores = createStores(database.db);
      await Promise.all(Array.from({ length: 50 }, (_, i) => database.db.transaction().execute((tx) => stores.auditWriter.append(tx, entry(i + 1)))));
      const rows = await database.db.selectFrom('audit_event').select(['seq', 'record_id']).orderBy('seq').execute();
      assert.deepEqual(rows.map((row) => row.seq), Array.from({ length: 50 }, (_, i) => i + 1));
      assert.equal(new Set(rows.map((row) => row.record_id)).size, 50, 'every append is there once');
      assert.deepEqual(await conductServicesFor(stores).audit.verifyAuditChain(OPERATOR), { intact: true, entries: 50 });
      const head = await database.db.selectFrom('audit_chain_head').select('seq').executeTakeFirstOrThrow();
      assert.equal(head.seq, 50);
    });

    test('a rolled-back change leaves no entry and no gap', async () => {
      const stores = createStores(database.db);
      await assert.rejects(
        database.db.transaction().execute(async (tx) => {
          await stores.auditWriter.append(tx, entry(99));
          throw new Error('the change failed');
        }),
        /the change failed/,
      );
      await database.db.transaction().execute((tx) => stores.auditWriter.append(tx, entry(51)));
      assert.deepEqual(await conductServicesFor(stores).audit.verifyAuditChain(OPERATOR), { intact: true, entries: 51 });
    });
  });
}
