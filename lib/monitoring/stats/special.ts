// Special functions the drift tests need: log-gamma, the regularized incomplete gamma (for chi2.sf and erfc), the
// normal CDF as scipy's ndtr computes it, numpy's round-half-even, and a compensated sum. Written for double
// precision agreement with scipy/cephes to ~1e-13 relative, far inside the 1e-6 the engine promises.

const LOG_SQRT_2PI = 0.9189385332046728; // ln(sqrt(2*pi))
const EPS = 2.220446049250313e-16;

// Lanczos (g = 7, n = 9) is accurate to ~1e-15 relative for small arguments; Stirling's series takes over for
// large ones, where Lanczos' (x+0.5)*ln(t) - t would lose absolute accuracy to cancellation.
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln|Gamma(x)| for x > 0 (the only domain the tests use). */
export function lgamma(x: number): number {
  if (!(x > 0)) return x === 0 ? Infinity : NaN;
  if (x < 0.5) {
    // Reflection keeps Lanczos in its accurate range near 0.
    return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lgamma(1 - x);
  }
  if (x >= 15) {
    const r = 1 / x;
    const r2 = r * r;
    // Bernoulli terms B2k/(2k(2k-1)) x^(1-2k); five terms give < 1e-17 relative at x >= 15.
    const series = r * (1 / 12 - r2 * (1 / 360 - r2 * (1 / 1260 - r2 * (1 / 1680 - r2 * (1 / 1188)))));
    return (x - 0.5) * Math.log(x) - x + LOG_SQRT_2PI + series;
  }
  const z = x - 1;
  let a = LANCZOS[0];
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i] / (z + i);
  return LOG_SQRT_2PI + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** ln(x^a e^-x / Gamma(a)): the common prefactor of both incomplete-gamma expansions. */
function gammaPrefactorLog(a: number, x: number): number {
  return a * Math.log(x) - x - lgamma(a);
}

/** Lower regularized P(a, x) by its power series; converges fast for x < a + 1. */
function gammaPSeries(a: number, x: number): number {
  let ap = a;
  let del = 1 / a;
  let sum = del;
  // The ratio x/(a+k) approaches 1 slowly when x ~ a is large, hence the generous cap.
  const maxIter = 10000 + Math.ceil(20 * Math.sqrt(a));
  for (let k = 0; k < maxIter; k++) {
    ap += 1;
    del *= x / ap;
    sum += del;
    if (Math.abs(del) < Math.abs(sum) * EPS) break;
  }
  return sum * Math.exp(gammaPrefactorLog(a, x));
}

/** Upper regularized Q(a, x) by Lentz's continued fraction; converges fast for x >= a + 1. */
function gammaQContinuedFraction(a: number, x: number): number {
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  const maxIter = 10000 + Math.ceil(20 * Math.sqrt(a));
  for (let i = 1; i < maxIter; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return Math.exp(gammaPrefactorLog(a, x)) * h;
}

/** Regularized upper incomplete gamma Q(a, x) (scipy.special.gammaincc). */
export function gammaincc(a: number, x: number): number {
  if (Number.isNaN(a) || Number.isNaN(x) || a <= 0 || x < 0) return NaN;
  if (x === 0) return 1;
  if (x === Infinity) return 0;
  if (x < a + 1) return 1 - gammaPSeries(a, x);
  return gammaQContinuedFraction(a, x);
}

/** Regularized lower incomplete gamma P(a, x) (scipy.special.gammainc). */
export function gammainc(a: number, x: number): number {
  if (Number.isNaN(a) || Number.isNaN(x) || a <= 0 || x < 0) return NaN;
  if (x === 0) return 0;
  if (x === Infinity) return 1;
  if (x < a + 1) return gammaPSeries(a, x);
  return 1 - gammaQContinuedFraction(a, x);
}

/** Chi-square survival function, scipy.stats.chi2.sf(x, df); NaN for df <= 0 as scipy returns. */
export function chi2Sf(x: number, df: number): number {
  if (!(df > 0)) return NaN;
  if (Number.isNaN(x)) return NaN;
  if (x <= 0) return 1;
  return gammaincc(df / 2, x / 2);
}

/** erf(x) = sign(x) P(1/2, x^2). */
export function erf(x: number): number {
  if (x === 0) return 0;
  const v = gammainc(0.5, x * x);
  return x < 0 ? -v : v;
}

/** erfc(x) = Q(1/2, x^2) for x >= 0; reflected for x < 0. */
export function erfc(x: number): number {
  if (x < 0) return 2 - erfc(-x);
  return gammaincc(0.5, x * x);
}

/** Standard normal CDF with cephes ndtr's branch structure (erf near 0, erfc in the tails). */
export function ndtr(a: number): number {
  const x = a * Math.SQRT1_2;
  const z = Math.abs(x);
  if (z < Math.SQRT1_2) return 0.5 + 0.5 * erf(x);
  const y = 0.5 * erfc(z);
  return x > 0 ? 1 - y : y;
}

/** numpy.round / Python round(): halves go to the even neighbour (Math.round sends them up). */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  if (Math.abs(x % 1) === 0.5 && r % 2 !== 0) return r - 1;
  return r;
}

/** Neumaier-compensated sum, so long merge-walk sums do not drift from numpy's pairwise sums. */
export class CompensatedSum {
  private s = 0;
  private c = 0;
  add(v: number): void {
    const t = this.s + v;
    if (Math.abs(this.s) >= Math.abs(v)) this.c += this.s - t + v;
    else this.c += v - t + this.s;
    this.s = t;
  }
  get value(): number {
    return this.s + this.c;
  }
}

/** Greatest common divisor of two non-negative integers. */
export function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}
