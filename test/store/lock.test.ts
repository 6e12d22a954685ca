// The embedded database has one owner at a time: a second process opening the same directory is
// refused at once (naming the holder), the data still opens after the holder stops, and a lock left by
// a killed process is taken over.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEligo } from '../../src/runtime.ts';
import { createStores } from '../../src/store/index.ts';
import { lockDirectory, lockPathOf } from '../../src/store/lock.ts';
import { parseSearchQuery } from '../../src/registry/search/query.ts';
import { EligoError } from '../../src/core/problems.ts';

const envFor = (dataDir: string) => ({ ...process.env, ELIGO_DATA_DIR: dataDir, DATABASE_URL: '' });

/** `eligo serve` on the directory, resolved once it listens. */
function startServer(dataDir: string): Promise<ChildProcess> {
  const child = spawn('bin/eligo', ['serve', '--port', '0'], { env: envFor(dataDir), stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      if (output.includes('Eligo is running')) resolve(child);
    });
    child.stderr!.on('data', (chunk) => (output += chunk));
    child.once('exit', (code) => reject(new Error(`eligo serve exited ${code}: ${output}`)));
  });
}

const exited = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));

async function searchable(dataDir: string): Promise<number> {
  const database = await openEligo({ location: { kind: 'pglite', dataDir: join(dataDir, 'pglite') } });
  try {
    const parsed = parseSearchQuery({});
    assert.ok(parsed.ok);
    return (await createStores(database.db).trials.search(parsed.query)).total;
  } finally {
    await database.close();
  }
}

test('a second process on a held data directory fails at once, naming the holder; the data opens afterwards', { timeout: 180_000 }, async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'eligo-lock-'));
  try {
    const server = await startServer(dataDir);
    try {
      const second = spawnSync('bin/eligo', ['search', 'x'], { encoding: 'utf8', env: envFor(dataDir) });
      assert.notEqual(second.status, 0);
      assert.match(second.stderr, new RegExp(`in use by process ${server.pid}`));
      assert.match(second.stderr, /stop it, or use the running server's API/);
    } finally {
      server.kill('SIGTERM');
      await exited(server);
    }
    assert.equal(existsSync(lockPathOf(join(dataDir, 'pglite'))), false, 'the lock is released on a normal stop');
    assert.ok((await searchable(dataDir)) > 0, 'the seed trials are still there');
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('a lock left by a killed process is taken over', { timeout: 180_000 }, async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'eligo-lock-'));
  try {
    const server = await startServer(dataDir);
    server.kill('SIGKILL');
    await exited(server);
    const lockFile = lockPathOf(join(dataDir, 'pglite'));
    assert.equal(JSON.parse(readFileSync(lockFile, 'utf8')).pid, server.pid, 'the killed process left its lock');
    assert.ok((await searchable(dataDir)) > 0);
    assert.equal(existsSync(lockFile), false);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('in one process: a held lock refuses a second taker with kind unavailable; an unreadable lock is taken over', () => {
  const dir = mkdtempSync(join(tmpdir(), 'eligo-lock-unit-'));
  try {
    const data = join(dir, 'pglite');
    const lock = lockDirectory(data);
    assert.throws(() => lockDirectory(data), (error: unknown) => error instanceof EligoError && error.kind === 'unavailable' && error.code === 'database_locked' && error.message.includes(`process ${process.pid}`));
    lock.release();
    writeFileSync(lockPathOf(data), 'not json');
    lockDirectory(data).release();
    assert.equal(existsSync(lockPathOf(data)), false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
