// Pearson and Spearman correlation for the parameter-importance panel.

/**
 * Pearson correlation of two equally long samples; null when it is undefined (fewer than 2 pairs or a constant side).
 * Two-pass (means first) because hyperparameters such as learning rates sit near 0 while metrics such as step counts
 * can be large, and the one-pass sum-of-products formula cancels catastrophically on such data.
 */
export function pearson(xs: ArrayLike<number>, ys: ArrayLike<number>): number | null {
  const n = Math.min(xs.length, ys.length);
  if (n < 2) return null;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += xs[i]!;
    my += ys[i]!;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i]! - mx;
    const dy = ys[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (!(sxx > 0) || !(syy > 0)) return null;
  const r = sxy / Math.sqrt(sxx * syy);
  // Rounding can push |r| a hair past 1 for perfectly linear data.
  return Math.max(-1, Math.min(1, r));
}

/** Spearman rank correlation: Pearson on average ranks, so ties (common for swept grids) are handled exactly. */
export function spearman(xs: ArrayLike<number>, ys: ArrayLike<number>): number | null {
  const n = Math.min(xs.length, ys.length);
  if (n < 2) return null;
  return pearson(averageRanks(xs, n), averageRanks(ys, n));
}

/** 1-based ranks; tied values all get the mean of the ranks they span. */
export function averageRanks(xs: ArrayLike<number>, n = xs.length): Float64Array {
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => xs[a]! - xs[b]!);
  const ranks = new Float64Array(n);
  let i = 0;
  while (i < n) {
    let j = i + 1;
    while (j < n && xs[order[j]!] === xs[order[i]!]) j++;
    const rank = (i + j + 1) / 2; // mean of the 1-based ranks i+1 .. j
    for (let k = i; k < j; k++) ranks[order[k]!] = rank;
    i = j;
  }
  return ranks;
}
