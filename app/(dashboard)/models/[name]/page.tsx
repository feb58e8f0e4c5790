import type { Metadata } from 'next';
import { ModelDetail } from '@/components/registry/model-detail';
import { requirePage } from '@/lib/auth/guard';
import { hasRole } from '@/lib/auth/roles';
import { safeDecode } from '@/lib/ui/url-state';

export const metadata: Metadata = { title: 'Model' };
export const dynamic = 'force-dynamic';

export default async function ModelPage({ params }: { params: Promise<{ name: string }> }) {
  const user = await requirePage('/models');
  const name = safeDecode((await params).name);
  // The buttons follow the role; the API refuses other roles (403) whatever the page shows.
  return <ModelDetail key={name} name={name} canEdit={hasRole(user.role, 'data_scientist')} isAdmin={user.role === 'admin'} />;
}
