// One owner at a time for an embedded (PGlite) database directory: two processes writing the same
// directory destroy it. The lock is a file beside the data holding the owner's pid, created atomically
// (O_EXCL); a lock whose process is gone is taken over; it is released on close and at process exit.
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { EligoError } from '../core/problems.ts';

export interface DirectoryLock {
  path: string;
  release(): void;
}

interface LockHolder {
  pid: number;
  command?: string;
  since?: string;
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** The lock file of a data directory: beside it, so the database's own files are left alone. */
export function lockPathOf(dataDir: string): string {
  return `${dataDir.replace(/\/+$/, '')}.lock`;
}

/** Takes the directory's lock or throws EligoError 'unavailable' naming the process that holds it. */
export function lockDirectory(dataDir: string): DirectoryLock {
  const path = lockPathOf(dataDir);
  for (let attempt = 0; attempt < 3; attempt++) {
    if (tryCreate(path)) return holdLock(path);
    const holder = readHolder(path);
    if (holder && isAlive(holder.pid)) throw lockedError(dataDir, path, holder);
    // The holder is gone (killed, crashed) or the file is unreadable: take it over and try again.
    removeIfPresent(path);
  }
  throw lockedError(dataDir, path, readHolder(path));
}

function tryCreate(path: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    const holder: LockHolder = { pid: process.pid, command: process.argv.slice(1).join(' ').slice(0, 200), since: new Date().toISOString() };
    writeSync(fd, `${JSON.stringify(holder)}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

function holdLock(path: string): DirectoryLock {
  let held = true;
  const release = () => {
    if (!held) return;
    held = false;
    process.off('exit', release);
    for (const signal of SIGNALS) process.off(signal, onSignal);
    // Only our own lock: a process that took over a lock it judged stale must not lose it to us.
    if (readHolder(path)?.pid === process.pid) removeIfPresent(path);
  };
  // A signal with no other handler would end the process without 'exit': release, then die as it would have.
  // With another handler (e.g. `eligo serve` closing the database), that handler closes and releases.
  const onSignal = (signal: NodeJS.Signals) => {
    if (process.listenerCount(signal) > 1) return;
    release();
    process.kill(process.pid, signal);
  };
  process.on('exit', release);
  for (const signal of SIGNALS) process.on(signal, onSignal);
  return { path, release };
}

function readHolder(path: string): LockHolder | undefined {
  try {
    const holder = JSON.parse(readFileSync(path, 'utf8')) as LockHolder;
    return Number.isInteger(holder.pid) && holder.pid > 0 ? holder : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function removeIfPresent(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

function lockedError(dataDir: string, path: string, holder: LockHolder | undefined): EligoError {
  const who = holder ? `process ${holder.pid}${holder.command ? ` (${holder.command})` : ''}${holder.since ? ` since ${holder.since}` : ''}` : 'another process';
  return EligoError.of('unavailable', {
    code: 'database_locked',
    field: 'ELIGO_DATA_DIR',
    value: dataDir,
    expected: 'a data directory no other Eligo process has open',
    message: `the database in ${dataDir} is in use by ${who}; stop it, or use the running server's API instead (lock file ${path})`,
  });
}
