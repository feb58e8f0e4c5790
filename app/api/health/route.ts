import { route } from '@/lib/api/handler';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Liveness: the process answers. It does not touch the database, so a database outage does not restart the app. */
export const GET = route({ access: 'public', db: false }, async () => ({ status: 'ok', uptime_s: Math.round(process.uptime()) }));
