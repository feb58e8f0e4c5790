import { z } from 'zod';
import { listAudit } from '@/db/queries/audit';
import { route } from '@/lib/api/handler';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const query = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  before: z.coerce.number().int().min(1).optional(),
  action: z.string().max(100).optional(),
});

export const GET = route({ access: { role: 'admin' }, query }, async ({ db, query }) => {
  const entries = await listAudit({ db, ...query });
  return { entries, next_before: entries.length === query.limit ? entries.at(-1)!.id : null };
});
