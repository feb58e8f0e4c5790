// Registers the model shipped in models/ (the default-seed output of `npm run train`) on a database whose registry
// has no churn model yet. Called by `npm run db:migrate` / `db:seed` (and so by `npm start`), and by serving on a
// deployment that never ran those (the Docker image): the product serves a real model from its first start.
import { eq } from 'drizzle-orm';
import fs from 'node:fs';
import path from 'node:path';
import { createApiKey, revokeKey } from '@/lib/auth/admin';
import { CHURN_MODEL } from '@/lib/ml/model-names';
import { readModelFiles, SHIPPED_MODEL_DIR } from '@/lib/ml/pipeline/model-files';
import { MODEL_FILES } from '@/lib/ml/pipeline/package';
import { registerPackage } from '@/lib/ml/pipeline/register-shipped';
import { mlflowClient } from '@/lib/tracking/client';
import { inProcessTransport } from '@/lib/tracking/in-process';
import { setDbHandle, type DbHandle } from './client';
import { appMeta, registeredModels } from './schema';

/**
 * Registers the shipped model (models/) as version 1 of the churn model with the `champion` alias, once, on any
 * database whose registry has no churn model yet — demo or not, so a fresh deployment serves from its first start.
 */
export async function seedShippedModel(handle: DbHandle, log: (m: string) => void = () => {}, dir = path.join(/* turbopackIgnore: true */ process.cwd(), SHIPPED_MODEL_DIR)): Promise<{ seeded: boolean; version?: string }> {
  const { db } = handle;
  const [done] = await db.select().from(appMeta).where(eq(appMeta.key, 'shipped_model'));
  if (done) return { seeded: false };
  const [existing] = await db.select().from(registeredModels).where(eq(registeredModels.name, CHURN_MODEL));
  if (existing) return { seeded: false };
  if (!fs.existsSync(path.join(dir, MODEL_FILES.onnx))) {
    log(`No shipped model in ${dir}/ — nothing to serve until \`npm run train\` registers one.`);
    return { seeded: false };
  }
  const pkg = readModelFiles(dir);
  setDbHandle(handle);
  const actor = { type: 'system' as const, id: null, label: 'shipped model' };
  const key = await createApiKey(db, actor, { name: 'shipped-model registration (revoked after use)', scopes: ['tracking'] });
  try {
    const client = mlflowClient({ baseUrl: 'http://in-process', token: key.key, transport: inProcessTransport() });
    const ev = pkg.evaluation;
    const r = await registerPackage(client, pkg, {
      runName: `shipped-${String(pkg.manifest.training?.params.candidate ?? 'model')}`,
      user: 'ds@streamflow.test',
      alias: 'champion',
      reason: 'The model shipped in models/ (npm run train, default seed)',
      description: `Shipped model (models/): validation AUC ${ev.splits.valid.auc.toFixed(4)}, test AUC ${ev.splits.test.auc.toFixed(4)}.`,
    });
    await db.insert(appMeta).values({ key: 'shipped_model', value: { run_id: r.runId, version: r.version } });
    log(`Registered the shipped churn model as ${CHURN_MODEL} v${r.version} (@champion).`);
    return { seeded: true, version: r.version };
  } finally {
    await revokeKey(db, actor, key.id);
  }
}

