'use client';
// The current slide, shared between the audience window and the presenter window over a BroadcastChannel (same
// origin, same browser; no server round trip). Either window can move; the other follows. A window that opens says
// "hello" and the others answer with their slide, so a presenter window opened mid-talk joins at the right place.
// Only local moves are broadcast, never received ones, so two windows cannot echo each other forever.
import { useCallback, useEffect, useRef, useState } from 'react';

type Message = { type: 'goto'; index: number } | { type: 'hello' };

const clamp = (i: number, total: number) => Math.max(0, Math.min(Math.max(0, total - 1), i));

export function useSlideSync(channelName: string, total: number, initial: number) {
  const [index, setIndex] = useState(() => clamp(initial, total));
  const current = useRef(index);
  const channel = useRef<BroadcastChannel | null>(null);

  useEffect(() => {
    if (typeof BroadcastChannel === 'undefined') return;
    const ch = new BroadcastChannel(channelName);
    channel.current = ch;
    ch.onmessage = (e: MessageEvent<Message>) => {
      const m = e.data;
      if (m?.type === 'goto' && Number.isInteger(m.index)) {
        current.current = clamp(m.index, total);
        setIndex(current.current);
      } else if (m?.type === 'hello') {
        ch.postMessage({ type: 'goto', index: current.current } satisfies Message);
      }
    };
    ch.postMessage({ type: 'hello' } satisfies Message);
    return () => {
      ch.close();
      channel.current = null;
    };
  }, [channelName, total]);

  const go = useCallback(
    (i: number | ((current: number) => number)) => {
      const next = clamp(typeof i === 'function' ? i(current.current) : i, total);
      if (next === current.current) return;
      current.current = next;
      setIndex(next);
      channel.current?.postMessage({ type: 'goto', index: next } satisfies Message);
    },
    [total],
  );

  return [index, go] as const;
}
