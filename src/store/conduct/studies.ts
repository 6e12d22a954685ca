// Studies, their protocol versions and sites. Every read that lists or counts sites takes the actor's
// SiteScope and filters in SQL, so a site outside it is never read at all; the caller (StudyService)
// has already decided the scope with requireScope. Loading a shipped study file is one transaction
// per study, audited as the system, and safe when two processes start at once.
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { SiteScope } from '../../conduct/access/actor.ts';
import { canonicalJson } from '../../core/audit/chain.ts';
import type { AuditEntryInput } from '../../conduct/audit/entry.ts';
import type { SiteView } from '../../conduct/model.ts';
import type { StudyFile, StudySiteFile } from '../../conduct/studies/study-file.ts';
import { protocolSettingsSchema, type ProtocolSettings } from '../../core/study/protocol.ts';
import type { Tables } from '../tables.ts';
import type { StudySiteTable } from '../conduct-tables.ts';
import { appendAudit } from './audit-append.ts';

export interface StudyRecord {
  studyId: string;
  title: string;
  titleZh: string | null;
  currentVersion: number;
  /** The settings of the current version. */
  protocol: ProtocolSettings;
}

export interface SiteRecord extends SiteView {
  /** Where the site's lab reference ranges are stored (eligibility_site_range.site_id). */
  rangeSiteId: string | null;
}

export type StudySeedOutcome =
  | { kind: 'no_trial' }
  | { kind: 'loaded'; created: boolean; protocolVersion: number; protocol: 'stored' | 'unchanged'; sitesAdded: string[] };

export interface StudyStore {
  /** The studies of these scopes (one per study the actor may read), each with the number of its sites inside the scope. */
  listStudies(scopes: readonly SiteScope[]): Promise<Array<StudyRecord & { visibleSites: number }>>;
  /** The scope's study with its current protocol, or undefined when it does not exist. */
  getStudy(scope: SiteScope): Promise<(StudyRecord & { visibleSites: number }) | undefined>;
  /** One protocol version's settings. */
  protocolVersion(studyId: string, version: number): Promise<ProtocolSettings | undefined>;
  protocolVersions(studyId: string): Promise<Array<{ version: number; createdAt: Date }>>;
  /** The study's sites inside the scope, by site code. */
  listSites(scope: SiteScope): Promise<SiteRecord[]>;
  /** One site, when it exists and is inside the scope. */
  getSite(scope: SiteScope, siteCode: string): Promise<SiteRecord | undefined>;
  /** Every study's id, no scope: for the command line's operator actor (cli/actor.ts), never for a user. */
  allStudyIds(): Promise<string[]>;
  /** Existence only, no scope: what the grant service asks before storing a grant. */
  studyExists(studyId: string): Promise<boolean>;
  siteExists(studyId: string, siteCode: string): Promise<boolean>;
  /** Loads a shipped study file (see conduct/studies/seed.ts). */
  loadShipped(file: StudyFile, at: Date): Promise<StudySeedOutcome>;
}

const SYSTEM: AuditEntryInput['actor'] = { userId: null, username: 'system', via: 'system' };

type SiteRow = Selectable<StudySiteTable>;

/** The SQL condition "site_code is inside the scope" (a scope always names at least one site). */
function inScope(scope: SiteScope, column = sql.ref('site_code')) {
  return scope.sites === 'all' ? sql<boolean>`true` : sql<boolean>`${column} = any(${[...scope.sites]}::text[])`;
}

function parseSettings(value: unknown): ProtocolSettings {
  return protocolSettingsSchema.parse(typeof value === 'string' ? JSON.parse(value) : value);
}

function siteRecord(row: SiteRow): SiteRecord {
  return {
    studyId: row.study_id,
    siteCode: row.site_code,
    nameEn: row.name_en,
    nameZh: row.name_zh,
    ...(row.name_zh_note !== null ? { nameZhNote: row.name_zh_note } : {}),
    cityEn: row.city_en,
    cityZh: row.city_zh,
    province: row.province,
    provinceZh: row.province_zh,
    status: row.status,
    activatedOn: row.activated_on,
    targetEnrollment: row.target_enrollment,
    isLeadSponsor: row.is_lead_sponsor,
    rangeSiteId: row.range_site_id,
  };
}

export function kyselyStudyStore(db: Kysely<Tables>): StudyStore {
  const studiesQuery = (scopes: readonly SiteScope[]) =>
    db
      .selectFrom('study as s')
      .innerJoin('study_protocol as p', (join) => join.onRef('p.study_id', '=', 's.study_id').onRef('p.version', '=', 's.current_version'))
      .select(['s.study_id', 's.title', 's.title_zh', 's.current_version', 'p.settings'])
      .where('s.study_id', 'in', scopes.map((scope) => scope.studyId))
      .orderBy('s.study_id');

  const visibleSiteCounts = async (scopes: readonly SiteScope[]): Promise<Map<string, number>> => {
    const counts = new Map<string, number>();
    for (const scope of scopes) {
      const row = await db.selectFrom('study_site').select((eb) => eb.fn.countAll<number>().as('n')).where('study_id', '=', scope.studyId).where(inScope(scope)).executeTakeFirstOrThrow();
      counts.set(scope.studyId, Number(row.n));
    }
    return counts;
  };

  const listStudies = async (scopes: readonly SiteScope[]) => {
    if (scopes.length === 0) return [];
    const rows = await studiesQuery(scopes).execute();
    const counts = await visibleSiteCounts(scopes);
    return rows.map((row) => ({ studyId: row.study_id, title: row.title, titleZh: row.title_zh, currentVersion: row.current_version, protocol: parseSettings(row.settings), visibleSites: counts.get(row.study_id) ?? 0 }));
  };

  return {
    listStudies,
    async getStudy(scope) {
      return (await listStudies([scope]))[0];
    },
    async protocolVersion(studyId, version) {
      const row = await db.selectFrom('study_protocol').select('settings').where('study_id', '=', studyId).where('version', '=', version).executeTakeFirst();
      return row ? parseSettings(row.settings) : undefined;
    },
    async protocolVersions(studyId) {
      const rows = await db.selectFrom('study_protocol').select(['version', 'created_at']).where('study_id', '=', studyId).orderBy('version').execute();
      return rows.map((row) => ({ version: row.version, createdAt: row.created_at }));
    },
    async listSites(scope) {
      const rows = await db.selectFrom('study_site').selectAll().where('study_id', '=', scope.studyId).where(inScope(scope)).orderBy('site_code').execute();
      return rows.map(siteRecord);
    },
    async getSite(scope, siteCode) {
      const row = await db.selectFrom('study_site').selectAll().where('study_id', '=', scope.studyId).where('site_code', '=', siteCode).where(inScope(scope)).executeTakeFirst();
      return row ? siteRecord(row) : undefined;
    },
    async allStudyIds() {
      return (await db.selectFrom('study').select('study_id').orderBy('study_id').execute()).map((row) => row.study_id);
    },
    async studyExists(studyId) {
      return (await db.selectFrom('study').select('study_id').where('study_id', '=', studyId).executeTakeFirst()) !== undefined;
    },
    async siteExists(studyId, siteCode) {
      return (await db.selectFrom('study_site').select('site_code').where('study_id', '=', studyId).where('site_code', '=', siteCode).executeTakeFirst()) !== undefined;
    },
    loadShipped: (file, at) => db.transaction().execute((tx) => loadShippedStudy(tx, file, at)),
  };
}

/** Same settings whatever the version number and key order (jsonb does not keep key order). */
function sameSettings(stored: unknown, shipped: ProtocolSettings): boolean {
  const { version: _a, ...storedRest } = parseSettings(stored);
  const { version: _b, ...shippedRest } = shipped;
  return canonicalJson(storedRest) === canonicalJson(shippedRest);
}

async function loadShippedStudy(tx: Transaction<Tables>, file: StudyFile, at: Date): Promise<StudySeedOutcome> {
  const { studyId } = file.study;
  const trial = await tx.selectFrom('registry_trial').select('nct_id').where('nct_id', '=', studyId).executeTakeFirst();
  if (!trial) return { kind: 'no_trial' };
  const audit = (entry: Omit<AuditEntryInput, 'actor' | 'at' | 'studyId' | 'reason'>) => appendAudit(tx, { ...entry, actor: SYSTEM, at, studyId, reason: 'shipped study file' });

  // A concurrent loader of the same study waits here on the row (insert or lock) until the first commits.
  const inserted = await tx
    .insertInto('study')
    .values({ study_id: studyId, title: file.study.title, title_zh: file.study.titleZh ?? null, current_version: file.protocol.version })
    .onConflict((oc) => oc.column('study_id').doNothing())
    .returning('study_id')
    .executeTakeFirst();
  const study = await tx.selectFrom('study').selectAll().where('study_id', '=', studyId).forUpdate().executeTakeFirstOrThrow();
  const created = inserted !== undefined;
  if (created) {
    await audit({ action: 'create', recordType: 'study', recordId: studyId, siteCode: null, oldValue: null, newValue: { title: study.title, titleZh: study.title_zh } });
  } else if (study.title !== file.study.title || study.title_zh !== (file.study.titleZh ?? null)) {
    await tx.updateTable('study').set({ title: file.study.title, title_zh: file.study.titleZh ?? null }).where('study_id', '=', studyId).execute();
    await audit({ action: 'update', recordType: 'study', recordId: studyId, siteCode: null, oldValue: { title: study.title, titleZh: study.title_zh }, newValue: { title: file.study.title, titleZh: file.study.titleZh ?? null } });
  }

  const versions = await tx.selectFrom('study_protocol').select(['version', 'settings']).where('study_id', '=', studyId).orderBy('version', 'desc').execute();
  let protocolVersion = study.current_version;
  let protocol: 'stored' | 'unchanged' = 'unchanged';
  if (!versions.some((row) => sameSettings(row.settings, file.protocol))) {
    const maxVersion = versions[0]?.version ?? 0;
    protocolVersion = file.protocol.version > maxVersion ? file.protocol.version : maxVersion + 1;
    const settings = { ...file.protocol, version: protocolVersion };
    await tx.insertInto('study_protocol').values({ study_id: studyId, version: protocolVersion, settings: JSON.stringify(settings), created_by: null }).execute();
    await tx.updateTable('study').set({ current_version: protocolVersion }).where('study_id', '=', studyId).execute();
    await audit({ action: 'create', recordType: 'study_protocol', recordId: `${studyId}/v${protocolVersion}`, siteCode: null, oldValue: versions[0] ? { version: versions[0].version } : null, newValue: settings });
    protocol = 'stored';
  }

  const sitesAdded: string[] = [];
  for (const site of file.sites) {
    const added = await tx.insertInto('study_site').values(siteValues(studyId, site)).onConflict((oc) => oc.columns(['study_id', 'site_code']).doNothing()).returning('site_code').executeTakeFirst();
    if (!added) continue;
    sitesAdded.push(site.siteCode);
    await audit({ action: 'create', recordType: 'site', recordId: `${studyId}/${site.siteCode}`, siteCode: site.siteCode, oldValue: null, newValue: site });
  }
  return { kind: 'loaded', created, protocolVersion, protocol, sitesAdded };
}

function siteValues(studyId: string, site: StudySiteFile) {
  return {
    study_id: studyId,
    site_code: site.siteCode,
    name_en: site.nameEn,
    name_zh: site.nameZh,
    name_zh_note: site.nameZhNote ?? null,
    city_en: site.cityEn,
    city_zh: site.cityZh,
    province: site.province,
    province_zh: site.provinceZh,
    status: site.status,
    activated_on: site.activatedOn,
    target_enrollment: site.targetEnrollment,
    is_lead_sponsor: site.isLeadSponsor,
    range_site_id: site.rangeSiteId,
  };
}
