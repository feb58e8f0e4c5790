import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { VersionDetail } from '@/components/models/version-detail';
import { requirePage } from '@/lib/auth/guard';
import { safeDecode } from '@/lib/ui/url-state';

export const metadata: Metadata = { title: 'Model version' };
export const dynamic = 'force-dynamic';

export default async function ModelVersionPage({ params }: { params: Promise<{ name: string; version: string }> }) {
  await requirePage('/models');
  const p = await params;
  if (!/^[1-9]\d*$/.test(p.version)) notFound();
  const name = safeDecode(p.name);
  return <VersionDetail key={`${name}/${p.version}`} name={name} version={p.version} />;
}
