// `npm run bench:seed [-- --customers 5000]`: loading the StreamFlow world into the database with COPY (what
// `npm start` does) against the reference, drizzle's batched multi-row INSERT, on the same rows in the same run.
// PGlite always; PostgreSQL too when TEST_DATABASE_URL is set.
import { customerSnapshots, customers } from '@/db/schema';
import { seedDemoWorld } from '@/db/seed';
import { openTestDb, testDrivers, type Driver } from '@/db/test-utils';
import { generateWorld } from '@/lib/data/generator';

const i = process.argv.indexOf('--customers');
const activeCustomers = i >= 0 ? Number(process.argv[i + 1]) : 5000;
const options = { seed: 42, activeCustomers, months: 22 };

async function viaCopy(driver: Driver): Promise<{ rows: number; ms: number }> {
  const h = await openTestDb(driver);
  try {
    const r = await seedDemoWorld(h, options);
    return { rows: r.snapshots, ms: r.ms };
  } finally {
    await h.close();
  }
}

async function viaInsert(driver: Driver): Promise<{ rows: number; ms: number }> {
  const h = await openTestDb(driver);
  try {
    const t0 = performance.now();
    const world = generateWorld(options);
    const cs = world.customers.map((c) => ({ customerId: c.customer_id, signupMonth: c.signup_month, ageBand: c.age_band, gender: c.gender, region: c.region }));
    for (let k = 0; k < cs.length; k += 1000) await h.db.insert(customers).values(cs.slice(k, k + 1000));
    let batch: (typeof customerSnapshots.$inferInsert)[] = [];
    let rows = 0;
    for (const s of world.snapshots()) {
      rows++;
      batch.push({
        month: s.month, customerId: s.customer_id, tenureMonths: s.tenure_months, plan: s.plan, contract: s.contract,
        monthlyCharge: s.monthly_charge, paymentMethod: s.payment_method, failedPayments90d: s.failed_payments_90d,
        watchHours30d: s.watch_hours_30d, sessions30d: s.sessions_30d, daysSinceLastLogin: s.days_since_last_login,
        devices: s.devices, profiles: s.profiles, supportTickets90d: s.support_tickets_90d, avgRatingGiven: s.avg_rating_given,
        contentDiversity: s.content_diversity, completionRate: s.completion_rate, downloads30d: s.downloads_30d,
        planChanges12m: s.plan_changes_12m, primaryDevice: s.primary_device, promoUsed: s.promo_used, autoplayOff: s.autoplay_off,
        churned: s.churned,
      });
      // 23 columns × 2000 rows stays under PostgreSQL's 65,535 bind-parameter limit.
      if (batch.length === 2000) {
        await h.db.insert(customerSnapshots).values(batch);
        batch = [];
      }
    }
    if (batch.length) await h.db.insert(customerSnapshots).values(batch);
    return { rows, ms: performance.now() - t0 };
  } finally {
    await h.close();
  }
}

async function main() {
  console.log(`Seeding the StreamFlow world (${activeCustomers} active customers, 22 months), generation included`);
  console.log('| driver | method | rows | seconds | rows/s | speed-up vs INSERT |');
  console.log('|---|---|---|---|---|---|');
  for (const driver of testDrivers()) {
    const ins = await viaInsert(driver);
    const cp = await viaCopy(driver);
    const line = (m: string, r: { rows: number; ms: number }, ratio: string) =>
      console.log(`| ${driver} | ${m} | ${r.rows} | ${(r.ms / 1000).toFixed(2)} | ${Math.round(r.rows / (r.ms / 1000))} | ${ratio} |`);
    line('INSERT, 2000 rows a statement (reference)', ins, '1.00');
    line('COPY (npm start)', cp, (ins.ms / cp.ms).toFixed(2));
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
