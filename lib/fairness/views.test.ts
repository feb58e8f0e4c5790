// The fairness page's shaping: groups in age order, bars with intervals and the tolerance band around the reference
// group, and a two-attribute grid whose shading ignores cells too small to judge.
import { describe, expect, it } from 'vitest';
import { disparityBars, groupOrder, groupRows, intersectionGrid, referenceGroup, type AuditLike } from './views';

const g = (count: number, fpr: number | null, extra: Record<string, unknown> = {}) => ({ count, small: count < 30, fpr, ...extra });
const audit: AuditLike = {
  overall: { count: 1000, fpr: 0.08 },
  by_group: {
    age_band: { '65+': g(100, 0.12), '18-24': g(300, 0.06), '25-34': g(600, 0.07) },
    'age_band&region': { '65+&south': g(20, 0.2), '65+&north': g(80, 0.1), '18-24&south': g(150, 0.05), '18-24&north': g(150, null) },
  },
  ci: { level: 0.95, n: 200, by_group: { age_band: { '65+': { fpr: [0.08, 0.16] }, '18-24': { fpr: [0.05, 0.07] }, '25-34': { fpr: null } } } },
};

describe('fairness views', () => {
  it('orders age bands by age, then other labels alphabetically', () => {
    expect(['65+', '18-24', '50-64', '25-34'].sort(groupOrder)).toEqual(['18-24', '25-34', '50-64', '65+']);
    expect(['south', 'east', 'north'].sort(groupOrder)).toEqual(['east', 'north', 'south']);
    expect(groupRows(audit, 'age_band', ['fpr']).map((r) => r.group)).toEqual(['18-24', '25-34', '65+']);
  });

  it('draws the band around the largest group and marks bars outside it', () => {
    expect(referenceGroup(audit, 'age_band')).toBe('25-34');
    expect(referenceGroup(audit, 'age_band', '65+')).toBe('65+');
    const c = disparityBars(audit, 'age_band', 'fpr', { kind: 'ratio', lower: 0.8, upper: 1.25 }, '25-34');
    expect(c.band!.lo).toBeCloseTo(0.056, 12);
    expect(c.band!.hi).toBeCloseTo(0.0875, 12);
    expect(Object.fromEntries(c.bars.map((b) => [b.group, b.within]))).toEqual({ '18-24': true, '25-34': true, '65+': false });
    const old = c.bars.find((b) => b.group === '65+')!;
    expect(old.error![0]).toBeCloseTo(0.04, 12);
    expect(old.error![1]).toBeCloseTo(0.04, 12);
    expect(c.bars.find((b) => b.group === '25-34')!.error).toBeNull();
    const diff = disparityBars(audit, 'age_band', 'fpr', { kind: 'difference', max: 0.02 }, '25-34');
    expect(diff.band!.lo).toBeCloseTo(0.05, 12);
    expect(diff.band!.hi).toBeCloseTo(0.09, 12);
  });

  it('lists groups with no value instead of drawing them', () => {
    const c = disparityBars(audit, 'age_band&region', 'fpr', { kind: 'ratio', lower: 0.8, upper: 1.25 }, null);
    expect(c.missing).toEqual(['18-24&north']);
    expect(c.band).toBeNull();
  });

  it('builds the intersection grid, shading only cells large enough to judge', () => {
    const grid = intersectionGrid(audit, 'age_band&region', 'fpr');
    expect(grid.rows).toEqual(['18-24', '65+']);
    expect(grid.cols).toEqual(['north', 'south']);
    expect(grid.cells[1]![1]).toEqual({ value: 0.2, count: 20, small: true });
    expect(grid.min).toBe(0.05);
    expect(grid.max).toBe(0.1);
  });
});
