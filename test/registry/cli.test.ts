import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/shared.ts';

let dataDir: string;
before(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'eligo-cli-'));
});
after(() => rmSync(dataDir, { recursive: true, force: true }));

function eligo(...args: string[]) {
  const result = spawnSync(join(REPO_ROOT, 'bin', 'eligo'), args, {
    encoding: 'utf8',
    env: { ...process.env, ELIGO_DATA_DIR: dataDir, DATABASE_URL: '' },
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('eligo search "aplastic anemia" --json on a fresh data directory lists both seed trials first', () => {
  const { status, stdout } = eligo('search', 'aplastic anemia', '--json');
  assert.equal(status, 0);
  const response = JSON.parse(stdout);
  assert.deepEqual(response.results.slice(0, 2).map((hit: { nctId: string }) => hit.nctId).sort(), ['NCT03055078', 'NCT05794425']);
  assert.equal(response.sort, 'relevance');
});

test('eligo import ctgov reports rejected lines and imports the rest; then search finds it', () => {
  const file = join(dataDir, 'two.jsonl');
  writeFileSync(
    file,
    `${JSON.stringify({ protocolSection: { identificationModule: { nctId: 'NCT09100001', briefTitle: 'Danazol for Telomeropathy' } } })}\n{oops\n`,
  );
  const imported = eligo('import', 'ctgov', file, '--json');
  assert.equal(imported.status, 0, imported.stderr);
  const report = JSON.parse(imported.stdout);
  assert.equal(report.created, 1);
  assert.equal(report.rejected[0].line, 2);
  const found = eligo('search', 'telomeropathy');
  assert.equal(found.status, 0);
  assert.match(found.stdout, /NCT09100001 .*Danazol for Telomeropathy/);
});

test('eligo search with a bad option value exits 2 naming the option', () => {
  const { status, stderr, stdout } = eligo('search', '--page-size', '0', '--json');
  assert.equal(status, 2);
  assert.equal(stdout, '');
  assert.match(stderr, /--page-size: expected an integer from 1 to 100 \(got "0"\)/);
});
