import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { axisXs, buildAxis, isNumericColumn, logTicks, niceTicks, polylinePath, shouldUseLog, shouldUseSymlog, sortCategories, varies } from './parallel';
import { sequentialColor, runColor } from './run-colors';

describe('numeric axes', () => {
  it('map min to 0 and max to 1, linear by default', () => {
    const ax = buildAxis('params.epochs', 'epochs', ['10', '20', '40', null]);
    expect(ax.kind).toBe('numeric');
    expect(ax.pos('10')).toBe(0);
    expect(ax.pos('40')).toBe(1);
    expect(ax.pos('20')).toBeCloseTo(1 / 3);
    expect(ax.pos(null)).toBeNull();
  });
  it('go logarithmic when positive values span two decades', () => {
    const ax = buildAxis('params.l2', 'l2', ['0.0001', '0.001', '0.01', '0.1', '1']);
    expect(ax.kind === 'numeric' && ax.log).toBe(true);
    expect(ax.pos('0.01')).toBeCloseTo(0.5);
    expect(ax.ticks.map((t) => t.label)).toEqual(['1e-4', '0.001', '0.01', '0.1', '1']);
    expect(shouldUseLog([0, 1, 1000])).toBe(false);
    expect(shouldUseLog([0.5, 2])).toBe(false);
    expect(shouldUseLog([0.0001, 0.01])).toBe(true);
    expect(shouldUseLog([1, 50])).toBe(false);
    const lin = buildAxis('params.l2', 'l2', ['0.0001', '1'], { log: false });
    expect(lin.kind === 'numeric' && lin.log).toBe(false);
  });
  it('use a symlog scale when zero joins values spanning decades', () => {
    const ax = buildAxis('params.l2', 'l2', ['0', '0.0001', '0.001', '0.01']);
    expect(ax.kind === 'numeric' && ax.scale).toBe('symlog');
    expect(ax.pos('0')).toBe(0);
    expect(ax.pos('0.01')).toBe(1);
    const p1 = ax.pos('0.0001')!;
    const p2 = ax.pos('0.001')!;
    expect(p1).toBeGreaterThan(0.1); // linear would put it at 0.01
    expect(p2 - p1).toBeGreaterThan(0.2);
    expect(ax.ticks.map((t) => t.label)).toEqual(['0', '1e-4', '0.001', '0.01']);
    expect(shouldUseSymlog([0, 1, 2])).toBe(false);
    expect(shouldUseSymlog([0, 0.01, 1])).toBe(true);
  });
  it('put a constant axis in the middle', () => {
    const ax = buildAxis('m', 'm', [0.8, 0.8]);
    expect(ax.pos(0.8)).toBe(0.5);
  });
  it('keep every value within [0, 1] (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 30 }), (xs) => {
        const ax = buildAxis('m', 'm', xs);
        for (const x of xs) {
          const p = ax.pos(x)!;
          expect(p).toBeGreaterThanOrEqual(0);
          expect(p).toBeLessThanOrEqual(1);
        }
      }),
    );
  });
});

describe('categorical axes', () => {
  it('space categories evenly in natural order, numeric-looking first', () => {
    const ax = buildAxis('params.feature_set', 'feature_set', ['engagement', 'base', 'full', 'base', null]);
    expect(ax.kind).toBe('categorical');
    expect(ax.kind === 'categorical' && ax.categories).toEqual(['base', 'engagement', 'full']);
    expect(ax.pos('base')).toBe(0);
    expect(ax.pos('engagement')).toBe(0.5);
    expect(ax.pos('unknown')).toBeNull();
    expect(sortCategories(['b', '10', '9', 'a'])).toEqual(['9', '10', 'a', 'b']);
  });
  it('are chosen as soon as one value is not a number', () => {
    expect(isNumericColumn(['1', '2', 'None'])).toBe(false);
    expect(isNumericColumn(['1', null, '2.5'])).toBe(true);
    expect(isNumericColumn([null, null])).toBe(false);
  });
});

describe('helpers', () => {
  it('detect varying columns', () => {
    expect(varies(['0.01', '0.01'])).toBe(false);
    expect(varies(['0.01', '1e-2'])).toBe(false);
    expect(varies(['0.01', null])).toBe(true);
  });
  it('make round ticks', () => {
    expect(niceTicks(0, 1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(0.71, 0.86, 4)).toEqual([0.75, 0.8, 0.85]);
    expect(logTicks(0.0001, 1)).toEqual([0.0001, 0.001, 0.01, 0.1, 1]);
  });
  it('draw polylines with gaps where a run has no value', () => {
    expect(polylinePath([0, 1, null, 0.5], [0, 10, 20, 30], 0, 100)).toBe('M0.0,100.0L10.0,0.0M30.0,50.0');
    expect(axisXs(3, 100, 10)).toEqual([10, 50, 90]);
    expect(axisXs(1, 100, 10)).toEqual([50]);
  });
  it('colour runs and values', () => {
    expect(sequentialColor(0)).toBe('#440154');
    expect(sequentialColor(1)).toBe('#fde725');
    expect(sequentialColor(NaN)).toBe('#94a3b8');
    expect(new Set(Array.from({ length: 30 }, (_, i) => runColor(i))).size).toBe(30);
  });
});

describe('niceTicks', () => {
  it('ends on a span far below the values’ precision (it used to loop until memory ran out)', () => {
    const ticks = niceTicks(1e6 - 1e-10, 1e6);
    expect(ticks.length).toBeLessThanOrEqual(11);
  });
});
