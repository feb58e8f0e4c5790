import { ApiError } from '@/lib/api/errors';
import { route } from '@/lib/api/handler';
import { DECK_READ_ACCESS, deckParams, exportDeck, exportQuery, readable, sharedDeck } from '@/lib/decks/service';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** The deck as a .pptx (native, editable charts) or .pdf download; `?token=` opens a shared deck by its link. */
export const GET = route({ access: DECK_READ_ACCESS, params: deckParams, query: exportQuery }, async ({ db, principal, params, query }) => {
  let d;
  if (query.token) {
    d = await sharedDeck(db, query.token);
    if (d.id !== params.id) throw new ApiError('not_found', 'This share link is for another deck');
  } else d = await readable(db, params.id, principal);
  return exportDeck(db, d, query.format);
});
