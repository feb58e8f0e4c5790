// Wrong configuration must end in one clear line and a non-zero exit, never a stack trace.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');

function runCli(script: string, args: string[], env: Record<string, string>) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !['DATABASE_URL', 'PGLITE_DIR', 'TEST_DATABASE_URL'].includes(k)));
  const r = spawnSync(tsx, ['--conditions=react-server', path.join(root, 'lib', 'cli', script), ...args], {
    cwd: root,
    env: { ...clean, ...env } as NodeJS.ProcessEnv,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, stderr: r.stderr.trim(), stdout: r.stdout };
}

describe('command-line errors', () => {
  it('names a malformed DATABASE_URL', () => {
    const r = runCli('start.ts', [], { DATABASE_URL: 'mysql://localhost/x' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: Invalid configuration: DATABASE_URL must be a postgres:\/\//);
    expect(r.stderr.split('\n')).toHaveLength(1);
  });

  it('says when PostgreSQL cannot be reached', () => {
    const r = runCli('db.ts', ['migrate'], { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nowhere' });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('error: Cannot reach PostgreSQL at 127.0.0.1:1/nowhere (DATABASE_URL): connection refused');
  });

  it('refuses a PGlite folder that another live process holds', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sf-lock-'));
    fs.writeFileSync(path.join(dir, '.streamflow.lock'), String(process.pid)); // this test process is alive
    const r = runCli('db.ts', ['migrate'], { PGLITE_DIR: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`error: The embedded database folder ${dir} is in use by another process (pid ${process.pid}). Stop that process, or set PGLITE_DIR to another folder.`);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('takes over a stale lock and migrates, then releases it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sf-lock-'));
    fs.writeFileSync(path.join(dir, '.streamflow.lock'), '2147483646'); // no such process
    const r = runCli('db.ts', ['migrate'], { PGLITE_DIR: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Database migrations applied.');
    expect(fs.existsSync(path.join(dir, '.streamflow.lock'))).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('validates admin command input field by field', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sf-adm-'));
    const r = runCli('admin.ts', ['create-user', '--email', 'nope', '--name', 'X', '--role', 'king'], { PGLITE_DIR: dir });
    expect(fs.readdirSync(dir)).toEqual([]); // refused before the database was opened
    fs.rmSync(dir, { recursive: true, force: true });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: --email must be an e-mail address; --role /);
  });
});
