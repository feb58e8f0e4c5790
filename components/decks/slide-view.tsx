'use client';
// The one slide renderer: the editor's thumbnails and preview, present mode, the presenter window and the shared view
// all draw a slide with it. The slide is laid out once at a fixed design size (1280 × 720, the PPTX/PDF 16:9 page)
// and scaled with a CSS transform to whatever width its container gives it, so a thumbnail is an exact miniature of
// the full-screen slide and the exports (which lay out the same BlockData on the same 16:9 page) look alike.
import { useLayoutEffect, useRef, useState } from 'react';
import type { Slide } from '@/lib/decks/types';
import { LAYOUT_SLOTS } from '@/lib/decks/types';
import { blockDataOf, SLIDE_H, SLIDE_W, slideLabel } from '@/lib/decks/view';
import type { BlocksData } from '@/lib/ui/decks-api';
import { BlockView } from './block-view';

const PAD_X = 64;
const TOP = 44;
const FOOT = 46;
const CONTENT_W = SLIDE_W - 2 * PAD_X;
const GAP = 48;

export interface SlideViewProps {
  slide: Slide;
  index: number;
  total: number;
  data: BlocksData | undefined;
  deckName?: string;
  /** A thumbnail: hidden from assistive technology (its button names it) and without tooltips. */
  decorative?: boolean;
  /** Chart tooltips (preview and present mode). */
  interactive?: boolean;
  /** Shown in a slot whose data has not arrived (e.g. "Loading…" while the editor re-resolves after a save). */
  pendingLabel?: string;
  /** Tag frozen blocks (editor views only: a presented board pack shows the numbers, not the mechanics). */
  markFrozen?: boolean;
  className?: string;
}

export function SlideView({ slide, index, total, data, deckName, decorative = false, interactive = false, pendingLabel = 'Loading…', markFrozen = false, className = '' }: SlideViewProps) {
  const outer = useRef<HTMLDivElement>(null);
  const [scale, setScale] = useState(0);
  useLayoutEffect(() => {
    const el = outer.current;
    if (!el) return;
    // The observer reports the first size straight away, then every resize (window, panel, full screen).
    const ro = new ResizeObserver(([entry]) => entry && setScale(entry.contentRect.width / SLIDE_W));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const region = decorative ? { 'aria-hidden': true } : { role: 'region', 'aria-roledescription': 'slide', 'aria-label': slideLabel(index, total) };
  return (
    <div ref={outer} {...region} className={'relative w-full overflow-hidden bg-white ' + className} style={{ aspectRatio: '16 / 9' }}>
      <div className="absolute left-0 top-0 origin-top-left" style={{ width: SLIDE_W, height: SLIDE_H, transform: `scale(${scale})`, visibility: scale ? 'visible' : 'hidden' }}>
        <SlideCanvas slide={slide} index={index} data={data} deckName={deckName} interactive={interactive && !decorative} pendingLabel={pendingLabel} markFrozen={markFrozen} />
      </div>
    </div>
  );
}

function SlideCanvas(p: { slide: Slide; index: number; data: BlocksData | undefined; deckName?: string; interactive: boolean; pendingLabel: string; markFrozen: boolean }) {
  const { slide, index, data, deckName, interactive, pendingLabel } = p;
  const footer = (
    <div className="absolute inset-x-0 bottom-0 flex items-center justify-between border-t border-slate-100 px-[64px] text-[15px] text-slate-400" style={{ height: FOOT }}>
      <span className="truncate">{deckName}</span>
      <span className="tabular-nums" data-testid="slide-number">
        {index + 1}
      </span>
    </div>
  );

  if (slide.layout === 'title') {
    return (
      <div className="relative h-full w-full bg-white">
        <div className="absolute inset-y-0 left-0 z-10 w-[18px] bg-brand-600" />
        <div className="absolute inset-x-[110px] top-[200px]">
          <h2 className="line-clamp-2 text-[64px] font-bold leading-[1.12] text-ink">{slide.title}</h2>
          <div className="mt-[28px] h-[6px] w-[120px] rounded bg-brand-500" />
          {slide.subtitle && <p className="mt-[28px] line-clamp-2 text-[30px] leading-snug text-slate-500">{slide.subtitle}</p>}
        </div>
        {footer}
      </div>
    );
  }

  const headerH = 54 + (slide.subtitle ? 34 : 0) + 22;
  const bodyTop = TOP + headerH;
  const bodyH = SLIDE_H - FOOT - 18 - bodyTop;
  const slots = LAYOUT_SLOTS[slide.layout];
  const w = slots === 2 ? (CONTENT_W - GAP) / 2 : CONTENT_W;
  return (
    <div className="relative h-full w-full bg-white">
      <div className="absolute inset-x-0 top-0 h-[8px] bg-brand-600" />
      <div className="absolute" style={{ left: PAD_X, right: PAD_X, top: TOP }}>
        <h2 className="truncate text-[42px] font-semibold leading-[54px] text-ink">{slide.title}</h2>
        {slide.subtitle && <p className="truncate text-[24px] leading-[34px] text-slate-500">{slide.subtitle}</p>}
      </div>
      <div className="absolute flex" style={{ left: PAD_X, top: bodyTop, width: CONTENT_W, height: bodyH, gap: GAP }}>
        {Array.from({ length: slots }, (_, k) => {
          const block = slide.blocks[k];
          return (
            <div key={block?.id ?? `empty-${k}`} className="relative">
              <BlockView data={block ? blockDataOf(block, data) : undefined} width={w} height={bodyH} interactive={interactive} pending={block ? pendingLabel : 'Empty slot'} />
              {p.markFrozen && block?.mode === 'frozen' && (
                <span className="absolute right-0 top-[4px] rounded bg-sky-50 px-[8px] py-[2px] text-[13px] font-medium text-sky-700 ring-1 ring-sky-200" title={block.snapshot ? `Frozen at ${block.snapshot.at}` : 'Frozen on the next save'}>
                  Frozen
                </span>
              )}
            </div>
          );
        })}
      </div>
      {footer}
    </div>
  );
}
