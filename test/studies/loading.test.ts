// Loading the shipped studies: on first use with the seed trials, once (a re-run changes nothing, two
// loaders at once store everything once), a changed protocol becomes a new version with the old ones
// kept, new sites are added, everything audited as the system. The study directory reads the tables.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testBackends } from '../support/databases.ts';
import { createStores, type Stores } from '../../src/store/index.ts';
import { ensureSeedStudies, SEED_STUDIES_DIR } from '../../src/conduct/studies/seed.ts';
import { conductServicesFor } from '../../src/conduct/compose.ts';
import type { Actor } from '../../src/conduct/access/actor.ts';

const OPERATOR: Actor = { userId: 0, username: 'cli', isSystemAdmin: true, grants: [], via: 'cli' };
const STUDY = 'NCT05794425';

for (const backend of testBackends()) {
  describe(`${backend.name}: shipped studies`, () => {
    let database: Awaited<ReturnType<typeof backend.open>>;
    let stores: Stores;
    const directory = mkdtempSync(join(tmpdir(), 'eligo-studies-'));
    const auditCount = async () => Number((await database.db.selectFrom('audit_event').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

    before(async () => {
      database = await backend.open({ seed: true });
      stores = createStores(database.db);
    });
    after(async () => {
      await database.dispose();
      rmSync(directory, { recursive: true, force: true });
    });

    test('a seeded database has both studies, protocol version 1 and every site, audited as the system', async () => {
      assert.deepEqual(await stores.studies.allStudyIds(), ['NCT03055078', STUDY]);
      assert.deepEqual(await stores.studies.protocolVersions(STUDY).then((rows) => rows.map((row) => row.version)), [1]);
      const sites = await stores.studies.listSites({ studyId: STUDY, sites: 'all' });
      assert.equal(sites.length, 31);
      assert.ok(sites.every((site) => site.rangeSiteId === site.siteCode));
      const withNote = sites.find((site) => site.nameZhNote);
      assert.ok(withNote && withNote.nameZh, 'an unverified Chinese name is kept with its note');
      assert.equal(await auditCount(), 36);
      assert.deepEqual(await conductServicesFor(stores).audit.verifyAuditChain(OPERATOR), { intact: true, entries: 36 });
      assert.equal(await stores.studyDirectory.studyExists(STUDY), true);
      assert.equal(await stores.studyDirectory.studyExists('NCT09999999'), false);
      assert.equal(await stores.studyDirectory.siteExists(STUDY, sites[3].siteCode), true);
      assert.equal(await stores.studyDirectory.siteExists(STUDY, 'PUMCH'), false);
      assert.equal(await stores.studyDirectory.siteExists('NCT03055078', sites[3].siteCode), false);
    });

    test('loading the same files again, even two loaders at once, changes nothing', async () => {
      const outcomes = await Promise.all([ensureSeedStudies(stores), ensureSeedStudies(stores)]);
      for (const outcome of outcomes) assert.deepEqual(outcome.get(STUDY), { kind: 'loaded', created: false, protocolVersion: 1, protocol: 'unchanged', sitesAdded: [] });
      assert.equal(await auditCount(), 36);
    });

    test('a changed protocol is stored as a new version, the old one kept; a new site is added; existing sites are left alone', async () => {
      const file = JSON.parse(readFileSync(join(SEED_STUDIES_DIR, `${STUDY}.json`), 'utf8'));
      file.protocol.version = 2;
      file.protocol.consentForms.push({ version: 'v2.0', effectiveFrom: '2025-01-01', languages: ['zh'] });
      file.sites[1].nameEn = 'Renamed in the file';
      file.sites.push({ ...file.sites[1], siteCode: 'NEW01', nameEn: 'A newly added hospital', status: 'pending', activatedOn: null, isLeadSponsor: false });
      writeFileSync(join(directory, `${STUDY}.json`), JSON.stringify(file));
      const [first, second] = await Promise.all([ensureSeedStudies(stores, directory), ensureSeedStudies(stores, directory)]);
      const stored = [first.get(STUDY), second.get(STUDY)].filter((outcome: any) => outcome.protocol === 'stored');
      assert.equal(stored.length, 1, 'one of two concurrent loaders stores the new version');
      assert.deepEqual((await stores.studies.protocolVersions(STUDY)).map((row) => row.version), [1, 2]);
      assert.equal((await stores.studies.protocolVersion(STUDY, 1))?.consentForms.length, 2);
      assert.equal((await stores.studies.protocolVersion(STUDY, 2))?.consentForms.length, 3);
      const study = await conductServicesFor(stores).studies.getStudy({ ...OPERATOR, grants: [{ studyId: STUDY, siteCode: null, role: 'monitor', canViewAllocation: false }] }, STUDY);
      assert.equal(study.protocolVersion, 2);
      assert.equal(study.siteCount, 32);
      const sites = await stores.studies.listSites({ studyId: STUDY, sites: 'all' });
      assert.notEqual(sites.find((site) => site.siteCode === file.sites[1].siteCode)?.nameEn, 'Renamed in the file');
      assert.equal(sites.find((site) => site.siteCode === 'NEW01')?.status, 'pending');
      const entries = await stores.audit.list({ studyId: STUDY, sites: 'all' }, { username: 'system' }, { limit: 5, offset: 0 });
      assert.deepEqual(entries.items.slice(0, 2).map((row) => [row.recordType, row.recordId]).sort(), [['site', `${STUDY}/NEW01`], ['study_protocol', `${STUDY}/v2`]]);
      // The same changed file again: nothing new.
      assert.deepEqual((await ensureSeedStudies(stores, directory)).get(STUDY), { kind: 'loaded', created: false, protocolVersion: 2, protocol: 'unchanged', sitesAdded: [] });
      // A change shipped without raising the version number still gets the next one.
      file.protocol.notes.push('one more note');
      writeFileSync(join(directory, `${STUDY}.json`), JSON.stringify(file));
      assert.equal(((await ensureSeedStudies(stores, directory)).get(STUDY) as any).protocolVersion, 3);
      assert.deepEqual(await conductServicesFor(stores).audit.verifyAuditChain(OPERATOR), { intact: true, entries: await auditCount() });
    });

    test('a study whose registry trial is absent is skipped, not half-loaded', async () => {
      const file = JSON.parse(readFileSync(join(SEED_STUDIES_DIR, 'NCT03055078.json'), 'utf8'));
      file.study.studyId = 'NCT00000001';
      file.protocol.studyId = 'NCT00000001';
      const other = mkdtempSync(join(tmpdir(), 'eligo-studies-'));
      writeFileSync(join(other, 'NCT00000001.json'), JSON.stringify(file));
      assert.deepEqual((await ensureSeedStudies(stores, other)).get('NCT00000001'), { kind: 'no_trial' });
      assert.equal(await stores.studies.studyExists('NCT00000001'), false);
      rmSync(other, { recursive: true, force: true });
    });
  });
}
