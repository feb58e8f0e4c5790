import { versionInfer } from '@/lib/serving/v2-routes';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const POST = versionInfer;
