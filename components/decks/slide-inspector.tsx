'use client';
// The centre of the editor: the selected slide as it will be presented, then its title, subtitle and layout, a
// block picker per slot of the layout, and the speaker notes. Read-only decks show the slide and the notes only.
import { inputCls } from '@/components/tracking/bits';
import { LAYOUT_LABELS, LAYOUT_SLOTS, LAYOUTS, type Block, type BlockKind, type Layout, type Slide } from '@/lib/decks/types';
import type { BlocksData } from '@/lib/ui/decks-api';
import { BlockPicker } from './block-picker';
import { SlideView } from './slide-view';

const SLOT_LABELS: Record<Layout, string[]> = {
  title: [],
  title_chart: ['The slide’s chart or table'],
  two_charts: ['Left half', 'Right half'],
  kpis: ['The KPI tiles'],
  bullets: ['The slide’s text'],
};

export interface SlideEdits {
  onText: (patch: Partial<Pick<Slide, 'title' | 'subtitle' | 'notes'>>) => void;
  onLayout: (layout: Layout) => void;
  onKind: (slot: number, kind: BlockKind) => void;
  onParams: (slot: number, patch: Block['params']) => void;
  onMode: (slot: number, mode: Block['mode']) => void;
}

export function SlideInspector({ slide, index, total, data, deckName, canEdit, edits }: { slide: Slide; index: number; total: number; data: BlocksData | undefined; deckName: string; canEdit: boolean; edits: SlideEdits }) {
  return (
    <div className="space-y-4">
      <div className="overflow-hidden rounded-xl border border-slate-200 shadow-sm">
        <SlideView slide={slide} index={index} total={total} data={data} deckName={deckName} interactive markFrozen={canEdit} />
      </div>

      {canEdit && (
        <div className="grid gap-4 lg:grid-cols-2">
          <div className="space-y-3 rounded-lg border border-slate-200 bg-white p-3">
            <label className="block text-xs text-slate-600">
              Slide title
              <input className={inputCls + ' mt-1 block w-full'} maxLength={200} value={slide.title} onChange={(e) => edits.onText({ title: e.target.value })} />
            </label>
            <label className="block text-xs text-slate-600">
              Slide subtitle
              <input className={inputCls + ' mt-1 block w-full'} maxLength={400} value={slide.subtitle} onChange={(e) => edits.onText({ subtitle: e.target.value })} />
            </label>
            <label className="block text-xs text-slate-600">
              Layout
              <select className={inputCls + ' mt-1 block w-full'} value={slide.layout} onChange={(e) => edits.onLayout(e.target.value as Layout)}>
                {LAYOUTS.map((l) => (
                  <option key={l} value={l}>
                    {LAYOUT_LABELS[l]} ({LAYOUT_SLOTS[l] === 0 ? 'no blocks' : LAYOUT_SLOTS[l] === 1 ? '1 block' : `${LAYOUT_SLOTS[l]} blocks`})
                  </option>
                ))}
              </select>
            </label>
            {LAYOUT_SLOTS[slide.layout] < slide.blocks.length && <p className="text-xs text-amber-700">This layout shows fewer blocks than the slide has.</p>}
          </div>
          <div className="space-y-3">
            {LAYOUT_SLOTS[slide.layout] === 0 && <p className="rounded-lg border border-dashed border-slate-300 p-3 text-xs text-slate-500">A title slide holds no blocks: choose another layout to add a chart, KPIs or text.</p>}
            {Array.from({ length: LAYOUT_SLOTS[slide.layout] }, (_, k) => (
              <BlockPicker
                key={`${slide.id}-${k}`}
                slot={k}
                label={SLOT_LABELS[slide.layout][k] ?? ''}
                block={slide.blocks[k]}
                onKind={(kind) => edits.onKind(k, kind)}
                onParams={(p) => edits.onParams(k, p)}
                onMode={(m) => edits.onMode(k, m)}
              />
            ))}
          </div>
        </div>
      )}

      {canEdit ? (
        <label className="block text-xs font-medium text-slate-600">
          Speaker notes
          <textarea className={inputCls + ' mt-1 block w-full font-normal'} rows={4} maxLength={10_000} value={slide.notes} placeholder="What to say on this slide (shown in present mode with N, and in the presenter window)." onChange={(e) => edits.onText({ notes: e.target.value })} />
        </label>
      ) : (
        <section aria-label="Speaker notes" className="text-xs font-medium text-slate-600">
          <h3>Speaker notes</h3>
          <p className="mt-1 whitespace-pre-line rounded-md border border-slate-200 bg-white px-2 py-1.5 text-sm font-normal text-slate-700">{slide.notes || 'No notes.'}</p>
        </section>
      )}
    </div>
  );
}
