'use client';
// Where a read-only view (present mode, the presenter window, the shared view) gets a deck and its resolved blocks:
// the owner's API by id (deck, then …/data keyed by the blocks' signature, the same cache entry the editor fills on
// save), or the shared endpoint by token (deck and blocks in one response).
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { blocksSignature } from '@/lib/decks/edit';
import { deckKeys, deckPages, decksApi, type BlocksData, type Deck } from '@/lib/ui/decks-api';

export type DeckSource = { kind: 'own'; id: string } | { kind: 'shared'; token: string };

export interface LoadedDeck {
  deck: Deck;
  blocks: BlocksData | undefined;
  /** The share token, when viewing through a link (exports need it). */
  token: string | null;
}

export function useDeckSource(source: DeckSource): { loaded: LoadedDeck | null; error: Error | null; blocksError: Error | null } {
  const own = source.kind === 'own';
  const deckQ = useQuery({ queryKey: own ? deckKeys.deck(source.id) : ['none'], queryFn: () => decksApi.get((source as { id: string }).id), enabled: own, refetchOnMount: 'always' });
  const signature = deckQ.data ? blocksSignature(deckQ.data.deck.slides) : '';
  const dataQ = useQuery({
    queryKey: own ? deckKeys.data(source.id, signature) : ['none-data'],
    queryFn: () => decksApi.data((source as { id: string }).id),
    enabled: own && !!deckQ.data,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
  const sharedQ = useQuery({ queryKey: own ? ['none-shared'] : deckKeys.shared(source.token), queryFn: () => decksApi.shared((source as { token: string }).token), enabled: !own, retry: false });

  if (own) {
    return { loaded: deckQ.data ? { deck: deckQ.data.deck, blocks: dataQ.data?.blocks, token: null } : null, error: deckQ.error, blocksError: dataQ.error };
  }
  return { loaded: sharedQ.data ? { deck: sharedQ.data.deck, blocks: sharedQ.data.blocks, token: source.token } : null, error: sharedQ.error, blocksError: null };
}

/** Links between the views of one source. */
export function sourceLinks(source: DeckSource) {
  if (source.kind === 'own') {
    return {
      home: deckPages.editor(source.id),
      present: (slide?: number) => deckPages.present(source.id, slide),
      presenter: (slide: number) => `${deckPages.present(source.id)}?presenter=1&slide=${slide}`,
      channel: `streamflow-deck:${source.id}`,
    };
  }
  return {
    home: deckPages.shared(source.token),
    present: (slide?: number) => deckPages.sharedPresent(source.token, slide),
    presenter: (slide: number) => `${deckPages.sharedPresent(source.token)}?presenter=1&slide=${slide}`,
    channel: `streamflow-deck:shared:${source.token}`,
  };
}
