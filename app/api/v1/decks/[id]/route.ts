import { deleteDeck } from '@/db/queries/decks';
import { route } from '@/lib/api/handler';
import { DECK_READ_ACCESS, DECK_WRITE_ACCESS, deckJson, deckParams, editable, readable, saveDeck } from '@/lib/decks/service';
import { updateDeckBody } from '@/lib/decks/types';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** One deck (the caller's own, any shared one, or any for an administrator). */
export const GET = route({ access: DECK_READ_ACCESS, params: deckParams }, async ({ db, principal, params }) => ({ deck: deckJson(await readable(db, params.id, principal), principal) }));

/**
 * Saves the whole document if `version` is still current (else 409 with details.current_version). Blocks switched to
 * frozen are resolved and snapshotted now; blocks switched back to live lose their snapshot. Creator or admin only.
 */
export const PUT = route({ access: DECK_WRITE_ACCESS, params: deckParams, body: updateDeckBody }, async ({ db, principal, params, body, audit }) => {
  const { row, frozen, unfrozen } = await saveDeck(db, principal, params.id, body);
  await audit('deck.updated', { type: 'deck', id: row.id }, { version: row.version, slides: body.slides.length, ...(frozen.length ? { frozen } : {}), ...(unfrozen.length ? { unfrozen } : {}) });
  return { deck: deckJson(row, principal) };
});

/** Deletes the deck (its share link stops working). Creator or admin only. */
export const DELETE = route({ access: DECK_WRITE_ACCESS, params: deckParams }, async ({ db, principal, params, audit }) => {
  const d = await editable(db, params.id, principal);
  await deleteDeck({ db, id: d.id });
  await audit('deck.deleted', { type: 'deck', id: d.id }, { name: d.name, version: d.version });
  return {};
});
