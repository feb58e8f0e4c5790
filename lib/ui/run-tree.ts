// Child runs (mlflow.parentRunId) shown indented under their parent, in the order the server sorted them.
import { parentRunId } from './run-columns';
import type { Run } from './tracking-types';

export interface TreeRow {
  run: Run;
  depth: number;
  /** Loaded children of this run (0 for a leaf). */
  childCount: number;
  /** The run names a parent that is not among the loaded runs (e.g. filtered out or on a later page). */
  orphan: boolean;
}

/**
 * Parents keep their position in the server's order; each parent's loaded children follow it, in their own server
 * order, one level deeper. Children of collapsed parents are left out. Cycles (bad tags) cannot loop.
 */
export function buildRunTree(runs: readonly Run[], collapsed: ReadonlySet<string> = new Set()): TreeRow[] {
  const ids = new Set(runs.map((r) => r.info.run_id));
  const children = new Map<string, Run[]>();
  const roots: Run[] = [];
  for (const r of runs) {
    const p = parentRunId(r);
    if (p && p !== r.info.run_id && ids.has(p)) {
      const list = children.get(p);
      if (list) list.push(r);
      else children.set(p, [r]);
    } else roots.push(r);
  }
  const out: TreeRow[] = [];
  const seen = new Set<string>();
  const visit = (r: Run, depth: number) => {
    if (seen.has(r.info.run_id)) return;
    seen.add(r.info.run_id);
    const kids = children.get(r.info.run_id) ?? [];
    const p = parentRunId(r);
    out.push({ run: r, depth, childCount: kids.length, orphan: depth === 0 && !!p && !ids.has(p) });
    if (collapsed.has(r.info.run_id)) {
      // Still mark the hidden descendants as placed, so a cycle elsewhere cannot bring them back as roots.
      const hide = (x: Run) => (children.get(x.info.run_id) ?? []).forEach((k) => (seen.has(k.info.run_id) ? null : (seen.add(k.info.run_id), hide(k))));
      hide(r);
      return;
    }
    for (const k of kids) visit(k, depth + 1);
  };
  for (const r of roots) visit(r, 0);
  // Runs only reachable through a parent cycle: show them flat rather than lose them.
  for (const r of runs) if (!seen.has(r.info.run_id)) visit(r, 0);
  return out;
}

/** The runs as a flat list (no indentation), in the server's order. */
export function flatRows(runs: readonly Run[]): TreeRow[] {
  return runs.map((run) => ({ run, depth: 0, childCount: 0, orphan: false }));
}
