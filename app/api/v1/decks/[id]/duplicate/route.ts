import { json, route } from '@/lib/api/handler';
import { DECK_WRITE_ACCESS, deckJson, deckParams, duplicateDeck, readable } from '@/lib/decks/service';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** A copy of a deck the caller can read, owned by the caller (snapshots are copied as they are; not shared). */
export const POST = route({ access: DECK_WRITE_ACCESS, params: deckParams }, async ({ db, principal, params, audit }) => {
  const source = await readable(db, params.id, principal);
  const row = await duplicateDeck(db, principal, source);
  await audit('deck.created', { type: 'deck', id: row.id }, { name: row.name, copied_from: source.id });
  return json({ deck: deckJson(row, principal) }, 201);
});
