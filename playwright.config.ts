import { defineConfig } from '@playwright/test';

// The browser is Debian's Chromium (Playwright's own download is not available here); see README.
const PORT = Number(process.env.E2E_PORT ?? 3100);

export default defineConfig({
  testDir: './e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  outputDir: 'test-results',
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: 'chromium',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    },
  },
  webServer: {
    // Builds if needed, creates a fresh database (PGlite, or PostgreSQL when TEST_DATABASE_URL is set), seeds a small demo and serves.
    command: `node_modules/.bin/tsx --conditions=react-server e2e/support/server.ts`,
    url: `http://127.0.0.1:${PORT}/api/ready`,
    env: { E2E_PORT: String(PORT) },
    reuseExistingServer: false,
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
    timeout: 240_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
