// Where a version's reference comes from. Our own models record the generated world and month split they were trained
// on; when this database holds that world (the demo, at any size), the reference is the full training split read from
// customer_snapshots. Otherwise it is the reference rows packaged with the model (1,000 training rows for ours; an
// imported model's own sample) — with ≤ 1,000 rows Evidently's defaults then pick the p-value tests, as they should.
import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { getReference, saveReference } from '@/db/queries/monitoring';
import { snapshotRecords } from '@/db/queries/snapshots';
import { appMeta } from '@/db/schema';
import { OnnxScorer } from '@/lib/ml/onnx/load';
import { readModelBundle } from '@/lib/serving/served-model';
import { buildReference } from './reference';
import type { Reference } from './window';

export interface TrainingInfo {
  data?: { world?: Record<string, unknown>; split?: { train?: [string, string]; valid?: string; test?: string } };
}

export const monthStart = (m: string) => (m.length === 7 ? `${m}-01` : m.slice(0, 10));

/**
 * True when this database holds the seeded world a model was trained on. The size may differ (the e2e demo is
 * smaller): the same seeded generator over the same months has the same distribution, which is what a drift baseline
 * (and a fairness audit of the test month) needs.
 */
export async function trainedOnThisWorld(db: Db, training: TrainingInfo | undefined): Promise<boolean> {
  const world = training?.data?.world;
  if (!world) return false;
  const [meta] = await db.select().from(appMeta).where(eq(appMeta.key, 'demo_world'));
  if (!meta) return false;
  // app_meta keeps the generator's options, except `months`, which it stores as the list of months.
  const seeded: Record<string, unknown> = { ...meta.value, months: Array.isArray(meta.value.months) ? meta.value.months.length : meta.value.months };
  for (const k of ['seed', 'months', 'startMonth'] as const) if (world[k] !== undefined && String(seeded[k]) !== String(world[k])) return false;
  return true;
}

async function trainingRowsFromWorld(db: Db, training: TrainingInfo | undefined): Promise<Record<string, unknown>[] | null> {
  const train = training?.data?.split?.train;
  if (!train || !(await trainedOnThisWorld(db, training))) return null;
  return snapshotRecords({ db, from: monthStart(train[0]), to: monthStart(train[1]) });
}

const building = new Map<string, Promise<Reference>>();

/** The stored reference of a version, built (once) on first use. */
export async function ensureReference(db: Db, modelName: string, modelVersion: number): Promise<Reference> {
  const stored = await getReference({ db, modelName, modelVersion });
  if (stored) return stored;
  const key = `${modelName}@${modelVersion}`;
  let p = building.get(key);
  if (!p) {
    p = (async () => {
      const bundle = await readModelBundle(db, modelName, modelVersion);
      const training = (bundle.manifest as { training?: TrainingInfo }).training;
      const fromWorld = await trainingRowsFromWorld(db, training);
      const records = fromWorld ?? bundle.referenceRows;
      const source = fromWorld ? `training split ${training!.data!.split!.train!.join('..')} (customer_snapshots)` : 'reference rows packaged with the model';
      const names = bundle.manifest.features.map((f) => f.name);
      const clean = records.map((r) => Object.fromEntries(names.map((n) => [n, r[n] ?? null])));
      const scorer = await OnnxScorer.create(bundle.onnx, bundle.manifest);
      const scores = new Float64Array(clean.length);
      try {
        for (let i = 0; i < clean.length; i += 20_000) scores.set(await scorer.score(clean.slice(i, i + 20_000)), i);
      } finally {
        await scorer.release();
      }
      const reference = buildReference({ manifest: bundle.manifest, records: clean, scores });
      await saveReference({ db, modelName, modelVersion, source, reference });
      return reference;
    })().finally(() => building.delete(key));
    building.set(key, p);
  }
  return p;
}
