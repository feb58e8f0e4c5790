// `npm run bench:serve [-- --duration S] [--postgres URL] [--connections 10,50] [--batch-connections 2]`:
// this product's scoring API (`next start`, every row durably logged before the answer) against the textbook
// FastAPI + scikit-learn service (lib/bench/fastapi_app.py) on the same machine, in the same run, with the same load
// tool (autocannon) and the same records. Prints req/s, p50, p99 and non-2xx for single-row predict at each connection
// count, rows/s for 10,000-row batches, the ratios and the goals; then checks that the prediction log holds every row
// answered 200, and prints bare onnxruntime-node rows/s as the ceiling.
// Goals: single-row ≥ 10× the reference's req/s with p99 ≤ 25 ms at 10 connections; batch ≥ 100k rows/s.
// The database is a fresh PGlite folder (default) or, with --postgres URL, a fresh database on that server.
import os from 'node:os';
import { BATCH_ROWS, breakdown, flags, fmt, load, mark, ms, once, ortRowsPerSec, ratio, records, scrape, settle, type LoadResult, type Target } from './serve-load';
import { createKey, freshDb, logCounts, startOurs, startReference, type ReferenceInfo, type Server } from './serve-procs';

function s10Floor(single: { c: number; ours: LoadResult }[], floor: LoadResult): string | null {
  const s = single.find((x) => x.c === 10);
  return s ? ratio(s.ours.reqPerSec, floor.reqPerSec) : null;
}

async function main() {
  const f = flags();
  const seconds = Number(f.get('duration') ?? 20);
  const conns = (f.get('connections') ?? '10,50').split(',').map(Number);
  const batchConns = Number(f.get('batch-connections') ?? 2);
  const postgresUrl = f.get('postgres');

  console.log(`Serving benchmark: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), Node ${process.version}, ${seconds} s per case.`);
  console.log('The load generator (autocannon, one Node thread) runs on the same cores as the server under test: both stacks pay that alike.\n');

  // The ceiling first, while nothing else of ours is running.
  const ceiling1 = await ortRowsPerSec(1);
  const ceiling10k = await ortRowsPerSec(BATCH_ROWS);

  const db = await freshDb({ postgresUrl });
  let ours: Server | undefined;
  let ref: (Server & { info: ReferenceInfo }) | undefined;
  try {
    const { key, caller } = createKey(db);
    console.log(`Starting this product's server (${db.driver === 'pglite' ? 'PGlite' : 'PostgreSQL, fresh database'}; builds first if needed) and the FastAPI reference (trains at start-up)…`);
    const [o, r] = await Promise.allSettled([startOurs(db), startReference(db.dir)]);
    if (o.status === 'fulfilled') ours = o.value;
    if (r.status === 'fulfilled') ref = r.value;
    if (o.status === 'rejected') throw o.reason;
    if (r.status === 'rejected') throw r.reason;
    if (!ours || !ref) throw new Error('unreachable');
    const auth = { authorization: `Bearer ${key}` };
    const one = records(1)[0]!;
    const batch = records(BATCH_ROWS);
    const targets = {
      ours: { label: 'this product: POST /api/v1/predict', url: `${ours.base}/api/v1/predict`, headers: auth, body: JSON.stringify({ customers: [one] }), rows: 1 },
      ref: { label: 'FastAPI reference: POST /predict', url: `${ref.base}/predict`, headers: {}, body: JSON.stringify(one), rows: 1 },
      oursBatch: { label: 'this product: POST /api/v1/predict', url: `${ours.base}/api/v1/predict`, headers: auth, body: JSON.stringify({ customers: batch }), rows: BATCH_ROWS },
      refBatch: { label: 'FastAPI reference: POST /predict/batch', url: `${ref.base}/predict/batch`, headers: {}, body: JSON.stringify(batch), rows: BATCH_ROWS },
    } satisfies Record<string, Target>;

    // Rows this product answered 200 for (warm-up included), and how many more may have been scored and logged by
    // requests the load tool abandoned when a run's time was up (closed loop: one per connection).
    let answered = 0;
    let abandonedBound = 0;
    const PREDICT = /route="\/api\/v1\/predict"/;
    const notes: string[] = [];
    const run = async (t: Target, c: number, timeoutS?: number) => {
      const isOurs = t.url.startsWith(ours!.base);
      const before = isOurs ? await scrape(ours!.base, PREDICT) : null;
      const r = await load(t, { connections: c, seconds, timeoutS });
      if (isOurs) {
        answered += r.ok * t.rows;
        abandonedBound += r.inFlightRowsBound;
        await settle(ours!.base); // abandoned requests finish before the next run starts
        notes.push(`${t.rows === 1 ? 'single-row' : `${t.rows}-row`}, ${c} connections — ${breakdown(before!, await scrape(ours!.base, PREDICT))}`);
      } else await new Promise((res) => setTimeout(res, 1000));
      return r;
    };

    // Warm-up: JIT, the model session, connection pools, the log table.
    for (const t of Object.values(targets)) {
      const rows = await once(t);
      if (t.url.startsWith(ours.base)) answered += rows;
    }
    for (const t of [targets.ours, targets.ref]) {
      const r = await load(t, { connections: 10, seconds: Math.min(3, seconds) });
      if (t === targets.ours) [answered, abandonedBound] = [answered + r.ok, abandonedBound + r.inFlightRowsBound];
    }
    await settle(ours.base);

    // The framework's floor on this machine: the same server answering its trivial liveness route (no database, no
    // model) through the same wrapper — the most any route handler of this `next start` can do here.
    const floor = await load({ label: 'this product: GET /api/health (empty route)', url: `${ours.base}/api/health`, headers: {}, rows: 1 }, { connections: 10, seconds });
    const single: { c: number; ours: LoadResult; ref: LoadResult }[] = [];
    for (const c of conns) single.push({ c, ours: await run(targets.ours, c), ref: await run(targets.ref, c) });
    const bOurs = await run(targets.oursBatch, batchConns, 120);
    const bRef = await run(targets.refBatch, batchConns, 120);
    const oursRss = ours.rssMb();
    const refRss = ref.rssMb();

    const i = ref.info;
    console.log(`\nReference: FastAPI ${i.fastapi} + pydantic ${i.pydantic} on uvicorn ${i.uvicorn} (${i.workers} worker, asyncio + h11: Debian ships no uvloop/httptools), scikit-learn ${i.sklearn} HistGradientBoostingClassifier: ${i.trees} trees, ≤ ${i.max_leaves} leaves, trained at start-up on ${i.rows.toLocaleString('en-US')} rows in ${i.fit_seconds.toFixed(1)} s; OpenMP threads ${i.omp_threads} (${i.omp_threads_source}). It logs nothing (no prediction log, no access log).`);
    console.log(`This product: next start (1 process), ${db.driver}, every row written to prediction_log (group commit) before the answer; API_RATE_LIMIT_PER_MINUTE=${db.env.API_RATE_LIMIT_PER_MINUTE}.\n`);

    console.log('Single-row predict (closed loop)');
    console.log('| connections | stack | req/s | p50 | p99 | non-2xx | errors |');
    console.log('|---|---|---|---|---|---|---|');
    for (const s of single) {
      for (const r of [s.ours, s.ref]) console.log(`| ${s.c} | ${r.label} | ${fmt(r.reqPerSec)} | ${ms(r.p50)} | ${ms(r.p99)} | ${r.non2xx} | ${r.errors} |`);
      console.log(`| ${s.c} | ratio (this product ÷ reference) | ${ratio(s.ours.reqPerSec, s.ref.reqPerSec)} | ${ratio(s.ours.p50, s.ref.p50)} | ${ratio(s.ours.p99, s.ref.p99)} | | |`);
    }
    console.log(`| 10 | ${floor.label} | ${fmt(floor.reqPerSec)} | ${ms(floor.p50)} | ${ms(floor.p99)} | ${floor.non2xx} | ${floor.errors} |`);
    if (s10Floor(single, floor)) console.log(`| 10 | predict ÷ empty route | ${s10Floor(single, floor)} | | | | |`);
    console.log(`\n${BATCH_ROWS.toLocaleString('en-US')}-row batches, ${batchConns} connections`);
    console.log('| stack | rows/s | requests/s | p50 | p99 | non-2xx | errors |');
    console.log('|---|---|---|---|---|---|---|');
    for (const r of [bOurs, bRef]) console.log(`| ${r.label} | ${fmt(r.rowsPerSec)} | ${r.reqPerSec.toFixed(2)} | ${ms(r.p50)} | ${ms(r.p99)} | ${r.non2xx} | ${r.errors} |`);
    console.log(`| ratio (this product ÷ reference) | ${ratio(bOurs.rowsPerSec, bRef.rowsPerSec)} | | | | | |`);

    console.log('\nCeiling: bare onnxruntime-node (OnnxScorer.score = record encoding + session.run, 1 thread, no HTTP, no log)');
    console.log(`| batch 1 | ${fmt(ceiling1)} rows/s | batch ${BATCH_ROWS} | ${fmt(ceiling10k)} rows/s |`);
    console.log(`single-row API at 10 connections reaches ${single[0] ? ((single[0].ours.reqPerSec / ceiling1) * 100).toFixed(1) : 'n/a'}% of the batch-1 ceiling; the batch API ${((bOurs.rowsPerSec / ceiling10k) * 100).toFixed(0)}% of the batch-${BATCH_ROWS} ceiling.`);
    console.log('\nWhere this product\'s time went (its /api/metrics, per run)');
    for (const n of notes) console.log(`- ${n}`);
    console.log(`\nMemory after the load: next-server RSS ${oursRss.toFixed(0)} MB; FastAPI reference RSS ${refRss.toFixed(0)} MB.`);

    // Durability: stop the server (PGlite allows one process) and count the logged rows of this key.
    await ours.stop();
    ours = undefined;
    const logged = (await logCounts(db, { caller })).total;
    const extra = logged - answered;
    const durable = extra >= 0 && extra <= abandonedBound;

    const s10 = single.find((s) => s.c === 10);
    const anyNon2xx = [...single.map((s) => s.ours), bOurs].reduce((a, r) => a + r.non2xx + r.errors, 0);
    console.log('\nGoals');
    console.log('| goal | measured | result |');
    console.log('|---|---|---|');
    if (s10) {
      console.log(`| single-row req/s ≥ 10× reference at 10 connections | ${ratio(s10.ours.reqPerSec, s10.ref.reqPerSec)} | ${mark(s10.ours.reqPerSec >= 10 * s10.ref.reqPerSec)} |`);
      console.log(`| single-row p99 ≤ 25 ms at 10 connections | ${ms(s10.ours.p99)} | ${mark(s10.ours.p99 <= 25)} |`);
    }
    console.log(`| batch ≥ 100k rows/s | ${fmt(bOurs.rowsPerSec)} rows/s | ${mark(bOurs.rowsPerSec >= 100_000)} |`);
    console.log(`| no non-2xx or errors from this product | ${anyNon2xx} | ${mark(anyNon2xx === 0)} |`);
    console.log(`| prediction_log rows = rows answered 200 (+ at most ${abandonedBound.toLocaleString('en-US')} from requests abandoned at the end of a run) | ${logged.toLocaleString('en-US')} logged, ${answered.toLocaleString('en-US')} answered | ${mark(durable)} |`);
  } finally {
    await ours?.stop();
    await ref?.stop();
    await db.drop();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
