import { route } from '@/lib/api/handler';
import { loadOverview } from '@/lib/overview/load';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = route({ access: { role: 'stakeholder', scopes: ['read'] } }, async ({ db }) => loadOverview(db));
