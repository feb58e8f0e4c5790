// `npm run bench:soak [-- --duration 60] [--measure 10] [--fraction 0.8] [--connections 50] [--postgres URL] [--keep]`:
// single-row predict held at ~80% of the maximum measured in the same run (open loop, autocannon `overallRate`),
// logging on. Passes with zero non-2xx and flat memory: the next-server RSS is sampled every 5 s; after the first
// quarter of the run (the heap settling at the new rate) it may grow by at most max(25 MB, 5% of the first sample).
// First vs last and the least-squares slopes (whole run, second half) are printed as well.
import { breakdown, flags, fmt, load, mark, ms, once, records, scrape, settle, slope } from './serve-load';
import { createKey, freshDb, logCounts, startOurs, tail, type Server } from './serve-procs';

async function main() {
  const f = flags();
  const seconds = Number(f.get('duration') ?? 60);
  const measureS = Number(f.get('measure') ?? 10);
  const fraction = Number(f.get('fraction') ?? 0.8);
  const connections = Number(f.get('connections') ?? 50);
  const db = await freshDb({ postgresUrl: f.get('postgres') });
  let ours: Server | undefined;
  try {
    const { key, caller } = createKey(db);
    ours = await startOurs(db);
    const target = { label: 'POST /api/v1/predict', url: `${ours.base}/api/v1/predict`, headers: { authorization: `Bearer ${key}` }, body: JSON.stringify({ customers: [records(1)[0]] }), rows: 1 };
    let answered = await once(target);
    let abandoned = 0;
    const warm = await load(target, { connections: 10, seconds: 3 });
    const max = await load(target, { connections, seconds: measureS });
    [answered, abandoned] = [answered + warm.ok + max.ok, warm.inFlightRowsBound + max.inFlightRowsBound];
    await settle(ours.base);
    const rate = Math.max(1, Math.round(max.reqPerSec * fraction));
    console.log(`Soak on ${db.driver}: maximum ${fmt(max.reqPerSec)} req/s (${measureS} s closed loop, ${connections} connections, p99 ${ms(max.p99)}); holding ${rate} req/s (${(fraction * 100).toFixed(0)}%) for ${seconds} s.`);
    console.log('The load generator shares the machine\'s cores with the server.\n');

    const t0 = performance.now();
    const samples: { t: number; mb: number }[] = [{ t: 0, mb: ours.rssMb() }];
    const timer = setInterval(() => samples.push({ t: (performance.now() - t0) / 1000, mb: ours!.rssMb() }), 5000);
    const before = await scrape(ours.base, /route="\/api\/v1\/predict"/);
    const soak = await load(target, { connections, seconds, overallRate: rate });
    clearInterval(timer);
    if (ours.child.exitCode !== null || ours.child.signalCode !== null) {
      console.log(`| server alive after the soak | exited (${ours.child.exitCode ?? ours.child.signalCode}) | MISSED |`);
      console.log(`RSS samples (s: MB): ${samples.map((s) => `${s.t.toFixed(0)}: ${s.mb.toFixed(0)}`).join(', ')}; statuses ${JSON.stringify(soak.statusCodes)}, errors ${soak.errors}`);
      console.log(`server log (${ours.logFile}):\n${tail(ours.logFile, 40)}`);
      process.exitCode = 1;
      return;
    }
    samples.push({ t: (performance.now() - t0) / 1000, mb: ours.rssMb() });
    answered += soak.ok;
    abandoned += soak.inFlightRowsBound;
    await settle(ours.base);
    const after = await scrape(ours.base, /route="\/api\/v1\/predict"/);

    const perMin = slope(samples.map((s) => s.t), samples.map((s) => s.mb)) * 60;
    const late = samples.filter((s) => s.t >= seconds / 2);
    const latePerMin = slope(late.map((s) => s.t), late.map((s) => s.mb)) * 60;
    const first = samples[0]!.mb;
    const last = samples.at(-1)!.mb;
    const settled = samples.find((s) => s.t >= seconds / 4) ?? samples[0]!;
    const growth = last - settled.mb;
    const allowance = Math.max(25, first * 0.05);
    console.log(`next-server RSS samples (s: MB): ${samples.map((s) => `${s.t.toFixed(0)}: ${s.mb.toFixed(0)}`).join(', ')}`);
    console.log(`achieved ${fmt(soak.reqPerSec)} req/s, p50 ${ms(soak.p50)}, p99 ${ms(soak.p99)} (latency corrected for coordinated omission); statuses ${JSON.stringify(soak.statusCodes)}`);
    console.log(`server: ${breakdown(before, after)}`);

    await ours.stop();
    ours = undefined;
    const logged = (await logCounts(db, { caller })).total;
    console.log('\n| check | measured | result |');
    console.log('|---|---|---|');
    console.log(`| zero non-2xx / errors | ${soak.non2xx} non-2xx, ${soak.errors} errors/timeouts | ${mark(soak.non2xx + soak.errors === 0)} |`);
    console.log(`| held the rate (≥ 95% of ${rate} req/s) | ${fmt(soak.reqPerSec)} req/s | ${mark(soak.reqPerSec >= rate * 0.95)} |`);
    console.log(`| memory flat: ≤ ${allowance.toFixed(0)} MB growth after the first quarter | first ${first.toFixed(0)} MB, at ${settled.t.toFixed(0)} s ${settled.mb.toFixed(0)} MB, last ${last.toFixed(0)} MB (${growth >= 0 ? '+' : ''}${growth.toFixed(0)} MB); slope ${perMin.toFixed(1)} MB/min, second half ${latePerMin.toFixed(1)} MB/min | ${mark(growth <= allowance)} |`);
    console.log(`| every row answered 200 is in prediction_log | ${logged.toLocaleString('en-US')} logged, ${answered.toLocaleString('en-US')} answered (+ ≤ ${abandoned} abandoned) | ${mark(logged >= answered && logged <= answered + abandoned)} |`);
  } finally {
    await ours?.stop();
    if (f.has('keep')) console.log(`kept ${db.dir}`);
    else await db.drop();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
