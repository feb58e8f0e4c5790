// Test helper: TreeSHAP on a shipped model's trees numbered as they were trained (the graph's node ids), with the
// training covers as recorded — the reference the served explainer (which renumbers nodes and maps the covers) must
// match. Used only by tests.
import { encodeRecord } from '@/lib/ml/encoder';
import { treeShap } from '@/lib/ml/explain/tree-shap';
import type { ModelManifest } from '@/lib/ml/manifest';
import { extractTreeEnsemble } from '@/lib/ml/onnx/extract';
import { parseOnnxModel } from '@/lib/ml/onnx/parse';
import type { Tree, TreeEnsemble } from '@/lib/ml/tree-ensemble';

function renumber(t: Tree, ids: number[]): Tree {
  const m = ids.length;
  const out: Tree = {
    feature: new Int32Array(m), threshold: new Float32Array(m), left: new Int32Array(m), right: new Int32Array(m),
    missingLeft: new Uint8Array(m), value: new Float32Array(m), cover: new Float64Array(m),
  };
  ids.forEach((src, id) => {
    out.feature[src] = t.feature[id]!;
    out.threshold[src] = t.threshold[id]!;
    out.left[src] = t.left[id]! < 0 ? -1 : ids[t.left[id]!]!;
    out.right[src] = t.right[id]! < 0 ? -1 : ids[t.right[id]!]!;
    out.missingLeft[src] = t.missingLeft[id]!;
    out.value[src] = t.value[id]!;
  });
  return out;
}

export function exactShap(bytes: Uint8Array, manifest: ModelManifest, covers: number[][], rows: Record<string, unknown>[]) {
  const { ensemble, sourceNodeIds } = extractTreeEnsemble(parseOnnxModel(bytes))!;
  const model: TreeEnsemble = { ...ensemble, trees: ensemble.trees.map((t, i) => ({ ...renumber(t, sourceNodeIds[i]!), cover: Float64Array.from(covers[i]!) })) };
  const d = manifest.features.length;
  return rows.map((r) => {
    const x = new Float32Array(d);
    encodeRecord(manifest, r, x);
    const out = new Float64Array(d);
    const { expectedValue } = treeShap(model, x, 0, out);
    return { expectedValue, contributions: Object.fromEntries(manifest.features.map((f, j) => [f.name, out[j]!])) };
  });
}
