'use client';
// The decks page: every deck the user can open (theirs and shared ones), a new empty deck by name, an executive
// summary generated in one click from the product's current state, and deletion (confirmed) of decks one may edit.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { buttonCls, ErrorNote, inputCls, LoadingBlock, primaryCls } from '@/components/tracking/bits';
import { EmptyState } from '@/components/ui/empty-state';
import { newSlide } from '@/lib/decks/edit';
import { deckKeys, deckPages, decksApi, type DeckSummary } from '@/lib/ui/decks-api';

const when = (iso: string) => new Date(iso).toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });

export function DeckList({ canCreate }: { canCreate: boolean }) {
  const router = useRouter();
  const qc = useQueryClient();
  const list = useQuery({ queryKey: deckKeys.list, queryFn: decksApi.list, staleTime: 0 });
  const [name, setName] = useState('');
  const [confirming, setConfirming] = useState<DeckSummary | null>(null);
  const cancelDelete = useCallback(() => setConfirming(null), []);

  const open = (r: { deck: { id: string } }) => {
    void qc.invalidateQueries({ queryKey: deckKeys.list });
    router.push(deckPages.editor(r.deck.id));
  };
  // A new deck starts with its title slide, named like the deck.
  const create = useMutation({ mutationFn: () => decksApi.create({ name: name.trim(), slides: [{ ...newSlide('title'), title: name.trim() }] }), onSuccess: open });
  const summary = useMutation({ mutationFn: decksApi.executiveSummary, onSuccess: open });
  const remove = useMutation({
    mutationFn: (id: string) => decksApi.remove(id),
    onSuccess: () => {
      setConfirming(null);
      void qc.invalidateQueries({ queryKey: deckKeys.list });
    },
  });

  const decks = list.data?.decks ?? [];
  return (
    <div className="space-y-6">
      {canCreate && (
        <div className="flex flex-wrap items-end gap-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
          <form
            className="flex flex-wrap items-end gap-2"
            aria-label="New deck"
            onSubmit={(e) => {
              e.preventDefault();
              if (name.trim()) create.mutate();
            }}
          >
            <label className="text-xs text-slate-600">
              New deck name
              <input className={inputCls + ' mt-1 block w-72'} maxLength={200} value={name} onChange={(e) => setName(e.target.value)} placeholder="Q3 retention review" />
            </label>
            <button type="submit" className={primaryCls} disabled={!name.trim() || create.isPending}>
              {create.isPending ? 'Creating…' : 'New deck'}
            </button>
          </form>
          <div className="flex items-end gap-2 border-slate-200 sm:border-l sm:pl-4">
            <button type="button" className={buttonCls} disabled={summary.isPending} onClick={() => summary.mutate()}>
              {summary.isPending ? 'Generating…' : 'Executive summary'}
            </button>
            <p className="max-w-xs text-xs text-slate-500">A ready-made deck from today’s overview, model, monitoring, fairness and ROI figures.</p>
          </div>
        </div>
      )}
      {(create.error ?? summary.error) && <ErrorNote>{(create.error ?? summary.error)!.message}</ErrorNote>}

      {list.isPending ? (
        <LoadingBlock label="Loading decks…" />
      ) : list.error ? (
        <ErrorNote title="The decks could not be loaded">{list.error.message}</ErrorNote>
      ) : decks.length === 0 ? (
        <EmptyState title="No decks yet">{canCreate ? 'Create one above, or generate an executive summary.' : 'Decks that colleagues share with you appear here.'}</EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
          <table className="w-full text-sm" aria-label="Decks">
            <thead>
              <tr className="border-b border-slate-200 text-left text-xs text-slate-500">
                <th className="px-4 py-2 font-medium">Name</th>
                <th className="px-4 py-2 text-right font-medium">Slides</th>
                <th className="px-4 py-2 font-medium">Updated</th>
                <th className="px-4 py-2 font-medium">Owner</th>
                <th className="px-4 py-2 font-medium">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {decks.map((d) => (
                <tr key={d.id} className="border-b border-slate-100 last:border-0">
                  <th scope="row" className="px-4 py-2 text-left font-medium">
                    <Link href={deckPages.editor(d.id)} className="text-brand-700 hover:underline">
                      {d.name}
                    </Link>
                    {d.shared && <span className="ml-2 rounded bg-emerald-50 px-1.5 py-0.5 text-xs font-medium text-emerald-700 ring-1 ring-inset ring-emerald-200">Shared</span>}
                    {!d.can_edit && <span className="ml-2 text-xs font-normal text-slate-400">read-only</span>}
                  </th>
                  <td className="px-4 py-2 text-right tabular-nums">{d.slides_count}</td>
                  <td className="px-4 py-2 text-slate-600">{when(d.updated_at)}</td>
                  <td className="px-4 py-2 text-slate-600">{d.created_by}</td>
                  <td className="px-4 py-2 text-right">
                    {d.can_edit && (
                      <button type="button" className="text-xs text-red-700 hover:underline" aria-label={`Delete ${d.name}`} onClick={() => setConfirming(d)}>
                        Delete
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {confirming && <ConfirmDelete deck={confirming} pending={remove.isPending} error={remove.error?.message ?? null} onCancel={cancelDelete} onConfirm={() => remove.mutate(confirming.id)} />}
    </div>
  );
}

function ConfirmDelete({ deck, pending, error, onCancel, onConfirm }: { deck: DeckSummary; pending: boolean; error: string | null; onCancel: () => void; onConfirm: () => void }) {
  const titleId = useId();
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    cancel.current?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onCancel();
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onCancel]);
  return (
    <div className="fixed inset-0 z-40 flex items-center justify-center bg-slate-900/40 p-4">
      <div role="alertdialog" aria-modal="true" aria-labelledby={titleId} className="w-full max-w-md space-y-4 rounded-xl bg-white p-5 shadow-xl">
        <h2 id={titleId} className="text-base font-semibold text-slate-900">
          Delete “{deck.name}”?
        </h2>
        <p className="text-sm text-slate-600">The deck, its {deck.slides_count} slides, frozen snapshots and share link are removed for everyone. This cannot be undone.</p>
        {error && <ErrorNote>{error}</ErrorNote>}
        <div className="flex justify-end gap-2">
          <button ref={cancel} type="button" className={buttonCls} onClick={onCancel}>
            Cancel
          </button>
          <button type="button" className="rounded-md bg-red-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-red-700 disabled:opacity-50" disabled={pending} onClick={onConfirm}>
            {pending ? 'Deleting…' : 'Delete deck'}
          </button>
        </div>
      </div>
    </div>
  );
}
