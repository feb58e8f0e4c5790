import { json, route } from '@/lib/api/handler';
import { executiveSummary } from '@/lib/decks/executive';
import { createDeck, DECK_WRITE_ACCESS, deckJson } from '@/lib/decks/service';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** A new deck generated from the current state: overview, model, drift, fairness and ROI slides with speaker notes. */
export const POST = route({ access: DECK_WRITE_ACCESS }, async ({ db, principal, audit }) => {
  const doc = await executiveSummary(db);
  const row = await createDeck(db, principal, doc);
  await audit('deck.created', { type: 'deck', id: row.id }, { name: row.name, slides: doc.slides.length, generated: 'executive_summary' });
  return json({ deck: deckJson(row, principal) }, 201);
});
