// Screening log, consent and enrollment through the services on both backends: what is stored and
// audited, site isolation, and every "Bad input" of issue 8 refused with its kind, code and field and
// nothing written (row counts, counters and the audit trail unchanged).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { testBackends } from '../support/databases.ts';
import { EligoError } from '../../src/core/problems.ts';
import type { Database } from '../../src/store/database.ts';
import type { Stores } from '../../src/store/index.ts';
import {
  actorWith, coordinatorAt, installTestStudies, investigatorAt, rowCounts, screeningInput, servicesAt, signedConsent, SINGLE_GROUP_STUDY, SITE_A, SITE_B, SITE_PENDING, STUDY,
} from './subject-fixtures.ts';

async function refused(db: Database['db'], call: () => Promise<unknown>, expected: { kind: EligoError['kind']; code: string; field: string }): Promise<void> {
  const before = await rowCounts(db);
  await assert.rejects(call, (error: unknown) => {
    assert.ok(error instanceof EligoError, String(error));
    assert.deepEqual({ kind: error.kind, code: error.code, field: error.problems[0]?.field }, expected, error.message);
    return true;
  });
  assert.deepEqual(await rowCounts(db), before, 'nothing written');
}

const IDENTITY_PARTS = ['Zhang Wei-Test', 'MRN-778812', '138 0000 1111', '1990-01-01'];
async function auditText(db: Database['db']): Promise<string> {
  const { rows } = await sql<{ t: string }>`select coalesce(string_agg(row_to_json(audit_event)::text, E'\n'), '') as t from audit_event`.execute(db);
  return rows[0].t;
}

for (const backend of testBackends()) {
  describe(`${backend.name}: screening, consent and enrollment`, () => {
    let database: Database & { dispose(): Promise<void> };
    let stores: Stores;
    let services: ReturnType<typeof servicesAt>;
    const coordA = coordinatorAt(SITE_A);
    const coordB = coordinatorAt(SITE_B);
    const invA = investigatorAt(SITE_A);
    const monitor = actorWith('monitor', [{ role: 'monitor' }]);
    before(async () => {
      database = await backend.open({ seed: true });
      stores = await installTestStudies(database.db);
      services = servicesAt(stores);
    });
    after(async () => database?.dispose());

    async function screenedAndConsented(site = SITE_A, kind: 'eligible' | 'ineligible' | 'incomplete' = 'eligible', actor = site === SITE_A ? coordA : coordB) {
      const screening = await services.screening.startScreening(actor, screeningInput(site, kind));
      await services.consent.recordConsent(actor, signedConsent(screening.subjectNumber));
      return screening.subjectNumber;
    }

    test('a screening stores the verdict, the rule-set version and the criteria; identity apart, never in the audit trail or lists', async () => {
      const view = await services.screening.startScreening(coordA, screeningInput(SITE_A, 'eligible'));
      assert.match(view.subjectNumber, /^TA01-\d{3}$/);
      assert.equal(view.verdict, 'eligible');
      assert.deepEqual(view.ruleSet, { nctId: STUDY, version: view.result.ruleSet.version, review: 'reviewed' });
      assert.ok(view.result.criteria.some((criterion) => criterion.id === 'exc-6' && criterion.status === 'pass'));
      assert.equal(view.outcome, 'pending');
      assert.equal(view.origin, 'manual');
      const listed = await services.screening.listScreenings(monitor, { studyId: STUDY });
      assert.ok(listed.total >= 1);
      const text = JSON.stringify(listed) + JSON.stringify(await services.screening.getScreening(monitor, STUDY, view.subjectNumber)) + (await auditText(database.db));
      for (const part of IDENTITY_PARTS.slice(0, 3)) assert.ok(!text.includes(part), `identity part ${part} leaked`);
      assert.deepEqual(await services.screening.getIdentity(coordA, STUDY, view.subjectNumber), screeningInput(SITE_A).identity);
      // Identity: site staff of that site only.
      await assert.rejects(services.screening.getIdentity(monitor, STUDY, view.subjectNumber), { kind: 'forbidden' });
      await assert.rejects(services.screening.getIdentity(coordB, STUDY, view.subjectNumber), { kind: 'not_found' });
      const entry = await database.db.selectFrom('audit_event').selectAll().where('record_type', '=', 'screening').where('record_id', '=', view.subjectNumber).executeTakeFirstOrThrow();
      assert.equal(entry.action, 'create');
      assert.equal(entry.username, coordA.username);
      assert.equal(entry.site_code, SITE_A);
    });

    test('site isolation: another site\'s subject answers not_found like a nonexistent one, and lists and counts leave it out', async () => {
      const number = (await services.screening.startScreening(coordA, screeningInput(SITE_A))).subjectNumber;
      const errorOf = async (call: Promise<unknown>) => call.then(() => undefined, (error: EligoError) => ({ kind: error.kind, message: error.message.replace(/TA01-\d+|TA01-999/, 'X') }));
      assert.deepEqual(await errorOf(services.screening.getScreening(coordB, STUDY, number)), await errorOf(services.screening.getScreening(coordB, STUDY, 'TA01-999')));
      const listB = await services.screening.listScreenings(coordB, { studyId: STUDY });
      assert.ok(listB.items.every((item) => item.siteCode === SITE_B));
      assert.ok((await services.screening.countScreenings(coordB, STUDY)).every((row) => row.siteCode === SITE_B));
      await assert.rejects(services.screening.listScreenings(coordB, { studyId: STUDY, siteCode: SITE_A }), { kind: 'not_found' });
      await assert.rejects(services.screening.startScreening(coordB, screeningInput(SITE_A)), { kind: 'not_found' });
      await assert.rejects(services.screening.listScreenings(actorWith('nobody', []), { studyId: STUDY }), { kind: 'not_found' });
    });

    test('screening refusals: future date, pending site, unknown factor, bad record, malformed filter — nothing written', async () => {
      const db = database.db;
      await refused(db, () => services.screening.startScreening(coordA, screeningInput(SITE_A, 'eligible', { screenedOn: '2026-09-03' })), { kind: 'invalid', code: 'future_date', field: 'screenedOn' });
      await refused(db, () => services.screening.startScreening(coordA, screeningInput(SITE_A, 'eligible', { factors: { grade: 'X' } })), { kind: 'invalid', code: 'unknown_factor', field: 'factors.grade' });
      await refused(db, () => services.screening.startScreening(coordA, screeningInput(SITE_A, 'eligible', { factors: { severity: 'MILD' } })), { kind: 'invalid', code: 'unknown_level', field: 'factors.severity' });
      await refused(db, () => services.screening.startScreening(coordA, screeningInput(SITE_A, 'eligible', { source: { kind: 'manual', record: { sex: 'x' } as never } })), { kind: 'invalid', code: 'invalid_record', field: 'source.record.sex' });
      await refused(db, () => services.screening.startScreening(coordA, screeningInput(SITE_A, 'eligible', { identity: { name: '', hospitalNumber: 'H1', birthDate: null, phone: null } })), { kind: 'invalid', code: 'required', field: 'identity.name' });
      const pendingCoordinator = coordinatorAt(SITE_PENDING);
      await refused(db, () => services.screening.startScreening(pendingCoordinator, screeningInput(SITE_PENDING)), { kind: 'conflict', code: 'site_not_active', field: 'siteCode' });
      await refused(db, () => services.screening.listScreenings(coordA, { studyId: STUDY, subjectNumber: 'TA01-7' }), { kind: 'invalid', code: 'invalid_subject_number', field: 'subjectNumber' });
      await refused(db, () => services.screening.startScreening(monitor, screeningInput(SITE_A)), { kind: 'forbidden', code: 'forbidden', field: '(request)' });
    });

    test('confirmations and outcomes: unknown criterion refused, answers replace, changing a set outcome needs a reason', async () => {
      const number = (await services.screening.startScreening(coordA, screeningInput(SITE_A))).subjectNumber;
      await refused(database.db, () => services.screening.recordConfirmations(coordA, STUDY, number, [{ criterion: 'exc-6', answer: 'yes' }]), { kind: 'invalid', code: 'unknown_criterion', field: 'confirmations.0.criterion' });
      await services.screening.recordConfirmations(coordA, STUDY, number, [{ criterion: 'inc-6', answer: 'unknown' }]);
      const answered = await services.screening.recordConfirmations(coordA, STUDY, number, [{ criterion: 'inc-6', answer: 'yes' }]);
      assert.deepEqual(answered.confirmations.map((c) => [c.criterion, c.answer, c.answeredBy]), [['inc-6', 'yes', coordA.username]]);
      const declined = await services.screening.setOutcome(coordA, STUDY, number, 'declined', []);
      assert.equal(declined.outcome, 'declined');
      await refused(database.db, () => services.screening.setOutcome(coordA, STUDY, number, 'pending', []), { kind: 'invalid', code: 'required', field: 'reason' });
      await refused(database.db, () => services.screening.setOutcome(coordA, STUDY, number, 'enrolled' as never, []), { kind: 'invalid', code: 'invalid_outcome', field: 'outcome' });
      await refused(database.db, () => services.screening.setOutcome(coordA, STUDY, number, 'screen_failure', [], 'changed mind'), { kind: 'invalid', code: 'required', field: 'failureReasons' });
      const back = await services.screening.setOutcome(coordA, STUDY, number, 'pending', [], 'patient reconsidered');
      assert.equal(back.outcome, 'pending');
      const entry = await database.db.selectFrom('audit_event').select(['reason', 'old_value', 'new_value']).where('record_id', '=', number).orderBy('seq', 'desc').executeTakeFirstOrThrow();
      assert.equal(entry.reason, 'patient reconsidered');
      assert.deepEqual(entry.old_value, { outcome: 'declined', failureReasons: [] });
    });

    test('consent: future date, unknown form, missing guardian, superseded form refused; withdrawal recorded', async () => {
      const db = database.db;
      const number = (await services.screening.startScreening(coordA, screeningInput(SITE_A))).subjectNumber;
      await refused(db, () => services.consent.recordConsent(coordA, signedConsent(number, 'v2.0', '2026-09-02T09:00:00+08:00')), { kind: 'invalid', code: 'future_date', field: 'signedAt' });
      await refused(db, () => services.consent.recordConsent(coordA, signedConsent(number, 'v2.0', 'yesterday')), { kind: 'invalid', code: 'invalid_date_time', field: 'signedAt' });
      await refused(db, () => services.consent.recordConsent(coordA, signedConsent(number, 'v9.0')), { kind: 'invalid', code: 'unknown_form_version', field: 'formVersion' });
      await refused(db, () => services.consent.recordConsent(coordA, { ...signedConsent(number), signer: 'guardian' }), { kind: 'invalid', code: 'required', field: 'guardianName' });
      await refused(db, () => services.consent.recordConsent(coordA, signedConsent(number, 'v1.0', '2026-08-01T10:00:00+08:00')), { kind: 'conflict', code: 'consent_outdated', field: 'formVersion' });
      await refused(db, () => services.consent.recordConsent(coordA, signedConsent(number, 'v2.0', '2026-05-01T10:00:00+08:00')), { kind: 'invalid', code: 'date_too_early', field: 'signedAt' });
      await refused(db, () => services.consent.recordConsent(coordB, signedConsent(number)), { kind: 'not_found', code: 'not_found', field: 'subjectNumber' });
      const guardian = await services.consent.recordConsent(coordA, { ...signedConsent(number), signer: 'guardian', guardianName: 'Zhang Father-Test', guardianRelationship: 'father' });
      assert.equal(guardian.state, 'valid');
      assert.ok(!(await auditText(db)).includes('Zhang Father-Test'), 'guardian name stays out of the audit trail');
      await refused(db, () => services.consent.withdrawConsent(coordA, { studyId: STUDY, consentId: guardian.id, withdrawnOn: '2026-09-05', reason: 'x' }), { kind: 'invalid', code: 'future_date', field: 'withdrawnOn' });
      await refused(db, () => services.consent.withdrawConsent(coordB, { studyId: STUDY, consentId: guardian.id, withdrawnOn: '2026-09-01', reason: 'x' }), { kind: 'not_found', code: 'not_found', field: 'consentId' });
      const withdrawn = await services.consent.withdrawConsent(coordA, { studyId: STUDY, consentId: guardian.id, withdrawnOn: '2026-09-01', reason: 'family decided against' });
      assert.equal(withdrawn.state, 'withdrawn');
      await refused(db, () => services.consent.withdrawConsent(coordA, { studyId: STUDY, consentId: guardian.id, withdrawnOn: '2026-09-01', reason: 'again' }), { kind: 'conflict', code: 'already_withdrawn', field: 'consentId' });
      // Withdrawn consent: enrollment refused.
      await refused(db, () => services.enrollment.enroll(coordA, { studyId: STUDY, subjectNumber: number }), { kind: 'unprocessable', code: 'consent_missing', field: 'subjectNumber' });
      assert.deepEqual((await services.consent.listConsents(monitor, STUDY, number)).map((c) => c.state), ['withdrawn']);
    });

    test('enrollment bad input: other site, no consent, outdated consent, ineligible, coordinator override, second randomization, malformed number, missing factor', async () => {
      const db = database.db;
      const eligible = await screenedAndConsented();
      await refused(db, () => services.enrollment.enroll(coordB, { studyId: STUDY, subjectNumber: eligible }), { kind: 'not_found', code: 'not_found', field: 'subjectNumber' });
      await refused(db, () => services.enrollment.enroll(coordA, { studyId: STUDY, subjectNumber: 'TA01-07' }), { kind: 'invalid', code: 'invalid_subject_number', field: 'subjectNumber' });

      const unconsented = (await services.screening.startScreening(coordA, screeningInput(SITE_A))).subjectNumber;
      await refused(db, () => services.enrollment.enroll(coordA, { studyId: STUDY, subjectNumber: unconsented }), { kind: 'unprocessable', code: 'consent_missing', field: 'subjectNumber' });

      // Consent on v1.0 while it was in force; now v2.0 is current.
      const outdated = (await services.screening.startScreening(coordA, screeningInput(SITE_A))).subjectNumber;
      services.clock.set(new Date('2026-05-20T04:00:00Z'));
      try {
        await services.consent.recordConsent(coordA, signedConsent(outdated, 'v1.0', '2026-05-15T10:00:00+08:00'));
      } finally {
        services.clock.set(new Date('2026-09-01T04:00:00.000Z'));
      }
      await refused(db, () => services.enrollment.enroll(coordA, { studyId: STUDY, subjectNumber: outdated }), { kind: 'unprocessable', code: 'consent_outdated', field: 'formVersion' });
      assert.equal((await services.consent.listConsents(coordA, STUDY, outdated))[0].state, 'outdated');

      const ineligible = await screenedAndConsented(SITE_A, 'ineligible');
      await refused(db, () => services.enrollment.enroll(coordA, { studyId: STUDY, subjectNumber: ineligible }), { kind: 'unprocessable', code: 'screening_ineligible', field: 'override' });
      await refused(db, () => services.enrollment.enroll(coordA, { studyId: STUDY, subjectNumber: ineligible, override: { reason: 'I think it is fine' } }), { kind: 'forbidden', code: 'forbidden', field: '(request)' });
      await refused(db, () => services.enrollment.enroll(invA, { studyId: STUDY, subjectNumber: ineligible, override: { reason: '  ' } }), { kind: 'invalid', code: 'required', field: 'override.reason' });
      await refused(db, () => services.enrollment.enroll(coordA, { studyId: STUDY, subjectNumber: eligible, arm: 'CSA' }), { kind: 'invalid', code: 'arm_not_allowed', field: 'arm' });

      const noFactor = (await services.screening.startScreening(coordA, screeningInput(SITE_A, 'eligible', { factors: {} }))).subjectNumber;
      await services.consent.recordConsent(coordA, signedConsent(noFactor));
      await refused(db, () => services.enrollment.enroll(coordA, { studyId: STUDY, subjectNumber: noFactor }), { kind: 'unprocessable', code: 'stratum_missing', field: 'factors.severity' });

      const enrolled = await services.enrollment.enroll(coordA, { studyId: STUDY, subjectNumber: eligible });
      assert.ok(['UCB_MSC', 'CSA'].includes(enrolled.arm!));
      assert.deepEqual(enrolled.strata, { site: SITE_A, severity: 'SAA' });
      assert.deepEqual(Object.keys(enrolled).sort(), ['arm', 'overridden', 'randomizedAt', 'randomizedBy', 'siteCode', 'strata', 'studyId', 'subjectNumber']);
      await refused(db, () => services.enrollment.enroll(coordA, { studyId: STUDY, subjectNumber: eligible }), { kind: 'conflict', code: 'already_randomized', field: 'subjectNumber' });
      await refused(db, () => services.enrollment.enroll(invA, { studyId: STUDY, subjectNumber: eligible, override: { reason: 'again' } }), { kind: 'conflict', code: 'already_randomized', field: 'subjectNumber' });
      assert.equal((await services.screening.getScreening(coordA, STUDY, eligible)).outcome, 'enrolled');
      await refused(db, () => services.screening.setOutcome(coordA, STUDY, eligible, 'declined', [], 'x'), { kind: 'conflict', code: 'already_enrolled', field: 'outcome' });

      // The investigator's override: enrolled, and audited as 'override' with the reason.
      const overridden = await services.enrollment.enroll(invA, { studyId: STUDY, subjectNumber: ineligible, override: { reason: 'HIV result was a lab error, repeat negative' } });
      assert.equal(overridden.overridden, true);
      const entries = await db.selectFrom('audit_event').select(['action', 'reason', 'new_value']).where('record_id', '=', ineligible).orderBy('seq').execute();
      // (the consent's entry is filed under the consent's id)
      assert.deepEqual(entries.map((e) => e.action), ['create', 'override', 'enroll']);
      assert.equal(entries.find((e) => e.action === 'override')!.reason, 'HIV result was a lab error, repeat negative');
      assert.equal((await services.screening.getScreening(monitor, STUDY, ineligible)).override?.reason, 'HIV result was a lab error, repeat negative');
      // The database refuses a second enrollment too, whatever the service does.
      const screeningId = (await db.selectFrom('screening').select('id').where('subject_number', '=', eligible).executeTakeFirstOrThrow()).id;
      const consentId = (await db.selectFrom('enrollment').select('consent_id').where('subject_number', '=', eligible).executeTakeFirstOrThrow()).consent_id;
      await assert.rejects(db.insertInto('enrollment').values({ screening_id: screeningId, study_id: STUDY, subject_number: eligible, arm: 'CSA', assignment: 'the_one_arm', strata: '{}', protocol_version: 1, consent_id: consentId, overridden: false, randomized_at: new Date(), randomized_by: 'x' }).execute());
      // Open label: nothing to unblind.
      await refused(db, () => services.enrollment.unblind(invA, { studyId: STUDY, subjectNumber: eligible, reason: 'SAE' }), { kind: 'conflict', code: 'not_blinded', field: 'studyId' });
      assert.equal((await services.enrollment.getEnrollment(monitor, STUDY, eligible)).arm, enrolled.arm);
      const page = await services.enrollment.listEnrollments(coordB, STUDY);
      assert.equal(page.total, 0);
      assert.ok((await services.enrollment.enrollmentCounts(monitor, STUDY)).some((row) => row.siteCode === SITE_A && row.month === '2026-09' && row.count >= 2));
      // No slot, block or secret anywhere in what the services return or the audit trail holds.
      const secret = (await db.selectFrom('study_secret').select('secret').executeTakeFirstOrThrow()).secret;
      assert.ok(!(await auditText(db)).includes(secret));
      assert.ok(!JSON.stringify(await services.enrollment.listEnrollments(monitor, STUDY)).includes('slot'));
    });

    test('single-group study: the one arm, no strata needed', async () => {
      const coord = coordinatorAt(SITE_A, SINGLE_GROUP_STUDY);
      const screening = await services.screening.startScreening(coord, { ...screeningInput(SITE_A), studyId: SINGLE_GROUP_STUDY, factors: {} });
      await services.consent.recordConsent(coord, { ...signedConsent(screening.subjectNumber), studyId: SINGLE_GROUP_STUDY });
      await refused(database.db, () => services.enrollment.enroll(coord, { studyId: SINGLE_GROUP_STUDY, subjectNumber: screening.subjectNumber, arm: 'NOPE' }), { kind: 'invalid', code: 'unknown_arm', field: 'arm' });
      const enrolled = await services.enrollment.enroll(coord, { studyId: SINGLE_GROUP_STUDY, subjectNumber: screening.subjectNumber });
      assert.equal(enrolled.arm, 'UC_MSC');
      assert.deepEqual(enrolled.strata, {});
      assert.equal(await database.db.selectFrom('randomization_stratum').select('study_id').where('study_id', '=', SINGLE_GROUP_STUDY).executeTakeFirst(), undefined);
    });
  });
}
