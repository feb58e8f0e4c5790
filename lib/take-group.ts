// The group step of the two coalescing queues (micro-batches of inference, group commits of the prediction log).

/**
 * Removes entries from the front of `queue` while their total size stays within `max`, always taking the first one
 * (an entry larger than `max` goes alone rather than being split). Returns them and their total size.
 */
export function takeGroup<T>(queue: T[], max: number, sizeOf: (entry: T) => number): { group: T[]; size: number } {
  const group: T[] = [];
  let size = 0;
  while (queue.length > 0 && (group.length === 0 || size + sizeOf(queue[0]!) <= max)) {
    const entry = queue.shift()!;
    group.push(entry);
    size += sizeOf(entry);
  }
  return { group, size };
}
