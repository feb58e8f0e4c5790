import type { Metadata } from 'next';
import { RunDetail } from '@/components/tracking/run-detail';
import { requirePage } from '@/lib/auth/guard';
import { safeDecode } from '@/lib/ui/url-state';

export const metadata: Metadata = { title: 'Run' };
export const dynamic = 'force-dynamic';

export default async function RunPage({ params }: { params: Promise<{ runId: string }> }) {
  await requirePage('/experiments');
  const { runId } = await params;
  return <RunDetail runId={safeDecode(runId)} />;
}
