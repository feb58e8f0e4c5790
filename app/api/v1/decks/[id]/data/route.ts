import { route } from '@/lib/api/handler';
import { DECK_READ_ACCESS, deckData, deckParams, readable } from '@/lib/decks/service';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Every block's data by block id: frozen blocks from their snapshots, live blocks resolved now. */
export const GET = route({ access: DECK_READ_ACCESS, params: deckParams }, async ({ db, principal, params }) => deckData(db, await readable(db, params.id, principal)));
