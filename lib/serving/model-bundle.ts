// A model version as plain data (the ONNX bytes, the manifest and the explainer's inputs) and the scorer + explainer
// built from it. Kept free of database imports so a worker thread can build the same model from bytes passed in:
// serving loads a version through here, and batch jobs hand the same bundle to their scoring thread.
import type { ModelManifest } from '@/lib/ml/manifest';
import { OnnxScorer } from '@/lib/ml/onnx/load';
import { TreeExplainer } from './explainer';
import { LinearExplainer } from './linear-explainer';

export interface ModelBundle {
  onnx: Uint8Array;
  manifest: ModelManifest;
  /** Exact training covers per tree (our own models), or null. */
  covers: number[][] | null;
  /** Reference rows (covers for imported trees, the linear explainer's baseline). */
  referenceRows: Record<string, unknown>[];
}

export interface ScoringModel {
  scorer: OnnxScorer;
  explainer: Pick<TreeExplainer, 'explain' | 'release'> | null;
}

export async function buildScoringModel(bundle: ModelBundle): Promise<ScoringModel> {
  const scorer = await OnnxScorer.create(bundle.onnx, bundle.manifest);
  const explainer =
    (await TreeExplainer.create(bundle.onnx, bundle.manifest, { covers: bundle.covers, referenceRows: bundle.referenceRows })) ??
    LinearExplainer.create(bundle.onnx, bundle.manifest, bundle.referenceRows);
  return { scorer, explainer };
}
