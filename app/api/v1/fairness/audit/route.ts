import { route } from '@/lib/api/handler';
import { AUDIT_MAX_BYTES, FAIRNESS_ACCESS, runAuditRequest } from '@/lib/fairness/api';
import { auditBody } from '@/lib/fairness/schemas';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Per-group metrics, disparities (Fairlearn's and Aequitas's conventions) and bootstrap CIs on posted arrays. */
export const POST = route({ access: FAIRNESS_ACCESS, body: auditBody, maxBodyBytes: AUDIT_MAX_BYTES }, async ({ body }) => runAuditRequest(body));
