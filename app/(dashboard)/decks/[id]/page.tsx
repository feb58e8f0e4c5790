import type { Metadata } from 'next';
import { DeckEditorLoader } from '@/components/decks/deck-editor';
import { requirePage } from '@/lib/auth/guard';

export const metadata: Metadata = { title: 'Deck' };
export const dynamic = 'force-dynamic';

// The editor (read-only when the deck's can_edit is false); the deck itself is fetched in the browser, where the
// autosave keeps it.
export default async function DeckPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requirePage(`/decks/${encodeURIComponent(id)}`);
  return <DeckEditorLoader id={id} />;
}
