// One look for the model charts (the same greys as components/charts and components/tracking).
export const tick = { fontSize: 11, fill: '#64748b' };
const labelStyle = { fontSize: 11, fill: '#475569' };

/** An x-axis title under the tick labels (the chart needs bottom margin ≥ 18). */
export const xTitle = (value: string) => ({ value, position: 'insideBottom' as const, offset: -10, ...labelStyle });

/** A y-axis title, rotated and centred, at the outer edge of an axis `width` wide so it clears the tick labels. */
export const yTitle = (value: string) => ({ value, angle: -90, position: 'insideLeft' as const, offset: 0, style: { textAnchor: 'middle' as const }, ...labelStyle });

/** Y-axis width when it carries a title: room for the rotated title plus tick labels like "100%" or "−0.21". */
export const Y_WIDTH_TITLED = 64;

/** Tick labels for a 0–1 share axis, as whole percentages. */
export const percentTick = (v: number) => `${Math.round(v * 100)}%`;
