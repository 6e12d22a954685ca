// The demo driver against recording doubles of the account and conduct services (the real engine
// screens): a database with users is refused before anything is written; events run in time order on
// the clock the services read, never after `until`; each act — screening to the year of follow-up — is
// done by the role that does it in the UI.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import type { Actor } from '../../src/conduct/access/actor.ts';
import type { ScreeningView, SiteView, StudyDetail } from '../../src/conduct/model.ts';
import { bundleFromManualRecord } from '../../src/core/patient/manual.ts';
import { protocolSettingsSchema } from '../../src/core/study/protocol.ts';
import { parseRuleSet } from '../../src/eligibility/rule-sets.ts';
import { screenRecord } from '../../src/eligibility/screening.ts';
import { demoClock, runDemo, type DemoServices } from '../../src/demo/drive.ts';

const RULES = parseRuleSet(JSON.parse(readFileSync('data/seed-trials/NCT05794425.rules.json', 'utf8')), 'NCT05794425.rules.json');
const PROTOCOL = protocolSettingsSchema.parse({
  studyId: 'NCT05794425', version: 1, design: 'randomized', blinded: false,
  arms: [{ code: 'UCB_MSC', label: 'UCB + UC-MSC', ratio: 1, intervention: 'cells' }, { code: 'CSA', label: 'Cyclosporine A', ratio: 1, intervention: 'CsA' }],
  stratifyBySite: true, blockMultiples: [1, 2], visits: (JSON.parse(readFileSync('data/studies/NCT05794425.json', 'utf8')) as { protocol: { visits: unknown[] } }).protocol.visits, dosing: {}, responseScheme: 'BSH-2016', ctcaeVersion: '5.0',
  strata: [
    { key: 'diagnosisGroup', label: 'Diagnosis group', levels: [{ code: 'AA', label: 'AA' }, { code: 'OTHER_BMF', label: 'other' }] },
    { key: 'severity', label: 'Severity', levels: [{ code: 'SAA', label: 'SAA/VSAA' }, { code: 'NSAA', label: 'NSAA' }] },
  ],
  consentForms: [{ version: 'v1.0', effectiveFrom: '2023-08-01', languages: ['zh'] }, { version: 'v1.1', effectiveFrom: '2024-03-01', languages: ['zh'] }],
});
const SITES = ['QL01', 'BZ01', 'DZ01', 'JN01', 'JN02', 'LY02', 'TA01', 'ZB01', 'WW01'].map((siteCode, i): SiteView => ({
  studyId: 'NCT05794425', siteCode, nameEn: siteCode, nameZh: null, cityEn: 'Jinan', cityZh: null, province: 'Shandong', provinceZh: null,
  status: siteCode === 'WW01' ? 'pending' : 'active', activatedOn: siteCode === 'WW01' ? null : `2023-${String(8 + (i % 4)).padStart(2, '0')}-1${i}`, targetEnrollment: i === 0 ? 0 : 4, isLeadSponsor: i === 0,
}));

interface Call { method: string; at: Date; by: string; role?: string; siteCode?: string | null }

function doubles(existingUsers = 0) {
  const clock = demoClock(new Date(0));
  const calls: Call[] = [];
  const users: Array<{ id: number; username: string; grants: Actor['grants'] }> = [];
  const screenings = new Map<string, ScreeningView>();
  let arm = 0;
  let ids = 0;
  const record = (method: string, actor: Actor, extra: Partial<Call> = {}) => calls.push({ method, at: clock.now(), by: actor.username, role: actor.grants[0]?.role, ...extra });
  const services = {
    accounts: {
      listUsers: async () => Array.from({ length: existingUsers }, () => ({})),
      createUser: async (actor: Actor, input: { username: string; grants?: ReadonlyArray<{ studyId: string; siteCode?: string | null; role: string }> }) => {
        record('createUser', actor, { siteCode: input.grants?.[0]?.siteCode ?? null });
        const user = { id: users.length + 1, username: input.username, grants: (input.grants ?? []).map((grant) => ({ studyId: grant.studyId, siteCode: grant.siteCode ?? null, role: grant.role, canViewAllocation: false })) as Actor['grants'] };
        users.push(user);
        return { id: user.id };
      },
      actorFor: async (id: number) => {
        const user = users[id - 1];
        return { userId: id, username: user.username, isSystemAdmin: false, grants: user.grants, via: 'cli' } as Actor;
      },
    },
    conduct: {
      studies: {
        getStudy: async () => ({ protocol: PROTOCOL }) as StudyDetail,
        listSites: async () => SITES,
      },
      screening: {
        countScreenings: async () => [],
        startScreening: async (actor: Actor, input: { siteCode: string; screenedOn: string; source: { record: unknown }; factors?: Record<string, string> }) => {
          record('startScreening', actor, { siteCode: input.siteCode });
          assert.ok(input.screenedOn <= clock.now().toISOString().slice(0, 10), 'screened on a day not after the clock');
          assert.deepEqual(Object.keys(input.factors ?? {}).sort(), ['diagnosisGroup', 'severity']);
          const count = [...screenings.values()].filter((view) => view.siteCode === input.siteCode).length + 1;
          const view = { subjectNumber: `${input.siteCode}-${String(count).padStart(3, '0')}`, siteCode: input.siteCode, result: screenRecord(RULES, bundleFromManualRecord(input.source.record), { asOf: input.screenedOn }) } as ScreeningView;
          screenings.set(view.subjectNumber, view);
          return view;
        },
        recordConfirmations: async (actor: Actor) => { record('recordConfirmations', actor); return {} as ScreeningView; },
        setOutcome: async (actor: Actor) => { record('setOutcome', actor); return {} as ScreeningView; },
      },
      consent: {
        recordConsent: async (actor: Actor, input: { signedAt: string }) => {
          record('recordConsent', actor);
          assert.ok(Date.parse(input.signedAt) <= clock.now().getTime(), 'signed not after the clock');
          return { id: calls.length };
        },
        withdrawConsent: async (actor: Actor) => { record('withdrawConsent', actor); return {}; },
      },
      enrollment: {
        enroll: async (actor: Actor) => { record('enroll', actor); return { arm: arm++ % 2 === 0 ? 'UCB_MSC' : 'CSA' }; },
      },
      // The follow-up's services: each records its call and answers with the fields the driver reads.
      visits: { recordVisit: async (actor: Actor) => { record('recordVisit', actor); return {}; } },
      treatment: { recordAdministration: async (actor: Actor) => { record('recordAdministration', actor); return { warnings: [] }; } },
      labs: {
        recordPanel: async (actor: Actor, input: { results: Array<{ analyte: string }> }) => { record('recordPanel', actor); return input.results.map((result) => ({ id: ++ids, analyte: result.analyte, checkResults: [] })); },
        recordTransfusion: async (actor: Actor) => { record('recordTransfusion', actor); return {}; },
        recordMarrowExam: async (actor: Actor) => { record('recordMarrowExam', actor); return {}; },
      },
      assessments: { record: async (actor: Actor) => { record('recordAssessment', actor); return { response: 'none' }; } },
      safety: {
        recordAdverseEvent: async (actor: Actor, input: { serious: boolean }) => { record('recordAdverseEvent', actor); return { aeNumber: ++ids, serious: input.serious }; },
        correctAdverseEvent: async (actor: Actor) => { record('correctAdverseEvent', actor); return {}; },
        recordReport: async (actor: Actor, input: { recipient: string }) => { record(`recordReport:${input.recipient}`, actor); return {}; },
      },
      queries: {
        raise: async (actor: Actor) => { record('raiseQuery', actor); return { id: ++ids }; },
        answer: async (actor: Actor) => { record('answerQuery', actor); return {}; },
        close: async (actor: Actor) => { record('closeQuery', actor); return {}; },
        reopen: async (actor: Actor) => { record('reopenQuery', actor); return {}; },
        list: async (actor: Actor) => { record('listQueries', actor); return { total: 0, items: [] }; },
      },
    },
  } as unknown as DemoServices;
  return { services, clock, calls };
}

let passwords = 0;
const options = { seed: 42, patients: 120, until: '2026-12-02', newPassword: () => `not-from-the-seed-${++passwords}` };

describe('demo driver', () => {
  test('refuses a database that already has users, before writing anything', async () => {
    const { services, clock, calls } = doubles(1);
    await assert.rejects(runDemo(services, clock, options), (error: Error) => /fresh database only/.test(error.message));
    assert.deepEqual(calls, []);
  });

  test('runs every act in time order, by the right role, and reports the accounts once with their passwords', async () => {
    const { services, clock, calls } = doubles();
    const summary = await runDemo(services, clock, options);
    for (let i = 1; i < calls.length; i++) assert.ok(calls[i].at.getTime() >= calls[i - 1].at.getTime(), `${calls[i].method} after ${calls[i - 1].method}`);
    assert.ok(calls.every((call) => call.at.toISOString().slice(0, 10) <= options.until));
    const byRole = (method: string) => new Set(calls.filter((call) => call.method === method).map((call) => call.role));
    assert.deepEqual(byRole('startScreening'), new Set(['coordinator']));
    assert.deepEqual(byRole('recordConfirmations'), new Set(['investigator']));
    assert.deepEqual(byRole('recordConsent'), new Set(['coordinator']));
    const creators = calls.filter((call) => call.method === 'createUser');
    assert.equal(creators[0].by, 'cli:demo', 'the command line makes the sponsor admin');
    assert.ok(creators.slice(1).every((call) => call.by === 'sponsor.admin'), 'the sponsor admin makes the rest');
    assert.ok(!calls.some((call) => call.siteCode === 'QL01' || call.siteCode === 'WW01'), 'no screening at the sponsor company or a pending site');
    assert.equal(summary.screened, 120);
    assert.equal(summary.accounts.length, 4 + 2 * summary.sites.length);
    assert.equal(new Set(summary.accounts.map((account) => account.password)).size, summary.accounts.length);
    assert.deepEqual(summary.accounts.slice(0, 4).map((account) => account.role), ['sponsor_admin', 'data_manager', 'monitor', 'monitor'], 'the sponsor\'s people first');
    assert.deepEqual(summary.accounts.slice(4).map((account) => account.siteCode), summary.sites.flatMap((site) => [site, site]), 'then each site\'s');
    assert.ok(summary.outcomes.enrolled > 20 && summary.outcomes.screen_failure > 20, JSON.stringify(summary.outcomes));
    assert.equal(summary.outcomes.enrolled + summary.outcomes.screen_failure + summary.outcomes.declined + summary.outcomes.pending, 120);
    assert.equal(calls.filter((call) => call.method === 'enroll').length, summary.outcomes.enrolled);
  });

  test("each enrolled subject's follow-up: every act by the role that does it, none before its enrollment", async () => {
    const { services, clock, calls } = doubles();
    const summary = await runDemo(services, clock, options);
    const byRole = (method: string) => new Set(calls.filter((call) => call.method === method).map((call) => call.role));
    for (const method of ['recordVisit', 'recordAdministration', 'recordPanel', 'recordTransfusion']) assert.deepEqual(byRole(method), new Set(['coordinator']), method);
    for (const method of ['recordMarrowExam', 'recordAssessment', 'recordAdverseEvent', 'correctAdverseEvent', 'recordReport:sponsor']) assert.deepEqual(byRole(method), new Set(['investigator']), method);
    assert.deepEqual(byRole('raiseQuery'), new Set(['monitor']));
    assert.deepEqual(byRole('answerQuery'), new Set(['coordinator']));
    assert.deepEqual(byRole('closeQuery'), new Set(['monitor']));
    assert.ok(!calls.some((call) => call.method === 'recordReport:authority' && call.role !== 'data_manager'), 'the sponsor reports to the authority');
    const firstEnrollment = calls.find((call) => call.method === 'enroll')!.at.getTime();
    assert.ok(calls.filter((call) => call.method === 'recordVisit').every((call) => call.at.getTime() > firstEnrollment), 'no visit before an enrollment');
    const followUp = summary.followUp!;
    assert.equal(followUp.subjects, summary.outcomes.enrolled);
    assert.equal(followUp.visits + followUp.missedVisits, calls.filter((call) => call.method === 'recordVisit').length);
    assert.equal(followUp.assessments, calls.filter((call) => call.method === 'recordAssessment').length);
    assert.ok(followUp.visits > 6 * followUp.subjects, `${followUp.visits} visits for ${followUp.subjects} subjects`);
  });

  test('--no-follow-up (followUp: false) stops at enrollment', async () => {
    const { services, clock, calls } = doubles();
    const summary = await runDemo(services, clock, { ...options, followUp: false });
    assert.equal(summary.followUp, undefined);
    assert.ok(!calls.some((call) => call.method === 'recordVisit' || call.method === 'recordPanel'));
  });
});
