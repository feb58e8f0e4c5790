'use client';
// The editor's document state and autosave. Edits apply locally at once; a save follows ~800 ms after the last one.
// Saves run one at a time (a promise chain), each sending the whole document with the version it was based on, so
// the server's optimistic lock (409 on a stale version) catches another tab or person saving in between; the editor
// then stops saving and offers to reload or to overwrite. After a save, the snapshots the server took for newly
// frozen blocks are merged in, and the resolved block data is refetched only if the blocks themselves changed.
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { blocksSignature, mergeSnapshots } from '@/lib/decks/edit';
import type { Slide } from '@/lib/decks/types';
import { ApiClientError } from '@/lib/ui/api-client';
import { deckKeys, decksApi, type Deck } from '@/lib/ui/decks-api';

export type SaveStatus = 'saved' | 'pending' | 'saving' | 'conflict' | 'error' | 'invalid';
export interface DeckDoc {
  name: string;
  slides: Slide[];
}

export const AUTOSAVE_MS = 800;

export function useDeckDocument(initial: Deck) {
  const qc = useQueryClient();
  const id = initial.id;
  const [doc, setDoc] = useState<DeckDoc>({ name: initial.name, slides: initial.slides });
  const [status, setStatus] = useState<SaveStatus>('saved');
  const [error, setError] = useState<string | null>(null);
  const [canUndo, setCanUndo] = useState(initial.can_undo);
  const [savedSignature, setSavedSignature] = useState(() => blocksSignature(initial.slides));

  // Refs, not state: the save chain reads the newest values whenever it runs, not those of the render that queued it.
  const docRef = useRef(doc);
  const version = useRef(initial.version);
  const edits = useRef(0);
  const savedEdits = useRef(0);
  const conflict = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const chain = useRef<Promise<void>>(Promise.resolve());

  const saveOnce = useCallback(async () => {
    if (conflict.current || edits.current === savedEdits.current) return;
    const body = docRef.current;
    if (!body.name.trim()) return setStatus('invalid');
    const seq = edits.current;
    setStatus('saving');
    try {
      const { deck } = await decksApi.save(id, { name: body.name.trim(), slides: body.slides, version: version.current });
      version.current = deck.version;
      savedEdits.current = seq;
      setCanUndo(deck.can_undo);
      setError(null);
      const merged = mergeSnapshots(docRef.current.slides, deck.slides);
      if (merged !== docRef.current.slides) {
        docRef.current = { ...docRef.current, slides: merged };
        setDoc(docRef.current);
      }
      setSavedSignature(blocksSignature(deck.slides));
      // Present mode and the list read these caches: keep them at what the server now holds.
      qc.setQueryData(deckKeys.deck(id), { deck });
      void qc.invalidateQueries({ queryKey: deckKeys.list });
      setStatus(edits.current === seq ? 'saved' : 'pending');
    } catch (e) {
      if (e instanceof ApiClientError && e.status === 409) {
        conflict.current = true;
        setStatus('conflict');
      } else {
        setStatus('error');
        setError((e as Error).message);
      }
    }
  }, [id, qc]);

  /** Saves now (cancelling the debounce); resolves once every queued save has finished. */
  const flush = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    chain.current = chain.current.then(saveOnce);
    return chain.current;
  }, [saveOnce]);

  /** Applies an edit to the document and schedules the autosave. */
  const change = useCallback(
    (f: (d: DeckDoc) => DeckDoc) => {
      const next = f(docRef.current);
      if (next === docRef.current) return;
      docRef.current = next;
      setDoc(next);
      edits.current += 1;
      if (!conflict.current) setStatus('pending');
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), AUTOSAVE_MS);
    },
    [flush],
  );
  const changeSlides = useCallback((f: (s: Slide[]) => Slide[]) => change((d) => {
    const slides = f(d.slides);
    return slides === d.slides ? d : { ...d, slides };
  }), [change]);

  /** After a conflict: keep this tab's document and save it over the newer one. */
  const overwrite = useCallback(async () => {
    try {
      const { deck } = await qc.fetchQuery({ queryKey: deckKeys.deck(id), queryFn: () => decksApi.get(id), staleTime: 0 });
      version.current = deck.version;
    } catch (e) {
      setError((e as Error).message);
      return setStatus('error');
    }
    conflict.current = false;
    edits.current += 1;
    await flush();
  }, [id, flush, qc]);

  /** Undo the last save on the server; returns the restored deck (the caller remounts the editor with it). */
  const undo = useCallback(async (): Promise<Deck | null> => {
    await flush();
    if (conflict.current) return null;
    const { deck } = await decksApi.undo(id);
    qc.setQueryData(deckKeys.deck(id), { deck });
    void qc.invalidateQueries({ queryKey: deckKeys.list });
    return deck;
  }, [id, flush, qc]);

  useEffect(() => {
    // Unsaved edits: warn before the tab closes, and save on the way out of the editor (another page of the app).
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (edits.current !== savedEdits.current && !conflict.current) e.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      if (timer.current) void flush();
    };
  }, [flush]);

  return { doc, change, changeSlides, status, error, canUndo, savedSignature, flush, overwrite, undo };
}
