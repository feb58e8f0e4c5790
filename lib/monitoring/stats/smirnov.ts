// cephes smirnov(n, x) as scipy.special.smirnov computes it (one-sided K-S sf), with the same branch structure:
// closed forms at the ends, the n > 1e6 approximation, and the Birnbaum-Tingey sum with early termination.
// Scipy sums in double-double; here each term is formed in log space (no overflow of C(n, v)) and the log-binomial
// is accumulated with compensation, which keeps ~1e-12 relative agreement for n up to 1e6.

const MINLOG_CEPHES = -708.3964185322641; // cephes MINLOG as scipy builds it (no denormals)
const EPS = 2.220446049250313e-16;

const clip01 = (p: number): number => (p < 0 ? 0 : p > 1 ? 1 : p);

/** Exact split of n*x into hi + lo (Dekker), so floor(n*x) and its remainder are right like cephes' modNX. */
function floorAndRemainder(n: number, x: number): [number, number] {
  const hi = n * x;
  const split = 134217729; // 2^27 + 1
  const split1 = (v: number): [number, number] => {
    const t = split * v;
    const h = t - (t - v);
    return [h, v - h];
  };
  const [nh, nl] = split1(n);
  const [xh, xl] = split1(x);
  const lo = nh * xh - hi + nh * xl + nl * xh + nl * xl;
  let fl = Math.floor(hi);
  let alpha = hi - fl + lo;
  if (alpha < 0) {
    fl -= 1;
    alpha += 1;
  }
  if (alpha >= 1) {
    fl += 1;
    alpha = 0;
  }
  return [fl, alpha];
}

// Above this n the sum over ~n(1-x) terms is replaced by a coarse trapezoid sum (see largeNSum).
const LARGE_N = 50_000;
const HALF_LOG_2PI = 0.9189385332046728;

/** Stirling remainder ln Gamma(m+1) - [(m + 1/2) ln m - m + ln sqrt(2 pi)], accurate to 1e-16 for m >= 10. */
function stirlingTail(m: number): number {
  const r = 1 / m;
  const r2 = r * r;
  return r * (1 / 12 - r2 * (1 / 360 - r2 * (1 / 1260 - r2 / 1680)));
}

/**
 * ln A_v with A_v = C(n, v) (x + v/n)^(v-1) (1 - x - v/n)^(n-v), written so the O(sqrt(n)) pieces cancel
 * analytically: v ln(1 + x/t) + (n-v) ln(1 - x/(1-t)) with t = v/n, plus Stirling's small terms.
 */
function logTerm(n: number, x: number, v: number): number {
  const t = v / n;
  return (
    v * Math.log1p(x / t) +
    (n - v) * Math.log1p(-x / (1 - t)) -
    Math.log(t + x) +
    0.5 * Math.log(n / (v * (n - v))) -
    HALF_LOG_2PI +
    stirlingTail(n) -
    stirlingTail(v) -
    stirlingTail(n - v)
  );
}

/**
 * Sum of A_v for v = 1..vMax when n >= LARGE_N and n x^2 >= 2.2 (the only way kstwo reaches here). A_v is an
 * analytic function of v whose log varies on a scale of ~0.03 n or more wherever A_v is within 1e-40 of its peak,
 * and it is below that at both ends (e^-sqrt(2.2 n) at v = 1, ~n^-(n x) at vMax). By Poisson summation the
 * unit-step sum then equals a trapezoid sum with step h to a relative error ~exp(-2 pi * 0.03 n / h); with
 * h = n / 4096 that is ~e^-770, so ~4k evaluations replace ~n, at ~1e-13 agreement with scipy's exact loop.
 */
function largeNSum(n: number, x: number, vMax: number): number {
  const h = Math.max(1, Math.floor(n / 4096));
  let peak = -Infinity;
  const logs: number[] = [];
  for (let v = 1; v <= vMax; v += h) {
    const l = logTerm(n, x, v);
    logs.push(l);
    if (l > peak) peak = l;
  }
  let sum = 0;
  for (const l of logs) sum += Math.exp(l - peak);
  return h * sum * Math.exp(peak);
}

/** cephes smirnov(n, x): one-sided sf P(D_n+ >= x) by the Birnbaum-Tingey sum, terms in log space. */
export function smirnov(n: number, x: number): number {
  if (!(n > 0 && x >= 0 && x <= 1)) return NaN;
  if (n === 1) return 1 - x;
  if (x === 0) return 1;
  if (x === 1) return 0;
  const [nxfl, alpha] = floorAndRemainder(n, x);
  let n1mxfl = n - nxfl - (alpha === 0 ? 0 : 1);
  let n1mxceil = n - nxfl;
  if (alpha === 0) {
    // The boundary term belongs to neither sum when n*x is an integer.
    n1mxfl -= 1;
    n1mxceil += 1;
  }
  if (nxfl === 0 || (nxfl === 1 && alpha === 0)) return clip01(1 - x * Math.pow(1 + x, n - 1));
  if (-2 * n * x * x < MINLOG_CEPHES) return 0;
  if (nxfl >= n - 1) return Math.pow(1 - x, n);
  if (n > 1_000_000) {
    const logp = -Math.pow(6 * n * x + 1, 2) / 18 / n;
    return logp < -Math.LN2 ? Math.exp(logp) : 1 + Math.expm1(logp);
  }
  const nUpper = n - n1mxceil + 1;
  const useUpper = (nUpper <= 1 && x < 0.5) || (n >= 10 && nUpper <= 3 && x <= 0.5 / Math.sqrt(n));
  if (useUpper) {
    // At most three alternating terms (1 - sum over v > n(1-x)); small enough for plain pow.
    let sum = 0;
    let c = 1;
    for (let j = 0; j < nUpper; j++) {
      const v = n - j;
      sum += c * Math.pow(x + v / n, v - 1) * Math.pow((n - v) / n - x, n - v);
      c *= (n - j) / (j + 1);
    }
    return clip01(1 - x * sum);
  }
  const nTerms = n1mxfl + 1;
  if (n >= LARGE_N && n * x * x >= 2.2) return clip01(x * (Math.pow(1 - x, n) / x + largeNSum(n, x, nTerms - 1)));
  const vmid = Math.floor(n / 2);
  let sum = Math.pow(1 - x, n) / x; // v = 0
  let logC = Math.log(n); // log C(n, 1)
  let logCc = 0; // Neumaier compensation for logC
  for (let j = 1; j < nTerms; j++) {
    const logA = logC + logCc + (j - 1) * Math.log(x + j / n) + (n - j) * Math.log((n - j) / n - x);
    const aj = Math.exp(logA);
    if (aj !== 0 && Number.isFinite(aj)) sum += aj;
    if (aj !== 0) {
      if (4 * (nTerms - j) * Math.abs(aj) < EPS * sum && j !== nTerms - 1) break;
    } else if (j > vmid) break;
    const inc = Math.log((n - j) / (j + 1));
    const t = logC + inc;
    logCc += Math.abs(logC) >= Math.abs(inc) ? logC - t + inc : inc - t + logC;
    logC = t;
  }
  return clip01(x * sum);
}
