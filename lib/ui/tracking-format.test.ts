import { describe, expect, it } from 'vitest';
import { formatBytes, formatDelta, formatDuration, formatMetric, formatPctDelta, formatTimestamp, runDuration, toNumber } from './tracking-format';

describe('toNumber', () => {
  it('reads MLflow non-finite strings and numeric strings', () => {
    expect(toNumber('NaN')).toBeNaN();
    expect(toNumber('Infinity')).toBe(Infinity);
    expect(toNumber('-Infinity')).toBe(-Infinity);
    expect(toNumber('1e-3')).toBe(0.001);
    expect(toNumber(' 0.25 ')).toBe(0.25);
    expect(toNumber(3)).toBe(3);
  });
  it('refuses words and empties', () => {
    expect(toNumber('balanced')).toBeNull();
    expect(toNumber('')).toBeNull();
    expect(toNumber('0x10')).toBeNull();
    expect(toNumber('1,000')).toBeNull();
    expect(toNumber(null)).toBeNull();
  });
});

describe('formatMetric', () => {
  it('gives four significant digits and spells out non-finite values', () => {
    expect(formatMetric(0.843219)).toBe('0.8432');
    expect(formatMetric(0.5)).toBe('0.5');
    expect(formatMetric(-0.123456)).toBe('−0.1235');
    expect(formatMetric(12345.678)).toBe('12,345.68');
    expect(formatMetric(24)).toBe('24');
    expect(formatMetric(0.00001234)).toBe('1.234e−5');
    expect(formatMetric(NaN)).toBe('NaN');
    expect(formatMetric(Infinity)).toBe('∞');
    expect(formatMetric(null)).toBe('—');
  });
});

describe('deltas', () => {
  it('are signed', () => {
    expect(formatDelta(0.0123)).toBe('+0.0123');
    expect(formatDelta(-4)).toBe('−4');
    expect(formatDelta(0)).toBe('0');
    expect(formatDelta(null)).toBe('—');
    expect(formatPctDelta(0.0123)).toBe('+1.23%');
    expect(formatPctDelta(-0.5)).toBe('−50.0%');
    expect(formatPctDelta(2.5)).toBe('+250%');
    expect(formatPctDelta(null)).toBe('—');
    expect(formatPctDelta(Infinity)).toBe('—');
  });
});

describe('time and size', () => {
  it('formats durations at the right unit', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(12_300)).toBe('12 s');
    expect(formatDuration(4_300)).toBe('4.3 s');
    expect(formatDuration(245_000)).toBe('4m 05s');
    expect(formatDuration(2 * 3600_000 + 3 * 60_000)).toBe('2h 03m');
    expect(formatDuration(3 * 86400_000 + 4 * 3600_000)).toBe('3d 4h');
    expect(formatDuration(null)).toBe('—');
  });
  it('computes run duration, counting up while running', () => {
    expect(runDuration({ start_time: 1000, end_time: 4000, status: 'FINISHED' })).toBe(3000);
    expect(runDuration({ start_time: 1000, status: 'RUNNING' }, 2500)).toBe(1500);
    expect(runDuration({ start_time: 1000, status: 'FAILED' })).toBeNull();
  });
  it('formats timestamps and sizes', () => {
    expect(formatTimestamp(0)).toBe('—');
    expect(formatTimestamp(Date.UTC(2026, 2, 4, 12))).toMatch(/Mar [45], 2026/);
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes('3355443')).toBe('3.2 MB');
  });
});
