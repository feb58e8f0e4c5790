// Browser-side shapes and URLs of the decks API (app/api/v1/decks). One place, so the list, editor, present and
// shared views agree on query keys and on how a shared deck's token travels with its exports.
import type { BlockData, Slide } from '@/lib/decks/types';
import { apiFetch } from './api-client';

export interface DeckSummary {
  id: string;
  name: string;
  slides_count: number;
  version: number;
  created_by: string;
  updated_at: string;
  shared: boolean;
  can_edit: boolean;
}

export interface Deck {
  id: string;
  name: string;
  slides: Slide[];
  version: number;
  created_by: string;
  created_at: string;
  updated_at: string;
  share_token: string | null;
  can_edit: boolean;
  can_undo: boolean;
}

export type BlocksData = Record<string, BlockData>;

const base = '/api/v1/decks';
const enc = encodeURIComponent;

export const deckUrls = {
  list: base,
  deck: (id: string) => `${base}/${enc(id)}`,
  data: (id: string) => `${base}/${enc(id)}/data`,
  undo: (id: string) => `${base}/${enc(id)}/undo`,
  share: (id: string) => `${base}/${enc(id)}/share`,
  shared: (token: string) => `${base}/shared/${enc(token)}`,
  executiveSummary: `${base}/executive-summary`,
  /** The file download; a shared deck's viewers pass the token instead of owning the deck. */
  export: (id: string, format: 'pptx' | 'pdf', token?: string | null) => `${base}/${enc(id)}/export?format=${format}${token ? `&token=${enc(token)}` : ''}`,
};

/** Page routes of the decks area. */
export const deckPages = {
  list: '/decks',
  editor: (id: string) => `/decks/${enc(id)}`,
  present: (id: string, slide?: number) => `/decks/${enc(id)}/present${slide ? `?slide=${slide}` : ''}`,
  shared: (token: string) => `/decks/shared/${enc(token)}`,
  sharedPresent: (token: string, slide?: number) => `/decks/shared/${enc(token)}/present${slide ? `?slide=${slide}` : ''}`,
};

export const deckKeys = {
  list: ['decks'] as const,
  deck: (id: string) => ['deck', id] as const,
  /** Keyed by the saved blocks' signature, so title or notes edits do not re-resolve every chart. */
  data: (id: string, signature: string) => ['deck-data', id, signature] as const,
  shared: (token: string) => ['deck-shared', token] as const,
};

export const decksApi = {
  list: () => apiFetch<{ decks: DeckSummary[] }>(deckUrls.list),
  create: (body: { name: string; slides?: Slide[] }) => apiFetch<{ deck: Deck }>(deckUrls.list, { method: 'POST', body }),
  executiveSummary: () => apiFetch<{ deck: Deck }>(deckUrls.executiveSummary, { method: 'POST', body: {} }),
  get: (id: string) => apiFetch<{ deck: Deck }>(deckUrls.deck(id)),
  save: (id: string, body: { name: string; slides: Slide[]; version: number }) => apiFetch<{ deck: Deck }>(deckUrls.deck(id), { method: 'PUT', body }),
  remove: (id: string) => apiFetch<unknown>(deckUrls.deck(id), { method: 'DELETE' }),
  undo: (id: string) => apiFetch<{ deck: Deck }>(deckUrls.undo(id), { method: 'POST', body: {} }),
  data: (id: string) => apiFetch<{ blocks: BlocksData; resolved_at: string }>(deckUrls.data(id)),
  share: (id: string) => apiFetch<{ share_token: string; url: string }>(deckUrls.share(id), { method: 'POST', body: {} }),
  unshare: (id: string) => apiFetch<unknown>(deckUrls.share(id), { method: 'DELETE' }),
  shared: (token: string) => apiFetch<{ deck: Deck; blocks: BlocksData }>(deckUrls.shared(token)),
};
