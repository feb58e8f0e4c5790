import { z } from 'zod';
import { deleteScenario } from '@/db/queries/roi';
import { ApiError } from '@/lib/api/errors';
import { route } from '@/lib/api/handler';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const params = z.object({ id: z.coerce.number().int().positive() });

export const DELETE = route({ access: { role: 'stakeholder' }, params }, async ({ db, params: p }) => {
  if (!(await deleteScenario({ db, id: p.id }))) throw new ApiError('not_found', `ROI scenario ${p.id} not found`);
  return {};
});
