// Enrolled subjects for the follow-up tests (visits, treatment, labs, adverse events, assessments,
// queries): the test studies of subject-fixtures.ts with the seed study's visit schedule, and a
// subject screened, consented and enrolled at a site through the real services (clock 2026-09-01).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { EligoError } from '../../src/core/problems.ts';
import type { Kysely } from 'kysely';
import { protocolSettingsSchema } from '../../src/core/study/protocol.ts';
import type { Stores } from '../../src/store/index.ts';
import type { Tables } from '../../src/store/tables.ts';
import { rowCounts, coordinatorAt, installTestStudies, servicesAt, signedConsent, screeningInput, testProtocol, STUDY, fixedClock, actorWith } from './subject-fixtures.ts';

/** The seed study's visit schedule (data/studies/NCT05794425.json) in the test protocol. */
export const SEED_VISITS = protocolSettingsSchema.parse(JSON.parse(readFileSync('data/studies/NCT05794425.json', 'utf8')).protocol).visits;

/** The test studies, with the seed visit schedule; returns the stores. */
export function installFollowUpStudies(db: Kysely<Tables>): Promise<Stores> {
  return installTestStudies(db, { protocol: testProtocol({ visits: SEED_VISITS }) });
}

export interface EnrolledSubject {
  subjectNumber: string;
  siteCode: string;
  screeningId: number;
  /** The enrollment date (UTC) — day 0 until a first dose is recorded. */
  enrolledOn: string;
  arm: string;
}

/** Screens (eligible), consents and enrolls one subject at `siteCode`, as that site's coordinator. Open the database with `{ seed: true }`. */
export async function enrolledSubject(db: Kysely<Tables>, stores: Stores, siteCode: string, at = new Date('2026-09-01T04:00:00.000Z')): Promise<EnrolledSubject> {
  const services = servicesAt(stores, fixedClock(at));
  const coordinator = coordinatorAt(siteCode);
  const screened = await services.screening.startScreening(coordinator, screeningInput(siteCode, 'eligible', { screenedOn: at.toISOString().slice(0, 10) }));
  await services.consent.recordConsent(coordinator, signedConsent(screened.subjectNumber, 'v2.0', at.toISOString()));
  const enrollment = await services.enrollment.enroll(coordinator, { studyId: STUDY, subjectNumber: screened.subjectNumber });
  const row = await db.selectFrom('screening').select('id').where('study_id', '=', STUDY).where('subject_number', '=', screened.subjectNumber).executeTakeFirstOrThrow();
  return { subjectNumber: screened.subjectNumber, siteCode, screeningId: row.id, enrolledOn: enrollment.randomizedAt.slice(0, 10), arm: enrollment.arm ?? '' };
}

/** Study-wide roles of the test study. */
export const monitorOfStudy = () => actorWith('monitor-all', [{ role: 'monitor', siteCode: null }]);
export const dataManagerOfStudy = () => actorWith('dm-all', [{ role: 'data_manager', siteCode: null }]);

/** Asserts that `call` is refused with the kind, code and first field given, and that nothing was written. */
export async function refusedWithoutWrites(db: Kysely<Tables>, call: () => Promise<unknown>, expected: { kind: EligoError['kind']; code: string; field: string }): Promise<void> {
  const before = await rowCounts(db);
  await assert.rejects(call, (error: unknown) => {
    assert.ok(error instanceof EligoError, String(error));
    assert.deepEqual({ kind: error.kind, code: error.code, field: error.problems[0]?.field }, expected, error.message);
    return true;
  });
  assert.deepEqual(await rowCounts(db), before, 'nothing written');
}
