// Plays a generated demo run through the same services the web UI uses: the account service makes
// the users and their grants (the command line makes the sponsor admin, the sponsor admin makes
// everyone else), and each user screens, answers, consents, enrolls and withdraws through the
// conduct services. Events happen in time order on a clock the services read, so every record,
// audit entry and randomization carries the date it happened in the story. Nothing here writes SQL.
import type { Actor } from '../conduct/access/actor.ts';
import type { AccountService } from '../conduct/accounts/service.ts';
import type { ConductServices } from '../conduct/services.ts';
import type { SiteView } from '../conduct/model.ts';
import { EligoError } from '../core/problems.ts';
import { beijingTime } from './dates.ts';
import { factorsFor, planSteps, type DemoStep } from './plan.ts';
import type { DemoPatient } from './patients.ts';
import { seededGenerator } from './random.ts';
import { followUpGenerator, planFollowUp } from './follow-up.ts';
import { emptyFollowUpSummary, followUpAct, type FollowUpServices, type FollowUpSummary } from './follow-up-drive.ts';
import { generateDemoRun, type DemoRun, type DemoUser } from './run.ts';

export const DEMO_STUDY_ID = 'NCT05794425';

/** The instant the services take as "now"; the demo moves it forward event by event. */
export interface DemoClock {
  now(): Date;
  set(at: Date): void;
}

export function demoClock(start: Date): DemoClock {
  let current = start;
  return { now: () => current, set: (at) => { current = at; } };
}

export interface DemoServices {
  accounts: Pick<AccountService, 'createUser' | 'listUsers' | 'actorFor'>;
  conduct: Pick<ConductServices, 'studies' | 'screening' | 'consent' | 'enrollment'> & FollowUpServices;
}

export interface DemoAccount {
  username: string;
  displayName: string;
  role: DemoUser['role'];
  siteCode: string | null;
  password: string;
}

export interface DemoSummary {
  studyId: string;
  seed: number;
  recruitment: { from: string; to: string };
  sites: string[];
  screened: number;
  outcomes: Record<'enrolled' | 'screen_failure' | 'declined' | 'pending', number>;
  arms: Record<string, number>;
  withdrawn: number;
  overridden: number;
  /** What the year of follow-up after each enrollment recorded (absent when the run skipped it). */
  followUp?: FollowUpSummary;
  accounts: DemoAccount[];
}

export interface DemoOptions {
  seed: number;
  patients?: number;
  /** A new password per account, from a secret source (never the seed). */
  newPassword: () => string;
  /** The last day events may fall on (yesterday: nothing is dated in the future). */
  until: string;
  /** Each enrolled subject's visits, treatment, labs, transfusions, adverse events, assessments and queries (default true). */
  followUp?: boolean;
  /** Told after each patient's screening: how many are screened of how many. */
  onProgress?: (screened: number, total: number) => void;
}

/** The command line as operator: it administers users and, to read the study before anyone exists, sees it study-wide. */
const OPERATOR: Actor = { userId: 0, username: 'cli:demo', isSystemAdmin: true, grants: [], via: 'cli' };
const READER: Actor = { ...OPERATOR, grants: [{ studyId: DEMO_STUDY_ID, siteCode: null, role: 'monitor', canViewAllocation: false }] };

/** A demo fills a fresh database only: any user or screening already there is refused, nothing written. */
export async function requireFreshDatabase(services: DemoServices): Promise<void> {
  const users = await services.accounts.listUsers(OPERATOR);
  const screenings = (await services.conduct.screening.countScreenings(READER, DEMO_STUDY_ID)).reduce((sum, row) => sum + row.count, 0);
  if (users.length > 0 || screenings > 0) {
    throw EligoError.of('conflict', {
      code: 'demo_needs_fresh_database', field: 'ELIGO_DATA_DIR', expected: 'a database without users or screenings',
      message: `the database already holds ${users.length} user(s) and ${screenings} screening(s); the demo fills a fresh database only — point ELIGO_DATA_DIR at a new directory (or DATABASE_URL at an empty database)`,
    });
  }
}

interface DemoEvent {
  at: Date;
  order: number;
  describe: string;
  act(): Promise<void>;
}

/** Events by time; ties in the order they were scheduled (a binary heap: a year of follow-up is tens of thousands of events). */
class EventQueue {
  private heap: DemoEvent[] = [];
  private scheduled = 0;
  private static before(a: DemoEvent, b: DemoEvent): boolean {
    return a.at.getTime() < b.at.getTime() || (a.at.getTime() === b.at.getTime() && a.order < b.order);
  }
  push(event: Omit<DemoEvent, 'order'>): void {
    const heap = this.heap;
    heap.push({ ...event, order: this.scheduled++ });
    for (let i = heap.length - 1; i > 0;) {
      const parent = (i - 1) >> 1;
      if (!EventQueue.before(heap[i], heap[parent])) break;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  }
  pop(): DemoEvent | undefined {
    const heap = this.heap;
    if (heap.length === 0) return undefined;
    const top = heap[0];
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      for (let i = 0; ;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let best = i;
        if (left < heap.length && EventQueue.before(heap[left], heap[best])) best = left;
        if (right < heap.length && EventQueue.before(heap[right], heap[best])) best = right;
        if (best === i) break;
        [heap[i], heap[best]] = [heap[best], heap[i]];
        i = best;
      }
    }
    return top;
  }
}

export async function runDemo(services: DemoServices, clock: DemoClock, options: DemoOptions): Promise<DemoSummary> {
  await requireFreshDatabase(services);
  const study = await services.conduct.studies.getStudy(READER, DEMO_STUDY_ID);
  const sites = await services.conduct.studies.listSites(READER, DEMO_STUDY_ID);
  const run = generateDemoRun(seededGenerator(options.seed), { studyId: DEMO_STUDY_ID, sites: sites.map(siteInput), patients: options.patients });
  const summary: DemoSummary = {
    studyId: DEMO_STUDY_ID, seed: options.seed, recruitment: run.recruitment, sites: run.sites.map((site) => site.siteCode), screened: 0,
    outcomes: { enrolled: 0, screen_failure: 0, declined: 0, pending: 0 }, arms: {}, withdrawn: 0, overridden: 0, accounts: [],
    ...(options.followUp === false ? {} : { followUp: emptyFollowUpSummary() }),
  };
  const actors = new Map<string, Actor>();
  const queue = new EventQueue();
  scheduleTeam(run, queue, services, actors, summary, options);
  run.patients.forEach((patient, index) => {
    queue.push({ at: beijingTime(patient.screenedOn, 9 * 60 + ((index * 7) % 120)), describe: `screening ${index + 1} at ${patient.siteCode} on ${patient.screenedOn}`, act: () => screen(patient, index) });
  });

  const staff = (siteCode: string, role: 'investigator' | 'coordinator'): Actor => actors.get(`${siteCode.toLowerCase()}.${role}`)!;

  async function screen(patient: DemoPatient, index: number): Promise<void> {
    const view = await services.conduct.screening.startScreening(staff(patient.siteCode, 'coordinator'), {
      studyId: DEMO_STUDY_ID, siteCode: patient.siteCode, screenedOn: patient.screenedOn, source: { kind: 'manual', record: patient.record }, identity: patient.identity, factors: factorsFor(patient, study.protocol.strata),
    });
    summary.screened++;
    options.onProgress?.(summary.screened, run.patients.length);
    const steps = planSteps(patient, view.result, { protocol: study.protocol, recruitment: run.recruitment, until: options.until });
    const outcome = steps.some((step) => step.kind === 'enroll') ? 'enrolled' : (steps.find((step) => step.kind === 'outcome') as Extract<DemoStep, { kind: 'outcome' }> | undefined)?.outcome ?? 'pending';
    summary.outcomes[outcome]++;
    let previous = clock.now();
    let consentId: number | undefined;
    for (const step of steps) {
      // A patient's steps keep their order; each at a working-hours time of its day.
      const base = beijingTime(step.on, STEP_MINUTE[step.kind] + ((index * 7) % 50));
      const at = new Date(Math.max(base.getTime(), previous.getTime() + 5 * 60_000));
      previous = at;
      queue.push({
        at, describe: `${view.subjectNumber} ${step.kind} on ${step.on}`,
        act: async () => {
          const actor = staff(patient.siteCode, step.by);
          if (step.kind === 'confirm') await services.conduct.screening.recordConfirmations(actor, DEMO_STUDY_ID, view.subjectNumber, step.answers);
          else if (step.kind === 'outcome') await services.conduct.screening.setOutcome(actor, DEMO_STUDY_ID, view.subjectNumber, step.outcome, step.failureReasons);
          else if (step.kind === 'consent') {
            const consent = await services.conduct.consent.recordConsent(actor, {
              studyId: DEMO_STUDY_ID, subjectNumber: view.subjectNumber, formVersion: step.formVersion, signedAt: clock.now().toISOString(), obtainedBy: staff(patient.siteCode, step.obtainedBy).username,
              signer: step.signer, signatureStatus: step.signatureStatus, language: 'zh', ...(step.guardianName ? { guardianName: step.guardianName, guardianRelationship: step.guardianRelationship } : {}),
            });
            consentId = consent.id;
          } else if (step.kind === 'enroll') {
            const enrollment = await services.conduct.enrollment.enroll(actor, { studyId: DEMO_STUDY_ID, subjectNumber: view.subjectNumber, ...(step.override ? { override: step.override } : {}) });
            if (enrollment.arm) summary.arms[enrollment.arm] = (summary.arms[enrollment.arm] ?? 0) + 1;
            if (step.override) summary.overridden++;
            if (summary.followUp && enrollment.arm) {
              const withdrawal = steps.find((later) => later.kind === 'withdraw');
              scheduleFollowUp(patient, view.subjectNumber, enrollment.arm, step.on, withdrawal?.on ?? null);
            }
          } else {
            await services.conduct.consent.withdrawConsent(actor, { studyId: DEMO_STUDY_ID, consentId: consentId!, withdrawnOn: step.on, reason: step.reason });
            summary.withdrawn++;
          }
        },
      });
    }
  }

  /** The subject's year after enrollment, on a generator of its own (the screening draws stay as they were). */
  function scheduleFollowUp(patient: DemoPatient, subjectNumber: string, arm: string, enrolledOn: string, withdrawnOn: string | null): void {
    const followUp = summary.followUp!;
    const plan = planFollowUp(followUpGenerator(options.seed, subjectNumber), {
      subjectNumber, arm, enrolledOn, patient, withdrawnOn, until: options.until, visits: study.protocol.visits,
    });
    followUp.subjects++;
    const siteIndex = run.sites.findIndex((site) => site.siteCode === patient.siteCode);
    const act = followUpAct(services.conduct, {
      studyId: DEMO_STUDY_ID, subjectNumber,
      actorFor: (role) => role === 'monitor' ? actors.get(`monitor.${(siteIndex % 2) + 1}`)! : role === 'data_manager' ? actors.get('data.manager')! : staff(patient.siteCode, role),
    }, followUp, new Map());
    const enrolledAt = clock.now().getTime();
    for (const followStep of plan.steps) {
      // Nothing before the enrollment it follows (a step on the enrollment day comes after it).
      queue.push({ at: new Date(Math.max(followStep.at.getTime(), enrolledAt + 60_000)), describe: `${subjectNumber} ${followStep.kind} ${followStep.at.toISOString()}`, act: () => act(followStep) });
    }
  }

  for (let event = queue.pop(); event; event = queue.pop()) {
    clock.set(event.at);
    try {
      await event.act();
    } catch (error) {
      if (error instanceof EligoError) throw new EligoError(error.kind, error.code, `demo stopped at ${event.describe}: ${error.message}`, error.problems);
      throw error;
    }
  }
  // The accounts as the team is listed: the sponsor's people, then each site's.
  const order = new Map(run.team.map((user, index) => [user.username, index]));
  summary.accounts.sort((a, b) => order.get(a.username)! - order.get(b.username)!);
  return summary;
}

/** Minutes after midnight (Beijing) at which each kind of step happens on its day. */
const STEP_MINUTE: Record<DemoStep['kind'], number> = { confirm: 11 * 60, outcome: 12 * 60, consent: 14 * 60, enroll: 15 * 60 + 30, withdraw: 10 * 60 };

function siteInput(site: SiteView) {
  return { siteCode: site.siteCode, status: site.status, activatedOn: site.activatedOn, targetEnrollment: site.targetEnrollment };
}

function scheduleTeam(run: DemoRun, queue: EventQueue, services: DemoServices, actors: Map<string, Actor>, summary: DemoSummary, options: DemoOptions): void {
  const sponsor = run.team.find((user) => user.role === 'sponsor_admin')!;
  for (const user of [...run.team].sort((a, b) => a.createdOn.localeCompare(b.createdOn))) {
    queue.push({
      at: beijingTime(user.createdOn, 8 * 60 + 30), describe: `account ${user.username}`,
      act: async () => {
        // The command line makes the sponsor admin; the sponsor admin makes the rest, as in the UI's user administration.
        const creator = user === sponsor ? OPERATOR : actors.get(sponsor.username)!;
        const password = options.newPassword();
        const created = await services.accounts.createUser(creator, { username: user.username, displayName: user.displayName, password, grants: [{ studyId: run.studyId, siteCode: user.siteCode, role: user.role }] });
        actors.set(user.username, await services.accounts.actorFor(created.id, 'cli'));
        summary.accounts.push({ username: user.username, displayName: user.displayName, role: user.role, siteCode: user.siteCode, password });
      },
    });
  }
}

