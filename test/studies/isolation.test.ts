// Deny by default over HTTP: investigators at two sites, a coordinator, a study-wide monitor and a user
// without grants see only what their grants allow in the study and audit routes; anything else answers
// 404 exactly like something that does not exist, and anonymous callers get 401. On every backend.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testBackends } from '../support/databases.ts';
import { appDependencies, createApp, type App } from '../../src/server/app.ts';
import { accountServiceFor } from '../../src/server/auth/accounts.ts';
import type { Actor } from '../../src/conduct/access/actor.ts';
import type { Role } from '../../src/conduct/access/roles.ts';

const OPERATOR: Actor = { userId: 0, username: 'cli:test', isSystemAdmin: true, grants: [], via: 'cli' };
const PASSWORD = 'correct horse battery';
const STUDY = 'NCT05794425';

for (const backend of testBackends()) {
  describe(`${backend.name}: study and audit routes show each user only their sites`, () => {
    let database: Awaited<ReturnType<typeof backend.open>>;
    let app: App;
    const tokens: Record<string, string> = {};
    let siteA: string;
    let siteB: string;
    const get = async (path: string, who?: string) => {
      const response = await app.request(path, { headers: who ? { authorization: `Bearer ${tokens[who]}` } : {} });
      const type = response.headers.get('content-type') ?? '';
      return { status: response.status, headers: response.headers, body: type.includes('json') && !type.includes('ndjson') ? ((await response.json()) as any) : await response.text() };
    };

    before(async () => {
      database = await backend.open({ seed: true });
      const deps = appDependencies(database);
      app = createApp(deps);
      // Site codes come from the loaded study, not from assumptions.
      const sites = await deps.stores.studies.listSites({ studyId: STUDY, sites: 'all' });
      const active = sites.filter((site) => site.status === 'active' && !site.isLeadSponsor);
      [siteA, siteB] = [active[0].siteCode, active[1].siteCode];
      const accounts = accountServiceFor(deps);
      const users: Array<[string, Array<{ role: Role; siteCode?: string; studyId?: string }>]> = [
        ['invA', [{ role: 'investigator', siteCode: siteA }]],
        ['coordA', [{ role: 'coordinator', siteCode: siteA }]],
        ['invB', [{ role: 'investigator', siteCode: siteB }]],
        ['monitor', [{ role: 'monitor' }]],
        ['phase1', [{ role: 'monitor', studyId: 'NCT03055078' }]],
        ['nobody', []],
      ];
      for (const [username, grants] of users) {
        const user = await accounts.createUser(OPERATOR, { username, password: PASSWORD, grants: grants.map((grant) => ({ studyId: STUDY, ...grant })) });
        tokens[username] = (await accounts.createToken(OPERATOR, { userId: user.id, name: 'test' })).token;
      }
    });
    after(() => database.dispose());

    test('anonymous callers get 401 on every study and audit route', async () => {
      for (const path of ['/api/studies', `/api/studies/${STUDY}`, `/api/studies/${STUDY}/sites`, `/api/studies/${STUDY}/sites/${siteA}`, `/api/studies/${STUDY}/audit`, `/api/studies/${STUDY}/audit/export`]) {
        const response = await get(path);
        assert.equal(response.status, 401, path);
        assert.equal(response.body.error.code, 'unauthenticated', path);
      }
    });

    test('the study list holds the granted studies only, and counts only visible sites', async () => {
      const ids = async (who: string) => (await get('/api/studies', who)).body.map((s: any) => [s.studyId, s.siteCount]);
      assert.deepEqual(await ids('invA'), [[STUDY, 1]]);
      assert.deepEqual(await ids('invB'), [[STUDY, 1]]);
      assert.deepEqual(await ids('monitor'), [[STUDY, 31]]);
      assert.deepEqual(await ids('phase1'), [['NCT03055078', 1]]);
      assert.deepEqual(await ids('nobody'), []);
      const detail = await get(`/api/studies/${STUDY}`, 'invA');
      assert.equal(detail.status, 200);
      assert.equal(detail.body.siteCount, 1);
      assert.equal(detail.body.protocol.design, 'randomized');
      assert.deepEqual(detail.body.notes, detail.body.protocol.notes);
    });

    test('an unseen study answers 404 exactly like one that does not exist', async () => {
      const unseen = await get('/api/studies/NCT03055078', 'invA');
      const absent = await get('/api/studies/NCT09999999', 'invA');
      assert.equal(unseen.status, 404);
      assert.equal(absent.status, 404);
      assert.deepEqual(unseen.body, JSON.parse(JSON.stringify(absent.body).replaceAll('NCT09999999', 'NCT03055078')));
      for (const path of ['/sites', `/sites/${siteA}`, '/audit', '/audit/export']) {
        const a = await get(`/api/studies/NCT03055078${path}`, 'invA');
        const b = await get(`/api/studies/NCT09999999${path}`, 'invA');
        assert.equal(a.status, 404, path);
        assert.deepEqual(a.body, JSON.parse(JSON.stringify(b.body).replaceAll('NCT09999999', 'NCT03055078')), path);
      }
      assert.equal((await get(`/api/studies/${STUDY}`, 'nobody')).status, 404);
    });

    test("sites: each user sees their own site; another site's code answers 404 like a nonexistent one", async () => {
      assert.deepEqual((await get(`/api/studies/${STUDY}/sites`, 'invA')).body.map((s: any) => s.siteCode), [siteA]);
      assert.deepEqual((await get(`/api/studies/${STUDY}/sites`, 'invB')).body.map((s: any) => s.siteCode), [siteB]);
      const all = (await get(`/api/studies/${STUDY}/sites`, 'monitor')).body;
      assert.equal(all.length, 31);
      assert.equal(all.filter((s: any) => s.isLeadSponsor).length, 1);
      assert.equal('rangeSiteId' in all[0], false, 'storage details stay out of the view');
      const own = await get(`/api/studies/${STUDY}/sites/${siteA}`, 'invA');
      assert.equal(own.status, 200);
      assert.equal(own.body.siteCode, siteA);
      const other = await get(`/api/studies/${STUDY}/sites/${siteB}`, 'invA');
      const absent = await get(`/api/studies/${STUDY}/sites/ZZ99`, 'invA');
      assert.equal(other.status, 404);
      assert.deepEqual(other.body, JSON.parse(JSON.stringify(absent.body).replaceAll('ZZ99', siteB)));
      assert.equal((await get(`/api/studies/${STUDY}/sites/${siteB}`, 'monitor')).status, 200);
      assert.equal((await get(`/api/studies/${STUDY}/sites/bad%20code`, 'monitor')).status, 400);
    });

    test('audit lists: site entries only within scope, study-level entries only for study-wide scope', async () => {
      const invA = (await get(`/api/studies/${STUDY}/audit?limit=1000`, 'invA')).body;
      assert.ok(invA.total >= 3, 'the site, and the two grants at it');
      assert.equal(invA.items.length, invA.total);
      assert.ok(invA.items.every((entry: any) => entry.siteCode === siteA && entry.studyId === STUDY));
      assert.ok(invA.items.some((entry: any) => entry.recordType === 'site' && entry.recordId === `${STUDY}/${siteA}`));
      const invB = (await get(`/api/studies/${STUDY}/audit?limit=1000`, 'invB')).body;
      assert.ok(invB.items.length > 0 && invB.items.every((entry: any) => entry.siteCode === siteB));
      const monitor = (await get(`/api/studies/${STUDY}/audit?limit=1000`, 'monitor')).body;
      assert.ok(monitor.items.some((entry: any) => entry.siteCode === null && entry.recordType === 'study'), 'study-level entries for study-wide scope');
      assert.ok(monitor.items.some((entry: any) => entry.siteCode === siteB));
      assert.ok(monitor.total > invA.total + invB.total);
      // Newest first, and paging covers the same entries.
      const seqOrder = monitor.items.map((entry: any) => entry.id);
      assert.deepEqual(seqOrder, [...seqOrder].sort((a: number, b: number) => b - a));
      const page2 = (await get(`/api/studies/${STUDY}/audit?limit=5&offset=5`, 'monitor')).body;
      assert.deepEqual(page2.items.map((entry: any) => entry.id), seqOrder.slice(5, 10));
      // A filter to another site is 404 like a nonexistent site; a coordinator has no audit right (403).
      const other = await get(`/api/studies/${STUDY}/audit?siteCode=${siteB}`, 'invA');
      const absent = await get(`/api/studies/${STUDY}/audit?siteCode=ZZ99`, 'invA');
      assert.equal(other.status, 404);
      assert.deepEqual(other.body, JSON.parse(JSON.stringify(absent.body).replaceAll('ZZ99', siteB)));
      assert.equal((await get(`/api/studies/${STUDY}/audit`, 'coordA')).status, 403);
      assert.equal((await get(`/api/studies/${STUDY}/audit`, 'nobody')).status, 404);
    });

    test('audit filters: by record type, user, record and date; bad values name the field', async () => {
      const grants = (await get(`/api/studies/${STUDY}/audit?recordType=account_grant&limit=1000`, 'monitor')).body;
      assert.ok(grants.items.length === 4 && grants.items.every((entry: any) => entry.recordType === 'account_grant' && entry.action === 'grant.create'));
      const system = (await get(`/api/studies/${STUDY}/audit?username=SYSTEM&limit=1000`, 'monitor')).body;
      assert.equal(system.total, 33, 'the study, its protocol and 31 sites were loaded by the system');
      const one = (await get(`/api/studies/${STUDY}/audit?recordId=${encodeURIComponent(`${STUDY}/${siteB}`)}`, 'monitor')).body;
      assert.deepEqual(one.items.map((entry: any) => entry.recordType), ['site']);
      const today = new Date().toISOString().slice(0, 10);
      assert.equal((await get(`/api/studies/${STUDY}/audit?from=${today}&to=${today}&username=system`, 'monitor')).body.total, 33);
      assert.equal((await get(`/api/studies/${STUDY}/audit?to=2020-01-01`, 'monitor')).body.total, 0);
      const bad = await get(`/api/studies/${STUDY}/audit?from=yesterday`, 'monitor');
      assert.equal(bad.status, 400);
      assert.equal(bad.body.error.details[0].field, 'from');
      const backwards = await get(`/api/studies/${STUDY}/audit?from=2026-03-02&to=2026-03-01`, 'monitor');
      assert.equal(backwards.status, 400);
      assert.equal(backwards.body.error.details[0].field, 'to');
      assert.equal((await get(`/api/studies/${STUDY}/audit?limit=0`, 'monitor')).status, 400);
    });

    test('audit exports: the same entries as the list, as JSON Lines or CSV, named without identifying data', async () => {
      const listed = (await get(`/api/studies/${STUDY}/audit?limit=1000`, 'invA')).body;
      const jsonl = await get(`/api/studies/${STUDY}/audit/export?format=jsonl`, 'invA');
      assert.equal(jsonl.status, 200);
      assert.match(jsonl.headers.get('content-type') ?? '', /^application\/x-ndjson/);
      assert.match(jsonl.headers.get('content-disposition') ?? '', /^attachment; filename="audit-NCT05794425-\d{4}-\d{2}-\d{2}\.jsonl"$/);
      const lines = (jsonl.body as string).trimEnd().split('\n').map((line) => JSON.parse(line));
      assert.deepEqual(lines.map((entry) => entry.id), listed.items.map((entry: any) => entry.id).reverse(), 'oldest first');
      assert.ok(lines.every((entry) => entry.siteCode === siteA && typeof entry.seq === 'number' && /^[0-9a-f]{64}$/.test(entry.prevHash)));
      const csv = await get(`/api/studies/${STUDY}/audit/export?format=csv&siteCode=${siteA}`, 'monitor');
      assert.equal(csv.status, 200);
      assert.match(csv.headers.get('content-disposition') ?? '', /filename="audit-NCT05794425-\d{4}-\d{2}-\d{2}\.csv"/);
      const rows = (csv.body as string).split('\r\n').filter(Boolean);
      assert.equal(rows[0], 'id,seq,at,userId,username,action,recordType,recordId,studyId,siteCode,old,new,reason,prevHash,hash');
      assert.equal(rows.length - 1, listed.total);
      const monitorAll = (await get(`/api/studies/${STUDY}/audit/export`, 'monitor')).body as string;
      assert.equal(monitorAll.trimEnd().split('\n').length, (await get(`/api/studies/${STUDY}/audit?limit=1`, 'monitor')).body.total);
      assert.equal((await get(`/api/studies/${STUDY}/audit/export?siteCode=${siteB}`, 'invA')).status, 404);
      assert.equal((await get(`/api/studies/${STUDY}/audit/export`, 'coordA')).status, 403);
      assert.equal((await get(`/api/studies/${STUDY}/audit/export?format=xml`, 'monitor')).status, 400);
    });

    test('every study and audit route is in the OpenAPI document', async () => {
      const doc = (await get('/api/openapi.json')).body;
      for (const path of ['/api/studies', '/api/studies/{studyId}', '/api/studies/{studyId}/sites', '/api/studies/{studyId}/sites/{siteCode}', '/api/studies/{studyId}/audit', '/api/studies/{studyId}/audit/export']) {
        assert.ok(doc.paths[path]?.get, path);
      }
    });
  });
}
