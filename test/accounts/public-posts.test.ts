// The CSRF defences must not break the public, sign-in-free API the web app and scripts use: a browser's
// same-origin screening upload (FHIR JSON, NDJSON, hand-entered JSON) passes, a script without Origin
// passes, and a cross-site form post (what an attacker's page can send) is refused. Security headers
// are on every response, API and page alike.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appDependencies, createApp, type App } from '../../src/server/app.ts';
import type { Database } from '../../src/store/database.ts';
import { SHARED_DIR } from '../support/shared.ts';
import { testBackends } from '../support/databases.ts';

const PATIENT = readFileSync(join(SHARED_DIR, 'fixtures', 'patients', 'm-aa-ok.json'), 'utf8');
const ORIGIN = 'http://localhost';
const SCREEN = `${ORIGIN}/api/trials/NCT05794425/screen?asOf=2026-03-01`;

for (const backend of testBackends()) {
  describe(`${backend.name}: public POSTs under the CSRF defences`, () => {
    let database: Database & { dispose(): Promise<void> };
    let app: App;
    before(async () => {
      database = await backend.open({ seed: true });
      app = createApp(appDependencies(database));
    });
    after(() => database.dispose());

    const post = (url: string, contentType: string, body: string, headers: Record<string, string> = {}) => app.request(url, { method: 'POST', headers: { 'content-type': contentType, ...headers }, body });

    test("the web app's own uploads pass: same Origin and Sec-Fetch-Site, FHIR JSON and NDJSON", async () => {
      const browser = { origin: ORIGIN, 'sec-fetch-site': 'same-origin' };
      const fhir = await post(SCREEN, 'application/fhir+json', PATIENT, browser);
      assert.equal(fhir.status, 200, await fhir.clone().text());
      assert.equal(((await fhir.json()) as { trial: string }).trial, 'NCT05794425');
      const ranked = await post(`${ORIGIN}/api/screen?asOf=2026-03-01`, 'application/fhir+json', PATIENT, browser);
      assert.equal(ranked.status, 200);
      const ndjson = JSON.parse(PATIENT).entry.map((entry: { resource: unknown }) => JSON.stringify(entry.resource)).join('\n');
      assert.equal((await post(SCREEN, 'application/x-ndjson', ndjson, browser)).status, 200);
    });

    test('a script without Origin passes; a form-type body from this origin reaches the route (which answers for the content type, not 403)', async () => {
      assert.equal((await post(SCREEN, 'application/fhir+json', PATIENT)).status, 200);
      const plain = await post(SCREEN, 'text/plain', PATIENT, { origin: ORIGIN });
      assert.notEqual(plain.status, 403);
      const multipart = await post(SCREEN, 'multipart/form-data; boundary=x', '--x--', { origin: ORIGIN, 'sec-fetch-site': 'same-origin' });
      assert.notEqual(multipart.status, 403);
    });

    test('a cross-site post is refused: another Origin (any content type), or a form post with neither Origin nor same-origin Sec-Fetch-Site', async () => {
      const evil = await post(SCREEN, 'application/fhir+json', PATIENT, { origin: 'https://evil.example' });
      assert.equal(evil.status, 403);
      assert.equal(((await evil.json()) as { error: { code: string } }).error.code, 'origin_refused');
      assert.equal((await post(SCREEN, 'text/plain', PATIENT, { origin: 'https://evil.example' })).status, 403);
      const form = await post(SCREEN, 'application/x-www-form-urlencoded', 'a=1', { 'sec-fetch-site': 'cross-site' });
      assert.equal(form.status, 403);
      assert.equal(((await form.json()) as { error: { code: string } }).error.code, 'cross_site_form', 'a JSON error naming the refusal');
    });

    test('security headers on API answers and on the app page', async () => {
      for (const path of ['/api/health', '/']) {
        const response = await app.request(`${ORIGIN}${path}`);
        const csp = response.headers.get('content-security-policy') ?? '';
        assert.match(csp, /default-src 'self'/);
        assert.match(csp, /script-src 'self'(;|$)/, 'no unsafe-inline or unsafe-eval for scripts');
        assert.match(csp, /frame-ancestors 'none'/);
        assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
        assert.equal(response.headers.get('referrer-policy'), 'no-referrer');
        assert.equal(response.headers.get('x-frame-options'), 'DENY');
      }
    });
  });
}
