import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openEligo } from '../../src/runtime.ts';
import { appDependencies, createApp } from '../../src/server/app.ts';

test('API errors are JSON {error:{code,message,details}} with the right status', async () => {
  const database = await openEligo({ location: { kind: 'pglite', dataDir: 'memory://' } });
  try {
    const app = createApp(appDependencies(database));

    const unknown = await app.request('/api/no-such-route');
    assert.equal(unknown.status, 404);
    assert.equal((await unknown.json()).error.code, 'not_found');

    // A JSON route given a body that is not JSON: 400 naming the problem, not a 500.
    const malformed = await app.request('/api/criteria/parse', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text": ' });
    assert.equal(malformed.status, 400);
    const body = await malformed.json();
    assert.equal(body.error.code, 'invalid_json');
    assert.match(body.error.message, /json/i);
    assert.ok('details' in body.error);

    const openapi = await app.request('/api/openapi.json');
    assert.equal(openapi.status, 200);
    const document = await openapi.json();
    for (const path of ['/api/trials', '/api/trials/{nctId}', '/api/trials/{nctId}/screen', '/api/criteria/parse', '/api/screen']) {
      assert.ok(document.paths[path], `${path} is documented`);
    }
  } finally {
    await database.close();
  }
});
