// Two coordinators at the same moment never get the same slot or subject number: 50 screenings and 50
// enrollments at one site started together, on PGlite and PostgreSQL. And the blinded path: arms
// hidden from those without the allocation right, emergency unblinding audited without the arm.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testBackends } from '../support/databases.ts';
import { allocationAt, largestBlockSize, stratumKey } from '../../src/core/study/randomization.ts';
import { blockSeeds } from '../../src/conduct/enrollment/block-seed.ts';
import type { Database } from '../../src/store/database.ts';
import { actorWith, coordinatorAt, installTestStudies, investigatorAt, screeningInput, servicesAt, signedConsent, SITE_A, STUDY, testProtocol } from './subject-fixtures.ts';

const COUNT = 50;

for (const backend of testBackends()) {
  describe(`${backend.name}: concurrent screenings and enrollments`, () => {
    let database: Database & { dispose(): Promise<void> };
    let services: ReturnType<typeof servicesAt>;
    before(async () => {
      database = await backend.open({ seed: true });
      services = servicesAt(await installTestStudies(database.db));
    });
    after(async () => database?.dispose());

    test(`${COUNT} screenings at once get subject numbers 001..0${COUNT} with no gap or duplicate; ${COUNT} enrollments at once get distinct slots`, async () => {
      const coordinators = [coordinatorAt(SITE_A), actorWith('coord-2', [{ role: 'coordinator', siteCode: SITE_A }])];
      const auditBefore = await database.db.selectFrom('audit_event').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const screenings = await Promise.all(Array.from({ length: COUNT }, (_, i) => services.screening.startScreening(coordinators[i % 2], screeningInput(SITE_A, 'eligible', { factors: { severity: i % 3 === 0 ? 'VSAA' : 'SAA' } }))));
      const numbers = screenings.map((s) => s.subjectNumber).sort();
      assert.deepEqual(numbers, Array.from({ length: COUNT }, (_, i) => `${SITE_A}-${String(i + 1).padStart(3, '0')}`));
      const counter = await database.db.selectFrom('site_subject_counter').select('next_seq').where('site_code', '=', SITE_A).where('study_id', '=', STUDY).executeTakeFirstOrThrow();
      assert.equal(counter.next_seq, COUNT + 1);
      for (const s of screenings) await services.consent.recordConsent(coordinators[0], signedConsent(s.subjectNumber));

      const enrollments = await Promise.all(screenings.map((s, i) => services.enrollment.enroll(coordinators[i % 2], { studyId: STUDY, subjectNumber: s.subjectNumber })));
      assert.equal(new Set(enrollments.map((e) => e.subjectNumber)).size, COUNT);
      const rows = await database.db.selectFrom('enrollment').select(['subject_number', 'stratum_key', 'slot', 'arm']).where('study_id', '=', STUDY).execute();
      assert.equal(rows.length, COUNT);
      const plan = { arms: testProtocol().arms, blockMultiples: testProtocol().blockMultiples };
      const secret = Buffer.from((await database.db.selectFrom('study_secret').select('secret').where('study_id', '=', STUDY).executeTakeFirstOrThrow()).secret, 'hex');
      const strata = new Map<string, typeof rows>();
      for (const row of rows) strata.set(row.stratum_key!, [...(strata.get(row.stratum_key!) ?? []), row]);
      assert.deepEqual([...strata.keys()].sort(), [stratumKey({ site: SITE_A, severity: 'SAA' }), stratumKey({ site: SITE_A, severity: 'VSAA' })].sort());
      const counters = await database.db.selectFrom('randomization_stratum').select(['stratum_key', 'next_slot']).where('study_id', '=', STUDY).execute();
      for (const [key, members] of strata) {
        // Slots 0..n-1, each once; every arm is the sequence's arm at its slot; balance within the largest block.
        assert.deepEqual(members.map((m) => m.slot).sort((a, b) => a! - b!), members.map((_, i) => i));
        assert.equal(counters.find((c) => c.stratum_key === key)?.next_slot, members.length);
        for (const member of members) assert.equal(member.arm, allocationAt(blockSeeds(secret, STUDY, key), plan, member.slot!).arm);
        const ucb = members.filter((m) => m.arm === 'UCB_MSC').length;
        assert.ok(Math.abs(ucb - (members.length - ucb)) <= largestBlockSize(plan), `${key}: ${ucb} vs ${members.length - ucb}`);
      }
      const entries = await database.db.selectFrom('audit_event').select(['action', 'new_value']).where('action', '=', 'enroll').execute();
      assert.equal(entries.length, COUNT);
      const auditAfter = await database.db.selectFrom('audit_event').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      assert.equal(Number(auditAfter.n) - Number(auditBefore.n), 3 * COUNT, 'one entry per screening, consent and enrollment');
      // Each assignment logged with the strata used.
      for (const entry of entries) assert.ok((entry.new_value as { strata: Record<string, string> }).strata.site === SITE_A);
    });
  });

  describe(`${backend.name}: a blinded study`, () => {
    let database: Database & { dispose(): Promise<void> };
    let services: ReturnType<typeof servicesAt>;
    before(async () => {
      database = await backend.open({ seed: true });
      services = servicesAt(await installTestStudies(database.db, { protocol: testProtocol({ blinded: true }) }));
    });
    after(async () => database?.dispose());

    test('arms hidden without the allocation right; emergency unblinding needs a reason, is audited, and the arm stays out of the audit trail', async () => {
      const coordinator = coordinatorAt(SITE_A);
      const screening = await services.screening.startScreening(coordinator, screeningInput(SITE_A));
      await services.consent.recordConsent(coordinator, signedConsent(screening.subjectNumber));
      const enrolled = await services.enrollment.enroll(coordinator, { studyId: STUDY, subjectNumber: screening.subjectNumber });
      assert.equal(enrolled.arm, null);
      const pharmacist = actorWith('unblinded-pharmacist', [{ role: 'monitor', canViewAllocation: true }]);
      const arm = (await services.enrollment.getEnrollment(pharmacist, STUDY, screening.subjectNumber)).arm;
      assert.ok(arm === 'UCB_MSC' || arm === 'CSA');
      assert.equal((await services.enrollment.getEnrollment(actorWith('monitor', [{ role: 'monitor' }]), STUDY, screening.subjectNumber)).arm, null);
      await assert.rejects(services.enrollment.unblind(coordinator, { studyId: STUDY, subjectNumber: screening.subjectNumber, reason: 'SAE' }), { kind: 'forbidden' });
      const investigator = investigatorAt(SITE_A);
      await assert.rejects(services.enrollment.unblind(investigator, { studyId: STUDY, subjectNumber: screening.subjectNumber, reason: ' ' }), (error: { kind: string; problems: Array<{ field: string }> }) => error.kind === 'invalid' && error.problems[0].field === 'reason');
      const unblinded = await services.enrollment.unblind(investigator, { studyId: STUDY, subjectNumber: screening.subjectNumber, reason: 'Grade 4 SAE: treating physician needs the allocation' });
      assert.equal(unblinded.arm, arm);
      const entries = await database.db.selectFrom('audit_event').select(['action', 'new_value', 'reason']).where('record_type', '=', 'enrollment').orderBy('seq').execute();
      assert.deepEqual(entries.map((e) => e.action), ['enroll', 'unblind']);
      assert.equal(entries[1].reason, 'Grade 4 SAE: treating physician needs the allocation');
      for (const entry of entries) assert.ok(!JSON.stringify(entry.new_value).includes(arm!), 'no arm in a blinded study\'s audit entries');
      assert.equal((await database.db.selectFrom('unblinding').selectAll().execute()).length, 1);
    });
  });
}
