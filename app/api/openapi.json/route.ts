import { route } from '@/lib/api/handler';
import { openApiDocument } from '@/lib/serving/openapi';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** The OpenAPI 3.1 description of the API, public like FastAPI's /openapi.json; built once per process. */
export const GET = route({ access: 'public', db: false }, async () =>
  new Response(openApiDocument().json, {
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'public, max-age=300', 'access-control-allow-origin': '*' },
  }),
);
