// The model the product serves: whatever version the `champion` alias of the churn model points at. The alias is
// re-read at most once a second (and at once in this process when it moves here), so a promotion takes effect
// without a restart on every replica. A new version is loaded next to the old one and swapped in atomically;
// requests already holding the old one finish on it, and its session is released a while later.
import { getDbHandle, type Db } from '@/db/client';
import { getAlias } from '@/db/queries/registry';
import { modelManifestSchema, type ModelManifest } from '@/lib/ml/manifest';
import { CHURN_MODEL, SERVED_ALIAS } from '@/lib/ml/model-names';
import type { OnnxScorer } from '@/lib/ml/onnx/load';
import { MODEL_FILES } from '@/lib/ml/pipeline/package';
import { onAliasChange } from '@/lib/tracking/alias-events';
import { readVersionFile } from '@/lib/tracking/version-files';
import type { TreeExplainer, Explanation } from './explainer';
import { buildScoringModel, type ModelBundle } from './model-bundle';

export type { Explanation };

export interface ServedModel {
  name: string;
  version: number;
  manifest: ModelManifest;
  scorer: OnnxScorer;
  /** TreeSHAP over the tree ensemble read back from the ONNX graph, or linear SHAP for a logistic regression; null otherwise. */
  explainer: Pick<TreeExplainer, 'explain' | 'release'> | null;
  loadedAt: number;
}

export class NoServedModelError extends Error {}

const ALIAS_TTL_MS = 1000;
const RELEASE_AFTER_MS = 60_000;

interface Slot {
  checkedAt: number;
  version: number | null;
  model: Promise<ServedModel> | null;
  checking: Promise<void> | null;
}
const slots = new Map<string, Slot>();

onAliasChange((name) => invalidateServedModel(name));

/** Forget the cached alias resolution (called when this process moves an alias), so the next request re-reads it. */
export function invalidateServedModel(name: string = CHURN_MODEL): void {
  const s = slots.get(name);
  if (s) s.checkedAt = 0;
}

/** A version's files as a bundle (what a worker thread needs to build the same scorer and explainer). */
export async function readModelBundle(db: Db, name: string, version: number): Promise<ModelBundle> {
  const [bytes, manifestBytes] = await Promise.all([readVersionFile(db, name, version, MODEL_FILES.onnx), readVersionFile(db, name, version, MODEL_FILES.manifest)]);
  if (!bytes || !manifestBytes) throw new NoServedModelError(`${name} v${version} has no ${bytes ? MODEL_FILES.manifest : MODEL_FILES.onnx}; it cannot be served`);
  const manifest = modelManifestSchema.parse(JSON.parse(manifestBytes.toString('utf8')));
  const [coversFile, referenceFile] = await Promise.all([
    manifest.covers_file ? readVersionFile(db, name, version, manifest.covers_file) : null,
    manifest.reference_file ? readVersionFile(db, name, version, manifest.reference_file) : null,
  ]);
  const covers = coversFile ? (JSON.parse(coversFile.toString('utf8')) as { trees: number[][] }).trees : null;
  const referenceRows = referenceFile ? (JSON.parse(referenceFile.toString('utf8')) as { rows: Record<string, unknown>[] }).rows : manifest.reference_rows;
  return { onnx: new Uint8Array(bytes), manifest, covers, referenceRows };
}

export async function loadVersion(db: Db, name: string, version: number): Promise<ServedModel> {
  const bundle = await readModelBundle(db, name, version);
  const { scorer, explainer } = await buildScoringModel(bundle);
  return { name, version, manifest: bundle.manifest, scorer, explainer, loadedAt: Date.now() };
}

/** The served model for `name` (the champion's version), loading or swapping as the alias says. */
export async function getServedModel(db: Db, name: string = CHURN_MODEL, alias: string = SERVED_ALIAS): Promise<ServedModel> {
  let slot = slots.get(name);
  if (!slot) slots.set(name, (slot = { checkedAt: 0, version: null, model: null, checking: null }));
  if (!slot.checking && Date.now() - slot.checkedAt > ALIAS_TTL_MS) {
    // One alias read at a time per model; concurrent requests wait for it rather than each querying.
    slot.checking = refresh(db, slot, name, alias).finally(() => (slot!.checking = null));
  }
  if (slot.checking) await slot.checking;
  if (!slot.model) throw new NoServedModelError(`no version of ${name} has the @${alias} alias, so there is nothing to serve`);
  return slot.model;
}

let shippedTried = false;

async function refresh(db: Db, slot: Slot, name: string, alias: string): Promise<void> {
  slot.checkedAt = Date.now();
  let version = await getAlias({ db, name, alias });
  if (version === null && name === CHURN_MODEL && !shippedTried) {
    // A deployment that never ran `db:migrate`/`db:seed` (the Docker image) registers the shipped model on first use.
    shippedTried = true;
    const { seedShippedModel } = await import('@/db/seed-model');
    if ((await seedShippedModel(await getDbHandle())).seeded) version = await getAlias({ db, name, alias });
  }
  if (version === slot.version && slot.model) return;
  const previous = slot.model;
  slot.version = version;
  slot.model = version === null ? null : loadVersion(db, name, version);
  const next = slot.model;
  // A version that fails to load is retried on the next request rather than cached as broken.
  next?.catch(() => {
    if (slot.model !== next) return;
    slot.model = null;
    slot.version = null;
    slot.checkedAt = 0;
  });
  if (previous) setTimeout(() => void previous.then((m) => Promise.all([m.scorer.release(), m.explainer?.release()])).catch(() => {}), RELEASE_AFTER_MS).unref();
}

/** TreeSHAP contributions (log-odds for boosted trees) per record, by feature name. */
export async function explainRows(model: ServedModel, records: readonly Record<string, unknown>[]): Promise<Explanation[]> {
  if (!model.explainer) throw new Error(`${model.name} v${model.version} cannot be explained: its graph is neither a tree ensemble nor a logistic regression on the features`);
  return model.explainer.explain(records);
}
