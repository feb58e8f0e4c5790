'use client';
// Loads the deck (own or shared) for present mode and shows the audience view or, with ?presenter=1, the presenter
// window. Loading and errors cover the screen too, so the app's navigation never flashes behind a presentation.
import Link from 'next/link';
import { PresenterConsole } from './presenter-console';
import { PresentView } from './present-view';
import { sourceLinks, useDeckSource, type DeckSource } from './use-deck-source';

export function PresentPage({ source, slide, presenter }: { source: DeckSource; slide: number; presenter: boolean }) {
  const { loaded, error } = useDeckSource(source);
  const links = sourceLinks(source);
  if (!loaded) {
    return (
      <div className="fixed inset-0 z-50 flex flex-col items-center justify-center gap-3 bg-slate-950 text-slate-300" aria-busy={!error}>
        {error ? (
          <>
            <p role="alert">The deck could not be opened: {error.message}</p>
            <Link href={links.home} className="text-sky-300 underline">
              Back
            </Link>
          </>
        ) : (
          <p>Loading the deck…</p>
        )}
      </div>
    );
  }
  return presenter ? <PresenterConsole loaded={loaded} initialSlide={slide} links={links} /> : <PresentView loaded={loaded} initialSlide={slide} links={links} />;
}
