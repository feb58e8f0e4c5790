// Money on the scoring page: expected values are small and signed, so cents and a true minus sign.

/** "+$12.34", "−$3.10", "$0.00"; unsigned: "$155.88". */
export function formatMoney(v: number, signed = true): string {
  const abs = `$${Math.abs(v).toFixed(2)}`;
  if (v < 0 && Math.abs(v) >= 0.005) return `−${abs}`;
  return signed && v >= 0.005 ? `+${abs}` : abs;
}
