// Alias moves, announced in-process: serving listens so a promotion made on this replica takes effect on its next
// request, without importing the serving code into the tracking layer. (Other replicas notice within a second.)
type Listener = (name: string, alias: string) => void;
const listeners = new Set<Listener>();

export function onAliasChange(fn: Listener): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export function announceAliasChange(name: string, alias: string): void {
  for (const fn of listeners) fn(name, alias);
}
