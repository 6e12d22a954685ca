// The storage boundary: one repository per area, each an interface with its Kysely implementation
// beside it. `createStores` builds them once per database; services and routes receive them and never
// see Kysely. The study-conduct work adds its repositories here, scoped to the actor's sites.
import { sql, type Kysely } from 'kysely';
import { kyselyReportRowReader, type ReportRowReader } from './conduct/report-rows.ts';
import type { RuleSet } from '../core/criteria/rules.ts';
import type { SiteReferenceRange } from '../core/patient/limits.ts';
import type { Trial } from '../core/trial/model.ts';
import type { SearchQuery } from '../registry/search/query.ts';
import type { Tables } from './tables.ts';
import type { AccountRepository } from './accounts/repository.ts';
import type { StudyDirectory } from '../conduct/accounts/study-directory.ts';
import { kyselyAccountRepository } from './accounts/kysely-accounts.ts';
import { kyselyStudyStore, type StudyStore } from './conduct/studies.ts';
import { kyselyAuditStore, type AuditStore } from './conduct/audit.ts';
import type { AuditWriter } from '../conduct/audit/entry.ts';
import { appendAudit } from './conduct/audit-append.ts';
import type { SubjectRepository } from './conduct/subject-repository.ts';
import { kyselySubjectRepository } from './conduct/subjects.ts';
import { kyselyQueryRepository, type QueryRepository } from './conduct/queries.ts';
import { kyselyVisitRepository, type VisitRepository } from './conduct/visits.ts';
import { kyselyAdministrationRepository, type AdministrationRepository } from './conduct/administrations.ts';
import { kyselyAdverseEventRepository, type AdverseEventRepository } from './conduct/adverse-events.ts';
import { kyselyAssessmentRepository, type AssessmentRepository } from './conduct/assessments.ts';
import { kyselyLabRepository, type LabRepository } from './conduct/labs.ts';
import { currentRuleSet, currentRuleSetsOfOpenTrials, listRuleSets, ruleSetVersions, saveParsedRuleSets, saveRuleSet, type ParsedRuleSetInput, type RuleSetListItem, type RuleSetSource, type StoredRuleSet } from './rule-sets.ts';
import { recordRefreshedParserVersion, refreshedParserVersion, saveSeedRuleSet, staleParsedTrials, type SeedOutcome, type StaleScope } from './rule-set-sources.ts';
import { replaceSiteRanges, siteRanges, sitesWithRanges } from './site-ranges.ts';
import { searchTrials, type SearchDependencies, type SearchResponse } from './trial-search.ts';
import { analyzeRegistry, getTrialRecord, seedMarked, seedTrialsOnce, upsertTrials, type StoredTrialInput, type UpsertOptions, type UpsertOutcome } from './trials.ts';

export interface TrialStore {
  /** The stored API v2 record, or null. */
  record(nctId: string): Promise<Trial | null>;
  /** Creates or updates trials by NCT id in one transaction. */
  upsert(inputs: StoredTrialInput[], options?: UpsertOptions): Promise<UpsertOutcome>;
  search(query: SearchQuery, deps?: SearchDependencies): Promise<SearchResponse>;
  seeded(seededKey: string): Promise<boolean>;
  /** The seed trials and their marker, once (a concurrent seeder that claimed it first wins). */
  seedOnce(seededKey: string, trials: readonly Trial[]): Promise<void>;
  /** Refreshes the planner's statistics after a large import. */
  analyze(): Promise<void>;
}

export interface RuleSetStore {
  /** The version screening uses: the latest reviewed, else the latest unreviewed. */
  current(nctId: string): Promise<StoredRuleSet | undefined>;
  versions(nctId: string): Promise<Array<{ version: number; review: string; source: string; createdAt: Date }>>;
  save(ruleSet: RuleSet, source: RuleSetSource, options?: { nextVersion?: boolean }): Promise<RuleSet>;
  saveParsed(inputs: readonly ParsedRuleSetInput[], parserVersion: string): Promise<void>;
  saveSeed(shipped: RuleSet): Promise<SeedOutcome>;
  currentOfOpenTrials(): Promise<Array<{ ruleSet: RuleSet; title: string | null; status: string | null }>>;
  list(options: { review?: 'reviewed' | 'unreviewed'; limit: number; offset: number }): Promise<{ total: number; items: RuleSetListItem[] }>;
  /** Trials whose stored parser output is missing or stale (no reviewed set), by NCT id. */
  staleParsed(parserVersion: string, scope: StaleScope): Promise<Array<{ nct_id: string; criteria: string }>>;
  refreshedParserVersion(): Promise<string | undefined>;
  recordRefreshedParserVersion(parserVersion: string): Promise<void>;
}

export interface SiteRangeStore {
  /** Replaces all of a site's ranges in one transaction. */
  replace(siteId: string, ranges: readonly SiteReferenceRange[]): Promise<void>;
  list(siteId: string): Promise<SiteReferenceRange[]>;
  sites(): Promise<Array<{ siteId: string; ranges: number; analytes: number }>>;
}

export interface Stores {
  trials: TrialStore;
  ruleSets: RuleSetStore;
  siteRanges: SiteRangeStore;
  /** Users, sessions, API tokens and grants (transactions for the account service). */
  accounts: AccountRepository;
  /** Whether a study and a site exist (over the study and site tables), asked before a grant is stored. */
  studyDirectory: StudyDirectory;
  /** Studies, protocol versions and sites; every site list is filtered by the actor's SiteScope in SQL. */
  studies: StudyStore;
  /** Reading the audit trail: scoped lists and exports, and the whole chain for verification. */
  audit: AuditStore;
  /** Appends to the audit chain inside the caller's transaction. */
  auditWriter: AuditWriter;
  /** Screening log, identity, consent, enrollment and randomization: every read takes the actor's site scope. */
  subjects: SubjectRepository;
  /** Data queries and their history: every read takes the actor's site scope. */
  queries: QueryRepository;
  /** Subject visits and the dates their calendars rest on (site-scoped). */
  visits: VisitRepository;
  /** Treatment administrations (site-scoped). */
  administrations: AdministrationRepository;
  /** Disease assessments and the follow-up reads they derive from: every read takes the actor's site scope. */
  assessments: AssessmentRepository;
  /** Laboratory results, transfusions and marrow examinations: every read takes the actor's site scope. */
  labs: LabRepository;
  /** Adverse events, with the study-wide serious-event and graded-lab reads (site-scoped). */
  adverseEvents: AdverseEventRepository;
  /** The rows study reports are computed from (site-scoped, one snapshot). */
  reportRows: ReportRowReader;
  /** The database server's version string (for /api/health). */
  serverVersion(): Promise<string>;
}

const built = new WeakMap<Kysely<Tables>, Stores>();

/** The repositories over one database, built once per handle (their caches live as long as it). */
export function createStores(db: Kysely<Tables>): Stores {
  const existing = built.get(db);
  if (existing) return existing;
  const studies = kyselyStudyStore(db);
  const stores: Stores = {
    trials: {
      record: (nctId) => getTrialRecord(db, nctId),
      upsert: (inputs, options) => upsertTrials(db, inputs, options),
      search: (query, deps) => searchTrials(db, query, deps),
      seeded: (key) => seedMarked(db, key),
      seedOnce: (key, trials) => seedTrialsOnce(db, key, trials),
      analyze: () => analyzeRegistry(db),
    },
    ruleSets: {
      current: (nctId) => currentRuleSet(db, nctId),
      versions: (nctId) => ruleSetVersions(db, nctId),
      save: (ruleSet, source, options) => saveRuleSet(db, ruleSet, source, options),
      saveParsed: (inputs, parserVersion) => saveParsedRuleSets(db, inputs, parserVersion),
      saveSeed: (shipped) => saveSeedRuleSet(db, shipped),
      currentOfOpenTrials: () => currentRuleSetsOfOpenTrials(db),
      list: (options) => listRuleSets(db, options),
      staleParsed: (parserVersion, scope) => staleParsedTrials(db, parserVersion, scope),
      refreshedParserVersion: () => refreshedParserVersion(db),
      recordRefreshedParserVersion: (parserVersion) => recordRefreshedParserVersion(db, parserVersion),
    },
    siteRanges: {
      replace: (siteId, ranges) => replaceSiteRanges(db, siteId, ranges),
      list: (siteId) => siteRanges(db, siteId),
      sites: () => sitesWithRanges(db),
    },
    accounts: kyselyAccountRepository(db),
    studyDirectory: { studyExists: (studyId) => studies.studyExists(studyId), siteExists: (studyId, siteCode) => studies.siteExists(studyId, siteCode) },
    studies,
    audit: kyselyAuditStore(db),
    auditWriter: { append: appendAudit },
    subjects: kyselySubjectRepository(db),
    queries: kyselyQueryRepository(db),
    visits: kyselyVisitRepository(db),
    administrations: kyselyAdministrationRepository(db),
    assessments: kyselyAssessmentRepository(db),
    labs: kyselyLabRepository(db),
    adverseEvents: kyselyAdverseEventRepository(db),
    reportRows: kyselyReportRowReader(db),
    serverVersion: async () => (await sql<{ v: string }>`select version() as v`.execute(db)).rows[0].v,
  };
  built.set(db, stores);
  return stores;
}

export type { StudyStore, AuditStore };
export type { ParsedRuleSetInput, RuleSetListItem, RuleSetSource, SeedOutcome, StoredRuleSet };
