// `npm run db:migrate` and `npm run db:seed`: the start-up steps on their own, for deployments that separate them.
import { openConfiguredDb } from '@/db/client';
import { seedDemoSweep, seedDemoUsers, seedDemoWorld, seedShippedModel } from '@/db/seed';
import { seedDemoMonitoring } from '@/db/seed-monitoring';
import { env } from '@/lib/env';
import { alertsAfterRefresh } from '@/lib/monitoring/jobs';
import { onRefreshed, runMonitoringPass } from '@/lib/monitoring/scheduler';
import { runCli } from './common';

runCli(async () => {
  const command = process.argv[2];
  const handle = await openConfiguredDb(); // migrates
  try {
    if (command === 'migrate') console.log('Database migrations applied.');
    else if (command === 'seed') {
      const e = env();
      const r = await seedDemoWorld(handle, { seed: e.DEMO_SEED, activeCustomers: e.DEMO_CUSTOMERS, months: e.DEMO_MONTHS }, console.log);
      const users = await seedDemoUsers(handle);
      console.log(
        r.seeded
          ? `Seeded the StreamFlow demo: ${r.customers.toLocaleString('en-US')} customers, ${r.snapshots.toLocaleString('en-US')} monthly snapshots in ${(r.ms / 1000).toFixed(1)} s.`
          : `Demo data already present${users ? `; added ${users} demo users` : ''}.`,
      );
      await seedDemoSweep(handle, { seed: e.DEMO_SEED, activeCustomers: e.DEMO_CUSTOMERS, months: e.DEMO_MONTHS }, console.log);
    } else throw new Error(`unknown command ${command}`);
    await seedShippedModel(handle, console.log);
    if (command === 'seed') {
      const m = await seedDemoMonitoring(handle, console.log);
      if (m.seeded) console.log(`Logged the demo's production history: ${m.predictions.toLocaleString('en-US')} predictions, ${m.labels.toLocaleString('en-US')} labels in ${(m.ms / 1000).toFixed(1)} s.`);
      // Windows and alerts, so the pages have their history from the first start. A retraining policy that fires
      // leaves its run queued (this process has no job worker); the server's queue starts it.
      onRefreshed(alertsAfterRefresh({ enqueue: async () => {}, log: console.log }));
      const pass = await runMonitoringPass(handle.db);
      if (pass?.windows) console.log(`Computed ${pass.windows} monitoring windows in ${(pass.ms / 1000).toFixed(1)} s.`);
    }
  } finally {
    await handle.close();
  }
});
