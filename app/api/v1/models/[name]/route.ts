import { z } from 'zod';
import { route } from '@/lib/api/handler';
import { servedModelInfo } from '@/lib/serving/model-info';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const params = z.object({ name: z.string().min(1) });

/** The served (@champion) version of a model, its features and an example record that scores as-is. */
export const GET = route({ access: { role: 'retention', scopes: ['predict', 'read'] }, params }, async ({ db, params: p }) => servedModelInfo(db, decodeURIComponent(p.name)));
