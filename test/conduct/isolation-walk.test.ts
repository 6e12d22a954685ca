// Deny by default, checked over the whole API: with a subject screened, consented and enrolled at
// site A of the seed multicenter study, a coordinator of site B walks every route in the OpenAPI
// document — every GET, and every write on a study path — with site A's ids filled in. Nothing of
// site A comes back (no subject number, identity, consent id, counts or audit entries of A), every
// path naming A's site, subject or consent answers exactly as one naming an id that does not exist,
// and nothing is written.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { testBackends } from '../support/databases.ts';
import { appDependencies, createApp, type App } from '../../src/server/app.ts';
import { accountServiceFor } from '../../src/server/auth/accounts.ts';
import type { Database } from '../../src/store/database.ts';
import { CLI_ACTOR, PASSWORD } from '../accounts/fixtures.ts';
import { patientRecord, rowCounts } from './subject-fixtures.ts';
import { readFileSync } from 'node:fs';
import { protocolSettingsSchema } from '../../src/core/study/protocol.ts';
import { armProducts } from '../../src/core/study/treatment.ts';

const SEED_PROTOCOL = protocolSettingsSchema.parse(JSON.parse(readFileSync('data/studies/NCT05794425.json', 'utf8')).protocol);

const STUDY = 'NCT05794425';
const SITE_A = 'QL01';
const SITE_B = 'CD01';
const IDENTITY = { name: '王测试甲', hospitalNumber: 'QL-HN-55501', birthDate: '1990-01-01', phone: '+86 531 0000 5550' };


/** The ids a path can name: another site's, or ones that do not exist. */
interface WalkIds { site: string; subject: string; consent: number; query: number; administration: number; labResult: number; transfusion: number; adverseEvent: number }
for (const backend of testBackends()) {
  describe(`${backend.name}: a user of another site walks every API route and finds nothing of site A`, () => {
    let database: Database & { dispose(): Promise<void> };
    let app: App;
    const tokens = new Map<string, string>();
    let subjectA = '';
    let consentA = 0;
    /** Site A's follow-up record ids the walk fills into the paths (a query raised on A's subject). */
    const ids = { query: 0, administration: 0, labResult: 0, transfusion: 0, adverseEvent: 0 };

    async function call(user: string, method: string, path: string, body?: unknown) {
      const headers: Record<string, string> = { authorization: `Bearer ${tokens.get(user)}` };
      if (body !== undefined) headers['content-type'] = 'application/json';
      const response = await app.request(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: response.status, text: await response.text() };
    }

    before(async () => {
      database = await backend.open({ seed: true });
      const deps = appDependencies(database);
      app = createApp(deps);
      const accounts = accountServiceFor(deps);
      const users = [
        { username: 'coord-a', grants: [{ studyId: STUDY, siteCode: SITE_A, role: 'coordinator' as const }] },
        { username: 'inv-a', grants: [{ studyId: STUDY, siteCode: SITE_A, role: 'investigator' as const }] },
        { username: 'coord-b', grants: [{ studyId: STUDY, siteCode: SITE_B, role: 'coordinator' as const }] },
        { username: 'monitor', grants: [{ studyId: STUDY, siteCode: null, role: 'monitor' as const }] },
      ];
      for (const user of users) {
        const created = await accounts.createUser(CLI_ACTOR, { username: user.username, password: PASSWORD, grants: user.grants });
        const token = await accounts.createToken(CLI_ACTOR, { userId: created.id, name: 'walk' });
        tokens.set(user.username, token.token);
      }
      const screened = await call('coord-a', 'POST', `/api/studies/${STUDY}/screenings`, {
        siteCode: SITE_A, screenedOn: '2026-08-31', source: { kind: 'manual', record: patientRecord('eligible') }, identity: IDENTITY, factors: { diagnosisGroup: 'AA', severity: 'SAA' },
      });
      assert.equal(screened.status, 201, screened.text);
      subjectA = JSON.parse(screened.text).subjectNumber;
      const consent = await call('coord-a', 'POST', `/api/studies/${STUDY}/subjects/${subjectA}/consents`, {
        formVersion: 'v1.1', signedAt: '2026-08-31T09:30:00+08:00', obtainedBy: 'Dr Li', signer: 'patient', signatureStatus: 'signed', language: 'zh',
      });
      assert.equal(consent.status, 201, consent.text);
      consentA = JSON.parse(consent.text).id;
      const verdict = JSON.parse(screened.text).verdict;
      const enrolled = await call('inv-a', 'POST', `/api/studies/${STUDY}/subjects/${subjectA}/enrollment`, verdict === 'eligible' ? {} : { override: { reason: 'investigator judgement for the isolation walk' } });
      assert.equal(enrolled.status, 201, enrolled.text);
      const query = await call('monitor', 'POST', `/api/studies/${STUDY}/queries`, { subjectNumber: subjectA, recordType: 'screening', text: 'Please confirm the screening date' });
      assert.equal(query.status, 201, query.text);
      ids.query = JSON.parse(query.text).id;
      const dose = await call('coord-a', 'POST', `/api/studies/${STUDY}/subjects/${subjectA}/administrations`, { product: 'cyclosporine A', givenAt: new Date().toISOString(), route: 'oral', dose: { value: 4, unit: 'mg/kg/day' }, weightKg: 60 });
      assert.equal(dose.status, 201, dose.text);
      ids.administration = JSON.parse(dose.text).id;
      const today = new Date().toISOString().slice(0, 10);
      const labs = await call('coord-a', 'POST', `/api/studies/${STUDY}/subjects/${subjectA}/labs`, { collectedOn: today, panel: 'cbc', results: [{ analyte: 'platelets', value: 30, unit: '10*9/L' }] });
      assert.equal(labs.status, 201, labs.text);
      ids.labResult = JSON.parse(labs.text).results[0].id;
      const transfusion = await call('coord-a', 'POST', `/api/studies/${STUDY}/subjects/${subjectA}/transfusions`, { givenOn: today, product: 'platelets', units: 1 });
      assert.equal(transfusion.status, 201, transfusion.text);
      ids.transfusion = JSON.parse(transfusion.text).id;
      // Causality to each product of the arm the subject was given (the protocol's arms, as data).
      const products = armProducts(SEED_PROTOCOL.arms.find((arm) => arm.code === JSON.parse(enrolled.text).arm)!);
      const ae = await call('coord-a', 'POST', `/api/studies/${STUDY}/subjects/${subjectA}/adverse-events`, { term: 'Headache', onsetOn: today, grade: 1, serious: false, relatedness: Object.fromEntries(products.map((p) => [p, 'unlikely'])), actionTaken: 'not_applicable', outcome: 'recovering' });
      assert.equal(ae.status, 201, ae.text);
      ids.adverseEvent = JSON.parse(ae.text).aeNumber;
    });
    after(() => database.dispose());

    test('every route, filled with site A ids, shows site B nothing of A; A-specific paths answer 404 as for a nonexistent id', async () => {
      const document = JSON.parse((await call('coord-b', 'GET', '/api/openapi.json')).text) as { paths: Record<string, Record<string, unknown>> };
      const secrets = [subjectA, IDENTITY.name, IDENTITY.hospitalNumber, IDENTITY.phone];
      const before = await rowCounts(database.db);
      const auditBefore = (await sql<{ n: number }>`select count(*)::int as n from audit_event`.execute(database.db)).rows[0].n;
      const fill = (path: string, ids: WalkIds) =>
        path
          .replace('{studyId}', STUDY)
          .replace('{nctId}', STUDY)
          .replace('{siteCode}', ids.site)
          .replace('{siteId}', ids.site)
          .replace('{subjectNumber}', ids.subject)
          .replace('{consentId}', String(ids.consent))
          .replace('{queryId}', String(ids.query))
          .replace('{visitCode}', 'WEEK_1')
          .replace('{administrationId}', String(ids.administration))
          .replace('{labResultId}', String(ids.labResult))
          .replace('{transfusionId}', String(ids.transfusion))
          .replace('{aeNumber}', String(ids.adverseEvent))
          .replace('{id}', '1');
      let walked = 0;
      let aSpecific = 0;
      for (const [template, operations] of Object.entries(document.paths)) {
        const onStudy = template.startsWith('/api/studies/');
        for (const method of Object.keys(operations)) {
          if (method !== 'get' && !onStudy) continue;
          const body = method === 'get' ? undefined : {};
          const idsA: WalkIds = { site: SITE_A, subject: subjectA, consent: consentA, query: ids.query, administration: ids.administration, labResult: ids.labResult, transfusion: ids.transfusion, adverseEvent: ids.adverseEvent };
          const path = fill(template, idsA);
          const response = await call('coord-b', method.toUpperCase(), path, body);
          walked++;
          const namesA = /\{(siteCode|subjectNumber|consentId|queryId|administrationId|labResultId|transfusionId|aeNumber)\}/.test(template);
          if (namesA) {
            aSpecific++;
            // The same request for ids that do not exist: with the ids themselves blanked (an error may
            // repeat the id it was asked for), the two answers must be the same, byte for byte.
            const absentIds: WalkIds = { site: 'ZZ99', subject: `${SITE_A}-999`, consent: 999_999, query: 999_998, administration: 999_997, labResult: 999_996, transfusion: 999_995, adverseEvent: 999_994 };
            const absent = await call('coord-b', method.toUpperCase(), fill(template, absentIds), body);
            // A write whose empty body is refused before any lookup (400) says nothing of the id either.
            assert.ok(response.status === 404 || (method !== 'get' && response.status === 400), `${method.toUpperCase()} ${path}: ${response.status} ${response.text.slice(0, 200)}`);
            const blank = (text: string, ids: WalkIds) => {
              const answer = JSON.parse(text) as { error: { message: string; details: Array<{ value?: unknown }> | null } };
              for (const detail of answer.error.details ?? []) if (detail.value !== undefined) detail.value = '<id>';
              answer.error.message = answer.error.message.replaceAll(ids.subject, '<id>').replaceAll(ids.site, '<id>').replace(new RegExp(`\\b(${ids.consent}|${ids.query}|${ids.administration}|${ids.labResult}|${ids.transfusion})\\b`, 'g'), '<id>');
              return JSON.stringify(answer);
            };
            assert.equal(blank(response.text, idsA), blank(absent.text, absentIds), `${method.toUpperCase()} ${template}: another site's id answers differently from a nonexistent one`);
            for (const secret of secrets.slice(1)) assert.ok(!response.text.includes(secret), `${method.toUpperCase()} ${path} shows ${secret}`);
            continue;
          }
          for (const secret of secrets) assert.ok(!response.text.includes(secret), `${method.toUpperCase()} ${path} (${response.status}) shows ${secret}: ${response.text.slice(0, 300)}`);
          if (onStudy && method === 'get' && response.status === 200) {
            assert.ok(!response.text.includes(`"${SITE_A}"`) || template.endsWith('/studies') || template.endsWith('/{studyId}'), `${path} lists site A: ${response.text.slice(0, 300)}`);
          }
        }
      }
      assert.ok(walked >= 30, `walked ${walked} operations`);
      assert.ok(aSpecific >= 10, `${aSpecific} operations name a site-A id`);
      assert.deepEqual(await rowCounts(database.db), before, 'nothing written by any of the walk');
      assert.equal((await sql<{ n: number }>`select count(*)::int as n from audit_event`.execute(database.db)).rows[0].n, auditBefore);
    });

    test('site B sees its own empty site: no screenings, enrollments, counts or audit entries of A', async () => {
      for (const path of ['/screenings', '/enrollments', '/screenings/counts', '/enrollments/counts']) {
        const response = await call('coord-b', 'GET', `/api/studies/${STUDY}${path}`);
        assert.equal(response.status, 200, `${path}: ${response.text}`);
        const body = JSON.parse(response.text);
        const items = Array.isArray(body) ? body : body.items;
        assert.deepEqual(items, [], path);
        if (!Array.isArray(body)) assert.equal(body.total, 0, path);
      }
      const sites = JSON.parse((await call('coord-b', 'GET', `/api/studies/${STUDY}/sites`)).text);
      assert.deepEqual(sites.map((site: { siteCode: string }) => site.siteCode), [SITE_B]);
      const study = JSON.parse((await call('coord-b', 'GET', `/api/studies/${STUDY}`)).text);
      assert.equal(study.siteCount, 1);
    });
  });
}
