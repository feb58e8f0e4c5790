import { defineConfig } from 'vitest/config';
import fs from 'node:fs';
import path from 'node:path';

const INCLUDE = ['lib/**/*.test.ts', 'db/**/*.test.ts', 'app/**/*.test.ts'];
const root = import.meta.dirname;

const USES_DATABASE = /test-utils|testDrivers|openTestDb|TEST_DATABASE_URL/;

/** A test file's text and that of the test helpers it imports (`./x.testing`, `@/lib/batch/testing`, …). */
function withHelpers(file: string): string {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  const helpers = [...text.matchAll(/from '([^']*testing)'/g)].map(([, spec]) =>
    spec!.startsWith('@/') ? path.join(root, spec!.slice(2) + '.ts') : path.join(root, path.dirname(file), spec! + '.ts'),
  );
  return [text, ...helpers.filter((h) => fs.existsSync(h)).map((h) => fs.readFileSync(h, 'utf8'))].join('\n');
}

/**
 * TEST_DATABASE_FILES_ONLY=1 (CI's PostgreSQL pass) runs only the test files that open a database (directly or
 * through a test helper). The others never touch one, so they behave the same whatever the driver; CI runs them
 * once, in the PGlite pass.
 */
function databaseTestFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = path.join(dir, e.name);
      if (e.isDirectory()) walk(rel);
      else if (rel.endsWith('.test.ts') && USES_DATABASE.test(withHelpers(rel))) out.push(rel);
    }
  };
  for (const d of ['lib', 'db', 'app']) walk(d);
  return out;
}

export default defineConfig({
  resolve: {
    alias: {
      '@': path.resolve(root),
      // Query modules import 'server-only' to keep them out of client bundles; tests run them on the server side.
      'server-only': path.resolve(root, 'node_modules/server-only/empty.js'),
    },
  },
  test: {
    include: process.env.TEST_DATABASE_FILES_ONLY === '1' ? databaseTestFiles() : INCLUDE,
    setupFiles: ['./vitest.setup.ts'],
    globalSetup: ['./vitest.global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
