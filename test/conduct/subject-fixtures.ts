// A test study for the screening, consent and enrollment tests: the seed trial NCT05794425 run with
// test protocol settings (two arms 1:1, stratified by site and severity, consent forms v1.0 and v2.0)
// at test sites of our own, and a small rule set (the seed set's HIV/HCV/syphilis exclusion and a
// point to confirm) so a patient is eligible or not by one test result. Works whether or not the
// database already holds the study (a later protocol version is added and made current).
import { readFileSync } from 'node:fs';
import { sql, type Kysely } from 'kysely';
import type { Actor, Grant } from '../../src/conduct/access/actor.ts';
import type { Role } from '../../src/conduct/access/roles.ts';
import type { ManualRecord } from '../../src/core/patient/manual.ts';
import { parseRuleSet } from '../../src/eligibility/rule-sets.ts';
import { protocolSettingsSchema, type ProtocolSettings } from '../../src/core/study/protocol.ts';
import { createStores, type Stores } from '../../src/store/index.ts';
import type { Tables } from '../../src/store/tables.ts';
import { createSubjectServices, type SubjectServices } from '../../src/conduct/subject-services.ts';
import type { StartScreeningInput } from '../../src/conduct/model.ts';

export const STUDY = 'NCT05794425';
export const SINGLE_GROUP_STUDY = 'NCT03055078';
export const SITE_A = 'TA01';
export const SITE_B = 'TB02';
export const SITE_PENDING = 'TC03';
export const NOW = new Date('2026-09-01T04:00:00.000Z');

export function testProtocol(overrides: Partial<ProtocolSettings> = {}): ProtocolSettings {
  return protocolSettingsSchema.parse({
    studyId: STUDY,
    version: 1,
    design: 'randomized',
    blinded: false,
    arms: [
      { code: 'UCB_MSC', label: 'UCB + UC-MSC', ratio: 1, intervention: 'umbilical cord blood + umbilical cord MSC' },
      { code: 'CSA', label: 'Cyclosporine A', ratio: 1, intervention: 'cyclosporine A' },
    ],
    stratifyBySite: true,
    strata: [{ key: 'severity', label: 'Severity', levels: [{ code: 'SAA', label: 'Severe' }, { code: 'VSAA', label: 'Very severe' }] }],
    blockMultiples: [1, 2],
    visits: [],
    dosing: {},
    responseScheme: 'camitta-2008',
    ctcaeVersion: '5.0',
    consentForms: [
      { version: 'v1.0', effectiveFrom: '2025-01-01', languages: ['zh', 'en'] },
      { version: 'v2.0', effectiveFrom: '2026-06-01', languages: ['zh'] },
    ],
    notes: [],
    ...overrides,
  });
}

export const singleGroupProtocol = (arms = 1): ProtocolSettings =>
  testProtocol({
    studyId: SINGLE_GROUP_STUDY,
    design: 'single_group',
    stratifyBySite: false,
    strata: [],
    arms: [
      { code: 'UC_MSC', label: 'UC-MSC', ratio: 1, intervention: 'umbilical cord MSC' },
      { code: 'CONTROL', label: 'Control', ratio: 1, intervention: 'standard care' },
    ].slice(0, arms),
  });

async function installStudy(db: Kysely<Tables>, protocol: ProtocolSettings, sites: Array<{ code: string; status: 'active' | 'pending' }>): Promise<void> {
  const study = await db.selectFrom('study').select('current_version').where('study_id', '=', protocol.studyId).executeTakeFirst();
  const version = (study?.current_version ?? 0) + 1;
  if (!study) await db.insertInto('study').values({ study_id: protocol.studyId, title: `Test run of ${protocol.studyId}`, current_version: version }).execute();
  await db.insertInto('study_protocol').values({ study_id: protocol.studyId, version, settings: JSON.stringify({ ...protocol, version }) }).execute();
  await db.updateTable('study').set({ current_version: version }).where('study_id', '=', protocol.studyId).execute();
  for (const site of sites) {
    await db
      .insertInto('study_site')
      .values({ study_id: protocol.studyId, site_code: site.code, name_en: `Test hospital ${site.code}`, city_en: 'Tianjin', province: 'Tianjin', status: site.status, activated_on: site.status === 'active' ? '2026-01-01' : null })
      .onConflict((oc) => oc.columns(['study_id', 'site_code']).doNothing())
      .execute();
  }
}

/** The seed set's infection-test exclusion and its no-transplant-plan confirm, as a newer reviewed version. */
async function installRuleSet(stores: Stores, nctId: string): Promise<void> {
  const seed = JSON.parse(readFileSync(`data/seed-trials/NCT05794425.rules.json`, 'utf8'));
  const ruleSet = parseRuleSet({ ...seed, nctId, criteria: seed.criteria.filter((criterion: { id: string }) => ['inc-6', 'exc-6'].includes(criterion.id)) }, 'test rules');
  await stores.ruleSets.save(ruleSet, 'hand', { nextVersion: true });
}

export async function installTestStudies(db: Kysely<Tables>, options: { protocol?: ProtocolSettings; singleGroupArms?: number } = {}): Promise<Stores> {
  const stores = createStores(db);
  await installStudy(db, options.protocol ?? testProtocol(), [{ code: SITE_A, status: 'active' }, { code: SITE_B, status: 'active' }, { code: SITE_PENDING, status: 'pending' }]);
  await installStudy(db, singleGroupProtocol(options.singleGroupArms ?? 1), [{ code: SITE_A, status: 'active' }]);
  await installRuleSet(stores, STUDY);
  await installRuleSet(stores, SINGLE_GROUP_STUDY);
  return stores;
}

export function fixedClock(at: Date = NOW) {
  let now = at;
  return { now: () => now, set: (next: Date) => { now = next; } };
}

export function servicesAt(stores: Stores, clock = fixedClock()): SubjectServices & { clock: ReturnType<typeof fixedClock> } {
  return { ...createSubjectServices(stores, clock), clock };
}

let nextUserId = 1000;
export function actorWith(username: string, grants: Array<{ role: Role; studyId?: string; siteCode?: string | null; canViewAllocation?: boolean }>): Actor {
  const full: Grant[] = grants.map((grant) => ({ studyId: grant.studyId ?? STUDY, siteCode: grant.siteCode === undefined ? null : grant.siteCode, role: grant.role, canViewAllocation: grant.canViewAllocation ?? false }));
  return { userId: nextUserId++, username, isSystemAdmin: false, grants: full, via: 'session' };
}

export const coordinatorAt = (site: string, studyId = STUDY) => actorWith(`coord-${site.toLowerCase()}`, [{ role: 'coordinator', siteCode: site, studyId }]);
export const investigatorAt = (site: string, studyId = STUDY) => actorWith(`inv-${site.toLowerCase()}`, [{ role: 'investigator', siteCode: site, studyId }]);

/** A patient record: the three infection tests, negative (eligible) or one positive (ineligible); none → incomplete. */
export function patientRecord(kind: 'eligible' | 'ineligible' | 'incomplete'): ManualRecord {
  const date = '2026-08-20';
  if (kind === 'incomplete') return { sex: 'female', birthDate: '1990-01-01' };
  return {
    sex: 'female',
    birthDate: '1990-01-01',
    tests: [
      { analyte: 'hiv', result: kind === 'ineligible' ? 'positive' : 'negative', date },
      { analyte: 'hcv.ab', result: 'negative', date },
      { analyte: 'syphilis', result: 'negative', date },
    ],
  };
}

export function screeningInput(siteCode: string, kind: 'eligible' | 'ineligible' | 'incomplete' = 'eligible', extra: Partial<StartScreeningInput> = {}): StartScreeningInput {
  return {
    studyId: STUDY,
    siteCode,
    screenedOn: '2026-08-31',
    source: { kind: 'manual', record: patientRecord(kind) },
    identity: { name: 'Zhang Wei-Test', hospitalNumber: 'MRN-778812', birthDate: '1990-01-01', phone: '+86 138 0000 1111' },
    factors: { severity: 'SAA' },
    ...extra,
  };
}

/** Row counts of every subject and follow-up table and the audit trail: a refused call must leave them unchanged. */
export async function rowCounts(db: Kysely<Tables>): Promise<Record<string, number>> {
  const tables = [
    'screening', 'subject_identity', 'consent', 'enrollment', 'randomization_stratum', 'site_subject_counter', 'study_secret', 'unblinding', 'audit_event',
    'subject_visit', 'administration', 'lab_result', 'transfusion', 'marrow_exam', 'adverse_event', 'disease_assessment', 'data_query', 'data_query_event',
  ] as const;
  const counts: Record<string, number> = {};
  for (const table of tables) counts[table] = Number((await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(db)).rows[0].n);
  const stratum = await sql<{ s: number }>`select coalesce(sum(next_slot), 0)::int as s from randomization_stratum`.execute(db);
  const counter = await sql<{ s: number }>`select coalesce(sum(next_seq), 0)::int as s from site_subject_counter`.execute(db);
  counts.slots = Number(stratum.rows[0].s);
  counts.seqs = Number(counter.rows[0].s);
  return counts;
}

export const signedConsent = (subjectNumber: string, formVersion = 'v2.0', signedAt = '2026-08-31T09:30:00+08:00') => ({
  studyId: STUDY, subjectNumber, formVersion, signedAt, obtainedBy: 'Dr Li (investigator)', signer: 'patient' as const, signatureStatus: 'signed' as const, language: 'zh',
});
