// The scores the ROI calculator works on: the champion's calibrated churn probabilities for the current active
// customers, with each customer's monthly charge (for per-customer CLV): the newest month of customer snapshots scored
// with the champion — or, on a database without snapshots, the customers the champion scored in the newest month of
// the prediction log (each customer's latest score).
import type { Db } from '@/db/client';
import { windowBatches } from '@/db/queries/monitoring';
import { latestSnapshotMonth, newestLoggedMonth } from '@/db/queries/roi';
import { snapshotRecords } from '@/db/queries/snapshots';
import { getServedModel } from '@/lib/serving/served-model';

export interface LiveScores {
  model: { name: string; version: number; threshold: number };
  /** YYYY-MM of the scores. */
  asOf: string;
  source: string;
  customers: number;
  scores: Float64Array;
  /** USD per customer; NaN when unknown. */
  charges: Float64Array;
}

const monthKey = (d: Date) => d.toISOString().slice(0, 7);

async function fromLog(db: Db, name: string, version: number): Promise<Omit<LiveScores, 'model'> | null> {
  const start = await newestLoggedMonth({ db, modelName: name, modelVersion: version });
  if (!start) return null;
  const end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
  const batches = await windowBatches({ db, modelName: name, modelVersion: version, start, end });
  // Latest score per customer (batches are in id order); rows without a customer id count only if no row has one.
  const byCustomer = new Map<string, [number, number]>();
  const anonymous: [number, number][] = [];
  for (const b of batches) {
    const at = b.featureNames.indexOf('monthly_charge');
    b.rowIndexes.forEach((_, j) => {
      const charge = at >= 0 ? b.features[j]?.[at] : null;
      const row: [number, number] = [b.probabilities[j]!, typeof charge === 'number' ? charge : Number.NaN];
      const id = b.customerIds[j];
      if (id) byCustomer.set(id, row);
      else anonymous.push(row);
    });
  }
  const rows = byCustomer.size ? [...byCustomer.values()] : anonymous;
  if (!rows.length) return null;
  return {
    asOf: monthKey(start),
    source: `the champion's latest score for each of ${rows.length.toLocaleString('en-US')} customers scored in ${monthKey(start)} (prediction log)`,
    customers: rows.length,
    scores: Float64Array.from(rows, (r) => r[0]),
    charges: Float64Array.from(rows, (r) => r[1]),
  };
}

async function fromSnapshots(db: Db, scorer: { score(r: Record<string, unknown>[]): Promise<Float64Array> }): Promise<Omit<LiveScores, 'model'> | null> {
  const latest = await latestSnapshotMonth({ db });
  if (!latest) return null;
  const records = await snapshotRecords({ db, from: latest.month, to: latest.month });
  const scores = new Float64Array(records.length);
  for (let i = 0; i < records.length; i += 20_000) scores.set(await scorer.score(records.slice(i, i + 20_000)), i);
  return {
    asOf: latest.month.slice(0, 7),
    source: `the champion's scores of the ${records.length.toLocaleString('en-US')} customers active in ${latest.month.slice(0, 7)} (customer snapshots)`,
    customers: records.length,
    scores,
    charges: Float64Array.from(records, (r) => (typeof r.monthly_charge === 'number' ? r.monthly_charge : Number.NaN)),
  };
}

const cache = new WeakMap<Db, { key: string; at: number; value: Promise<LiveScores | null> }>();
const TTL_MS = 60_000;

/** The live scores (cached for a minute per database and champion version); null when there is nothing to score. */
export async function liveScores(db: Db): Promise<LiveScores | null> {
  const model = await getServedModel(db).catch(() => null);
  if (!model) return null;
  const key = `${model.name}@${model.version}`;
  const hit = cache.get(db);
  if (hit && hit.key === key && Date.now() - hit.at < TTL_MS) return hit.value;
  const value = (async () => {
    // The active base is the newest snapshot month when the database has customer snapshots (scored now, so every
    // active customer has exactly one current score); the log's newest month only stands in when it has none — a
    // month's ad-hoc API calls are not the customer base.
    const data = (await fromSnapshots(db, model.scorer)) ?? (await fromLog(db, model.name, model.version));
    if (!data) return null;
    // A customer whose record had no charge (an imported model's inputs may not include it) is valued at the mean.
    let sum = 0;
    let known = 0;
    for (const c of data.charges) {
      if (!Number.isFinite(c)) continue;
      sum += c;
      known++;
    }
    const mean = known ? sum / known : 0;
    for (let i = 0; i < data.charges.length; i++) if (!Number.isFinite(data.charges[i]!)) data.charges[i] = mean;
    return { model: { name: model.name, version: model.version, threshold: model.manifest.threshold }, ...data };
  })();
  cache.set(db, { key, at: Date.now(), value });
  value.catch(() => cache.delete(db));
  return value;
}

/** Forget the cached scores (tests; after a promotion the version key changes anyway). */
export function forgetLiveScores(db: Db): void {
  cache.delete(db);
}

