import { after, before, test } from 'node:test';
import { createStores } from '../../src/store/index.ts';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { testBackends } from '../support/databases.ts';
import { importFiles } from '../../src/registry/import/importer.ts';
import { JsonValueScanner, readRecords, type RawRecord } from '../../src/registry/import/records.ts';
import { getTrialRecord, upsertTrials } from '../../src/store/trials.ts';
import { CRITERIA_CORPUS, corpusLines, trial } from './fixtures.ts';

let dir: string;
let lines: string[];
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'eligo-import-'));
  lines = await corpusLines(CRITERIA_CORPUS, 120);
});
after(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function collect(path: string): Promise<RawRecord[]> {
  const out: RawRecord[] = [];
  for await (const record of (await readRecords(path)).records) out.push(record);
  return out;
}

const study = (nctId: string, extra: Record<string, unknown> = {}) => ({ protocolSection: { identificationModule: { nctId, briefTitle: `Study ${nctId}` }, ...extra } });
const idsOf = (records: RawRecord[]) => records.map((r) => ('value' in r ? (r.value as ReturnType<typeof study>).protocolSection.identificationModule.nctId : `error@${r.line}`));

test('reads one study, an array, a page and JSON Lines; gzip told by magic bytes, not by name', async () => {
  const a = study('NCT00000001');
  const b = study('NCT00000002');
  assert.deepEqual(idsOf(await collect(file('one.json', JSON.stringify(a, null, 2)))), ['NCT00000001']);
  assert.deepEqual(idsOf(await collect(file('array.json', JSON.stringify([a, b], null, 2)))), ['NCT00000001', 'NCT00000002']);
  assert.deepEqual(idsOf(await collect(file('page.json', JSON.stringify({ studies: [a, b], nextPageToken: 'x' }, null, 1)))), ['NCT00000001', 'NCT00000002']);
  assert.deepEqual(idsOf(await collect(file('page-line.json', JSON.stringify({ totalCount: 2, studies: [a, b] })))), ['NCT00000001', 'NCT00000002']);
  assert.deepEqual(idsOf(await collect(file('lines.jsonl', `${JSON.stringify(a)}\n\n${JSON.stringify(b)}\n`))), ['NCT00000001', 'NCT00000002']);
  const gz = file('disguised.json', gzipSync(`${JSON.stringify(a)}\n${JSON.stringify(b)}\n`));
  const source = await readRecords(gz);
  assert.equal(source.compressed, true);
  const plain = await readRecords(file('plain.json.gz', JSON.stringify(a)));
  assert.equal(plain.compressed, false, 'a .gz name without gzip bytes is read as plain text');
  assert.deepEqual(idsOf(await collect(gz)), ['NCT00000001', 'NCT00000002']);
});

test('the document scanner keeps strings intact and reports where a bad element starts', () => {
  const scanner = new JsonValueScanner();
  const text = '[\n {"a": "}] \\" ["},\n {"b": tru},\n {"c": [1, {"d": 2}]}\n]';
  const out: RawRecord[] = [];
  for (let i = 0; i < text.length; i += 5) out.push(...scanner.push(text.slice(i, i + 5)));
  out.push(...scanner.end());
  assert.deepEqual(out[0], { line: 2, value: { a: '}] " [' } });
  assert.equal(out[1].line, 3);
  assert.ok('error' in out[1] && /not valid JSON/.test(out[1].error));
  assert.deepEqual(out[2], { line: 4, value: { c: [1, { d: 2 }] } });
  const truncated = new JsonValueScanner();
  assert.throws(() => [...truncated.push('[{"a": 1}, {"b":'), ...truncated.end()], /ends inside a value .* truncated/);
});

for (const backend of testBackends()) {
  test(`${backend.name}: bad records are reported by line, NCT id and field, and the rest goes in`, async () => {
    const database = await backend.open();
    try {
      const bad = [
        lines[0],
        '{"protocolSection": {"identificationModule": {"nctId": "NCT0',
        JSON.stringify(study('NCT09999991', { statusModule: { overallStatus: 'RECRUTING' } })),
        JSON.stringify({ protocolSection: { identificationModule: { briefTitle: 'no id' } } }),
        'not json at all',
        ...lines.slice(1, 40),
      ];
      const path = file(`bad-${backend.name}.jsonl.gz`, gzipSync(`${bad.join('\n')}\n`));
      const report = await importFiles(createStores(database.db), [path], { batchSize: 7 });
      assert.equal(report.created, 40);
      assert.equal(report.files[0].rejected, 4);
      const [truncatedLine, badEnum, missingId, notJson] = report.rejected;
      assert.equal(truncatedLine.line, 2);
      assert.match(truncatedLine.problems[0].message, /not valid JSON/);
      assert.equal(badEnum.line, 3);
      assert.equal(badEnum.nctId, 'NCT09999991');
      assert.equal(badEnum.problems[0].field, 'protocolSection.statusModule.overallStatus');
      assert.match(badEnum.problems[0].message, /"RECRUTING" is not an allowed value; expected one of .*RECRUITING/);
      assert.equal(missingId.line, 4);
      assert.equal(missingId.nctId, undefined);
      assert.equal(missingId.problems[0].field, 'protocolSection.identificationModule.nctId');
      assert.match(missingId.problems[0].message, /is required/);
      assert.equal(notJson.line, 5);
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from registry_trial`.execute(database.db);
      assert.equal(rows[0].n, 40);
      assert.equal(await getTrialRecord(database.db, 'NCT09999991'), null, 'nothing of a rejected record is written');
    } finally {
      await database.dispose();
    }
  });

  test(`${backend.name}: a truncated gzip stops with a clear error; committed batches stay, the partial batch does not`, async () => {
    const database = await backend.open();
    try {
      const whole = gzipSync(`${lines.join('\n')}\n`);
      const path = file(`truncated-${backend.name}.jsonl.gz`, whole.subarray(0, Math.floor(whole.length * 0.6)));
      const report = await importFiles(createStores(database.db), [path], { batchSize: 20 });
      const [fileReport] = report.files;
      assert.match(fileReport.error ?? '', new RegExp(`${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: the gzip data is truncated or corrupt`));
      assert.ok(fileReport.created > 0 && fileReport.created % 20 === 0, `whole batches only (got ${fileReport.created})`);
      assert.ok((fileReport.discarded ?? 0) > 0 && (fileReport.discarded ?? 0) < 20);
      assert.match(fileReport.error ?? '', new RegExp(`${fileReport.created} records from this file were committed before it, and the ${fileReport.discarded} valid records`));
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from registry_trial`.execute(database.db);
      assert.equal(rows[0].n, fileReport.created);
      const textRows = await sql<{ n: number }>`select count(*)::int as n from registry_trial_text`.execute(database.db);
      assert.equal(textRows.rows[0].n, fileReport.created, 'no half-written trial');
    } finally {
      await database.dispose();
    }
  });

  test(`${backend.name}: re-import is idempotent, and a changed record updates its fields`, async () => {
    const database = await backend.open();
    try {
      const path = file(`again-${backend.name}.jsonl`, `${lines.slice(0, 30).join('\n')}\n`);
      const first = await importFiles(createStores(database.db), [path]);
      assert.deepEqual([first.created, first.updated, first.unchanged], [30, 0, 0]);
      const second = await importFiles(createStores(database.db), [path]);
      assert.deepEqual([second.created, second.updated, second.unchanged], [0, 0, 30]);

      const changed = JSON.parse(lines[0]);
      const nctId = changed.protocolSection.identificationModule.nctId;
      changed.protocolSection.statusModule = { ...changed.protocolSection.statusModule, overallStatus: 'WITHDRAWN' };
      changed.protocolSection.identificationModule.briefTitle = 'A title changed upstream';
      const third = await importFiles(createStores(database.db), [file(`changed-${backend.name}.json`, JSON.stringify(changed, null, 2))]);
      assert.deepEqual([third.created, third.updated, third.unchanged], [0, 1, 0]);
      const { rows } = await sql<{ n: number; status: string; title: string }>`
        select (select count(*)::int from registry_trial) as n, t.overall_status as status, r.hit->>'briefTitle' as title
        from registry_trial t join registry_trial_record r using (nct_id) where t.nct_id = ${nctId}`.execute(database.db);
      assert.deepEqual(rows[0], { n: 30, status: 'WITHDRAWN', title: 'A title changed upstream' });
    } finally {
      await database.dispose();
    }
  });

  test(`${backend.name}: seeds load once; a bulk import does not overwrite a curated record`, async () => {
    const database = await backend.open({ seed: true });
    try {
      const seed = await getTrialRecord(database.db, 'NCT03055078');
      assert.ok(seed?.eligoProvenance, 'the seed record is the curated one');
      const partial = trial({ nctId: 'NCT03055078', title: 'Umbilical Cord Derived Mesenchymal Stem Cells Therapy in Aplastic Anemia' });
      const outcome = await upsertTrials(database.db, [{ trial: partial, source: 'ctgov' }]);
      assert.deepEqual(outcome, { created: [], updated: [], unchanged: [], kept: ['NCT03055078'] });
      assert.deepEqual(await getTrialRecord(database.db, 'NCT03055078'), seed);
      const { ensureSeedTrials } = await import('../../src/registry/seed.ts');
      await ensureSeedTrials(createStores(database.db));
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from registry_trial where source = 'seed'`.execute(database.db);
      assert.equal(rows[0].n, 2);
    } finally {
      await database.dispose();
    }
  });
}

for (const backend of testBackends()) {
  test(`${backend.name}: a listing page is imported through the listing parser and stored like any record`, async () => {
    const { importListingFile } = await import('../../src/registry/import/listing.ts');
    const { EligoError } = await import('../../src/core/problems.ts');
    const { SHARED_DIR } = await import('../support/shared.ts');
    const listing = join(SHARED_DIR, 'seeds', '001_72bd8c11d1a3aaa3.txt');
    const database = await backend.open();
    try {
      const first = await importListingFile(createStores(database.db), listing);
      assert.equal(first.nctId, 'NCT03055078');
      assert.equal(first.outcome, 'created');
      const record = await getTrialRecord(database.db, 'NCT03055078');
      assert.equal(record?.protocolSection.identificationModule.nctId, 'NCT03055078');
      assert.equal((await importListingFile(createStores(database.db), listing)).outcome, 'unchanged');
      await assert.rejects(importListingFile(createStores(database.db), file('not-a-listing.txt', 'hello\nworld\n')), EligoError);
    } finally {
      await database.dispose();
    }
  });
}
