// What a data scientist writes beside an skl2onnx export. Kept short on purpose: four features of the real dictionary
// (lib/data/features.ts) cover the three types; a real manifest lists every input the graph takes, in order.
export const EXAMPLE_MANIFEST = {
  schema_version: 1,
  kind: 'tree_ensemble',
  description: 'HistGradientBoostingClassifier from our notebook, exported with skl2onnx (zipmap=False)',
  features: [
    { name: 'tenure_months', type: 'numeric', unit: 'months', range: [0, 240] },
    { name: 'plan', type: 'categorical', categories: ['basic', 'standard', 'premium', 'mobile'] },
    { name: 'watch_hours_30d', type: 'numeric', unit: 'hours', range: [0, 400], nullable: true },
    { name: 'promo_used', type: 'boolean' },
  ],
  input: { kind: 'tensor', name: 'float_input' },
  probabilities_output: 'probabilities',
  threshold: 0.35,
  reference_rows: [
    { tenure_months: 3, plan: 'mobile', watch_hours_30d: 2.5, promo_used: true },
    { tenure_months: 48, plan: 'premium', watch_hours_30d: null, promo_used: false },
  ],
};

export const EXAMPLE_MANIFEST_TEXT = JSON.stringify(EXAMPLE_MANIFEST, null, 2);

/** The Python side, so the two halves of an export are seen together. */
export const EXAMPLE_EXPORT_PY = `from skl2onnx import to_onnx
onx = to_onnx(model, X[:1].astype("float32"),
              options={id(model): {"zipmap": False}})  # tensors, not ZipMap
open("model.onnx", "wb").write(onx.SerializeToString())`;
