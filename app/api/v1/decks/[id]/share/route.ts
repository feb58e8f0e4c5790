import { ensureShareToken, revokeShareToken } from '@/db/queries/decks';
import { route } from '@/lib/api/handler';
import { DECK_WRITE_ACCESS, deckParams, editable } from '@/lib/decks/service';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** A read-only link for signed-in users (sharing again returns the same link). Creator or admin only. */
export const POST = route({ access: DECK_WRITE_ACCESS, params: deckParams }, async ({ db, principal, params, audit }) => {
  const d = await editable(db, params.id, principal);
  const token = await ensureShareToken({ db, id: d.id });
  if (token !== d.shareToken) await audit('deck.shared', { type: 'deck', id: d.id });
  return { share_token: token, url: `/decks/shared/${token}` };
});

/** Revokes the link: the token stops working at once. Creator or admin only. */
export const DELETE = route({ access: DECK_WRITE_ACCESS, params: deckParams }, async ({ db, principal, params, audit }) => {
  const d = await editable(db, params.id, principal);
  await revokeShareToken({ db, id: d.id });
  if (d.shareToken) await audit('deck.unshared', { type: 'deck', id: d.id });
  return {};
});
