'use client';
// Present mode: one slide at a time over the whole window (and the whole screen with the Fullscreen API: the button
// or `f`). Keys: → PageDown Space Enter next, ← PageUp Backspace previous, Home/End, Esc leaves (in full screen the
// browser's own Esc leaves full screen first), `n` toggles the notes panel. "Open presenter window" opens a second
// window with the notes, the next slide and a timer; both stay on the same slide through useSlideSync.
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useRef, useState } from 'react';
import { presentKeyAction, type PresentAction } from '@/lib/decks/view';
import type { LoadedDeck } from './use-deck-source';
import { useSlideSync } from './use-slide-sync';
import { SlideView } from './slide-view';

export const barBtn = 'rounded-md px-3 py-1.5 text-sm text-slate-200 hover:bg-white/10 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-400 disabled:opacity-30';

/** Keyboard handling shared with the presenter window: ignores typing in fields and Space/Enter on a focused button. */
export function usePresentKeys(act: (a: PresentAction) => void) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target instanceof Element ? e.target : null;
      if (t?.closest('input, textarea, select, [contenteditable="true"]')) return;
      if ((e.key === ' ' || e.key === 'Enter') && t?.closest('button, a')) return;
      const a = presentKeyAction(e);
      if (!a) return;
      // In full screen the browser handles Esc itself (leaves full screen); do not also leave present mode.
      if (a === 'exit' && document.fullscreenElement) return;
      e.preventDefault();
      act(a);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [act]);
}

export function PresentView({ loaded, initialSlide, links }: { loaded: LoadedDeck; initialSlide: number; links: { home: string; presenter: (slide: number) => string; channel: string } }) {
  const router = useRouter();
  const { deck, blocks } = loaded;
  const total = deck.slides.length;
  const [index, go] = useSlideSync(links.channel, total, initialSlide - 1);
  const [notes, setNotes] = useState(false);
  const [fullscreen, setFullscreen] = useState(false);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const onChange = () => setFullscreen(!!document.fullscreenElement);
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);

  const toggleFullscreen = useCallback(() => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void root.current?.requestFullscreen?.().catch(() => {});
  }, []);

  const act = useCallback(
    (a: PresentAction) => {
      if (a === 'next') go((i) => i + 1);
      else if (a === 'prev') go((i) => i - 1);
      else if (a === 'first') go(0);
      else if (a === 'last') go(total - 1);
      else if (a === 'notes') setNotes((n) => !n);
      else if (a === 'fullscreen') toggleFullscreen();
      else if (a === 'exit') router.push(links.home);
    },
    [go, total, toggleFullscreen, router, links.home],
  );
  usePresentKeys(act);

  // Focus the presentation so key presses land here rather than on the link that opened it.
  useEffect(() => root.current?.focus(), []);

  const slide = deck.slides[index];
  return (
    <div ref={root} tabIndex={-1} className="fixed inset-0 z-50 flex flex-col bg-slate-950 text-white outline-none" aria-label={`Presenting ${deck.name}`} role="application" aria-roledescription="presentation">
      <div className="flex min-h-0 flex-1 items-center justify-center gap-4 p-4">
        {slide ? (
          <div className="flex min-w-0 flex-1 items-center justify-center">
            <div style={{ width: 'min(100%, calc((100vh - 6rem) * 16 / 9))' }} className="shadow-2xl">
              <SlideView key={slide.id} slide={slide} index={index} total={total} data={blocks} deckName={deck.name} interactive />
            </div>
          </div>
        ) : (
          <p className="text-lg text-slate-300">This deck has no slides.</p>
        )}
        {notes && (
          <aside role="region" aria-label="Presenter notes" className="h-full max-h-[calc(100vh-6rem)] w-80 shrink-0 overflow-y-auto rounded-lg bg-slate-900 p-4 text-base leading-relaxed text-slate-100">
            <h2 className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-400">Notes</h2>
            <p className="whitespace-pre-line">{slide?.notes || 'No notes for this slide.'}</p>
          </aside>
        )}
      </div>
      <div className="flex items-center justify-between gap-2 border-t border-white/10 px-4 py-2 text-sm opacity-70 transition-opacity hover:opacity-100 focus-within:opacity-100">
        <div className="flex items-center gap-1">
          <button type="button" className={barBtn} onClick={() => act('exit')} aria-keyshortcuts="Escape">
            Exit
          </button>
          <span className="ml-2 hidden truncate text-slate-400 sm:inline">{deck.name}</span>
        </div>
        <div className="flex items-center gap-1">
          <button type="button" className={barBtn} onClick={() => act('prev')} disabled={index === 0} aria-label="Previous slide" aria-keyshortcuts="ArrowLeft PageUp">
            ←
          </button>
          <span className="min-w-16 text-center tabular-nums" data-testid="slide-counter" aria-live="polite" aria-atomic>
            {total ? `${index + 1} / ${total}` : '0 / 0'}
          </span>
          <button type="button" className={barBtn} onClick={() => act('next')} disabled={index >= total - 1} aria-label="Next slide" aria-keyshortcuts="ArrowRight PageDown Space">
            →
          </button>
        </div>
        <div className="flex items-center gap-1">
          <button type="button" className={barBtn} aria-pressed={notes} onClick={() => act('notes')} aria-keyshortcuts="N">
            Notes
          </button>
          <button
            type="button"
            className={barBtn}
            onClick={() => window.open(links.presenter(index + 1), `presenter-${links.channel}`, 'popup,width=1100,height=720')}
          >
            Open presenter window
          </button>
          <button type="button" className={barBtn} aria-pressed={fullscreen} onClick={toggleFullscreen} aria-keyshortcuts="F">
            {fullscreen ? 'Exit full screen' : 'Full screen'}
          </button>
        </div>
      </div>
    </div>
  );
}
