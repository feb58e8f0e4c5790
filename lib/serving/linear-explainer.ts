// Reasons for an imported logistic regression (skl2onnx's `LinearClassifier`, post_transform LOGISTIC, reading the
// feature tensor directly): exact linear SHAP values in log-odds, w_j·(x_j − mean_j), with the means of the
// reference rows as the baseline (lib/ml/explain/linear.ts).
import { encodeRecord } from '@/lib/ml/encoder';
import { linearContributions } from '@/lib/ml/explain/linear';
import type { ModelManifest } from '@/lib/ml/manifest';
import { parseOnnxModel } from '@/lib/ml/onnx/parse';
import type { Explanation } from './explainer';

export class LinearExplainer {
  private constructor(
    private readonly weights: Float64Array,
    private readonly intercept: number,
    private readonly means: Float64Array,
    private readonly manifest: ModelManifest,
  ) {}

  /** Null unless the graph is a binary LinearClassifier (LOGISTIC) reading the manifest's one feature tensor. */
  static create(bytes: Uint8Array, manifest: ModelManifest, referenceRows: Record<string, unknown>[]): LinearExplainer | null {
    const input = manifest.input;
    if (input.kind !== 'tensor') return null;
    const parsed = parseOnnxModel(bytes);
    const linear = parsed.nodes.filter((n) => n.opType === 'LinearClassifier');
    if (linear.length !== 1 || linear[0]!.inputs[0] !== input.name) return null;
    const a = linear[0]!.attributes;
    const coef = (a.coefficients as number[] | undefined) ?? [];
    const intercepts = (a.intercepts as number[] | undefined) ?? [];
    const d = manifest.features.length;
    if (a.post_transform !== 'LOGISTIC' || (coef.length !== d && coef.length !== 2 * d)) return null;
    // Two rows are [class 0, class 1] = [−w, w]; one row is class 1's score.
    const row = coef.length === 2 * d ? 1 : 0;
    const weights = Float64Array.from(coef.slice(row * d, (row + 1) * d));
    const intercept = intercepts[row] ?? 0;
    const sums = new Float64Array(d);
    const counts = new Float64Array(d);
    const x = new Float64Array(d);
    for (const r of referenceRows) {
      encodeRecord({ features: manifest.features }, r, x, 0);
      for (let j = 0; j < d; j++) {
        if (Number.isNaN(x[j]!)) continue;
        sums[j]! += x[j]!;
        counts[j]! += 1;
      }
    }
    const means = Float64Array.from(sums, (s, j) => (counts[j] ? s / counts[j]! : 0));
    return new LinearExplainer(weights, intercept, means, manifest);
  }

  async explain(records: readonly Record<string, unknown>[]): Promise<Explanation[]> {
    const d = this.manifest.features.length;
    const x = new Float64Array(d);
    return records.map((r) => {
      encodeRecord({ features: this.manifest.features }, r, x, 0);
      const e = linearContributions({ weights: this.weights, intercept: this.intercept, means: this.means }, Float64Array.from(x, Math.fround));
      const contributions: Record<string, number> = {};
      this.manifest.features.forEach((f, j) => (contributions[f.name] = e.contributions[j]!));
      return { expectedValue: e.expectedValue, margin: e.margin, contributions };
    });
  }

  async release(): Promise<void> {}
}
