// One stable colour per run in a compare set: ten well-separated hues, then golden-angle hues beyond ten runs.
const PALETTE = ['#2563eb', '#dc2626', '#16a34a', '#d97706', '#7c3aed', '#0891b2', '#db2777', '#4d7c0f', '#9333ea', '#475569'];

export function runColor(index: number): string {
  if (index < PALETTE.length) return PALETTE[index]!;
  const hue = Math.round((index * 137.508) % 360);
  return `hsl(${hue} 65% 42%)`;
}

// Viridis, sampled at nine stops: perceptually uniform and readable for colour-blind users.
const VIRIDIS = ['#440154', '#472d7b', '#3b528b', '#2c728e', '#21918c', '#28ae80', '#5ec962', '#addc30', '#fde725'];

function hexToRgb(h: string): [number, number, number] {
  const n = parseInt(h.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** t in [0, 1] → a viridis colour (clamped); NaN → grey. */
export function sequentialColor(t: number): string {
  if (!Number.isFinite(t)) return '#94a3b8';
  const x = Math.min(1, Math.max(0, t)) * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(x));
  const f = x - i;
  const a = hexToRgb(VIRIDIS[i]!);
  const b = hexToRgb(VIRIDIS[i + 1]!);
  const c = a.map((v, k) => Math.round(v + (b[k]! - v) * f));
  return '#' + c.map((v) => v.toString(16).padStart(2, '0')).join('');
}
