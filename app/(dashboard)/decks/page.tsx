import type { Metadata } from 'next';
import { AreaPlaceholder } from '@/components/layout/area-placeholder';
import { requirePage } from '@/lib/auth/guard';

export const metadata: Metadata = { title: 'Decks' };
export const dynamic = 'force-dynamic';

export default async function Page() {
  await requirePage('/decks');
  return (
    <AreaPlaceholder title="Decks" description="Slides for stakeholders, built from the live numbers, exported to PPTX and PDF." emptyTitle="No decks yet">
      Decks are assembled from the overview, model, monitoring, fairness and ROI figures once those exist. Nothing here is made up in the meantime.
    </AreaPlaceholder>
  );
}
