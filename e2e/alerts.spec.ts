import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifySignature } from '../lib/monitoring/webhook';
import { expect, test } from './support/fixtures';

// A webhook receiver on this machine: records what the server's dispatcher sends and answers 200.
const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
let server: http.Server;
let receiverUrl: string;
// Unique per run, so a re-run against the same database finds its own rule and webhook.
const suffix = Date.now().toString(36);
const ruleName = `E2E AUC decay ${suffix}`;
const hookName = `E2E receiver ${suffix}`;

test.beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => (received.push({ headers: req.headers, body }), res.writeHead(200).end('ok')));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/e2e`;
});
test.afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

test('a data scientist creates a rule and a webhook, sends a test delivery and sees the attempt', async ({ page, login }) => {
  await login.signInAs('data_scientist');
  await page.goto('/monitoring/alerts');
  await expect(page.getByRole('heading', { name: 'Alerts', level: 1 })).toBeVisible();

  const rule = page.getByRole('form', { name: 'New alert rule' });
  await rule.getByLabel('Name').fill(ruleName);
  await rule.getByLabel('Metric').selectOption('realized_auc_drop');
  await expect(rule.getByLabel('Feature')).toHaveCount(0); // not a per-feature metric
  await rule.getByLabel('Condition').selectOption('gt');
  await rule.getByLabel('Threshold').fill('0.05');
  await rule.getByLabel('Windows in a row').fill('2');
  await rule.getByLabel('Severity').selectOption('critical');
  await expect(rule.getByLabel(/Auto-promote/)).toBeDisabled(); // only a retraining policy can promote
  await rule.getByLabel(/Start retraining/).check();
  await expect(rule.getByLabel(/Auto-promote/)).toBeEnabled();
  await rule.getByRole('button', { name: 'Create rule' }).click();
  const row = page.getByRole('row').filter({ hasText: ruleName });
  await expect(row).toContainText('Realized AUC drop > 0.05 for 2 months in a row');
  await expect(row).toContainText('Retrain (promotion by a person)');

  const hook = page.getByRole('form', { name: 'New webhook' });
  await hook.getByLabel('Name').fill(hookName);
  await hook.getByLabel('URL').fill(receiverUrl);
  await hook.getByLabel('Minimum severity').selectOption('info');
  await hook.getByRole('button', { name: 'Add webhook' }).click();
  const secret = (await page.getByTestId('new-webhook-secret').textContent())!.trim();
  expect(secret).toMatch(/^[0-9a-f]{64}$/);

  await page.getByRole('button', { name: `Send test to ${hookName}` }).click();
  const attempts = page.getByRole('table', { name: `Delivery attempts to ${hookName}` });
  // The server's dispatcher sends it within seconds; the table polls while it is pending.
  await expect(attempts).toContainText('200', { timeout: 20_000 });
  await expect(attempts).toContainText('delivered');
  // Other notifications may reach the new webhook meanwhile (the demo's retraining announces when it finishes).
  await expect.poll(() => received.filter((r) => r.headers['x-streamflow-event'] === 'webhook.test').length).toBe(1);
  const test = received.find((r) => r.headers['x-streamflow-event'] === 'webhook.test')!;
  for (const r of received) expect(verifySignature(secret, r.headers['x-streamflow-signature'] as string, r.body)).toBe(true);
  expect(JSON.parse(test.body).text).toContain(hookName);
});

test('a stakeholder sees rules, alerts and webhooks read-only', async ({ page, login }) => {
  await login.signInAs('stakeholder');
  await page.goto('/monitoring/alerts');
  await expect(page.getByRole('row').filter({ hasText: ruleName })).toBeVisible();
  await expect(page.getByRole('form', { name: 'New alert rule' })).toHaveCount(0);
  await expect(page.getByRole('form', { name: 'New webhook' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /Send test/ })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Delete/ })).toHaveCount(0);
  // A webhook URL can be a credential: readers see only its origin.
  const hooks = page.getByRole('list', { name: 'Webhooks' });
  await expect(hooks).toContainText(`${new URL(receiverUrl).origin}/…`);
  await expect(hooks).not.toContainText('/hooks/e2e');
  await expect(page.getByText('Read-only: data scientists and administrators change rules.')).toBeVisible();
});
