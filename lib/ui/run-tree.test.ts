import { describe, expect, it } from 'vitest';
import { buildRunTree, flatRows } from './run-tree';
import { makeRun } from './test-runs';

const ids = (rows: { run: { info: { run_id: string } }; depth: number }[]) => rows.map((r) => `${'  '.repeat(r.depth)}${r.run.info.run_id}`);

describe('buildRunTree', () => {
  const runs = [makeRun('c2', { parent: 'p' }), makeRun('x'), makeRun('p'), makeRun('c1', { parent: 'p' }), makeRun('g', { parent: 'c1' }), makeRun('o', { parent: 'gone' })];
  it('puts children under their parent in server order, parents where the server put them', () => {
    const rows = buildRunTree(runs);
    expect(ids(rows)).toEqual(['x', 'p', '  c2', '  c1', '    g', 'o']);
    expect(rows.find((r) => r.run.info.run_id === 'p')!.childCount).toBe(2);
    expect(rows.find((r) => r.run.info.run_id === 'o')!.orphan).toBe(true);
  });
  it('hides the descendants of collapsed parents', () => {
    expect(ids(buildRunTree(runs, new Set(['p'])))).toEqual(['x', 'p', 'o']);
    expect(ids(buildRunTree(runs, new Set(['c1'])))).toEqual(['x', 'p', '  c2', '  c1', 'o']);
  });
  it('never loses runs caught in a parent cycle', () => {
    const loop = [makeRun('a', { parent: 'b' }), makeRun('b', { parent: 'a' })];
    expect(buildRunTree(loop).map((r) => r.run.info.run_id).sort()).toEqual(['a', 'b']);
  });
  it('keeps every run exactly once', () => {
    const rows = buildRunTree(runs);
    expect(rows.length).toBe(runs.length);
    expect(flatRows(runs).map((r) => r.run.info.run_id)).toEqual(runs.map((r) => r.info.run_id));
  });
});
