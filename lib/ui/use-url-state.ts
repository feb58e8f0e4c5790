'use client';

// View state lives in the address bar. Writes use window.history.replaceState (no server round trip: router.replace
// would re-render the dynamic server page) and reads go through useSyncExternalStore, so a click re-renders at once
// with the new state — useSearchParams alone catches up a moment later, in a transition, and controlled checkboxes
// would flick back meanwhile.
import { usePathname, useSearchParams } from 'next/navigation';
import { useCallback, useMemo, useSyncExternalStore } from 'react';
import { toQueryString } from './url-state';

const EVENT = 'streamflow:urlstate';

function subscribe(onChange: () => void) {
  window.addEventListener('popstate', onChange);
  window.addEventListener(EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(EVENT, onChange);
  };
}

/** The current search params, updated synchronously by useSearchParamsWriter and by back/forward. */
export function useLiveSearchParams(): URLSearchParams {
  // During server rendering and hydration the params Next handed over are the truth.
  const serverSearch = useSearchParams().toString();
  const search = useSyncExternalStore(
    subscribe,
    () => window.location.search.replace(/^\?/, ''),
    () => serverSearch,
  );
  return useMemo(() => new URLSearchParams(search), [search]);
}

/**
 * Returns `change(fn)`: fn gets the address bar's current params (not the last render's, which may lag behind when
 * two changes come in quick succession) and returns the new ones.
 */
export function useSearchParamsWriter() {
  const pathname = usePathname();
  return useCallback(
    (fn: (current: URLSearchParams) => URLSearchParams, mode: 'replace' | 'push' = 'replace') => {
      const next = fn(new URLSearchParams(window.location.search));
      const url = pathname + toQueryString(next);
      if (mode === 'push') window.history.pushState(null, '', url);
      else window.history.replaceState(null, '', url);
      window.dispatchEvent(new Event(EVENT));
    },
    [pathname],
  );
}
