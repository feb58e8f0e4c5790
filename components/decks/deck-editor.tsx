'use client';
// The deck editor: header (name, save status, undo, present, share, exports), the slide sorter on the left and the
// selected slide with its settings in the centre. The document lives in useDeckDocument (local edits + autosave);
// the resolved block data comes from GET …/data, refetched when the saved blocks change. The loader below fetches
// the deck fresh on every visit and remounts the editor when the server's document replaces the local one (undo,
// reload after a conflict).
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { buttonCls, ErrorNote, inputCls, LoadingBlock } from '@/components/tracking/bits';
import { EmptyState } from '@/components/ui/empty-state';
import { addSlide, deleteSlide, duplicateSlide, moveSlide, setBlockKind, setBlockMode, setBlockParams, setLayout, updateSlide } from '@/lib/decks/edit';
import { ApiClientError } from '@/lib/ui/api-client';
import { deckKeys, deckPages, decksApi, type Deck } from '@/lib/ui/decks-api';
import { ExportLinks, PresentButton, SharePanel } from './deck-actions';
import { SaveIndicator, SaveProblem } from './save-indicator';
import { SlideInspector, type SlideEdits } from './slide-inspector';
import { SlideList } from './slide-list';
import { useDeckDocument } from './use-deck-document';

export function DeckEditorLoader({ id }: { id: string }) {
  const qc = useQueryClient();
  // Always refetch on arrival: the editor starts from the server's newest version, or its first save would conflict.
  const q = useQuery({ queryKey: deckKeys.deck(id), queryFn: () => decksApi.get(id), staleTime: 0, refetchOnMount: 'always', retry: false });
  const [generation, setGeneration] = useState(0);
  const [selectedId, setSelectedId] = useState<string | null>(null);

  if (q.error) {
    const status = q.error instanceof ApiClientError ? q.error.status : 0;
    return (
      <EmptyState title={status === 404 ? 'Deck not found' : status === 403 ? 'You cannot open this deck' : 'The deck could not be loaded'}>
        {status === 404 || status === 403 ? 'It may have been deleted, or it belongs to someone else and is not shared with you.' : q.error.message}{' '}
        <Link href={deckPages.list} className="text-brand-700 underline">
          All decks
        </Link>
      </EmptyState>
    );
  }
  if (!q.data || !q.isFetchedAfterMount) return <LoadingBlock label="Loading the deck…" height="h-96" />;
  return (
    <DeckEditor
      key={generation}
      initial={q.data.deck}
      selectedId={selectedId}
      onSelectId={setSelectedId}
      onReplace={(deck) => {
        qc.setQueryData(deckKeys.deck(id), { deck });
        setGeneration((g) => g + 1);
      }}
      onReload={async () => {
        await q.refetch();
        setGeneration((g) => g + 1);
      }}
    />
  );
}

function DeckEditor({ initial, selectedId, onSelectId, onReplace, onReload }: { initial: Deck; selectedId: string | null; onSelectId: (id: string) => void; onReplace: (deck: Deck) => void; onReload: () => Promise<void> }) {
  const canEdit = initial.can_edit;
  const { doc, change, changeSlides, status, error, canUndo, savedSignature, flush, overwrite, undo } = useDeckDocument(initial);
  const [undoError, setUndoError] = useState<string | null>(null);
  const [undoing, setUndoing] = useState(false);
  const data = useQuery({ queryKey: deckKeys.data(initial.id, savedSignature), queryFn: () => decksApi.data(initial.id), placeholderData: keepPreviousData, staleTime: 60_000 });

  const slides = doc.slides;
  const found = selectedId ? slides.findIndex((s) => s.id === selectedId) : -1;
  const sel = found >= 0 ? found : Math.min(slides.length - 1, 0);
  const select = (i: number) => slides[i] && onSelectId(slides[i].id);
  const slide = slides[sel];

  const edits: SlideEdits = {
    onText: (patch) => changeSlides((s) => updateSlide(s, sel, patch)),
    onLayout: (layout) => changeSlides((s) => setLayout(s, sel, layout)),
    onKind: (slot, kind) => changeSlides((s) => setBlockKind(s, sel, slot, kind)),
    onParams: (slot, patch) => changeSlides((s) => setBlockParams(s, sel, slot, patch)),
    onMode: (slot, mode) => changeSlides((s) => setBlockMode(s, sel, slot, mode)),
  };

  const doUndo = async () => {
    setUndoing(true);
    setUndoError(null);
    try {
      const deck = await undo();
      if (deck) onReplace(deck);
    } catch (e) {
      setUndoError((e as Error).message);
    } finally {
      setUndoing(false);
    }
  };

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="min-w-0 flex-1">
          <Link href={deckPages.list} className="text-xs text-slate-500 hover:text-slate-800">
            ← All decks
          </Link>
          {canEdit ? (
            <input aria-label="Deck name" className={inputCls + ' mt-1 block w-full max-w-xl text-xl font-semibold text-ink'} maxLength={200} value={doc.name} onChange={(e) => change((d) => ({ ...d, name: e.target.value }))} />
          ) : (
            <h1 className="mt-1 text-2xl font-semibold text-ink">{doc.name}</h1>
          )}
          {canEdit && <h1 className="sr-only">{doc.name}</h1>}
          <p className="mt-1 text-xs text-slate-500">
            {slides.length} slide{slides.length === 1 ? '' : 's'} · by {initial.created_by}
            {!canEdit && ' · read-only'}
            {data.data && ` · live blocks resolved ${new Date(data.data.resolved_at).toLocaleTimeString()}`}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {canEdit && <SaveIndicator status={status} />}
          {canEdit && canUndo && (
            <button type="button" className={buttonCls} disabled={undoing || status === 'conflict'} onClick={() => void doUndo()} title="Restore the deck as it was before the last save">
              {undoing ? 'Undoing…' : 'Undo last change'}
            </button>
          )}
          {slides.length > 0 && <PresentButton href={deckPages.present(initial.id, sel + 1)} beforeLeave={canEdit ? flush : undefined} />}
          {canEdit && <SharePanel id={initial.id} initialToken={initial.share_token} />}
          <ExportLinks id={initial.id} beforeLeave={canEdit ? flush : undefined} />
        </div>
      </div>
      <SaveProblem status={status} error={error} onRetry={() => void flush()} onReload={() => void onReload()} onOverwrite={() => void overwrite()} />
      {undoError && <ErrorNote title="Undo failed">{undoError}</ErrorNote>}
      {data.error && <ErrorNote title="The live blocks could not be resolved">{data.error.message}</ErrorNote>}

      <div className="grid gap-6 md:grid-cols-[13rem_minmax(0,1fr)]">
        <aside aria-label="Slide sorter" className="md:sticky md:top-4 md:max-h-[calc(100vh-2rem)] md:self-start md:overflow-y-auto md:pr-1">
          <SlideList
            slides={slides}
            selected={sel}
            data={data.data?.blocks}
            deckName={doc.name}
            canEdit={canEdit}
            onSelect={select}
            onMove={(from, to) => {
              onSelectId(slides[from]!.id);
              changeSlides((s) => moveSlide(s, from, to));
            }}
            onDuplicate={(i) =>
              changeSlides((s) => {
                const next = duplicateSlide(s, i);
                // The copy lands right after the original: select it.
                if (next !== s) onSelectId(next[i + 1]!.id);
                return next;
              })
            }
            onDelete={(i) => {
              const next = slides[i + 1] ?? slides[i - 1];
              changeSlides((s) => deleteSlide(s, i));
              if (next) onSelectId(next.id);
            }}
            onAdd={(layout) =>
              changeSlides((s) => {
                const r = addSlide(s, layout, sel);
                onSelectId(r.slides[r.index]!.id);
                return r.slides;
              })
            }
          />
        </aside>
        <section aria-label="Selected slide" className="min-w-0">
          {slide ? (
            <SlideInspector slide={slide} index={sel} total={slides.length} data={data.data?.blocks} deckName={doc.name} canEdit={canEdit} edits={edits} />
          ) : (
            <EmptyState title="No slides yet">{canEdit ? 'Add a slide from the left: choose a layout, then Add slide.' : 'This deck is empty.'}</EmptyState>
          )}
        </section>
      </div>
    </div>
  );
}
