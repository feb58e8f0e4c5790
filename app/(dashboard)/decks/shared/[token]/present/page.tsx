import type { Metadata } from 'next';
import { PresentPage } from '@/components/decks/present-page';
import { requirePage } from '@/lib/auth/guard';

export const metadata: Metadata = { title: 'Present' };
export const dynamic = 'force-dynamic';

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** Present mode for a deck opened through its share link (and its presenter window with ?presenter=1). */
export default async function SharedPresentPage({ params, searchParams }: { params: Promise<{ token: string }>; searchParams: Promise<Search> }) {
  const { token } = await params;
  const sp = await searchParams;
  await requirePage(`/decks/shared/${encodeURIComponent(token)}/present`);
  return <PresentPage source={{ kind: 'shared', token }} slide={Math.max(1, Number(one(sp.slide)) || 1)} presenter={one(sp.presenter) === '1'} />;
}
