import { z } from 'zod';
import { route } from '@/lib/api/handler';
import { FAIRNESS_READ_ACCESS, requireVersion } from '@/lib/fairness/api';
import { checkGate } from '@/lib/fairness/gate';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const params = z.object({ name: z.string().min(1).max(256), version: z.coerce.number().int().positive() });

/** What the promotion gate would say if this version were promoted to @champion now. */
export const GET = route({ access: FAIRNESS_READ_ACCESS, params }, async ({ db, params: p }) => {
  const name = decodeURIComponent(p.name);
  await requireVersion(db, name, p.version);
  return checkGate(db, name, p.version);
});
