import type { Metadata } from 'next';
import { SharedDeck } from '@/components/decks/shared-deck';
import { requirePage } from '@/lib/auth/guard';

export const metadata: Metadata = { title: 'Shared deck' };
export const dynamic = 'force-dynamic';

/** A deck opened through its share link: any signed-in user, read-only. */
export default async function SharedDeckPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  await requirePage(`/decks/shared/${encodeURIComponent(token)}`);
  return <SharedDeck token={token} />;
}
