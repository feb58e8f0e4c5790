import { undoDeck } from '@/db/queries/decks';
import { route } from '@/lib/api/handler';
import { DECK_WRITE_ACCESS, deckJson, deckParams, editable } from '@/lib/decks/service';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Restores the document before the last save as a new version (undo twice = redo); 409 when there is none. */
export const POST = route({ access: DECK_WRITE_ACCESS, params: deckParams }, async ({ db, principal, params, audit }) => {
  await editable(db, params.id, principal);
  const row = await undoDeck({ db, id: params.id });
  await audit('deck.undone', { type: 'deck', id: row.id }, { version: row.version });
  return { deck: deckJson(row, principal) };
});
