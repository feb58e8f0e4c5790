'use client';
// Marks the document once React has hydrated and the app router has finished its own start-up (a timeout after the
// commit runs after every effect of it, the router's history sync included). End-to-end tests wait for it before
// they click: input before hydration is lost, and a URL written before the router starts is overwritten by it.
import { useEffect } from 'react';

export function HydrationMarker() {
  useEffect(() => {
    const t = setTimeout(() => {
      document.documentElement.dataset.hydrated = 'true';
    }, 0);
    return () => clearTimeout(t);
  }, []);
  return null;
}
