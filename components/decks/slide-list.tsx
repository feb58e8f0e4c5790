'use client';
// The editor's slide sorter: numbered thumbnails, reordered by drag and drop (HTML5), by keyboard (focus a slide,
// Alt+↑/↓; plain ↑/↓ moves the focus) or with the Move up/down buttons; plus duplicate and delete, and adding a slide
// of a chosen layout after the selected one. A live region announces each move for screen-reader users.
import { useEffect, useRef, useState } from 'react';
import { buttonCls, inputCls } from '@/components/tracking/bits';
import { LAYOUT_LABELS, LAYOUTS, MAX_SLIDES, type Layout, type Slide } from '@/lib/decks/types';
import type { BlocksData } from '@/lib/ui/decks-api';
import { SlideView } from './slide-view';

const iconBtn = 'rounded px-1.5 py-0.5 text-xs text-slate-500 hover:bg-slate-200 hover:text-slate-800 disabled:opacity-30 disabled:hover:bg-transparent';

export function SlideList({
  slides,
  selected,
  data,
  deckName,
  canEdit,
  onSelect,
  onMove,
  onDuplicate,
  onDelete,
  onAdd,
}: {
  slides: Slide[];
  selected: number;
  data: BlocksData | undefined;
  deckName: string;
  canEdit: boolean;
  onSelect: (index: number) => void;
  /** Moves a slide; the moved slide stays selected (the parent selects by id). */
  onMove: (from: number, to: number) => void;
  onDuplicate: (index: number) => void;
  onDelete: (index: number) => void;
  onAdd: (layout: Layout) => void;
}) {
  const thumbs = useRef(new Map<string, HTMLButtonElement>());
  // After a move React may re-insert the focused node (which blurs it): focus follows the moved slide explicitly.
  const focusAfter = useRef<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [dragFrom, setDragFrom] = useState<number | null>(null);
  const [dropAt, setDropAt] = useState<number | null>(null);
  const [layout, setLayout] = useState<Layout>('title_chart');

  useEffect(() => {
    if (!focusAfter.current) return;
    thumbs.current.get(focusAfter.current)?.focus();
    focusAfter.current = null;
  });

  const move = (from: number, to: number) => {
    if (to < 0 || to >= slides.length || to === from) return;
    focusAfter.current = slides[from]!.id;
    onMove(from, to);
    setAnnouncement(`Slide moved to position ${to + 1} of ${slides.length}.`);
  };

  const onKeyDown = (e: React.KeyboardEvent, i: number) => {
    const delta = e.key === 'ArrowUp' ? -1 : e.key === 'ArrowDown' ? 1 : 0;
    if (!delta) return;
    e.preventDefault();
    if (e.altKey) {
      if (canEdit) move(i, i + delta);
    } else {
      const j = Math.max(0, Math.min(slides.length - 1, i + delta));
      onSelect(j);
      thumbs.current.get(slides[j]!.id)?.focus();
    }
  };

  return (
    <div className="flex flex-col gap-3">
      <p className="text-xs text-slate-500">{canEdit ? 'Drag to reorder, or focus a slide and press Alt+↑/↓.' : `${slides.length} slides`}</p>
      <ol aria-label="Slides" className="flex flex-col gap-2">
        {slides.map((s, i) => (
          <li
            key={s.id}
            draggable={canEdit}
            onDragStart={(e) => {
              setDragFrom(i);
              e.dataTransfer.effectAllowed = 'move';
              e.dataTransfer.setData('text/plain', String(i));
            }}
            onDragOver={(e) => {
              if (dragFrom === null) return;
              e.preventDefault();
              setDropAt(i);
            }}
            onDrop={(e) => {
              e.preventDefault();
              if (dragFrom !== null) move(dragFrom, i);
              setDragFrom(null);
              setDropAt(null);
            }}
            onDragEnd={() => {
              setDragFrom(null);
              setDropAt(null);
            }}
            className={'flex gap-2 rounded-lg p-1 ' + (dropAt === i && dragFrom !== null && dragFrom !== i ? (dragFrom > i ? 'border-t-2 border-brand-500' : 'border-b-2 border-brand-500') : '') + (dragFrom === i ? ' opacity-50' : '')}
          >
            <span className="w-5 shrink-0 pt-1 text-right text-xs font-medium tabular-nums text-slate-500" aria-hidden>
              {i + 1}
            </span>
            <div className="min-w-0 flex-1">
              <button
                type="button"
                ref={(el) => {
                  if (el) thumbs.current.set(s.id, el);
                  else thumbs.current.delete(s.id);
                }}
                aria-label={`Slide ${i + 1}: ${s.title || 'Untitled'}`}
                aria-current={i === selected ? 'true' : undefined}
                aria-keyshortcuts={canEdit ? 'Alt+ArrowUp Alt+ArrowDown' : undefined}
                onClick={() => onSelect(i)}
                onKeyDown={(e) => onKeyDown(e, i)}
                className={'block w-full overflow-hidden rounded-md border-2 text-left shadow-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500 ' + (i === selected ? 'border-brand-500' : 'border-slate-200 hover:border-slate-300')}
              >
                <SlideView slide={s} index={i} total={slides.length} data={data} deckName={deckName} decorative markFrozen />
              </button>
              {canEdit && i === selected && (
                <div className="mt-1 flex flex-wrap justify-end gap-0.5">
                  <button type="button" className={iconBtn} aria-label={`Move slide ${i + 1} up`} title="Move up (Alt+↑)" disabled={i === 0} onClick={() => move(i, i - 1)}>
                    ↑ Up
                  </button>
                  <button type="button" className={iconBtn} aria-label={`Move slide ${i + 1} down`} title="Move down (Alt+↓)" disabled={i === slides.length - 1} onClick={() => move(i, i + 1)}>
                    ↓ Down
                  </button>
                  <button type="button" className={iconBtn} aria-label={`Duplicate slide ${i + 1}`} disabled={slides.length >= MAX_SLIDES} onClick={() => onDuplicate(i)}>
                    Duplicate
                  </button>
                  <button type="button" className={iconBtn + ' hover:text-red-700'} aria-label={`Delete slide ${i + 1}`} onClick={() => onDelete(i)}>
                    Delete
                  </button>
                </div>
              )}
            </div>
          </li>
        ))}
      </ol>
      <p aria-live="polite" className="sr-only">
        {announcement}
      </p>
      {canEdit && (
        <div className="flex flex-col gap-2 rounded-lg border border-dashed border-slate-300 p-2">
          <label className="text-xs text-slate-600">
            New slide layout
            <select className={inputCls + ' mt-1 block w-full'} value={layout} onChange={(e) => setLayout(e.target.value as Layout)}>
              {LAYOUTS.map((l) => (
                <option key={l} value={l}>
                  {LAYOUT_LABELS[l]}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className={buttonCls + ' justify-center'} disabled={slides.length >= MAX_SLIDES} onClick={() => onAdd(layout)}>
            Add slide
          </button>
        </div>
      )}
    </div>
  );
}
