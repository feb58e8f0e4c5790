// What the deck routes call: who may see and change a deck, the JSON the UI reads, saving (freezing blocks that were
// switched to frozen, dropping the snapshot of blocks switched back to live), undo, sharing and exports. Routes stay
// thin; persistence is in db/queries/decks.ts, block data in resolve.ts, files in pptx.ts and pdf.ts.
//
// Access: every signed-in user may create decks and read their own and every shared deck (one with a share link);
// only the creator or an administrator may change, share or delete one. API keys (scope 'read') read shared decks.
import { z } from 'zod';
import type { Db } from '@/db/client';
import { getDeck, getDeckByToken, insertDeck, listDecks, updateDeck, type DeckRow } from '@/db/queries/decks';
import { ApiError } from '@/lib/api/errors';
import type { Principal } from '@/lib/auth/principal';
import { slug } from './format';
import { resolveBlock, resolveDeck } from './resolve';
import { slideSchema, type Block, type BlockData, type Slide } from './types';

export const DECK_READ_ACCESS = { role: 'stakeholder', scopes: ['read'] } as const;
/** Writes are a person's: no API key scope. */
export const DECK_WRITE_ACCESS = { role: 'stakeholder' } as const;

export const deckParams = z.object({ id: z.uuid('must be a deck id (UUID)') });
export const tokenParams = z.object({ token: z.string().min(20).max(100).regex(/^[\w-]+$/, 'must be a share token') });
export const exportQuery = z.object({ format: z.enum(['pptx', 'pdf']).default('pptx'), token: tokenParams.shape.token.optional() });

const ownerOf = (p: Principal | null) => (p?.kind === 'user' ? p.email : null);
export const canEdit = (p: Principal | null, d: DeckRow) => p?.kind === 'user' && (p.role === 'admin' || p.email === d.createdBy);
export const canRead = (p: Principal | null, d: DeckRow) => canEdit(p, d) || d.shareToken !== null;

/** The stored slides (validated when saved; parsed again so defaults added to the schema later apply). */
export function slidesOf(d: DeckRow): Slide[] {
  return (d.slides as unknown[]).map((s) => slideSchema.parse(s));
}

export function deckJson(d: DeckRow, p: Principal | null, opts: { readOnly?: boolean } = {}) {
  const edit = !opts.readOnly && canEdit(p, d);
  return {
    id: d.id,
    name: d.name,
    slides: slidesOf(d),
    version: d.version,
    created_by: d.createdBy,
    created_at: d.createdAt.toISOString(),
    updated_at: d.updatedAt.toISOString(),
    share_token: d.shareToken,
    can_edit: edit,
    can_undo: edit && d.previous !== null,
  };
}

export function deckListItem(d: DeckRow, p: Principal | null) {
  return {
    id: d.id,
    name: d.name,
    slides_count: (d.slides as unknown[]).length,
    version: d.version,
    created_by: d.createdBy,
    updated_at: d.updatedAt.toISOString(),
    shared: d.shareToken !== null,
    can_edit: canEdit(p, d),
  };
}

export async function listFor(db: Db, p: Principal | null) {
  const rows = await listDecks({ db, owner: ownerOf(p), all: p?.kind === 'user' && p.role === 'admin' });
  return rows.map((d) => deckListItem(d, p));
}

/** The deck if the caller may read it: 404 when it does not exist, 403 when it is someone else's and not shared. */
export async function readable(db: Db, id: string, p: Principal | null): Promise<DeckRow> {
  const d = await getDeck({ db, id });
  if (!d) throw new ApiError('not_found', `Deck ${id} not found`);
  if (!canRead(p, d)) throw new ApiError('forbidden', 'This deck is not shared with you');
  return d;
}

/** The deck if the caller may change it: 404 when it does not exist, 403 unless creator or administrator. */
export async function editable(db: Db, id: string, p: Principal | null): Promise<DeckRow> {
  const d = await getDeck({ db, id });
  if (!d) throw new ApiError('not_found', `Deck ${id} not found`);
  if (!canEdit(p, d)) throw new ApiError('forbidden', `Only the deck's creator (${d.createdBy}) or an administrator can change it`);
  return d;
}

export async function sharedDeck(db: Db, token: string): Promise<DeckRow> {
  const d = await getDeckByToken({ db, token });
  if (!d) throw new ApiError('not_found', 'This share link is not valid (it may have been revoked)');
  return d;
}

/** Block ids key the data map and the snapshots: they must be unique within a deck. */
function checkIds(slides: readonly Slide[]): void {
  const seen = new Set<string>();
  const ids = new Set<string>();
  slides.forEach((s, i) => {
    if (ids.has(s.id)) throw new ApiError('validation_failed', `Slide id '${s.id}' appears twice`, [{ path: `body.slides.${i}.id`, message: 'must be unique in the deck' }]);
    ids.add(s.id);
    s.blocks.forEach((b, j) => {
      if (seen.has(b.id)) throw new ApiError('validation_failed', `Block id '${b.id}' appears twice`, [{ path: `body.slides.${i}.blocks.${j}.id`, message: 'must be unique in the deck' }]);
      seen.add(b.id);
    });
  });
}

const canonical = (p: Block['params']) => JSON.stringify(Object.keys(p).sort().map((k) => [k, p[k]]));
const sameBlock = (a: Block, b: Block) => a.kind === b.kind && canonical(a.params) === canonical(b.params);

export interface FreezeResult {
  slides: Slide[];
  frozen: string[];
  unfrozen: string[];
}

/**
 * The document as it will be stored. A live block loses any snapshot. A frozen block keeps the snapshot the stored
 * deck holds for it (same id, kind and parameters); a snapshot the server did not take is never trusted. A frozen
 * block sent without a snapshot, or whose kind or parameters changed, is resolved and frozen now.
 */
export async function applyFreezing(db: Db, slides: readonly Slide[], stored: readonly Slide[] = []): Promise<FreezeResult> {
  checkIds(slides);
  const before = new Map(stored.flatMap((s) => s.blocks).map((b) => [b.id, b]));
  const at = new Date().toISOString();
  const frozen: string[] = [];
  const unfrozen: string[] = [];
  const out = await Promise.all(
    slides.map(async (s) => ({
      ...s,
      blocks: await Promise.all(
        s.blocks.map(async (b): Promise<Block> => {
          const old = before.get(b.id);
          if (b.mode === 'live') {
            if (old?.mode === 'frozen') unfrozen.push(b.id);
            const { snapshot: _drop, ...live } = b;
            return live;
          }
          if (b.snapshot && old?.mode === 'frozen' && old.snapshot && sameBlock(old, b)) return { ...b, snapshot: old.snapshot };
          frozen.push(b.id);
          const { snapshot: _old, ...rest } = b;
          const data: BlockData = await resolveBlock(db, { ...rest, mode: 'live' });
          return { ...b, snapshot: { at, data } };
        }),
      ),
    })),
  );
  return { slides: out, frozen, unfrozen };
}

export async function createDeck(db: Db, p: Principal | null, doc: { name: string; slides: Slide[] }): Promise<DeckRow> {
  const owner = ownerOf(p);
  if (!owner) throw new ApiError('forbidden', 'Sign in to create a deck');
  const { slides } = await applyFreezing(db, doc.slides);
  return insertDeck({ db, doc: { name: doc.name, slides }, createdBy: owner });
}

export async function saveDeck(db: Db, p: Principal | null, id: string, body: { name: string; slides: Slide[]; version: number }) {
  const current = await editable(db, id, p);
  if (current.version !== body.version) {
    throw new ApiError('conflict', `The deck was saved by someone else (version ${current.version}); reload it and apply your change again`, { current_version: current.version });
  }
  const f = await applyFreezing(db, body.slides, slidesOf(current));
  const row = await updateDeck({ db, id, version: body.version, doc: { name: body.name, slides: f.slides } });
  return { row, frozen: f.frozen, unfrozen: f.unfrozen };
}

export async function duplicateDeck(db: Db, p: Principal | null, d: DeckRow): Promise<DeckRow> {
  const owner = ownerOf(p);
  if (!owner) throw new ApiError('forbidden', 'Sign in to copy a deck');
  return insertDeck({ db, doc: { name: `${d.name} (copy)`.slice(0, 200), slides: d.slides as unknown[] }, createdBy: owner });
}

export async function deckData(db: Db, d: DeckRow) {
  const resolved_at = new Date().toISOString();
  return { blocks: await resolveDeck(db, slidesOf(d)), resolved_at };
}

export const EXPORT_TYPES = {
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  pdf: 'application/pdf',
} as const;

/** The deck as a .pptx or .pdf download (rendered from the same BlockData the web view draws). */
export async function exportDeck(db: Db, d: DeckRow, format: keyof typeof EXPORT_TYPES): Promise<Response> {
  const slides = slidesOf(d);
  const blocks = await resolveDeck(db, slides);
  const input = { name: d.name, slides, blocks, generatedAt: new Date().toISOString() };
  // Loaded on demand: the renderers pull in pptxgenjs / pdfkit, which only exports need.
  const buf = format === 'pptx' ? await (await import('./pptx')).renderPptx(input) : await (await import('./pdf')).renderPdf(input);
  return new Response(new Uint8Array(buf), {
    headers: {
      'content-type': EXPORT_TYPES[format],
      'content-disposition': `attachment; filename="${slug(d.name)}.${format}"`,
      'content-length': String(buf.length),
      'cache-control': 'no-store',
    },
  });
}
