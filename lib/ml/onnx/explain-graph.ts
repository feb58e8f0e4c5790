// TreeSHAP on imported pipelines: the tree ensemble of an skl2onnx pipeline reads a transformed tensor (inputs per
// column -> Cast / OneHotEncoder / Concat -> TreeEnsembleClassifier), not the customer's features. To explain it we
// need (a) that tensor for each scored row — so we expose it as an extra graph output — and (b) which manifest
// feature each of its columns derives from, so per-column Shapley values (which are additive) can be summed back
// into per-feature contributions. Columns whose derivation we cannot follow map to null.
import type { ModelManifest } from '@/lib/ml/manifest';
import { extractTreeEnsemble } from '@/lib/ml/onnx/extract';
import { findValue, parseOnnxModel, type NodeDesc, type ParsedOnnx, type TensorValue } from '@/lib/ml/onnx/parse';
import { onnx, tensorType } from '@/lib/ml/onnx/proto';

export interface ExplainGraph {
  /** The model bytes to score with for explanations: unchanged when `direct`, else also outputting `tensorName`. */
  bytes: Uint8Array;
  /** The tensor the TreeEnsembleClassifier reads; fetch it as an output (or read it from the feeds when direct). */
  tensorName: string;
  /** True when the ensemble reads a graph input directly (the feeds are the transformed tensor). */
  direct: boolean;
  /** Per column of `tensorName`, the manifest feature it derives from (null: unknown). */
  columns: (string | null)[];
}

/** Column origins of a tensor, flattened over all non-batch dims (row-major); its rank and last dim. */
interface ColMap {
  cols: (string | null)[];
  rank: number;
  last: number;
}

// Ops whose every output column depends on the same input column only.
const COLUMNWISE = new Set(['Identity', 'Cast', 'Imputer', 'Scaler', 'Binarizer', 'LabelEncoder', 'Abs', 'Neg', 'Floor', 'Ceil', 'Round', 'Clip', 'Relu', 'Sign', 'IsNaN']);

function constants(parsed: ParsedOnnx): Map<string, TensorValue> {
  const out = new Map(Object.entries(parsed.initializers));
  for (const n of parsed.nodes) {
    const v = n.attributes.value;
    if (n.opType === 'Constant' && v && typeof v === 'object' && 'data' in v) out.set(n.outputs[0]!, v);
  }
  return out;
}

function propagate(node: NodeDesc, ins: (ColMap | undefined)[], consts: Map<string, TensorValue>): ColMap | undefined {
  const x = ins[0];
  const indices = () => (consts.get(node.inputs[1] ?? '')?.data as number[] | undefined) ?? null;
  if (COLUMNWISE.has(node.opType)) return x;
  if (!x) return undefined;
  switch (node.opType) {
    case 'Concat': {
      const axis = (node.attributes.axis as number | undefined) ?? 1;
      if (ins.some((m) => !m || m.rank !== x.rank)) return undefined;
      // Flattened columns simply follow one another only for a concatenation along the last axis of tensors whose
      // middle dims are all 1 (skl2onnx's [N, 1, K] one-hot blocks); anything else interleaves.
      if ((axis < 0 ? axis + x.rank : axis) !== x.rank - 1 || ins.some((m) => m!.cols.length !== m!.last)) return undefined;
      const cols = ins.flatMap((m) => m!.cols);
      return { cols, rank: x.rank, last: cols.length };
    }
    case 'OneHotEncoder': {
      const k = ((node.attributes.cats_strings ?? node.attributes.cats_int64s ?? []) as unknown[]).length;
      return { cols: x.cols.flatMap((c) => Array<string | null>(k).fill(c)), rank: x.rank + 1, last: k };
    }
    case 'ArrayFeatureExtractor':
    case 'Gather': {
      const idx = indices();
      const axis = node.opType === 'Gather' ? ((node.attributes.axis as number | undefined) ?? 0) : x.rank - 1;
      if (!idx || x.rank !== 2 || (axis < 0 ? axis + x.rank : axis) !== 1) return undefined;
      return { cols: idx.map((i) => x.cols[i < 0 ? i + x.cols.length : i] ?? null), rank: 2, last: idx.length };
    }
    case 'Reshape': {
      const shape = indices();
      // Flattening [N, ...] into [N or -1, width] keeps the row-major column order.
      if (!shape || shape.length !== 2 || (shape[1] !== x.cols.length && !(shape[1] === -1 && shape[0] !== -1))) return undefined;
      return { cols: x.cols, rank: 2, last: x.cols.length };
    }
    case 'Flatten':
      return ((node.attributes.axis as number | undefined) ?? 1) === 1 ? { cols: x.cols, rank: 2, last: x.cols.length } : undefined;
    default:
      return undefined;
  }
}

/** Feature origin of each column of the tensor a tree ensemble reads. */
export function columnMap(parsed: ParsedOnnx, manifest: ModelManifest, tensorName: string, width: number): (string | null)[] {
  const maps = new Map<string, ColMap>();
  if (manifest.input.kind === 'tensor') {
    maps.set(manifest.input.name, { cols: manifest.features.map((f) => f.name), rank: 2, last: manifest.features.length });
  } else {
    for (const f of manifest.features) {
      const shape = parsed.inputs.find((v) => v.name === f.name)?.shape;
      const w = shape && shape.length === 2 && shape[1] ? shape[1] : 1;
      maps.set(f.name, { cols: Array<string>(w).fill(f.name), rank: shape?.length ?? 2, last: w });
    }
  }
  const consts = constants(parsed);
  // ONNX graphs list nodes in topological order, so one pass sees every producer before its consumers.
  for (const node of parsed.nodes) {
    const out = propagate(node, node.inputs.map((i) => maps.get(i)), consts);
    if (out && node.outputs[0]) maps.set(node.outputs[0], out);
  }
  const cols = maps.get(tensorName)?.cols;
  if (cols && cols.length === width) return [...cols];
  return Array<string | null>(width).fill(null);
}

/**
 * Prepares a model for TreeSHAP: finds its single TreeEnsembleClassifier, maps the columns it reads back to
 * manifest features and, when it reads an internal tensor, returns bytes that also output that tensor.
 */
export function explainGraph(bytes: Uint8Array, manifest: ModelManifest): ExplainGraph {
  const parsed = parseOnnxModel(bytes);
  const extracted = extractTreeEnsemble(parsed);
  if (!extracted) throw new Error('the model has no single TreeEnsembleClassifier to explain');
  const tensorName = extracted.inputName;
  const width = extracted.ensemble.nFeatures;
  const columns = columnMap(parsed, manifest, tensorName, width);
  const direct = parsed.inputs.some((v) => v.name === tensorName);
  if (direct || parsed.outputs.some((v) => v.name === tensorName)) return { bytes, tensorName, direct, columns };

  const proto = onnx.ModelProto.decode(bytes);
  const declared = findValue(parsed, tensorName);
  const graph = proto.graph!;
  graph.output = [...(graph.output ?? []), { name: tensorName, type: tensorType(declared?.elemType ?? 'float', declared?.shape ?? [null, width]) }];
  return { bytes: new Uint8Array(onnx.ModelProto.encode(proto).finish()), tensorName, direct, columns };
}
