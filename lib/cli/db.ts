// `npm run db:migrate` and `npm run db:seed`: the start-up steps on their own, for deployments that separate them.
import { openConfiguredDb } from '@/db/client';
import { seedDemoSweep, seedDemoUsers, seedDemoWorld, seedShippedModel } from '@/db/seed';
import { env } from '@/lib/env';
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
  } finally {
    await handle.close();
  }
});
