// Document operations of the deck editor: pure functions from a slide list to a new slide list (never mutating the
// input, so React state and the undo of the server stay simple). The editor applies them, then autosaves the result.
//
// Invariants kept here rather than in the components:
// - a slide holds exactly LAYOUT_SLOTS[layout] blocks after a layout change or when added (blocks are positional: the
//   first block is the left chart of a two-chart slide), so every slot always has a picker;
// - a snapshot belongs to a block's kind and params: changing either drops it, and so does unfreezing. The server
//   snapshots every block whose mode is 'frozen' and has no snapshot on save, so "freeze" is just mode = 'frozen'.
import { LAYOUT_SLOTS, MAX_SLIDES, type Block, type BlockKind, type Layout, type Slide } from './types';

export type IdGen = () => string;

let counter = 0;
/** A short id unique within a deck (crypto.randomUUID is missing on plain-http origins, so no reliance on it). */
export const newId: IdGen = () => `${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 8)}`;

/** Parameters a new block of each kind starts with, stored explicitly so the pickers show what the server resolves. */
export function defaultParams(kind: BlockKind): Block['params'] {
  switch (kind) {
    case 'feature_drift':
      return { feature: 'monthly_charge' };
    case 'fairness_table':
      return { attribute: 'age_band' };
    case 'fairness_disparity':
      return { attribute: 'age_band', metric: 'fpr' };
    case 'text':
      return { text: '' };
    default:
      return {};
  }
}

export function newBlock(kind: BlockKind, gen: IdGen = newId): Block {
  return { id: gen(), kind, params: defaultParams(kind), mode: 'live' };
}

/** What fills each slot of a layout when a slide is added or its layout grows. */
export const DEFAULT_KINDS: Record<Layout, BlockKind[]> = {
  title: [],
  title_chart: ['roi_curve'],
  two_charts: ['roi_curve', 'drift_heatmap'],
  kpis: ['overview_kpis'],
  bullets: ['text'],
};

export function newSlide(layout: Layout, gen: IdGen = newId): Slide {
  return { id: gen(), layout, title: '', subtitle: '', notes: '', blocks: DEFAULT_KINDS[layout].map((k) => newBlock(k, gen)) };
}

const clamp = (i: number, n: number) => Math.max(0, Math.min(n - 1, i));

/** Inserts a new slide after `after` (-1: at the start); returns the list and the new slide's index. */
export function addSlide(slides: Slide[], layout: Layout, after: number, gen: IdGen = newId): { slides: Slide[]; index: number } {
  if (slides.length >= MAX_SLIDES) return { slides, index: clamp(after, slides.length) };
  const at = Math.max(0, Math.min(slides.length, after + 1));
  return { slides: [...slides.slice(0, at), newSlide(layout, gen), ...slides.slice(at)], index: at };
}

/** A copy right after the original, with new slide and block ids (a frozen block keeps its snapshot: same data). */
export function duplicateSlide(slides: Slide[], index: number, gen: IdGen = newId): Slide[] {
  const s = slides[index];
  if (!s || slides.length >= MAX_SLIDES) return slides;
  const copy: Slide = { ...s, id: gen(), blocks: s.blocks.map((b) => ({ ...b, id: gen(), params: { ...b.params } })) };
  return [...slides.slice(0, index + 1), copy, ...slides.slice(index + 1)];
}

export function deleteSlide(slides: Slide[], index: number): Slide[] {
  if (index < 0 || index >= slides.length) return slides;
  return slides.filter((_, i) => i !== index);
}

/** Moves the slide at `from` to position `to` (clamped); the same list when nothing moves. */
export function moveSlide(slides: Slide[], from: number, to: number): Slide[] {
  if (from < 0 || from >= slides.length) return slides;
  const target = clamp(to, slides.length);
  if (target === from) return slides;
  const out = slides.slice();
  const [s] = out.splice(from, 1);
  out.splice(target, 0, s!);
  return out;
}

function patchSlide(slides: Slide[], index: number, f: (s: Slide) => Slide): Slide[] {
  const s = slides[index];
  if (!s) return slides;
  const next = f(s);
  return next === s ? slides : slides.map((x, i) => (i === index ? next : x));
}

export function updateSlide(slides: Slide[], index: number, patch: Partial<Pick<Slide, 'title' | 'subtitle' | 'notes'>>): Slide[] {
  return patchSlide(slides, index, (s) => ({ ...s, ...patch }));
}

/** Changes the layout: extra blocks are dropped (trimmed to LAYOUT_SLOTS), missing slots get the layout's defaults. */
export function setLayout(slides: Slide[], index: number, layout: Layout, gen: IdGen = newId): Slide[] {
  return patchSlide(slides, index, (s) => {
    if (s.layout === layout && s.blocks.length === LAYOUT_SLOTS[layout]) return s;
    const n = LAYOUT_SLOTS[layout];
    const blocks = s.blocks.slice(0, n);
    for (let k = blocks.length; k < n; k++) blocks.push(newBlock(DEFAULT_KINDS[layout][k] ?? 'text', gen));
    return { ...s, layout, blocks };
  });
}

function patchBlock(slides: Slide[], index: number, slot: number, f: (b: Block | undefined) => Block | undefined): Slide[] {
  return patchSlide(slides, index, (s) => {
    if (slot < 0 || slot >= LAYOUT_SLOTS[s.layout]) return s;
    const current = s.blocks[slot];
    const next = f(current);
    if (!next || next === current) return s;
    const blocks = s.blocks.slice();
    // Slots are positional: fill any gap before `slot` with the layout's defaults.
    for (let k = blocks.length; k < slot; k++) blocks.push(newBlock(DEFAULT_KINDS[s.layout][k] ?? 'text'));
    blocks[slot] = next;
    return { ...s, blocks };
  });
}

/** Replaces the block in a slot with a fresh, live block of `kind` (a new id: the old kind's data must not show). */
export function setBlockKind(slides: Slide[], index: number, slot: number, kind: BlockKind, gen: IdGen = newId): Slide[] {
  return patchBlock(slides, index, slot, (b) => (b?.kind === kind ? b : newBlock(kind, gen)));
}

/** Merges parameters; a snapshot taken with other parameters no longer describes the block, so it is dropped. */
export function setBlockParams(slides: Slide[], index: number, slot: number, patch: Block['params']): Slide[] {
  return patchBlock(slides, index, slot, (b) => {
    if (!b) return b;
    const { snapshot: _drop, ...rest } = b;
    return { ...rest, params: { ...b.params, ...patch } };
  });
}

/** Live ↔ frozen. Unfreezing drops the snapshot, so freezing again later takes a new one at that date. */
export function setBlockMode(slides: Slide[], index: number, slot: number, mode: Block['mode']): Slide[] {
  return patchBlock(slides, index, slot, (b) => {
    if (!b || b.mode === mode) return b;
    const { snapshot: _drop, ...rest } = b;
    return { ...rest, mode };
  });
}

/**
 * After a save, copies the snapshots the server took into the local document (by block id), for blocks that are
 * still frozen and unsnapshotted locally. Edits made while the save was in flight are kept. Returns `local` itself
 * when nothing changed.
 */
export function mergeSnapshots(local: Slide[], saved: Slide[]): Slide[] {
  const snaps = new Map<string, NonNullable<Block['snapshot']>>();
  for (const s of saved) for (const b of s.blocks) if (b.mode === 'frozen' && b.snapshot) snaps.set(b.id, b.snapshot);
  let changed = false;
  const out = local.map((s) => {
    let touched = false;
    const blocks = s.blocks.map((b) => {
      const snap = b.mode === 'frozen' && !b.snapshot ? snaps.get(b.id) : undefined;
      if (!snap) return b;
      touched = true;
      return { ...b, snapshot: snap };
    });
    if (!touched) return s;
    changed = true;
    return { ...s, blocks };
  });
  return changed ? out : local;
}

/**
 * A short fingerprint of everything that decides the blocks' data (ids, kinds, params, modes, snapshot dates). The
 * editor refetches the resolved data only when the saved fingerprint changes, not on every title or notes edit.
 */
export function blocksSignature(slides: Slide[]): string {
  const text = JSON.stringify(slides.map((s) => s.blocks.map((b) => [b.id, b.kind, b.params, b.mode, b.snapshot?.at ?? null])));
  let h = 5381;
  for (let i = 0; i < text.length; i++) h = ((h * 33) ^ text.charCodeAt(i)) >>> 0;
  return `${h.toString(36)}-${text.length}`;
}
