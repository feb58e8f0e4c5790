'use client';
// The presenter window (…/present?presenter=1): the current slide, the next one, the speaker notes in large type and
// a timer. It moves with the audience window and can drive it (same keys), through useSlideSync's BroadcastChannel.
import { useCallback, useEffect, useState } from 'react';
import type { PresentAction } from '@/lib/decks/view';
import { barBtn, usePresentKeys } from './present-view';
import { SlideView } from './slide-view';
import type { LoadedDeck } from './use-deck-source';
import { useSlideSync } from './use-slide-sync';

const mmss = (s: number) => `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;

export function PresenterConsole({ loaded, initialSlide, links }: { loaded: LoadedDeck; initialSlide: number; links: { channel: string } }) {
  const { deck, blocks } = loaded;
  const total = deck.slides.length;
  const [index, go] = useSlideSync(links.channel, total, initialSlide - 1);
  const [elapsed, setElapsed] = useState(0);
  const [running, setRunning] = useState(true);

  // A tick per second while running (counting ticks, not reading the clock in render, keeps rendering pure).
  useEffect(() => {
    if (!running) return;
    const t = setInterval(() => setElapsed((s) => s + 1), 1000);
    return () => clearInterval(t);
  }, [running]);

  const act = useCallback(
    (a: PresentAction) => {
      if (a === 'next') go((i) => i + 1);
      else if (a === 'prev') go((i) => i - 1);
      else if (a === 'first') go(0);
      else if (a === 'last') go(total - 1);
      else if (a === 'exit') window.close();
    },
    [go, total],
  );
  usePresentKeys(act);

  const slide = deck.slides[index];
  const next = deck.slides[index + 1];
  return (
    <div className="fixed inset-0 z-50 flex flex-col gap-4 overflow-auto bg-slate-950 p-4 text-white" aria-label={`Presenter view of ${deck.name}`}>
      <header className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="truncate text-lg font-semibold">{deck.name}</h1>
        <div className="flex items-center gap-2">
          <span className="text-3xl font-semibold tabular-nums" role="timer" aria-label="Elapsed time">
            {mmss(elapsed)}
          </span>
          <button type="button" className={barBtn} onClick={() => setRunning((r) => !r)}>
            {running ? 'Pause timer' : 'Resume timer'}
          </button>
          <button type="button" className={barBtn} onClick={() => setElapsed(0)}>
            Reset timer
          </button>
        </div>
      </header>
      <div className="grid min-h-0 flex-1 gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="space-y-3">
          <p className="text-sm text-slate-400" data-testid="presenter-counter">
            Now: slide {total ? index + 1 : 0} of {total}
          </p>
          {slide && <SlideView key={slide.id} slide={slide} index={index} total={total} data={blocks} deckName={deck.name} />}
          <div className="flex items-center gap-2">
            <button type="button" className={barBtn} onClick={() => act('prev')} disabled={index === 0}>
              ← Previous
            </button>
            <button type="button" className={barBtn} onClick={() => act('next')} disabled={index >= total - 1}>
              Next →
            </button>
          </div>
        </div>
        <div className="flex min-h-0 flex-col gap-4">
          <figure aria-label="Next slide" className="space-y-2">
            <figcaption className="text-sm text-slate-400">{next ? `Next: ${next.title || `slide ${index + 2}`}` : 'End of the deck'}</figcaption>
            {next && (
              <div className="max-w-md opacity-90">
                <SlideView key={next.id} slide={next} index={index + 1} total={total} data={blocks} deckName={deck.name} decorative />
              </div>
            )}
          </figure>
          <section aria-label="Speaker notes" className="min-h-0 flex-1 overflow-y-auto rounded-lg bg-slate-900 p-4">
            <h2 className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-400">Notes</h2>
            <p className="whitespace-pre-line text-xl leading-relaxed text-slate-100">{slide?.notes || 'No notes for this slide.'}</p>
          </section>
        </div>
      </div>
    </div>
  );
}
