import 'server-only';
// Stakeholder decks: the whole document (name + slides JSON) in one row, saved with optimistic concurrency (a save
// names the version it was edited from; another save in between makes it a 409 with the current version), the
// document before the last save kept in `previous` for a one-step undo, and a random share token for read links.
// Who may see or change a deck is decided in lib/decks/service.ts; this file only reads and writes rows.
import { randomBytes } from 'node:crypto';
import { and, desc, eq, isNotNull, or, sql } from 'drizzle-orm';
import { ApiError } from '@/lib/api/errors';
import type { Db } from '../client';
import { decks } from '../roi-decks-schema';

export type DeckRow = typeof decks.$inferSelect;
export interface DeckDoc {
  name: string;
  slides: unknown[];
}

/** Newest first: every deck (`all`, for administrators), else the user's own and the shared ones. */
export async function listDecks({ db, owner, all }: { db: Db; owner: string | null; all: boolean }): Promise<DeckRow[]> {
  const where = all ? undefined : owner ? or(eq(decks.createdBy, owner), isNotNull(decks.shareToken)) : isNotNull(decks.shareToken);
  return db.select().from(decks).where(where).orderBy(desc(decks.updatedAt), desc(decks.createdAt));
}

export async function getDeck({ db, id }: { db: Db; id: string }): Promise<DeckRow | undefined> {
  const [r] = await db.select().from(decks).where(eq(decks.id, id));
  return r;
}

export async function getDeckByToken({ db, token }: { db: Db; token: string }): Promise<DeckRow | undefined> {
  const [r] = await db.select().from(decks).where(eq(decks.shareToken, token));
  return r;
}

export async function insertDeck({ db, doc, createdBy }: { db: Db; doc: DeckDoc; createdBy: string }): Promise<DeckRow> {
  const [r] = await db.insert(decks).values({ name: doc.name, slides: doc.slides, createdBy }).returning();
  return r!;
}

function conflict(current: DeckRow): ApiError {
  return new ApiError('conflict', `The deck was saved by someone else (version ${current.version}); reload it and apply your change again`, { current_version: current.version });
}

/**
 * Saves a new document if the deck is still at `version` (else 409 with the current version in details), keeping
 * the document it replaces in `previous`. 404 when the deck is gone.
 */
export async function updateDeck({ db, id, version, doc }: { db: Db; id: string; version: number; doc: DeckDoc }): Promise<DeckRow> {
  const [r] = await db
    .update(decks)
    .set({
      name: doc.name,
      slides: doc.slides,
      previous: sql`jsonb_build_object('name', ${decks.name}, 'slides', ${decks.slides})`,
      version: sql`${decks.version} + 1`,
      updatedAt: sql`now()`,
    })
    .where(and(eq(decks.id, id), eq(decks.version, version)))
    .returning();
  if (r) return r;
  const current = await getDeck({ db, id });
  if (!current) throw new ApiError('not_found', `Deck ${id} not found`);
  throw conflict(current);
}

/**
 * Undo: the previous document comes back and the current one becomes `previous` (so a second undo redoes), as a new
 * version. 409 when there is nothing to undo or another save got in first.
 */
export async function undoDeck({ db, id }: { db: Db; id: string }): Promise<DeckRow> {
  const current = await getDeck({ db, id });
  if (!current) throw new ApiError('not_found', `Deck ${id} not found`);
  if (!current.previous) throw new ApiError('conflict', 'There is no earlier version of this deck to go back to', { current_version: current.version });
  const [r] = await db
    .update(decks)
    .set({
      name: current.previous.name,
      slides: current.previous.slides,
      previous: { name: current.name, slides: current.slides },
      version: current.version + 1,
      updatedAt: sql`now()`,
    })
    .where(and(eq(decks.id, id), eq(decks.version, current.version)))
    .returning();
  if (r) return r;
  const now = await getDeck({ db, id });
  if (!now) throw new ApiError('not_found', `Deck ${id} not found`);
  throw conflict(now);
}

export async function deleteDeck({ db, id }: { db: Db; id: string }): Promise<boolean> {
  const rows = await db.delete(decks).where(eq(decks.id, id)).returning({ id: decks.id });
  return rows.length > 0;
}

/** A 32-character url-safe token (24 random bytes). */
export function newShareToken(): string {
  return randomBytes(24).toString('base64url');
}

/** The deck's share token, creating one if it has none (sharing twice keeps the same link). */
export async function ensureShareToken({ db, id }: { db: Db; id: string }): Promise<string> {
  const [r] = await db
    .update(decks)
    .set({ shareToken: sql`coalesce(${decks.shareToken}, ${newShareToken()})` })
    .where(eq(decks.id, id))
    .returning({ token: decks.shareToken });
  if (!r?.token) throw new ApiError('not_found', `Deck ${id} not found`);
  return r.token;
}

/** Revokes the share link (the old token stops working at once). */
export async function revokeShareToken({ db, id }: { db: Db; id: string }): Promise<void> {
  const rows = await db.update(decks).set({ shareToken: null }).where(eq(decks.id, id)).returning({ id: decks.id });
  if (!rows.length) throw new ApiError('not_found', `Deck ${id} not found`);
}
