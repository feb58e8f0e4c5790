import { route, json } from '@/lib/api/handler';
import { createDeck, DECK_READ_ACCESS, DECK_WRITE_ACCESS, deckJson, listFor } from '@/lib/decks/service';
import { createDeckBody } from '@/lib/decks/types';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** The caller's decks and every shared deck (administrators: all decks), newest first. */
export const GET = route({ access: DECK_READ_ACCESS }, async ({ db, principal }) => ({ decks: await listFor(db, principal) }));

/** A new deck owned by the caller; blocks sent as frozen are resolved and frozen now. */
export const POST = route({ access: DECK_WRITE_ACCESS, body: createDeckBody }, async ({ db, principal, body, audit }) => {
  const row = await createDeck(db, principal, body);
  await audit('deck.created', { type: 'deck', id: row.id }, { name: row.name, slides: body.slides.length });
  return json({ deck: deckJson(row, principal) }, 201);
});
