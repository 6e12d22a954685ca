// Data queries through the service on both backends: raise on a subject's record, answer, close,
// re-open, comment; who may do what; history and audit; nothing written by a refusal; site isolation.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { testBackends } from '../support/databases.ts';
import type { Database } from '../../src/store/database.ts';
import type { Stores } from '../../src/store/index.ts';
import { insertQuery } from '../../src/store/conduct/query-insert.ts';
import { coordinatorAt, fixedClock, investigatorAt, servicesAt, SITE_A, SITE_B, STUDY } from './subject-fixtures.ts';
import { dataManagerOfStudy, enrolledSubject, installFollowUpStudies, monitorOfStudy, refusedWithoutWrites, type EnrolledSubject } from './follow-up-fixtures.ts';

for (const backend of testBackends()) {
  describe(`${backend.name}: data queries`, () => {
    let database: Database & { dispose(): Promise<void> };
    let stores: Stores;
    let subject: EnrolledSubject;
    const clock = fixedClock(new Date('2026-09-05T02:00:00.000Z'));
    const monitor = monitorOfStudy();
    const coordA = coordinatorAt(SITE_A);
    const coordB = coordinatorAt(SITE_B);
    const invA = investigatorAt(SITE_A);

    before(async () => {
      database = await backend.open({ seed: true });
      stores = await installFollowUpStudies(database.db);
      subject = await enrolledSubject(database.db, stores, SITE_A);
    });
    after(() => database.dispose());

    test('a monitor raises, the site answers, the monitor re-opens and closes; history and audit follow', async () => {
      const { queries } = servicesAt(stores, clock);
      const raised = await queries.raise(monitor, { studyId: STUDY, subjectNumber: subject.subjectNumber, recordType: 'screening', field: 'screenedOn', text: 'Screening date differs from the source document' });
      assert.equal(raised.state, 'open');
      assert.equal(raised.recordId, subject.screeningId);
      assert.equal(raised.siteCode, SITE_A);
      assert.deepEqual(raised.history.map((event) => [event.action, event.stateAfter]), [['raise', 'open']]);
      const answered = await queries.answer(coordA, { studyId: STUDY, queryId: raised.id, text: 'Corrected in the source: 2026-09-01' });
      assert.equal(answered.state, 'answered');
      const reopened = await queries.reopen(monitor, { studyId: STUDY, queryId: String(raised.id), text: 'Please attach the corrected page' });
      assert.equal(reopened.state, 'open');
      await queries.comment(invA, { studyId: STUDY, queryId: raised.id, text: 'Scanned and filed' });
      await queries.answer(invA, { studyId: STUDY, queryId: raised.id, text: 'Done' });
      clock.set(new Date('2026-09-08T02:00:00.000Z'));
      const closed = await queries.close(monitor, { studyId: STUDY, queryId: raised.id });
      assert.equal(closed.state, 'closed');
      assert.equal(closed.ageDays, 3);
      assert.deepEqual(closed.history.map((event) => event.action), ['raise', 'answer', 'reopen', 'comment', 'answer', 'close']);
      const { rows } = await sql<{ action: string }>`select action from audit_event where record_type = 'data_query' and record_id = ${String(raised.id)} order by seq`.execute(database.db);
      assert.deepEqual(rows.map((row) => row.action), ['query.raise', 'query.answer', 'query.reopen', 'query.comment', 'query.answer', 'query.close']);
    });

    test('who may do what: refusals write nothing', async () => {
      const { queries } = servicesAt(stores, clock);
      const db = database.db;
      const raise = { studyId: STUDY, subjectNumber: subject.subjectNumber, recordType: 'enrollment', text: 'Check the stratum' };
      await refusedWithoutWrites(db, () => queries.raise(coordA, raise), { kind: 'forbidden', code: 'forbidden', field: '(request)' });
      await refusedWithoutWrites(db, () => queries.raise(coordB, raise), { kind: 'not_found', code: 'not_found', field: 'subjectNumber' });
      await refusedWithoutWrites(db, () => queries.raise(monitor, { ...raise, recordType: 'enrollment', recordId: 0 }), { kind: 'invalid', code: 'invalid_id', field: 'recordId' });
      await refusedWithoutWrites(db, () => queries.raise(monitor, { ...raise, recordType: 'lab_result' }), { kind: 'invalid', code: 'invalid_id', field: 'recordId' });
      await refusedWithoutWrites(db, () => queries.raise(monitor, { ...raise, recordType: 'lab', recordId: 1 }), { kind: 'invalid', code: 'unknown_record_type', field: 'recordType' });
      await refusedWithoutWrites(db, () => queries.raise(monitor, { ...raise, recordType: 'lab_result', recordId: 999_999 }), { kind: 'not_found', code: 'not_found', field: 'recordId' });
      await refusedWithoutWrites(db, () => queries.raise(invA, raise), { kind: 'forbidden', code: 'forbidden', field: '(request)' });
      await refusedWithoutWrites(db, () => queries.raise(monitor, { ...raise, recordType: 'enrollment', recordId: 999_999 }), { kind: 'not_found', code: 'not_found', field: 'recordId' });
      await refusedWithoutWrites(db, () => queries.raise(monitor, { ...raise, recordType: 'screening', text: '  ' }), { kind: 'invalid', code: 'required', field: 'text' });
      await refusedWithoutWrites(db, () => queries.raise(monitor, { ...raise, recordType: 'screening', field: 'a b' }), { kind: 'invalid', code: 'invalid_field', field: 'field' });

      const open = await queries.raise(monitor, { ...raise, recordType: 'screening' });
      await refusedWithoutWrites(db, () => queries.answer(monitor, { studyId: STUDY, queryId: open.id, text: 'I answer myself' }), { kind: 'forbidden', code: 'forbidden', field: '(request)' });
      await refusedWithoutWrites(db, () => queries.close(coordA, { studyId: STUDY, queryId: open.id }), { kind: 'forbidden', code: 'forbidden', field: '(request)' });
      await refusedWithoutWrites(db, () => queries.answer(coordB, { studyId: STUDY, queryId: open.id, text: 'not mine' }), { kind: 'not_found', code: 'not_found', field: 'queryId' });
      await refusedWithoutWrites(db, () => queries.answer(coordA, { studyId: STUDY, queryId: open.id, text: '' }), { kind: 'invalid', code: 'required', field: 'text' });
      await refusedWithoutWrites(db, () => queries.reopen(monitor, { studyId: STUDY, queryId: open.id, text: 'again' }), { kind: 'conflict', code: 'query_state', field: 'state' });
      await refusedWithoutWrites(db, () => queries.get(monitor, STUDY, 'abc'), { kind: 'invalid', code: 'invalid_id', field: 'queryId' });
      await queries.close(dataManagerOfStudy(), { studyId: STUDY, queryId: open.id, text: 'Resolved at the monitoring visit' });
      await refusedWithoutWrites(db, () => queries.comment(coordA, { studyId: STUDY, queryId: open.id, text: 'late' }), { kind: 'conflict', code: 'query_state', field: 'state' });
    });

    test('lists and counts stay within the actor\'s sites; edit-check queries go through the same workflow', async () => {
      const { queries } = servicesAt(stores, clock);
      const other = await enrolledSubject(database.db, stores, SITE_B);
      await queries.raise(monitor, { studyId: STUDY, subjectNumber: other.subjectNumber, recordType: 'screening', text: 'Site B query' });
      // A lab value entered at site A whose soft check raised a query in the lab's own transaction.
      const checkQuery = await database.db.transaction().execute(async (tx) => {
        const lab = await tx.insertInto('lab_result').values({
          screening_id: subject.screeningId, study_id: STUDY, site_code: SITE_A, subject_number: subject.subjectNumber, visit_code: 'WEEK_1', panel: 'cbc', analyte: 'platelets',
          collected_on: '2026-09-04', value: 900, unit: '10*9/L', canonical_value: 900, canonical_unit: '10*9/L', method: null, lln: 125, uln: 350, limit_basis: null,
          context: '{}', is_baseline: false, grades: '[]', check_results: '[]', source: 'form', source_reference: null,
          created_at: clock.now(), created_by: coordA.username, updated_at: clock.now(), updated_by: coordA.username,
        }).returning('id').executeTakeFirstOrThrow();
        return insertQuery(tx, { studyId: STUDY, siteCode: SITE_A, screeningId: subject.screeningId, subjectNumber: subject.subjectNumber, recordType: 'lab_result', recordId: lab.id, field: 'value', origin: 'edit_check', checkId: 'platelets-soft-high', text: 'Platelets 900 ×10⁹/L: please confirm', by: coordA.username, at: clock.now() });
      });
      const siteA = await queries.list(coordA, { studyId: STUDY });
      assert.ok(siteA.items.every((query) => query.siteCode === SITE_A));
      assert.ok(siteA.items.some((query) => query.id === checkQuery && query.origin === 'edit_check' && query.checkId === 'platelets-soft-high'));
      const everyone = await queries.list(monitor, { studyId: STUDY, state: 'open' });
      assert.deepEqual([...new Set(everyone.items.map((query) => query.siteCode))].sort(), [SITE_A, SITE_B]);
      assert.equal((await queries.list(monitor, { studyId: STUDY, origin: 'edit_check' })).total, 1);
      const answered = await queries.answer(coordA, { studyId: STUDY, queryId: checkQuery, text: 'Confirmed: platelet transfusion the day before' });
      assert.equal(answered.state, 'answered');
      const countsB = await queries.counts(coordB, STUDY);
      assert.deepEqual(countsB, [{ siteCode: SITE_B, state: 'open', count: 1 }]);
      await assert.rejects(() => queries.list(coordA, { studyId: STUDY, siteCode: SITE_B }), (error: unknown) => (error as { kind: string }).kind === 'not_found');
      await assert.rejects(() => queries.list(monitor, { studyId: STUDY, state: 'pending' as never }), /state/);
    });

    test('the subject\'s enrollment needs no record id; another subject\'s record is not this subject\'s', async () => {
      const { queries } = servicesAt(stores, clock);
      const enrollment = await queries.raise(monitor, { studyId: STUDY, subjectNumber: subject.subjectNumber, recordType: 'enrollment', field: 'strata.severity', text: 'Severity stratum differs from the counts' });
      const { id } = await database.db.selectFrom('enrollment').select('id').where('screening_id', '=', subject.screeningId).executeTakeFirstOrThrow();
      assert.equal(enrollment.recordId, id);
      assert.equal(enrollment.field, 'strata.severity');
      const other = await enrolledSubject(database.db, stores, SITE_A);
      await refusedWithoutWrites(database.db, () => queries.raise(monitor, { studyId: STUDY, subjectNumber: subject.subjectNumber, recordType: 'screening', recordId: other.screeningId, text: 'Wrong subject' }), { kind: 'not_found', code: 'not_found', field: 'recordId' });
      const got = await queries.get(monitor, STUDY, enrollment.id);
      assert.deepEqual(got.history.map((event) => [event.action, event.by, event.text]), [['raise', monitor.username, 'Severity stratum differs from the counts']]);
      await refusedWithoutWrites(database.db, () => queries.get(coordB, STUDY, enrollment.id), { kind: 'not_found', code: 'not_found', field: 'queryId' });
      await refusedWithoutWrites(database.db, () => queries.get(monitor, STUDY, 9_999_999), { kind: 'not_found', code: 'not_found', field: 'queryId' });
    });

    test('every action from every state through the service: legal ones move it, the rest are refused naming what is allowed', async () => {
      const { queries } = servicesAt(stores, clock);
      const actorFor = { answer: coordA, close: monitor, reopen: monitor, comment: invA } as const;
      const legal: Record<string, string | undefined> = {
        'open:answer': 'answered', 'open:close': 'closed', 'open:comment': 'open',
        'answered:close': 'closed', 'answered:reopen': 'open', 'answered:comment': 'answered',
        'closed:reopen': 'open',
      };
      const reach = async (state: 'open' | 'answered' | 'closed') => {
        const query = await queries.raise(monitor, { studyId: STUDY, subjectNumber: subject.subjectNumber, recordType: 'screening', text: `to ${state}` });
        if (state !== 'open') await queries.answer(coordA, { studyId: STUDY, queryId: query.id, text: 'answer' });
        if (state === 'closed') await queries.close(monitor, { studyId: STUDY, queryId: query.id });
        return query.id;
      };
      for (const state of ['open', 'answered', 'closed'] as const) {
        for (const action of ['answer', 'close', 'reopen', 'comment'] as const) {
          const queryId = await reach(state);
          const expected = legal[`${state}:${action}`];
          if (expected) {
            const after = await queries[action](actorFor[action], { studyId: STUDY, queryId, text: 'because' });
            assert.equal(after.state, expected, `${action} from ${state}`);
            assert.equal(after.history.at(-1)?.action, action);
          } else {
            await refusedWithoutWrites(database.db, () => queries[action](actorFor[action], { studyId: STUDY, queryId, text: 'because' }), { kind: 'conflict', code: 'query_state', field: 'state' });
            await assert.rejects(() => queries[action](actorFor[action], { studyId: STUDY, queryId, text: 'because' }), (error: unknown) => new RegExp(`cannot ${action} a query that is ${state}`).test((error as Error).message));
          }
        }
      }
      // Re-opening needs a reason; closing does not.
      const answered = await reach('answered');
      await refusedWithoutWrites(database.db, () => queries.reopen(monitor, { studyId: STUDY, queryId: answered, text: '' }), { kind: 'invalid', code: 'required', field: 'text' });
      await refusedWithoutWrites(database.db, () => queries.comment(coordB, { studyId: STUDY, queryId: answered, text: 'not my site' }), { kind: 'not_found', code: 'not_found', field: 'queryId' });
    });

    test('age: in days since raised, and the list filters by it', async () => {
      const ageClock = fixedClock(new Date('2026-10-01T02:00:00.000Z'));
      const { queries } = servicesAt(stores, ageClock);
      const old = await queries.raise(monitor, { studyId: STUDY, subjectNumber: subject.subjectNumber, recordType: 'screening', text: 'old one' });
      ageClock.set(new Date('2026-10-11T01:00:00.000Z'));
      const fresh = await queries.raise(monitor, { studyId: STUDY, subjectNumber: subject.subjectNumber, recordType: 'screening', text: 'fresh one' });
      const aged = await queries.list(monitor, { studyId: STUDY, state: 'open', minAgeDays: 9, limit: 500 });
      assert.ok(aged.items.some((query) => query.id === old.id && query.ageDays === 9));
      assert.ok(!aged.items.some((query) => query.id === fresh.id));
      assert.equal((await queries.get(monitor, STUDY, fresh.id)).ageDays, 0);
      await assert.rejects(() => queries.list(monitor, { studyId: STUDY, minAgeDays: -1 }), (error: unknown) => (error as { kind: string; problems: Array<{ field: string }> }).kind === 'invalid' && (error as { problems: Array<{ field: string }> }).problems[0].field === 'minAgeDays');
    });
  });
}
