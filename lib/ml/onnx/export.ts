// TreeEnsemble -> ONNX bytes: one ai.onnx.ml TreeEnsembleClassifier in the layout skl2onnx writes for a binary
// gradient-boosting model, so our models and imported ones look alike to the loader, the parser and TreeSHAP.
//
// onnxruntime 1.30 facts this layout relies on (verified in export.test.ts and extract.test.ts):
// - leaves carry one weight for class 0 and base_values has ONE entry: ORT then treats the model as the "binary
//   case" and writes probabilities [1 - p, p] with p = post_transform(sum of leaves + base). With LOGISTIC that is
//   [sigmoid(-m), sigmoid(m)]; with NONE it is [1 - m, m] only when no weight is negative (it writes [-m, m]
//   otherwise), hence the check below.
// - the first node listed for a tree is its root (ORT silently starts elsewhere otherwise), so nodes are written
//   in id order: our root is node 0. Every leaf gets a weight, zero included, as skl2onnx writes them.
import { onnx, attr, tensorType } from '@/lib/ml/onnx/proto';
import { validateEnsemble, type TreeEnsemble } from '@/lib/ml/tree-ensemble';

export interface ExportOptions {
  inputName?: string;
  docString?: string;
  /** Written as metadata_props, sorted by key so the bytes do not depend on object key order. */
  metadata?: Record<string, string>;
}

export const EXPORT_OPSETS = [
  { domain: '', version: 17 },
  { domain: 'ai.onnx.ml', version: 3 },
] as const;

export function exportTreeEnsembleOnnx(model: TreeEnsemble, opts: ExportOptions = {}): Uint8Array {
  validateEnsemble(model);
  const inputName = opts.inputName ?? 'X';
  if (model.postTransform === 'NONE') {
    const negative = model.trees.some((t) => t.value.some((v, i) => t.feature[i]! < 0 && v < 0));
    if (negative) throw new Error('a NONE (probability-sum) ensemble must not have negative leaf values: onnxruntime would write [-p, p] instead of [1 - p, p]');
  }

  const n = { treeids: [] as number[], nodeids: [] as number[], featureids: [] as number[], values: [] as number[], modes: [] as string[] };
  const kids = { truenodeids: [] as number[], falsenodeids: [] as number[], missing: [] as number[] };
  const cls = { treeids: [] as number[], nodeids: [] as number[], ids: [] as number[], weights: [] as number[] };
  model.trees.forEach((t, ti) => {
    for (let i = 0; i < t.feature.length; i++) {
      const leaf = t.feature[i]! < 0;
      n.treeids.push(ti);
      n.nodeids.push(i);
      n.featureids.push(leaf ? 0 : t.feature[i]!);
      n.values.push(leaf ? 0 : t.threshold[i]!);
      n.modes.push(leaf ? 'LEAF' : 'BRANCH_LEQ');
      kids.truenodeids.push(leaf ? 0 : t.left[i]!);
      kids.falsenodeids.push(leaf ? 0 : t.right[i]!);
      kids.missing.push(leaf ? 0 : t.missingLeft[i]!);
      if (leaf) {
        cls.treeids.push(ti);
        cls.nodeids.push(i);
        cls.ids.push(0);
        cls.weights.push(t.value[i]!);
      }
    }
  });

  const attribute = [
    attr.ints('class_ids', cls.ids),
    attr.ints('class_nodeids', cls.nodeids),
    attr.ints('class_treeids', cls.treeids),
    attr.floats('class_weights', Float32Array.from(cls.weights)),
    attr.ints('classlabels_int64s', [0, 1]),
    attr.floats('base_values', Float32Array.of(model.baseValue)),
    attr.ints('nodes_falsenodeids', kids.falsenodeids),
    attr.ints('nodes_featureids', n.featureids),
    attr.ints('nodes_missing_value_tracks_true', kids.missing),
    attr.strings('nodes_modes', n.modes),
    attr.ints('nodes_nodeids', n.nodeids),
    attr.ints('nodes_treeids', n.treeids),
    attr.ints('nodes_truenodeids', kids.truenodeids),
    attr.floats('nodes_values', Float32Array.from(n.values)),
    attr.string('post_transform', model.postTransform),
  ];

  const metadata = Object.entries(opts.metadata ?? {})
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => ({ key, value }));

  const proto = onnx.ModelProto.create({
    irVersion: 8,
    producerName: 'streamflow-churn',
    producerVersion: '1',
    opsetImport: EXPORT_OPSETS.map((o) => ({ ...o })),
    ...(opts.docString ? { docString: opts.docString } : {}),
    metadataProps: metadata,
    graph: {
      name: 'churn_tree_ensemble',
      node: [
        {
          name: 'TreeEnsembleClassifier',
          opType: 'TreeEnsembleClassifier',
          domain: 'ai.onnx.ml',
          input: [inputName],
          output: ['label', 'probabilities'],
          attribute,
        },
      ],
      input: [{ name: inputName, type: tensorType('float', [null, model.nFeatures]) }],
      output: [
        { name: 'label', type: tensorType('int64', [null]) },
        { name: 'probabilities', type: tensorType('float', [null, 2]) },
      ],
    },
  });
  // protobufjs hands back a Buffer that may sit in Node's shared allocation pool; return an owned plain copy.
  return new Uint8Array(onnx.ModelProto.encode(proto).finish());
}
