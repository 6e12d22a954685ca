// The laboratory routes over HTTP on the seed study: a CBC entered in mixed units comes back graded
// with its limits; an impossible value answers 422 naming results.N.value; FHIR import, listing with a
// filter, a correction, transfusions, marrow examinations and the edit-check table.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testBackends } from '../support/databases.ts';
import { appDependencies, createApp, type App } from '../../src/server/app.ts';
import { accountServiceFor } from '../../src/server/auth/accounts.ts';
import type { Database } from '../../src/store/database.ts';
import { CLI_ACTOR, PASSWORD } from '../accounts/fixtures.ts';
import { patientRecord } from './subject-fixtures.ts';

const STUDY = 'NCT05794425';
const SITE = 'QL01';
const IDENTITY = { name: '王测试乙', hospitalNumber: 'QL-HN-55502', birthDate: '1990-01-01', phone: '+86 531 0000 5551' };

for (const backend of testBackends()) {
  describe(`${backend.name}: laboratory routes`, () => {
    let database: Database & { dispose(): Promise<void> };
    let app: App;
    const tokens = new Map<string, string>();
    let subject = '';
    const today = new Date().toISOString().slice(0, 10);

    async function call(user: string, method: string, path: string, body?: unknown) {
      const headers: Record<string, string> = { authorization: `Bearer ${tokens.get(user)}` };
      if (body !== undefined) headers['content-type'] = 'application/json';
      const response = await app.request(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await response.text();
      return { status: response.status, text, json: text ? JSON.parse(text) : null };
    }

    before(async () => {
      database = await backend.open({ seed: true });
      const deps = appDependencies(database);
      app = createApp(deps);
      const accounts = accountServiceFor(deps);
      for (const user of [
        { username: 'coord', grants: [{ studyId: STUDY, siteCode: SITE, role: 'coordinator' as const }] },
        { username: 'inv', grants: [{ studyId: STUDY, siteCode: SITE, role: 'investigator' as const }] },
      ]) {
        const created = await accounts.createUser(CLI_ACTOR, { username: user.username, password: PASSWORD, grants: user.grants });
        tokens.set(user.username, (await accounts.createToken(CLI_ACTOR, { userId: created.id, name: 'labs' })).token);
      }
      const screened = await call('coord', 'POST', `/api/studies/${STUDY}/screenings`, { siteCode: SITE, screenedOn: '2026-08-31', source: { kind: 'manual', record: patientRecord('eligible') }, identity: IDENTITY, factors: { diagnosisGroup: 'AA', severity: 'SAA' } });
      assert.equal(screened.status, 201, screened.text);
      subject = screened.json.subjectNumber;
      const consent = await call('coord', 'POST', `/api/studies/${STUDY}/subjects/${subject}/consents`, { formVersion: 'v1.1', signedAt: '2026-08-31T09:30:00+08:00', obtainedBy: 'Dr Li', signer: 'patient', signatureStatus: 'signed', language: 'zh' });
      assert.equal(consent.status, 201, consent.text);
      const enrolled = await call('inv', 'POST', `/api/studies/${STUDY}/subjects/${subject}/enrollment`, screened.json.verdict === 'eligible' ? {} : { override: { reason: 'investigator judgement for the route test' } });
      assert.equal(enrolled.status, 201, enrolled.text);
    });
    after(() => database.dispose());

    test('a CBC in mixed units is stored graded; an impossible value is 422 naming the field, an unknown unit 400', async () => {
      const base = `/api/studies/${STUDY}/subjects/${subject}`;
      const entered = await call('coord', 'POST', `${base}/labs`, { collectedOn: today, panel: 'cbc', context: { gcsfWithinDays: 3 }, results: [{ analyte: 'hemoglobin', value: 7.5, unit: 'g/dL' }, { analyte: 'platelets', value: 18000, unit: '/uL' }, { analyte: 'reticulocytes.percent', value: 0.5, unit: '%', method: 'manual' }] });
      assert.equal(entered.status, 201, entered.text);
      const [hb, plt] = entered.json.results;
      assert.deepEqual([hb.canonicalValue, hb.canonicalUnit, plt.canonicalValue], [75, 'g/L', 18]);
      assert.equal(plt.grades[0].term, 'Platelet count decreased');
      assert.equal(plt.grades[0].grade, 4);
      assert.equal(hb.grades[0].grade, 3);
      assert.equal(entered.json.results[2].method, 'manual');
      const impossible = await call('coord', 'POST', `${base}/labs`, { collectedOn: today, panel: 'cbc', results: [{ analyte: 'platelets', value: -5, unit: '10*9/L' }] });
      assert.equal(impossible.status, 422, impossible.text);
      assert.equal(impossible.json.error.details[0].field, 'results.0.value');
      const unit = await call('coord', 'POST', `${base}/labs`, { collectedOn: today, panel: 'cbc', results: [{ analyte: 'hemoglobin', value: 75, unit: 'mg/furlong' }] });
      assert.equal(unit.status, 400, unit.text);
      assert.equal(unit.json.error.details[0].field, 'results.0.unit');

      const listed = await call('coord', 'GET', `${base}/labs?analyte=platelets`);
      assert.equal(listed.status, 200, listed.text);
      assert.deepEqual(listed.json.items.map((item: { id: number }) => item.id), [plt.id]);
      const corrected = await call('coord', 'PATCH', `${base}/labs/${plt.id}`, { value: 28, unit: '10*9/L', reason: 'misread' });
      assert.equal(corrected.status, 200, corrected.text);
      assert.equal(corrected.json.grades[0].grade, 3);

      const fhir = await call('coord', 'POST', `${base}/labs/fhir`, [{ resourceType: 'Observation', id: 'hgb-9', status: 'final', code: { coding: [{ system: 'http://loinc.org', code: '718-7' }] }, effectiveDateTime: today, valueQuantity: { value: 8.1, unit: 'g/dL', system: 'http://unitsofmeasure.org', code: 'g/dL' } }]);
      assert.equal(fhir.status, 200, fhir.text);
      assert.equal(fhir.json.imported[0].canonicalValue, 81);

      const transfusion = await call('coord', 'POST', `${base}/transfusions`, { givenOn: today, product: 'RBC', units: 2, preHb: { value: 7.5, unit: 'g/dL' } });
      assert.equal(transfusion.status, 201, transfusion.text);
      assert.equal(transfusion.json.preHb, 75);
      const patched = await call('coord', 'PATCH', `${base}/transfusions/${transfusion.json.id}`, { units: 1, reason: 'one unit' });
      assert.equal(patched.status, 200, patched.text);
      assert.equal((await call('coord', 'GET', `${base}/transfusions`)).json.items[0].units, 1);
      const marrow = await call('coord', 'POST', `${base}/marrow-exams`, { examinedOn: today, cellularityPercent: 10 });
      assert.equal(marrow.status, 201, marrow.text);
      assert.equal((await call('coord', 'GET', `${base}/marrow-exams`)).json.items.length, 1);

      const checks = await call('coord', 'GET', '/api/edit-checks');
      assert.equal(checks.status, 200, checks.text);
      assert.ok(checks.json.checks.some((check: { id: string; severity: string }) => check.id === 'range.platelets.possible' && check.severity === 'hard'));
      assert.deepEqual(checks.json.entryUnits.hemoglobin.slice(0, 2), ['g/L', 'g/dL']);
    });
  });
}
