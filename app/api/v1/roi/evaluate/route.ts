import { route } from '@/lib/api/handler';
import { ROI_ACCESS, runRoiRequest } from '@/lib/roi/api';
import { ROI_MAX_BYTES, roiEvaluateBody } from '@/lib/roi/schemas';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** The retention campaign's profit curve, optimum, band, baselines, break-even rate and tornado on posted scores. */
export const POST = route({ access: ROI_ACCESS, body: roiEvaluateBody, maxBodyBytes: ROI_MAX_BYTES }, async ({ body }) => runRoiRequest(body));
