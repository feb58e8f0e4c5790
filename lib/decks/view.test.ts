// The slide renderer's pure parts: value formats, frozen vs live data, recharts rows, heat colours, text fitting and
// the present-mode keys.
import { describe, expect, it } from 'vitest';
import type { Block, BlockData } from './types';
import { blockDataOf, chartRows, finiteRange, fitFont, formatValue, heatShade, presentKeyAction, slideLabel } from './view';

describe('slide view helpers', () => {
  it('formats values per format, compact on axes', () => {
    expect(formatValue(0.1234, 'pct')).toBe('12.3%');
    expect(formatValue(0.1234, 'pct', 'axis')).toBe('12%');
    expect(formatValue(1234567, 'usd', 'axis')).toBe('$1.2M');
    expect(formatValue(1234, 'usd')).toBe('$1,234');
    expect(formatValue(0.12345, 'num')).toBe('0.123');
    expect(formatValue(12345, 'num', 'axis')).toBe('12.3K');
    expect(formatValue(null, 'num')).toBe('—');
    expect(formatValue(Number.NaN, 'pct')).toBe('—');
  });

  it('shows a frozen block’s snapshot, a live block’s resolved data', () => {
    const data: BlockData = { type: 'text', paragraphs: ['now'], bullets: [] };
    const then: BlockData = { type: 'text', paragraphs: ['then'], bullets: [] };
    const live: Block = { id: 'b', kind: 'text', params: {}, mode: 'live' };
    expect(blockDataOf(live, { b: data })).toBe(data);
    expect(blockDataOf({ ...live, mode: 'frozen', snapshot: { at: 'x', data: then } }, { b: data })).toBe(then);
    // Frozen but not yet snapshotted (before the save): the live data meanwhile.
    expect(blockDataOf({ ...live, mode: 'frozen' }, { b: data })).toBe(data);
    expect(blockDataOf(live, undefined)).toBeUndefined();
  });

  it('turns a chart block into recharts rows', () => {
    const d: Extract<BlockData, { type: 'chart' }> = { type: 'chart', chart: 'line', title: 't', format: 'usd', labels: ['a', 'b'], series: [{ name: 'x', values: [1, null] }, { name: 'y', values: [3] }] };
    expect(chartRows(d)).toEqual([
      { label: 'a', s0: 1, s1: 3 },
      { label: 'b', s0: null, s1: null },
    ]);
  });

  it('shades between the finite extremes', () => {
    const r = finiteRange([[null, 1], [3, Number.NaN]]);
    expect(r).toEqual({ min: 1, max: 3 });
    expect(heatShade(1, 1, 3)).toBe('rgb(239 246 255)');
    expect(heatShade(3, 1, 3)).toBe('rgb(96 165 250)');
    expect(heatShade(null, 1, 3)).toBe('rgb(241 245 249)');
    expect(heatShade(2, 2, 2)).toBe('rgb(241 245 249)');
  });

  it('fits text: short text large, long text smaller, never below the minimum', () => {
    const short = fitFont(40, 1, 1000, 400, 30, 13);
    const long = fitFont(2000, 10, 1000, 400, 30, 13);
    expect(short).toBe(30);
    expect(long).toBeLessThan(short);
    expect(fitFont(100_000, 100, 100, 100, 30, 13)).toBe(13);
  });

  it('maps the present-mode keys', () => {
    expect(['ArrowRight', 'PageDown', ' '].map((key) => presentKeyAction({ key }))).toEqual(['next', 'next', 'next']);
    expect(['ArrowLeft', 'PageUp'].map((key) => presentKeyAction({ key }))).toEqual(['prev', 'prev']);
    expect(presentKeyAction({ key: ' ', shiftKey: true })).toBe('prev');
    expect([presentKeyAction({ key: 'Home' }), presentKeyAction({ key: 'End' }), presentKeyAction({ key: 'Escape' })]).toEqual(['first', 'last', 'exit']);
    expect([presentKeyAction({ key: 'n' }), presentKeyAction({ key: 'f' })]).toEqual(['notes', 'fullscreen']);
    // Browser and OS shortcuts pass through.
    expect(presentKeyAction({ key: 'ArrowRight', altKey: true })).toBeNull();
    expect(presentKeyAction({ key: 'f', ctrlKey: true })).toBeNull();
    expect(presentKeyAction({ key: 'x' })).toBeNull();
    expect(slideLabel(2, 8)).toBe('Slide 3 of 8');
  });
});
