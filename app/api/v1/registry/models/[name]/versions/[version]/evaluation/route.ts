import { z } from 'zod';
import { route } from '@/lib/api/handler';
import { versionReport } from '@/lib/ml/version-report';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const params = z.object({ name: z.string().min(1), version: z.coerce.number().int().positive() });

/** A version's manifest and evaluation: ROC, PR, calibration and lift data, importance, SHAP dependence, training history. */
export const GET = route({ access: { role: 'stakeholder', scopes: ['read', 'tracking'] }, params }, async ({ db, params: p }) => versionReport(db, decodeURIComponent(p.name), p.version));
