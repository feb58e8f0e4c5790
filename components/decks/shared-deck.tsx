'use client';
// A deck opened through its share link: every slide, read-only, with Present and the exports (which carry the token,
// as the viewer does not own the deck). Speaker notes stay in present mode and the presenter window.
import { LoadingBlock } from '@/components/tracking/bits';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { ApiClientError } from '@/lib/ui/api-client';
import { deckPages } from '@/lib/ui/decks-api';
import { ExportLinks, PresentButton } from './deck-actions';
import { SlideView } from './slide-view';
import { useDeckSource } from './use-deck-source';

export function SharedDeck({ token }: { token: string }) {
  const { loaded, error } = useDeckSource({ kind: 'shared', token });
  if (error) {
    const gone = error instanceof ApiClientError && (error.status === 404 || error.status === 410);
    return <EmptyState title={gone ? 'This link no longer works' : 'The deck could not be opened'}>{gone ? 'The owner may have revoked the link or deleted the deck. Ask them for a new one.' : error.message}</EmptyState>;
  }
  if (!loaded) return <LoadingBlock label="Loading the deck…" height="h-96" />;
  const { deck, blocks } = loaded;
  const total = deck.slides.length;
  return (
    <>
      <PageHeader title={deck.name} description={`${deck.created_by ? `Shared by ${deck.created_by} · ` : ''}${total} slide${total === 1 ? '' : 's'} · read-only`}>
        <div className="flex flex-wrap items-center gap-2">
          {total > 0 && <PresentButton href={deckPages.sharedPresent(token)} />}
          <ExportLinks id={deck.id} token={token} />
        </div>
      </PageHeader>
      {total === 0 ? (
        <EmptyState title="This deck is empty">The owner has not added slides yet.</EmptyState>
      ) : (
        <ol aria-label="Slides" className="mx-auto max-w-5xl space-y-6">
          {deck.slides.map((s, i) => (
            <li key={s.id} className="overflow-hidden rounded-xl border border-slate-200 shadow-sm">
              <SlideView slide={s} index={i} total={total} data={blocks} deckName={deck.name} interactive />
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
