import type { Metadata } from 'next';
import { PresentPage } from '@/components/decks/present-page';
import { requirePage } from '@/lib/auth/guard';

export const metadata: Metadata = { title: 'Present' };
export const dynamic = 'force-dynamic';

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** Present mode (?slide=N to start there); ?presenter=1 is the presenter window it opens. */
export default async function DeckPresentPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Search> }) {
  const { id } = await params;
  const sp = await searchParams;
  await requirePage(`/decks/${encodeURIComponent(id)}/present`);
  return <PresentPage source={{ kind: 'own', id }} slide={Math.max(1, Number(one(sp.slide)) || 1)} presenter={one(sp.presenter) === '1'} />;
}
