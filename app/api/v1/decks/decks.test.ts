// The deck API end to end on a database: create, list, save with optimistic concurrency (409 on a stale version),
// undo, freezing (a snapshot is taken on save, a forged one is ignored, unfreezing drops it), block data, share links
// (read by token, revoked), who may edit (creator or admin; another stakeholder gets 403), PPTX and PDF exports
// (also by share token and API key), and the generated executive summary. Every block kind resolves without throwing
// on an almost-empty database (only the shipped model), then on the seeded world with real numbers.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { setDbHandle, type DbHandle } from '@/db/client';
import { listAudit } from '@/db/queries/audit';
import { insertLogRows, type LogRow } from '@/db/prediction-log';
import { insertExperiment } from '@/db/queries/tracking-experiments';
import { insertRun, logBatch } from '@/db/queries/tracking-runs';
import { insertUser } from '@/db/queries/users';
import { seedDemoWorld } from '@/db/seed';
import { seedShippedModel } from '@/db/seed-model';
import { openTestDb, testDrivers } from '@/db/test-utils';
import { createApiKey } from '@/lib/auth/admin';
import { generateWorld, type GeneratedSnapshot } from '@/lib/data/generator';
import { mostDriftedFeature, resolveBlock } from '@/lib/decks/resolve';
import { featureRecord } from '@/lib/ml/pipeline/dataset';
import { refreshMonitoring } from '@/lib/monitoring/refresh';
import { SWEEP_EXPERIMENT } from '@/lib/tracking/demo-sweep';
import { BLOCK_KINDS, type Slide } from '@/lib/decks/types';

const session = vi.hoisted(() => ({ uid: null as string | null }));
vi.mock('@/lib/auth/session', () => ({ sessionUserId: async () => session.uid }));

const decksRoute = await import('./route');
const byId = await import('./[id]/route');
const undo = await import('./[id]/undo/route');
const duplicate = await import('./[id]/duplicate/route');
const data = await import('./[id]/data/route');
const share = await import('./[id]/share/route');
const exportRoute = await import('./[id]/export/route');
const shared = await import('./shared/[token]/route');
const executive = await import('./executive-summary/route');

type Handler = (req: Request, ctx?: { params?: Promise<Record<string, string>> }) => Promise<Response>;
function call(handler: unknown, opts: { method?: string; body?: unknown; params?: Record<string, string>; query?: string; key?: string } = {}) {
  return (handler as Handler)(
    new Request(`http://test.local/x${opts.query ?? ''}`, {
      method: opts.method ?? 'GET',
      headers: { ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}), ...(opts.key ? { authorization: `Bearer ${opts.key}` } : {}) },
      body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
    }),
    { params: Promise.resolve(opts.params ?? {}) },
  );
}

const WORLD = { seed: 42, activeCustomers: 2500, months: 22, startMonth: '2025-01' };
const textSlide = (id: string, text: string): Slide => ({ id, layout: 'bullets', title: `Slide ${id}`, subtitle: '', notes: `notes ${id}`, blocks: [{ id: `${id}-b`, kind: 'text', params: { text }, mode: 'live' }] });
const overviewBlock = (mode: 'live' | 'frozen', snapshot?: unknown) => ({ id: 'kpi', kind: 'overview_kpis', params: {}, mode, ...(snapshot ? { snapshot } : {}) });

describe.each(testDrivers())('deck API on %s', (driver) => {
  let h: DbHandle;
  const users: Record<string, string> = {};
  let readKey: string;
  let deckId: string;
  let token: string;

  beforeAll(async () => {
    h = await openTestDb(driver);
    setDbHandle(h);
    await seedShippedModel(h);
    for (const name of ['owner', 'other', 'admin'] as const) users[name] = (await insertUser({ db: h.db, user: { email: `${name}@d.test`, name, role: name === 'admin' ? 'admin' : 'stakeholder', passwordHash: null } })).id;
    readKey = (await createApiKey(h.db, { type: 'system', id: null, label: 't' }, { name: 'reader', scopes: ['read'] })).key;
  }, 120_000);
  afterAll(async () => {
    setDbHandle(undefined);
    await h?.close();
  });

  it('resolves every block kind on an almost-empty database without throwing', async () => {
    for (const kind of BLOCK_KINDS) {
      const d = await resolveBlock(h.db, { id: 'x', kind, params: kind === 'text' ? { text: 'Hello\n- a' } : {}, mode: 'live' });
      expect(['chart', 'table', 'kpis', 'text', 'heatmap']).toContain(d.type);
    }
    const overview = await resolveBlock(h.db, { id: 'x', kind: 'overview_kpis', params: {}, mode: 'live' });
    expect(overview).toMatchObject({ type: 'text', paragraphs: [expect.stringMatching(/No customer data/)] });
    const drift = await resolveBlock(h.db, { id: 'x', kind: 'drift_heatmap', params: {}, mode: 'live' });
    expect(drift).toMatchObject({ type: 'text', paragraphs: [expect.stringMatching(/No predictions logged|No monitoring windows/)] });
    expect(await resolveBlock(h.db, { id: 'x', kind: 'text', params: { text: 'Hello\n- a' }, mode: 'live' })).toEqual({ type: 'text', paragraphs: ['Hello'], bullets: ['a'] });
  });

  it('creates, lists and reads a deck; a stale save is a 409 with the current version; undo restores and redoes', async () => {
    session.uid = users.owner!;
    const created = await call(decksRoute.POST, { method: 'POST', body: { name: 'Board pack', slides: [textSlide('s1', 'first')] } });
    expect(created.status).toBe(201);
    const { deck } = await created.json();
    expect(deck).toMatchObject({ name: 'Board pack', version: 1, created_by: 'owner@d.test', share_token: null, can_edit: true, can_undo: false });
    deckId = deck.id;
    expect((await call(undo.POST, { method: 'POST', params: { id: deckId } })).status).toBe(409);
    const list = await (await call(decksRoute.GET)).json();
    expect(list.decks[0]).toMatchObject({ id: deckId, slides_count: 1, version: 1, shared: false, can_edit: true });

    const v2 = await call(byId.PUT, { method: 'PUT', params: { id: deckId }, body: { name: 'Board pack', slides: [textSlide('s1', 'second')], version: 1 } });
    expect(v2.status).toBe(200);
    expect((await v2.json()).deck).toMatchObject({ version: 2, can_undo: true });
    const stale = await call(byId.PUT, { method: 'PUT', params: { id: deckId }, body: { name: 'Mine', slides: [], version: 1 } });
    expect(stale.status).toBe(409);
    expect((await stale.json()).error.details).toEqual({ current_version: 2 });
    const dup = await call(byId.PUT, { method: 'PUT', params: { id: deckId }, body: { name: 'x', slides: [textSlide('s1', 'a'), textSlide('s1', 'b')], version: 2 } });
    expect(dup.status).toBe(422);

    const undone = (await (await call(undo.POST, { method: 'POST', params: { id: deckId } })).json()).deck;
    expect(undone).toMatchObject({ version: 3 });
    expect(undone.slides[0].blocks[0].params.text).toBe('first');
    const redone = (await (await call(undo.POST, { method: 'POST', params: { id: deckId } })).json()).deck;
    expect(redone).toMatchObject({ version: 4 });
    expect(redone.slides[0].blocks[0].params.text).toBe('second');
    expect((await call(byId.GET, { params: { id: '00000000-0000-4000-8000-000000000000' } })).status).toBe(404);
  });

  it('freezes a block on save (a forged snapshot is ignored) and drops the snapshot when it goes live again', async () => {
    session.uid = users.owner!;
    const slides = (block: unknown): unknown[] => [{ id: 's1', layout: 'kpis', title: 'KPIs', blocks: [block] }];
    const frozen = (await (await call(byId.PUT, { method: 'PUT', params: { id: deckId }, body: { name: 'Board pack', slides: slides(overviewBlock('frozen')), version: 4 } })).json()).deck;
    const snap = frozen.slides[0].blocks[0].snapshot;
    expect(snap.at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(snap.data).toMatchObject({ type: 'text' });
    const [entry] = await listAudit({ db: h.db, action: 'deck.updated', limit: 1 });
    expect(entry!.details).toMatchObject({ frozen: ['kpi'] });

    const forged = { at: '2020-01-01T00:00:00.000Z', data: { type: 'text', paragraphs: ['forged'], bullets: [] } };
    const kept = (await (await call(byId.PUT, { method: 'PUT', params: { id: deckId }, body: { name: 'Board pack', slides: slides(overviewBlock('frozen', forged)), version: 5 } })).json()).deck;
    expect(kept.slides[0].blocks[0].snapshot).toEqual(snap);
    const blocks = (await (await call(data.GET, { params: { id: deckId } })).json()).blocks;
    expect(blocks.kpi).toEqual(snap.data);

    const live = (await (await call(byId.PUT, { method: 'PUT', params: { id: deckId }, body: { name: 'Board pack', slides: slides({ ...overviewBlock('live'), snapshot: snap }), version: 6 } })).json()).deck;
    expect(live.slides[0].blocks[0].mode).toBe('live');
    expect(live.slides[0].blocks[0].snapshot).toBeUndefined();
  });

  it('shares a deck read-only: others read it by token (403 on edits), the link can be revoked; admins may edit', async () => {
    session.uid = users.other!;
    expect((await call(byId.GET, { params: { id: deckId } })).status).toBe(403);
    expect((await call(share.POST, { method: 'POST', params: { id: deckId } })).status).toBe(403);
    session.uid = users.owner!;
    const s = await (await call(share.POST, { method: 'POST', params: { id: deckId } })).json();
    token = s.share_token;
    expect(token).toMatch(/^[\w-]{24,}$/);
    expect(s.url).toBe(`/decks/shared/${token}`);
    expect((await (await call(share.POST, { method: 'POST', params: { id: deckId } })).json()).share_token).toBe(token);

    session.uid = users.other!;
    const view = await (await call(shared.GET, { params: { token } })).json();
    expect(view.deck).toMatchObject({ id: deckId, can_edit: false, can_undo: false });
    expect(Object.keys(view.blocks)).toEqual(['kpi']);
    expect((await (await call(decksRoute.GET)).json()).decks).toEqual([expect.objectContaining({ id: deckId, shared: true, can_edit: false })]);
    expect((await (await call(byId.GET, { params: { id: deckId } })).json()).deck.can_edit).toBe(false);
    expect((await call(byId.PUT, { method: 'PUT', params: { id: deckId }, body: { name: 'Mine now', slides: [], version: 7 } })).status).toBe(403);
    expect((await call(byId.DELETE, { method: 'DELETE', params: { id: deckId } })).status).toBe(403);
    expect((await call(undo.POST, { method: 'POST', params: { id: deckId } })).status).toBe(403);
    const copy = await call(duplicate.POST, { method: 'POST', params: { id: deckId } });
    expect(copy.status).toBe(201);
    expect((await copy.json()).deck).toMatchObject({ name: 'Board pack (copy)', created_by: 'other@d.test', can_edit: true, share_token: null });

    session.uid = users.admin!;
    expect((await call(byId.PUT, { method: 'PUT', params: { id: deckId }, body: { name: 'Board pack (reviewed)', slides: [], version: 7 } })).status).toBe(200);
    session.uid = users.owner!;
    expect((await call(share.DELETE, { method: 'DELETE', params: { id: deckId } })).status).toBe(200);
    session.uid = users.other!;
    expect((await call(shared.GET, { params: { token } })).status).toBe(404);
    expect((await call(byId.GET, { params: { id: deckId } })).status).toBe(403);
  });

  it('exports PPTX and PDF downloads, also by share token and with a read-scoped API key', async () => {
    session.uid = users.owner!;
    const doc = { name: 'Export test: Q1', slides: [{ id: 't', layout: 'title', title: 'Q1', blocks: [] }, { id: 'k', layout: 'kpis', title: 'KPIs', blocks: [overviewBlock('live')] }, textSlide('s3', 'Decision\n- yes')] };
    const id = (await (await call(decksRoute.POST, { method: 'POST', body: doc })).json()).deck.id;
    const pptx = await call(exportRoute.GET, { params: { id }, query: '?format=pptx' });
    expect(pptx.status).toBe(200);
    expect(pptx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.presentationml.presentation');
    expect(pptx.headers.get('content-disposition')).toBe('attachment; filename="export-test-q1.pptx"');
    expect(Buffer.from(await pptx.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');
    const pdf = await call(exportRoute.GET, { params: { id }, query: '?format=pdf' });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const body = Buffer.from(await pdf.arrayBuffer()).toString('latin1');
    expect(body.startsWith('%PDF')).toBe(true);
    expect(body.match(/\/Type\s*\/Page(?!s)\b/g)).toHaveLength(3);
    expect((await call(exportRoute.GET, { params: { id }, query: '?format=doc' })).status).toBe(422);

    session.uid = users.other!;
    expect((await call(exportRoute.GET, { params: { id }, query: '?format=pdf' })).status).toBe(403);
    session.uid = users.owner!;
    const t = (await (await call(share.POST, { method: 'POST', params: { id } })).json()).share_token;
    session.uid = users.other!;
    expect((await call(exportRoute.GET, { params: { id }, query: `?format=pdf&token=${t}` })).status).toBe(200);
    expect((await call(exportRoute.GET, { params: { id: deckId }, query: `?format=pdf&token=${t}` })).status).toBe(404);
    session.uid = null;
    expect((await call(exportRoute.GET, { params: { id }, query: '?format=pptx', key: readKey })).status).toBe(200);
    expect((await call(decksRoute.POST, { method: 'POST', body: { name: 'by key' }, key: readKey })).status).toBe(403);
  });

  it('generates an executive summary of at least six slides with speaker notes, and it exports', async () => {
    session.uid = users.owner!;
    const res = await call(executive.POST, { method: 'POST' });
    expect(res.status).toBe(201);
    const { deck } = await res.json();
    expect(deck.slides.length).toBeGreaterThanOrEqual(6);
    expect(deck.slides[0]).toMatchObject({ layout: 'title' });
    for (const s of deck.slides) expect(s.notes.length).toBeGreaterThan(20);
    const kinds = deck.slides.flatMap((s: Slide) => s.blocks.map((b) => b.kind));
    for (const k of ['overview_kpis', 'model_card_summary', 'run_comparison', 'drift_heatmap', 'feature_drift', 'fairness_table', 'fairness_disparity', 'roi_summary', 'roi_curve']) expect(kinds).toContain(k);
    const pptx = await call(exportRoute.GET, { params: { id: deck.id }, query: '?format=pptx' });
    expect(pptx.status).toBe(200);
  });

  it('resolves real numbers once the world is seeded: overview KPIs, the fairness table, the model card', async () => {
    await seedDemoWorld(h, WORLD);
    const kpis = await resolveBlock(h.db, { id: 'x', kind: 'overview_kpis', params: {}, mode: 'live' });
    expect(kpis.type).toBe('kpis');
    if (kpis.type === 'kpis') expect(kpis.items.map((i) => i.label)).toEqual(expect.arrayContaining(['Active customers', 'Churn rate', 'Revenue lost']));
    const table = await resolveBlock(h.db, { id: 'x', kind: 'fairness_table', params: {}, mode: 'live' });
    expect(table.type).toBe('table');
    if (table.type === 'table') expect(table.rows.map((r) => r[0]!.replace(' (small)', ''))).toEqual(['18-24', '25-34', '35-49', '50-64', '65+']);
    const chart = await resolveBlock(h.db, { id: 'x', kind: 'fairness_disparity', params: { attribute: 'region', metric: 'tpr' }, mode: 'live' });
    expect(chart).toMatchObject({ type: 'chart', chart: 'hbar', format: 'pct' });
    const card = await resolveBlock(h.db, { id: 'x', kind: 'model_card_summary', params: {}, mode: 'live' });
    expect(card.type).toBe('text');
    if (card.type === 'text') expect(card.bullets.join(' ')).toMatch(/ROC AUC 0\.\d+/);
  }, 120_000);

  it('draws drift from the stored monitoring windows and compares the best runs of the sweep', async () => {
    // Three logged months of scores; monthly_charge jumps 40% in the last one.
    const world = generateWorld({ seed: 7, activeCustomers: 600, months: 22 });
    const byMonth = new Map<string, GeneratedSnapshot[]>();
    for (const s of world.snapshots()) (byMonth.get(s.month) ?? byMonth.set(s.month, []).get(s.month)!).push(s);
    for (const [k, month] of ['2026-03-01', '2026-04-01', '2026-05-01'].entries()) {
      const at = new Date(`${month.slice(0, 8)}10T00:00:00Z`);
      const rows: LogRow[] = byMonth.get(month)!.map((s, i) => {
        const features = featureRecord(s);
        if (k === 2) features.monthly_charge = (features.monthly_charge as number) * 1.4;
        return { requestId: `req-${month}`, rowIndex: i, source: 'batch', modelName: 'streamflow-churn', modelVersion: 1, customerId: s.customer_id, features, churnProbability: 0.1, riskBand: 'low', contact: false, threshold: 0.196, latencyMs: 1, caller: 'test', at };
      });
      await insertLogRows(h.db, rows);
    }
    await refreshMonitoring({ db: h.db, kinds: ['month'] });
    const heat = await resolveBlock(h.db, { id: 'x', kind: 'drift_heatmap', params: {}, mode: 'live' });
    expect(heat).toMatchObject({ type: 'heatmap', cols: ['Mar 26', 'Apr 26', 'May 26'] });
    if (heat.type === 'heatmap') expect(heat.flagged[heat.rows.indexOf('monthly_charge')]!.at(-1)).toBe(true);
    expect(await mostDriftedFeature(h.db)).toBe('monthly_charge');
    const line = await resolveBlock(h.db, { id: 'x', kind: 'feature_drift', params: { feature: 'monthly_charge' }, mode: 'live' });
    expect(line).toMatchObject({ type: 'chart', chart: 'line', labels: ['Mar 26', 'Apr 26', 'May 26'], series: [{}, { name: 'Threshold' }] });

    const exp = (await insertExperiment({ db: h.db, name: SWEEP_EXPERIMENT, tags: [], now: Date.now() }))!;
    for (const [i, auc] of [0.71, 0.83, 0.78].entries()) {
      const runId = `run${i}`.padEnd(32, '0');
      await insertRun({ db: h.db, run: { runId, experimentId: exp, runName: `config-${i}`, status: 'FINISHED', startTime: Date.now(), artifactUri: `mlflow-artifacts:/${exp}/${runId}/artifacts` }, tags: [] });
      await logBatch({ db: h.db, runId, metrics: [{ key: 'val_auc', value: auc, timestamp: Date.now(), step: 0 }], params: [], tags: [] });
    }
    const runs = await resolveBlock(h.db, { id: 'x', kind: 'run_comparison', params: {}, mode: 'live' });
    expect(runs).toMatchObject({ type: 'chart', chart: 'bar', labels: ['config-1', 'config-2', 'config-0'], series: [{ name: 'val_auc', values: [0.83, 0.78, 0.71] }] });
    const chosen = await resolveBlock(h.db, { id: 'x', kind: 'run_comparison', params: { runs: ['run0'.padEnd(32, '0')] }, mode: 'live' });
    expect(chosen).toMatchObject({ type: 'chart', labels: ['config-0'] });
  }, 120_000);
});
