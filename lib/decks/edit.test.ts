// The editor's document operations: slides added, duplicated, deleted and moved without mutating the input; layouts
// trimmed or padded to their slots; block kind, params and mode changes that keep snapshots honest; snapshots taken
// by the server merged back after a save; and the blocks' signature that decides when data is re-resolved.
import { describe, expect, it } from 'vitest';
import {
  addSlide,
  blocksSignature,
  defaultParams,
  deleteSlide,
  duplicateSlide,
  mergeSnapshots,
  moveSlide,
  newSlide,
  setBlockKind,
  setBlockMode,
  setBlockParams,
  setLayout,
  updateSlide,
  type IdGen,
} from './edit';
import { deckBody, LAYOUT_SLOTS, LAYOUTS, MAX_SLIDES, type Block, type Slide } from './types';

const ids = (): IdGen => {
  let n = 0;
  return () => `id${++n}`;
};
const titled = (title: string, gen: IdGen): Slide => ({ ...newSlide('title_chart', gen), title });
const deck = (gen = ids()) => ['A', 'B', 'C', 'D'].map((t) => titled(t, gen));
const titles = (s: Slide[]) => s.map((x) => x.title);
const snap: NonNullable<Block['snapshot']> = { at: '2026-03-01T10:00:00.000Z', data: { type: 'text', paragraphs: ['x'], bullets: [] } };
const frozen = (b: Block): Block => ({ ...b, mode: 'frozen', snapshot: snap });

describe('slides', () => {
  it('creates slides of every layout with exactly their slots filled, valid against the schema', () => {
    const gen = ids();
    const slides = LAYOUTS.map((l) => newSlide(l, gen));
    for (const s of slides) expect(s.blocks).toHaveLength(LAYOUT_SLOTS[s.layout]);
    expect(newSlide('two_charts', gen).blocks.map((b) => b.kind)).toEqual(['roi_curve', 'drift_heatmap']);
    expect(newSlide('bullets', gen).blocks[0]).toMatchObject({ kind: 'text', params: { text: '' }, mode: 'live' });
    expect(deckBody.safeParse({ name: 'x', slides }).success).toBe(true);
    const all = new Set(slides.flatMap((s) => [s.id, ...s.blocks.map((b) => b.id)]));
    expect(all.size).toBe(slides.length + slides.reduce((a, s) => a + s.blocks.length, 0));
  });

  it('adds after the given slide (or first) and returns its index', () => {
    const d = deck();
    const r = addSlide(d, 'kpis', 1, ids());
    expect(r.index).toBe(2);
    expect(r.slides[2]!.layout).toBe('kpis');
    expect(titles(r.slides)).toEqual(['A', 'B', '', 'C', 'D']);
    expect(addSlide(d, 'title', -1).index).toBe(0);
    expect(addSlide([], 'title', 0).slides).toHaveLength(1);
    expect(d).toHaveLength(4);
  });

  it('refuses to grow past the maximum', () => {
    const gen = ids();
    const full = Array.from({ length: MAX_SLIDES }, (_, i) => titled(String(i), gen));
    expect(addSlide(full, 'title', 3).slides).toBe(full);
    expect(duplicateSlide(full, 3)).toBe(full);
  });

  it('duplicates right after the original with new slide and block ids, keeping snapshots', () => {
    const gen = ids();
    const d = deck(gen);
    d[1] = { ...d[1]!, blocks: [frozen(d[1]!.blocks[0]!)] };
    const out = duplicateSlide(d, 1, gen);
    expect(titles(out)).toEqual(['A', 'B', 'B', 'C', 'D']);
    expect(out[2]!.id).not.toBe(out[1]!.id);
    expect(out[2]!.blocks[0]!.id).not.toBe(out[1]!.blocks[0]!.id);
    expect(out[2]!.blocks[0]!.snapshot).toEqual(snap);
    out[2]!.blocks[0]!.params.x = 'changed';
    expect(out[1]!.blocks[0]!.params.x).toBeUndefined();
  });

  it('deletes; out-of-range indexes change nothing', () => {
    const d = deck();
    expect(titles(deleteSlide(d, 0))).toEqual(['B', 'C', 'D']);
    expect(deleteSlide(d, 9)).toBe(d);
  });

  it('moves up, down, to the ends, clamped, without mutating', () => {
    const d = deck();
    expect(titles(moveSlide(d, 3, 2))).toEqual(['A', 'B', 'D', 'C']);
    expect(titles(moveSlide(d, 0, 1))).toEqual(['B', 'A', 'C', 'D']);
    expect(titles(moveSlide(d, 0, 99))).toEqual(['B', 'C', 'D', 'A']);
    expect(titles(moveSlide(d, 2, -5))).toEqual(['C', 'A', 'B', 'D']);
    expect(moveSlide(d, 1, 1)).toBe(d);
    expect(moveSlide(d, 7, 0)).toBe(d);
    expect(titles(d)).toEqual(['A', 'B', 'C', 'D']);
  });

  it('updates title, subtitle and notes of one slide only', () => {
    const d = deck();
    const out = updateSlide(d, 2, { notes: 'say this', subtitle: 'sub' });
    expect(out[2]).toMatchObject({ title: 'C', notes: 'say this', subtitle: 'sub' });
    expect(out[1]).toBe(d[1]);
    expect(updateSlide(d, 9, { title: 'x' })).toBe(d);
  });
});

describe('layouts and blocks', () => {
  it('trims blocks to the new layout and pads missing slots with the defaults', () => {
    const gen = ids();
    const d = [newSlide('two_charts', gen)];
    const first = d[0]!.blocks[0]!;
    const one = setLayout(d, 0, 'kpis', gen);
    expect(one[0]!.layout).toBe('kpis');
    expect(one[0]!.blocks).toEqual([first]);
    expect(setLayout(d, 0, 'title', gen)[0]!.blocks).toEqual([]);
    const two = setLayout(setLayout(d, 0, 'title', gen), 0, 'two_charts', gen);
    expect(two[0]!.blocks.map((b) => b.kind)).toEqual(['roi_curve', 'drift_heatmap']);
    expect(setLayout(d, 0, 'two_charts', gen)).toBe(d);
  });

  it('changing the kind gives a fresh live block with that kind’s defaults and a new id', () => {
    const gen = ids();
    const d = [newSlide('title_chart', gen)];
    d[0]!.blocks[0] = frozen(d[0]!.blocks[0]!);
    const out = setBlockKind(d, 0, 0, 'fairness_disparity', gen);
    const b = out[0]!.blocks[0]!;
    expect(b).toMatchObject({ kind: 'fairness_disparity', params: defaultParams('fairness_disparity'), mode: 'live' });
    expect(b.snapshot).toBeUndefined();
    expect(b.id).not.toBe(d[0]!.blocks[0]!.id);
    expect(setBlockKind(out, 0, 0, 'fairness_disparity', gen)).toBe(out);
    // Slots beyond the layout are ignored.
    expect(setBlockKind(d, 0, 1, 'text', gen)).toBe(d);
  });

  it('fills an empty slot (a document with fewer blocks than slots) in position', () => {
    const gen = ids();
    const s: Slide = { ...newSlide('two_charts', gen), blocks: [] };
    const out = setBlockKind([s], 0, 1, 'text', gen);
    expect(out[0]!.blocks.map((b) => b.kind)).toEqual(['roi_curve', 'text']);
  });

  it('merges params and drops a snapshot taken with the old ones', () => {
    const gen = ids();
    const d = [newSlide('title_chart', gen)];
    d[0]!.blocks[0] = frozen({ ...d[0]!.blocks[0]!, kind: 'fairness_disparity', params: { attribute: 'age_band', metric: 'fpr' } });
    const out = setBlockParams(d, 0, 0, { metric: 'tpr' });
    expect(out[0]!.blocks[0]).toMatchObject({ params: { attribute: 'age_band', metric: 'tpr' }, mode: 'frozen' });
    expect(out[0]!.blocks[0]!.snapshot).toBeUndefined();
    expect(d[0]!.blocks[0]!.snapshot).toEqual(snap);
  });

  it('freezes without a snapshot (the server takes it) and unfreezing drops it', () => {
    const gen = ids();
    const d = [newSlide('kpis', gen)];
    const f = setBlockMode(d, 0, 0, 'frozen');
    expect(f[0]!.blocks[0]).toMatchObject({ mode: 'frozen' });
    expect(f[0]!.blocks[0]!.snapshot).toBeUndefined();
    expect(setBlockMode(f, 0, 0, 'frozen')).toBe(f);
    const withSnap = [{ ...d[0]!, blocks: [frozen(d[0]!.blocks[0]!)] }];
    const live = setBlockMode(withSnap, 0, 0, 'live');
    expect(live[0]!.blocks[0]!.mode).toBe('live');
    expect(live[0]!.blocks[0]!.snapshot).toBeUndefined();
  });
});

describe('after a save', () => {
  it('copies the server’s new snapshots into frozen, unsnapshotted local blocks only', () => {
    const gen = ids();
    const local = setBlockMode([newSlide('two_charts', gen)], 0, 0, 'frozen');
    const saved = [{ ...local[0]!, blocks: [{ ...local[0]!.blocks[0]!, snapshot: snap }, local[0]!.blocks[1]!] }];
    const merged = mergeSnapshots(local, saved);
    expect(merged[0]!.blocks[0]!.snapshot).toEqual(snap);
    expect(merged[0]!.blocks[1]).toBe(local[0]!.blocks[1]);
    // An edit made while the save was in flight (here: unfrozen again) wins over the server's snapshot.
    const unfrozen = setBlockMode(local, 0, 0, 'live');
    expect(mergeSnapshots(unfrozen, saved)).toBe(unfrozen);
    expect(mergeSnapshots(local, local)).toBe(local);
  });

  it('signs what decides the data, not titles or notes', () => {
    const gen = ids();
    const d = [newSlide('title_chart', gen), newSlide('bullets', gen)];
    const sig = blocksSignature(d);
    expect(blocksSignature(updateSlide(d, 0, { title: 'x', notes: 'y' }))).toBe(sig);
    expect(blocksSignature(setBlockParams(d, 1, 0, { text: 'hello' }))).not.toBe(sig);
    expect(blocksSignature(setBlockMode(d, 0, 0, 'frozen'))).not.toBe(sig);
    expect(blocksSignature(moveSlide(d, 0, 1))).not.toBe(sig);
  });
});
