// Treatment records on both backends: the protocol's dose check at its boundaries (UC-MSC 100–300
// ×10⁶ cells for NCT03055078, cyclosporine A 3–5 mg/kg/day for NCT05794425) with total ↔ per-kg
// conversion by the day's weight, warnings stored never refused, the arm's products, refusals writing
// nothing, corrections with a reason audited old → new.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testBackends } from '../support/databases.ts';
import { EligoError } from '../../src/core/problems.ts';
import { treatmentService } from '../../src/conduct/treatment/service.ts';
import type { AdministrationInput } from '../../src/conduct/treatment/model.ts';
import type { Database } from '../../src/store/database.ts';
import type { Stores } from '../../src/store/index.ts';
import { enrolledSubject, installFollowUpStudies } from './follow-up-fixtures.ts';
import { followUpCounts } from './follow-up-counts.ts';
import { coordinatorAt, fixedClock, screeningInput, servicesAt, signedConsent, SINGLE_GROUP_STUDY, SITE_A, SITE_B, STUDY } from './subject-fixtures.ts';

const NOW = new Date('2026-09-10T06:00:00.000Z');

for (const backend of testBackends()) {
  describe(`${backend.name}: treatment administrations`, () => {
    let database: Database & { dispose(): Promise<void> };
    let stores: Stores;
    const clock = fixedClock(NOW);
    let treatment: ReturnType<typeof treatmentService>;
    const coordinator = coordinatorAt(SITE_A);
    let csaSubject: string;
    let singleGroupSubject: string;

    async function refused(work: () => Promise<unknown>, expected: { kind: string; code: string; field?: string; message?: RegExp }) {
      const before = await followUpCounts(database.db);
      await assert.rejects(work, (error: unknown) => {
        assert.ok(error instanceof EligoError, String(error));
        assert.equal(error.kind, expected.kind, error.message);
        assert.equal(error.code, expected.code, error.message);
        if (expected.field) assert.equal(error.problems[0].field, expected.field);
        if (expected.message) assert.match(error.message, expected.message);
        return true;
      });
      assert.deepEqual(await followUpCounts(database.db), before, 'nothing written');
    }

    /** A subject of the single-group study NCT03055078 (arm UC_MSC), enrolled 2026-09-01. */
    async function singleGroupEnrolled(): Promise<string> {
      const services = servicesAt(stores, fixedClock(new Date('2026-09-01T04:00:00.000Z')));
      const actor = coordinatorAt(SITE_A, SINGLE_GROUP_STUDY);
      const screened = await services.screening.startScreening(actor, { ...screeningInput(SITE_A, 'eligible', { screenedOn: '2026-09-01', factors: {} }), studyId: SINGLE_GROUP_STUDY });
      await services.consent.recordConsent(actor, { ...signedConsent(screened.subjectNumber, 'v2.0', '2026-09-01T04:00:00.000Z'), studyId: SINGLE_GROUP_STUDY });
      await services.enrollment.enroll(actor, { studyId: SINGLE_GROUP_STUDY, subjectNumber: screened.subjectNumber });
      return screened.subjectNumber;
    }

    before(async () => {
      database = await backend.open({ seed: true });
      stores = await installFollowUpStudies(database.db);
      treatment = treatmentService({ stores, clock });
      const subject = await enrolledSubject(database.db, stores, SITE_A);
      csaSubject = subject.subjectNumber;
      singleGroupSubject = await singleGroupEnrolled();
    });
    after(() => database.dispose());

    const csa = (extra: Partial<AdministrationInput> = {}): AdministrationInput => ({ studyId: STUDY, subjectNumber: csaSubject, product: 'cyclosporine A', givenAt: '2026-09-05T08:00:00+08:00', route: 'oral', dose: { value: 4, unit: 'mg/kg/day' }, weightKg: 60, ...extra });
    const msc = (value: number, extra: Partial<AdministrationInput> = {}): AdministrationInput => ({ studyId: SINGLE_GROUP_STUDY, subjectNumber: singleGroupSubject, product: 'UC-MSC', lot: 'MSC-2026-081', givenAt: '2026-09-05T09:30:00+08:00', route: 'IV', dose: { value, unit: '10^6 cells' }, weightKg: 50, ...extra });

    test('UC-MSC for NCT03055078: 99 and 301 ×10⁶ cells warned, 100 and 300 within; per kg derived from the weight', async () => {
      const actor = coordinatorAt(SITE_A, SINGLE_GROUP_STUDY);
      for (const [value, status] of [[99, 'warning'], [100, 'ok'], [300, 'ok'], [301, 'warning']] as const) {
        const recorded = await treatment.recordAdministration(actor, msc(value));
        assert.equal(recorded.doseCheck.status, status, String(value));
        assert.equal(recorded.doseTotal, value);
        assert.equal(recorded.dosePerKg, value / 50);
        assert.equal(recorded.warnings.some((w) => w.code === 'dose_out_of_range'), status === 'warning');
        if (status === 'warning') assert.match(recorded.warnings[0].message, new RegExp(`${value < 100 ? 'below' : 'above'} the allowed 100–300 ×10⁶ cells`));
        // A dose outside the rule raises a data query with the record, for the site to confirm or explain.
        const queries = await database.db.selectFrom('data_query').selectAll().where('record_type', '=', 'administration').where('record_id', '=', recorded.id).execute();
        assert.deepEqual(queries.map((q) => [q.origin, q.check_id, q.field, q.state]), status === 'warning' ? [['edit_check', 'dose_out_of_range', 'dose', 'open']] : [], String(value));
        if (status === 'warning') assert.match(queries[0].text, /100–300 ×10⁶ cells .*\/ 剂量超出方案给药规则的范围/);
      }
      const perKg = await treatment.recordAdministration(actor, msc(2, { dose: { value: 2, unit: '10^6 cells/kg' } }));
      assert.deepEqual([perKg.doseTotal, perKg.dosePerKg, perKg.doseCheck.status], [100, 2, 'ok']);
      const stored = await database.db.selectFrom('administration').select(['dose_check']).where('id', '=', perKg.id).executeTakeFirstOrThrow();
      assert.equal((stored.dose_check as any).status, 'ok');
      assert.equal((await treatment.listAdministrations(actor, SINGLE_GROUP_STUDY, singleGroupSubject)).length, 5);
    });

    test('cyclosporine A for NCT05794425: 2.9 and 5.1 mg/kg/day warned, 3 and 5 within; mg/day ↔ mg/kg/day by weight', async () => {
      for (const [value, status] of [[2.9, 'warning'], [3, 'ok'], [5, 'ok'], [5.1, 'warning']] as const) {
        const recorded = await treatment.recordAdministration(coordinator, csa({ dose: { value, unit: 'mg/kg/day' }, details: { troughNgPerMl: 180 } }));
        assert.equal(recorded.doseCheck.status, status, String(value));
        assert.equal(recorded.dosePerKg, value);
        assert.equal(recorded.doseTotal, Math.round(value * 60 * 1000) / 1000);
        assert.deepEqual(recorded.details, { troughNgPerMl: 180 });
      }
      const total = await treatment.recordAdministration(coordinator, csa({ dose: { value: 306, unit: 'mg/day' } }));
      assert.deepEqual([total.dosePerKg, total.doseCheck.status], [5.1, 'warning']);
      const noWeight = await treatment.recordAdministration(coordinator, csa({ dose: { value: 300, unit: 'mg/day' }, weightKg: undefined }));
      assert.equal(noWeight.doseCheck.status, 'unchecked');
      assert.match(noWeight.warnings[0].message, /weight is needed/);
    });

    test('a product without a registered dose is unchecked and says so; a product outside the arm is flagged; infusion reaction graded', async () => {
      const recorded = await treatment.recordAdministration(coordinator, csa({ product: 'UC-MSC', route: 'IV', dose: { value: 100, unit: '10^6 cells' }, infusionReaction: { occurred: true, description: 'chills, fever 38.6 °C', signs: { interruptedOrTreated: true } } }));
      assert.equal(recorded.doseCheck.status, 'unchecked');
      assert.ok(recorded.warnings.some((w) => w.code === 'dose_unchecked' && /NCT05794425 has no dosing rule for UC-MSC/.test(w.message)));
      const arm = (await database.db.selectFrom('enrollment').select('arm').where('subject_number', '=', csaSubject).where('study_id', '=', STUDY).executeTakeFirstOrThrow()).arm;
      assert.equal(recorded.warnings.some((w) => w.code === 'product_not_in_arm'), arm === 'CSA');
      // The product outside the arm is queried; an unchecked dose (no rule for the product) is not.
      const queries = await database.db.selectFrom('data_query').select(['check_id', 'field']).where('record_type', '=', 'administration').where('record_id', '=', recorded.id).execute();
      assert.deepEqual(queries, arm === 'CSA' ? [{ check_id: 'product_not_in_arm', field: 'product' }] : []);
      assert.equal(recorded.infusionReaction!.suggestedGrade!.grade, 2);
    });

    test('each refusal writes nothing', async () => {
      await refused(() => treatment.recordAdministration(coordinatorAt(SITE_B), csa()), { kind: 'not_found', code: 'not_found', field: 'subjectNumber' });
      const services = servicesAt(stores, fixedClock(new Date('2026-09-01T04:00:00.000Z')));
      const screened = await services.screening.startScreening(coordinator, screeningInput(SITE_A, 'eligible', { screenedOn: '2026-09-01' }));
      await refused(() => treatment.recordAdministration(coordinator, csa({ subjectNumber: screened.subjectNumber })), { kind: 'conflict', code: 'not_enrolled' });
      await refused(() => treatment.recordAdministration(coordinator, csa({ givenAt: '2026-08-31T10:00:00+08:00' })), { kind: 'invalid', code: 'date_too_early', field: 'givenAt', message: /enrollment date \(2026-09-01/ });
      await refused(() => treatment.recordAdministration(coordinator, csa({ givenAt: '2026-09-11T10:00:00+08:00' })), { kind: 'invalid', code: 'future_date', field: 'givenAt' });
      await refused(() => treatment.recordAdministration(coordinator, csa({ givenAt: '2026-09-05 10:00' })), { kind: 'invalid', code: 'invalid_date_time', field: 'givenAt' });
      await refused(() => treatment.recordAdministration(coordinator, csa({ dose: { value: 0, unit: 'mg/kg/day' } })), { kind: 'invalid', code: 'invalid_dose', field: 'dose.value' });
      await refused(() => treatment.recordAdministration(coordinator, csa({ dose: { value: 'four' as never, unit: 'mg/kg/day' } })), { kind: 'invalid', code: 'invalid_dose', field: 'dose.value' });
      await refused(() => treatment.recordAdministration(coordinator, csa({ dose: { value: 4, unit: 'g/day' } })), { kind: 'invalid', code: 'unknown_unit', field: 'dose.unit', message: /mg\/kg\/day, mg\/day/ });
      await refused(() => treatment.recordAdministration(coordinator, csa({ product: 'ATG' as never })), { kind: 'invalid', code: 'unknown_product', field: 'product', message: /UC-MSC, UCB, cyclosporine A/ });
      await refused(() => treatment.recordAdministration(coordinator, csa({ route: 'IM' as never })), { kind: 'invalid', code: 'unknown_route', field: 'route' });
      await refused(() => treatment.recordAdministration(coordinator, csa({ weightKg: 0 })), { kind: 'invalid', code: 'implausible_weight', field: 'weightKg' });
      await refused(() => treatment.recordAdministration(coordinator, csa({ weightKg: 900 })), { kind: 'invalid', code: 'implausible_weight', field: 'weightKg', message: /0–700 kg/ });
      await refused(() => treatment.recordAdministration(coordinator, csa({ visitCode: 'WEEK_9' })), { kind: 'invalid', code: 'unknown_visit', field: 'visitCode' });
      await refused(() => treatment.recordAdministration(coordinator, csa({ details: { tncPerKg: 3 } })), { kind: 'invalid', code: 'unknown_detail', field: 'details.tncPerKg' });
    });

    test('a correction needs a reason, re-checks the dose and is audited old → new', async () => {
      const recorded = await treatment.recordAdministration(coordinator, csa());
      await refused(() => treatment.correctAdministration(coordinator, { studyId: STUDY, subjectNumber: csaSubject, administrationId: recorded.id, changes: { dose: { value: 6, unit: 'mg/kg/day' } }, reason: '' }), { kind: 'invalid', code: 'required', field: 'reason' });
      await refused(() => treatment.correctAdministration(coordinator, { studyId: STUDY, subjectNumber: csaSubject, administrationId: recorded.id, changes: { dose: { value: -1, unit: 'mg/kg/day' } }, reason: 'typo' }), { kind: 'invalid', code: 'invalid_dose', field: 'dose.value' });
      await refused(() => treatment.correctAdministration(coordinatorAt(SITE_B), { studyId: STUDY, subjectNumber: csaSubject, administrationId: recorded.id, changes: { weightKg: 61 }, reason: 'typo' }), { kind: 'not_found', code: 'not_found' });
      await refused(() => treatment.correctAdministration(coordinator, { studyId: STUDY, subjectNumber: csaSubject, administrationId: 999_999, changes: { weightKg: 61 }, reason: 'typo' }), { kind: 'not_found', code: 'not_found', field: 'administrationId' });
      const corrected = await treatment.correctAdministration(coordinator, { studyId: STUDY, subjectNumber: csaSubject, administrationId: recorded.id, changes: { dose: { value: 6, unit: 'mg/kg/day' } }, reason: 'transcription error: 6 mg/kg/day was given' });
      assert.equal(corrected.doseCheck.status, 'warning');
      assert.equal(corrected.doseTotal, 360);
      const queried = async () => (await database.db.selectFrom('data_query').select(['check_id']).where('record_type', '=', 'administration').where('record_id', '=', recorded.id).where('check_id', '=', 'dose_out_of_range').execute()).map((q) => q.check_id);
      assert.deepEqual(await queried(), ['dose_out_of_range'], 'the correction that takes the dose out of range raises its query');
      const audit = await database.db.selectFrom('audit_event').selectAll().where('record_type', '=', 'administration').where('record_id', '=', String(recorded.id)).orderBy('id').execute();
      assert.deepEqual(audit.map((row) => row.action), ['create', 'update']);
      assert.equal(audit[1].reason, 'transcription error: 6 mg/kg/day was given');
      assert.deepEqual([(audit[1].old_value as any).doseValue, (audit[1].new_value as any).doseValue], [4, 6]);
      await treatment.correctAdministration(coordinator, { studyId: STUDY, subjectNumber: csaSubject, administrationId: recorded.id, changes: { weightKg: 61 }, reason: 'weight re-measured' });
      assert.deepEqual(await queried(), ['dose_out_of_range'], 'a correction that leaves the same warning raises no second query');
    });
  });
}
