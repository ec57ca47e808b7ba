import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  acquireInstanceLock,
  InstanceAlreadyRunningError,
  isProcessAlive,
  LOCK_FILE_NAME,
} from '../../../src/app/instanceLock/index.js';
import { makeTempDir, removeTempDirs } from '../../support/tempDir.js';

afterEach(removeTempDirs);

/** The PID of a process that has exited (and been reaped). */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  return Number(r.stdout);
}

describe('instance lock', () => {
  it('writes the owner, refuses a second holder naming the folder and PID, and releases', () => {
    const dir = makeTempDir();
    const lock = acquireInstanceLock(dir);
    const file = path.join(dir, LOCK_FILE_NAME);
    const content = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    expect(content['pid']).toBe(process.pid);
    expect(content['hostname']).toBe(hostname());

    let caught: unknown;
    try {
      acquireInstanceLock(dir);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InstanceAlreadyRunningError);
    const error = caught as InstanceAlreadyRunningError;
    expect(error.code).toBe('INSTANCE_ALREADY_RUNNING');
    expect(error.message).toContain(`« ${dir} »`);
    expect(error.message).toContain(`processus ${process.pid}`);
    expect(error.message).toContain("Navette est déjà en cours d'exécution");

    lock.release();
    expect(existsSync(file)).toBe(false);
    lock.release(); // idempotent
    const again = acquireInstanceLock(dir);
    again.release();
    // No temporary or stale files are left behind.
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses a lock held by another live process', () => {
    const dir = makeTempDir();
    // The parent of this test process is alive for sure.
    const owner = { pid: process.ppid, hostname: hostname(), processStartedAt: 1, instanceId: 'x' };
    writeFileSync(path.join(dir, LOCK_FILE_NAME), JSON.stringify(owner));
    expect(() => acquireInstanceLock(dir)).toThrow(`processus ${process.ppid}`);
  });

  it('recovers a stale lock left by a dead process', () => {
    const dir = makeTempDir();
    const pid = deadPid();
    expect(isProcessAlive(pid)).toBe(false);
    const stale = { pid, hostname: hostname(), processStartedAt: 1, instanceId: 'dead' };
    writeFileSync(path.join(dir, LOCK_FILE_NAME), JSON.stringify(stale));
    const lock = acquireInstanceLock(dir);
    expect(lock.owner.pid).toBe(process.pid);
    const content = JSON.parse(readFileSync(path.join(dir, LOCK_FILE_NAME), 'utf8')) as Record<string, unknown>;
    expect(content['pid']).toBe(process.pid);
    lock.release();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('recovers a damaged lock file', () => {
    const dir = makeTempDir();
    writeFileSync(path.join(dir, LOCK_FILE_NAME), 'not json');
    acquireInstanceLock(dir).release();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('treats our own PID from an earlier process start (container restart) as stale', () => {
    const dir = makeTempDir();
    const earlier = { pid: process.pid, hostname: hostname(), processStartedAt: 5, instanceId: 'old' };
    writeFileSync(path.join(dir, LOCK_FILE_NAME), JSON.stringify(earlier));
    acquireInstanceLock(dir).release();
  });

  it('assumes a lock from another computer is held, and says which computer', () => {
    const dir = makeTempDir();
    const remote = { pid: deadPid(), hostname: 'poste-accueil', processStartedAt: 1, instanceId: 'r' };
    writeFileSync(path.join(dir, LOCK_FILE_NAME), JSON.stringify(remote));
    expect(() => acquireInstanceLock(dir)).toThrow("sur l'ordinateur « poste-accueil »");
  });

  it('does not remove a lock that is no longer its own', () => {
    const dir = makeTempDir();
    const lock = acquireInstanceLock(dir);
    const other = { pid: process.ppid, hostname: hostname(), processStartedAt: 1, instanceId: 'other' };
    writeFileSync(path.join(dir, LOCK_FILE_NAME), JSON.stringify(other));
    lock.release();
    expect(existsSync(path.join(dir, LOCK_FILE_NAME))).toBe(true);
  });
});
