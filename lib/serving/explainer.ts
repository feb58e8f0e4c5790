// Per-prediction reasons for a served model, computed from its ONNX graph: TreeSHAP over the TreeEnsembleClassifier
// read back from the graph's attributes (ours or an import). When the ensemble reads the raw features (one tensor in
// manifest order) the record is encoded here; when it reads a transformed tensor (an sklearn pipeline with one
// input per column, one-hot encoders, a concat) onnxruntime computes that tensor and the columns' contributions are
// summed back to the features they came from (Shapley values are additive).
import { encodeRecord } from '@/lib/ml/encoder';
import { shapMatrix } from '@/lib/ml/explain/tree-shap';
import type { ModelManifest } from '@/lib/ml/manifest';
import { explainGraph, type ExplainGraph } from '@/lib/ml/onnx/explain-graph';
import { OnnxScorer, tensorNumbers } from '@/lib/ml/onnx/load';
import { extractTreeEnsemble, parseOnnxModel } from '@/lib/ml/onnx/parse';
import { coversFromRows, type TreeEnsemble } from '@/lib/ml/tree-ensemble';

export interface Explanation {
  expectedValue: number;
  /** Exact sum of the row's leaves (log-odds for boosted trees); expectedValue + Σ contributions equals it. */
  margin: number;
  contributions: Record<string, number>;
}

/** Contributions of transformed columns that no feature could be traced to are reported under this key. */
export const UNMAPPED = '(unmapped columns)';

export class TreeExplainer {
  private constructor(
    readonly ensemble: TreeEnsemble,
    private readonly graph: ExplainGraph,
    private readonly manifest: ModelManifest,
    private readonly transformer: OnnxScorer | null,
  ) {}

  /**
   * Builds the explainer, or returns null when the graph holds no single tree ensemble. Covers: exact training
   * covers when given (our own models), else counts of the reference rows routed through the trees.
   */
  static async create(bytes: Uint8Array, manifest: ModelManifest, opts: { covers?: number[][] | null; referenceRows: Record<string, unknown>[] }): Promise<TreeExplainer | null> {
    const extracted = extractTreeEnsemble(parseOnnxModel(bytes));
    if (!extracted) return null;
    const graph = explainGraph(bytes, manifest);
    const transformer = graph.direct && manifest.input.kind === 'tensor' ? null : await OnnxScorer.create(graph.bytes, manifest);
    let ensemble = extracted.ensemble;
    // Training covers are keyed by the graph's node ids; the extracted trees are renumbered, so map them through.
    const covers = opts.covers;
    const ids = extracted.sourceNodeIds;
    if (covers && covers.length === ensemble.trees.length && covers.every((c, i) => c.length === ensemble.trees[i]!.feature.length && ids[i]!.every((id) => id >= 0 && id < c.length))) {
      ensemble = { ...ensemble, trees: ensemble.trees.map((t, i) => ({ ...t, cover: Float64Array.from(ids[i]!, (id) => covers[i]![id]!) })) };
    }
    const explainer = new TreeExplainer(ensemble, graph, manifest, transformer);
    if (ensemble.trees.some((t) => t.cover.every((c) => c === 0))) {
      const { x, rows } = await explainer.transform(opts.referenceRows);
      const d = ensemble.nFeatures;
      explainer.setEnsemble({ ...ensemble, trees: ensemble.trees.map((t) => ({ ...t, cover: coversFromRows(t, x, rows, d) })) });
    }
    return explainer;
  }

  private current: TreeEnsemble | null = null;
  private setEnsemble(e: TreeEnsemble) {
    this.current = e;
  }
  get model(): TreeEnsemble {
    return this.current ?? this.ensemble;
  }

  /** The ensemble's input rows for these records (invalid records are the caller's to reject first). */
  private async transform(records: readonly Record<string, unknown>[]): Promise<{ x: Float32Array; rows: number }> {
    const width = this.ensemble.nFeatures;
    if (!this.transformer) {
      const d = this.manifest.features.length;
      const x = new Float32Array(records.length * width);
      const row = new Float32Array(d);
      records.forEach((r, i) => {
        encodeRecord({ features: this.manifest.features }, r, row, 0);
        x.set(row.subarray(0, width), i * width);
      });
      return { x, rows: records.length };
    }
    const { outputs, feeds, errors } = await this.transformer.run(records, this.graph.direct ? [] : [this.graph.tensorName]);
    if (errors.length) throw new Error(`row ${errors[0]!.row}: ${errors[0]!.field} ${errors[0]!.message}`);
    const t = this.graph.direct ? feeds[this.graph.tensorName]! : outputs[this.graph.tensorName]!;
    return { x: Float32Array.from(tensorNumbers(t)), rows: records.length };
  }

  async explain(records: readonly Record<string, unknown>[]): Promise<Explanation[]> {
    const model = this.model;
    const { x, rows } = await this.transform(records);
    const width = model.nFeatures;
    // One batched call: the tree-by-tree, 64-row-block walk is several times faster than explaining row by row.
    const { values, expectedValue, margins } = shapMatrix(model, x, rows);
    return records.map((_, i) => {
      const contributions: Record<string, number> = {};
      for (const f of this.manifest.features) contributions[f.name] = 0;
      this.graph.columns.forEach((feature, c) => {
        const key = feature ?? UNMAPPED;
        contributions[key] = (contributions[key] ?? 0) + values[i * width + c]!;
      });
      return { expectedValue, margin: margins[i]!, contributions };
    });
  }

  async release(): Promise<void> {
    await this.transformer?.release();
  }
}
