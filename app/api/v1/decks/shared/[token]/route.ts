import { route } from '@/lib/api/handler';
import { DECK_READ_ACCESS, deckData, deckJson, sharedDeck, tokenParams } from '@/lib/decks/service';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** A shared deck, read-only, with every block's data, for any signed-in user holding the link. */
export const GET = route({ access: DECK_READ_ACCESS, params: tokenParams }, async ({ db, principal, params }) => {
  const d = await sharedDeck(db, params.token);
  return { deck: deckJson(d, principal, { readOnly: true }), ...(await deckData(db, d)) };
});
