import type { Metadata } from 'next';
import { DeckList } from '@/components/decks/deck-list';
import { PageHeader } from '@/components/ui/page-header';
import { requirePage } from '@/lib/auth/guard';
import { hasRole } from '@/lib/auth/roles';

export const metadata: Metadata = { title: 'Decks' };
export const dynamic = 'force-dynamic';

export default async function DecksPage() {
  const user = await requirePage('/decks');
  return (
    <>
      <PageHeader title="Decks" description="Slides for stakeholders, built from the live numbers (or frozen at a date), presented in the browser and exported to PPTX and PDF." />
      {/* Every signed-in user builds their own decks (stakeholders most of all); the owner or an admin edits one. */}
      <DeckList canCreate={hasRole(user.role, 'stakeholder')} />
    </>
  );
}
