// Exact SHAP values of a linear (logistic) model in log-odds space, under feature independence with the training
// means as the reference point: contribution_j = w_j · (x_j − mean_j). They add up exactly:
// expectedValue + Σ contributions = intercept + Σ w_j·x_j = margin.
//
// A missing x_j (NaN, or null/undefined) is treated as mean_j — mean imputation, which is what our logistic pipeline
// does at training time — so its contribution is exactly 0 and the margin uses mean_j in its place. The model then
// "knows nothing" about that feature for this row, and the explanation says so instead of inventing a direction.

export interface LinearModel {
  weights: ArrayLike<number>;
  intercept: number;
  /** Training means per input column (the reference point of the explanation). */
  means: ArrayLike<number>;
}

export interface LinearExplanation {
  contributions: Float64Array;
  expectedValue: number;
  margin: number;
}

export function linearContributions(model: LinearModel, x: ArrayLike<number | null | undefined>): LinearExplanation {
  const { weights: w, means, intercept } = model;
  const n = w.length;
  if (means.length !== n || x.length !== n) throw new Error(`linear model has ${n} weights, ${means.length} means and ${x.length} inputs`);
  const contributions = new Float64Array(n);
  let expectedValue = intercept;
  for (let j = 0; j < n; j++) {
    expectedValue += w[j]! * means[j]!;
    const v = x[j];
    contributions[j] = v === null || v === undefined || Number.isNaN(v) ? 0 : w[j]! * (v - means[j]!);
  }
  // Summing the contributions (rather than re-deriving intercept + Σ w·x) keeps local accuracy exact to rounding
  // even when w·mean and w·x are large and nearly cancel.
  let margin = expectedValue;
  for (let j = 0; j < n; j++) margin += contributions[j]!;
  return { contributions, expectedValue, margin };
}
