import { route } from '@/lib/api/handler';
import { SCOPES } from '@/lib/auth/roles';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Who am I: the signed-in user, or the API key and its scopes. Any key may ask. */
export const GET = route({ access: { role: 'stakeholder', scopes: SCOPES } }, async ({ principal }) => ({ principal }));
