import { z } from 'zod';
import { route } from '@/lib/api/handler';
import { FAIRNESS_READ_ACCESS } from '@/lib/fairness/api';
import { buildModelCard, modelCardMarkdown } from '@/lib/fairness/model-card';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const params = z.object({ name: z.string().min(1).max(256), version: z.coerce.number().int().positive() });
const query = z.object({ format: z.enum(['json', 'markdown']).default('json') });

/** The version's model card (Mitchell et al. sections) as JSON, or as a Markdown file with ?format=markdown. */
export const GET = route({ access: FAIRNESS_READ_ACCESS, params, query }, async ({ db, params: p, query: q }) => {
  const name = decodeURIComponent(p.name);
  const card = await buildModelCard(db, name, p.version);
  if (q.format === 'json') return card;
  return new Response(modelCardMarkdown(card), {
    headers: { 'content-type': 'text/markdown; charset=utf-8', 'content-disposition': `attachment; filename="model-card-${name}-v${p.version}.md"` },
  });
});
