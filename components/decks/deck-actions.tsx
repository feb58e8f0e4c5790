'use client';
// The deck's header actions: Present, Share (create a read-only link any signed-in user can open, copy it, revoke it)
// and the PPTX/PDF exports. Before leaving for present mode or downloading, pending edits are saved first (`beforeLeave`),
// so what is presented or exported is what is on screen.
import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useId, useRef, useState } from 'react';
import { buttonCls, primaryCls } from '@/components/tracking/bits';
import { decksApi, deckUrls } from '@/lib/ui/decks-api';

export function ExportLinks({ id, token, beforeLeave }: { id: string; token?: string | null; beforeLeave?: () => Promise<unknown> }) {
  return (
    <>
      {(['pptx', 'pdf'] as const).map((f) => {
        const href = deckUrls.export(id, f, token);
        return (
          <a
            key={f}
            href={href}
            download
            className={buttonCls}
            onClick={(e) => {
              if (!beforeLeave) return;
              e.preventDefault();
              void beforeLeave().then(() => window.location.assign(href));
            }}
          >
            Export {f.toUpperCase()}
          </a>
        );
      })}
    </>
  );
}

export function PresentButton({ href, beforeLeave }: { href: string; beforeLeave?: () => Promise<unknown> }) {
  const router = useRouter();
  return (
    <a
      href={href}
      className={primaryCls}
      onClick={(e) => {
        e.preventDefault();
        void (beforeLeave?.() ?? Promise.resolve()).then(() => router.push(href));
      }}
    >
      ▶ Present
    </a>
  );
}

const absolute = (url: string) => (typeof window === 'undefined' ? url : new URL(url, window.location.origin).toString());

export function SharePanel({ id, initialToken }: { id: string; initialToken: string | null }) {
  const panelId = useId();
  const [open, setOpen] = useState(false);
  const [url, setUrl] = useState<string | null>(initialToken ? `/decks/shared/${encodeURIComponent(initialToken)}` : null);
  const [copied, setCopied] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const create = useMutation({ mutationFn: () => decksApi.share(id), onSuccess: (r) => setUrl(r.url || `/decks/shared/${encodeURIComponent(r.share_token)}`) });
  const revoke = useMutation({ mutationFn: () => decksApi.unshare(id), onSuccess: () => setUrl(null) });
  const full = url ? absolute(url) : '';

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(full);
    } catch {
      // No clipboard permission (or an insecure origin): select the text and use the legacy copy command.
      input.current?.select();
      document.execCommand('copy');
    }
    setCopied(true);
    setTimeout(() => setCopied(false), 2000);
  };

  return (
    <div className="relative">
      <button type="button" className={buttonCls} aria-expanded={open} aria-controls={panelId} onClick={() => setOpen((o) => !o)}>
        Share{url ? ' · on' : ''}
      </button>
      {open && (
        <div id={panelId} role="group" aria-label="Share this deck" className="absolute right-0 z-20 mt-2 w-96 space-y-3 rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-lg">
          <p className="text-xs text-slate-500">Anyone signed in to StreamFlow with the link can view and present this deck and download its exports. They cannot edit it.</p>
          {url ? (
            <>
              <label className="block text-xs text-slate-600">
                Share link
                <input ref={input} readOnly value={full} onFocus={(e) => e.target.select()} className="mt-1 block w-full rounded-md border border-slate-300 bg-slate-50 px-2 py-1.5 text-xs" />
              </label>
              <div className="flex gap-2">
                <button type="button" className={primaryCls} onClick={() => void copy()}>
                  {copied ? 'Copied' : 'Copy link'}
                </button>
                <button type="button" className={buttonCls + ' text-red-700'} disabled={revoke.isPending} onClick={() => revoke.mutate()}>
                  {revoke.isPending ? 'Revoking…' : 'Revoke link'}
                </button>
              </div>
            </>
          ) : (
            <button type="button" className={primaryCls} disabled={create.isPending} onClick={() => create.mutate()}>
              {create.isPending ? 'Creating…' : 'Create share link'}
            </button>
          )}
          {(create.error ?? revoke.error) && (
            <p role="alert" className="text-xs text-red-700">
              {(create.error ?? revoke.error)!.message}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
