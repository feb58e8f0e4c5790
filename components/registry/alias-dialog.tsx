'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { apiFetch } from '@/lib/ui/api-client';
import { useEffect, useId, useRef, useState } from 'react';
import { buttonCls, inputCls, primaryCls } from '@/components/tracking/bits';
import { aliasProblem, MIN_REASON, reasonProblem, SUGGESTED_ALIASES } from '@/lib/ui/registry';
import { trackingApi } from '@/lib/ui/tracking-api';
import type { ModelVersion } from '@/lib/ui/tracking-types';

export type AliasAction =
  | { kind: 'promote'; version?: string; alias?: string }
  | { kind: 'rollback'; alias: string }
  | { kind: 'remove'; alias: string };

const OTHER = '\u0000other';

/**
 * Promote (point an alias at a version), roll back (point it at an older version) or remove an alias. Every change
 * needs a reason, which the server keeps in the audit log with the user's name.
 */
export function AliasDialog({
  model,
  action,
  versions,
  aliases,
  onClose,
  onDone,
}: {
  model: string;
  action: AliasAction;
  /** Versions to choose from (for a rollback: the older ones), newest first. */
  versions: ModelVersion[];
  aliases: Map<string, string>;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const titleId = useId();
  const initialAlias = action.kind === 'promote' ? (action.alias ?? 'champion') : action.alias;
  const known = [...new Set([...SUGGESTED_ALIASES, ...aliases.keys()])];
  const [aliasChoice, setAliasChoice] = useState(known.includes(initialAlias) ? initialAlias : OTHER);
  const [customAlias, setCustomAlias] = useState(known.includes(initialAlias) ? '' : initialAlias);
  const [version, setVersion] = useState(action.kind === 'promote' ? (action.version ?? versions[0]?.version ?? '') : (versions[0]?.version ?? ''));
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const [justification, setJustification] = useState('');
  const me = useQuery({ queryKey: ['me'], queryFn: () => apiFetch<{ principal: { kind: string; role?: string } | null }>('/api/v1/me'), staleTime: 60_000 });
  const isAdmin = me.data?.principal?.role === 'admin';
  // A 409 from the fairness gate: the recorded criterion fails on this version. An administrator may override it.
  const [gateMessage, setGateMessage] = useState<string | null>(null);
  const gateBlocked = gateMessage !== null;
  const alias = aliasChoice === OTHER ? customAlias.trim() : aliasChoice;
  const current = aliases.get(alias);
  const first = useRef<HTMLSelectElement & HTMLTextAreaElement>(null);

  useEffect(() => first.current?.focus(), []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onClose]);

  const m = useMutation({
    mutationFn: async () => {
      if (action.kind === 'remove') await trackingApi.deleteAlias({ name: model, alias, reason: reason.trim() });
      else await trackingApi.setAlias({ name: model, alias, version: Number(version), reason: reason.trim(), ...(gateBlocked && justification.trim() ? { fairness_override: { justification: justification.trim() } } : {}) });
    },
    onError: (e) => {
      if ((e as { status?: number }).status === 409 && e.message.startsWith('Fairness gate')) setGateMessage(e.message);
    },
    onSuccess: () => onDone(action.kind === 'remove' ? `@${alias} removed.` : `@${alias} now points at version ${version}.`),
  });

  const problem = (gateBlocked && isAdmin && justification.trim().length < 20 ? 'Justify the override in at least 20 characters.' : null) ?? (action.kind !== 'remove' ? aliasProblem(alias) : null) ?? (action.kind !== 'remove' && !version ? 'Choose a version.' : null) ?? reasonProblem(reason);
  const title = action.kind === 'promote' ? 'Promote a version' : action.kind === 'rollback' ? `Roll back @${alias}` : `Remove @${alias}`;
  const submitLabel =
    action.kind === 'remove' ? `Remove @${alias}` : action.kind === 'rollback' ? `Roll back to v${version}` : `Set @${alias || '…'} → v${version || '…'}`;

  return (
    <div className="fixed inset-0 z-50 flex items-start justify-center bg-slate-900/30 p-4 pt-24" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <form
        role="dialog"
        aria-modal="true"
        noValidate
        aria-labelledby={titleId}
        className="w-full max-w-md space-y-4 rounded-xl bg-white p-5 shadow-xl"
        onSubmit={(e) => {
          e.preventDefault();
          setTouched(true);
          if (!problem) m.mutate();
        }}
      >
        <h2 id={titleId} className="text-base font-semibold text-ink">
          {title} <span className="font-normal text-slate-500">· {model}</span>
        </h2>
        {action.kind === 'promote' && (
          <div className="grid grid-cols-2 gap-3">
            <label className="text-xs text-slate-600">
              Alias
              <select ref={first} aria-label="Alias" className={inputCls + ' mt-1 block w-full'} value={aliasChoice} onChange={(e) => setAliasChoice(e.target.value)}>
                {known.map((a) => (
                  <option key={a} value={a}>
                    {a}
                  </option>
                ))}
                <option value={OTHER}>other…</option>
              </select>
            </label>
            <label className="text-xs text-slate-600">
              Version
              <select aria-label="Version" className={inputCls + ' mt-1 block w-full'} value={version} onChange={(e) => setVersion(e.target.value)}>
                {versions.map((v) => (
                  <option key={v.version} value={v.version}>
                    v{v.version}
                    {v.aliases?.length ? ` (@${v.aliases.join(', @')})` : ''}
                  </option>
                ))}
              </select>
            </label>
            {aliasChoice === OTHER && (
              <label className="col-span-2 text-xs text-slate-600">
                Alias name
                <input aria-label="Alias name" className={inputCls + ' mt-1 block w-full'} value={customAlias} onChange={(e) => setCustomAlias(e.target.value)} placeholder="e.g. shadow" />
              </label>
            )}
          </div>
        )}
        {action.kind === 'rollback' && (
          <label className="block text-xs text-slate-600">
            Roll back to version
            <select ref={first} aria-label="Roll back to version" className={inputCls + ' mt-1 block w-full'} value={version} onChange={(e) => setVersion(e.target.value)}>
              {versions.map((v) => (
                <option key={v.version} value={v.version}>
                  v{v.version}
                  {v.description ? ` — ${v.description.slice(0, 50)}` : ''}
                </option>
              ))}
            </select>
          </label>
        )}
        {action.kind !== 'remove' && alias && (
          <p className="rounded-md bg-slate-50 px-3 py-2 text-xs text-slate-600">
            {current === undefined
              ? `@${alias} is not set yet; it will point at v${version}.`
              : current === version
                ? `@${alias} already points at v${version}.`
                : `@${alias} moves from v${current} to v${version}. Anything that loads models:/${model}@${alias} serves v${version} from then on.`}
          </p>
        )}
        {action.kind === 'remove' && (
          <p className="rounded-md bg-slate-50 px-3 py-2 text-xs text-slate-600">
            @{alias} points at v{current}. Removing it breaks anything that loads models:/{model}@{alias}.
          </p>
        )}
        <label className="block text-xs text-slate-600">
          Reason
          <textarea
            ref={action.kind === 'remove' ? first : undefined}
            aria-label="Reason"
            required
            minLength={MIN_REASON}
            rows={3}
            className={inputCls + ' mt-1 block w-full'}
            placeholder="Why? e.g. +0.012 test AUC over the champion, calibration checked"
            value={reason}
            aria-invalid={touched && !!reasonProblem(reason)}
            onChange={(e) => setReason(e.target.value)}
          />
          <span className="mt-1 block text-slate-400">Kept in the audit log with your name.</span>
        </label>
        {touched && problem && (
          <p role="alert" className="text-xs text-red-600">
            {problem}
          </p>
        )}
        {gateBlocked ? (
          <div role="alert" aria-label="Fairness gate" className="space-y-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
            <p className="font-medium">Blocked by the fairness gate</p>
            <p className="text-xs">{gateMessage}</p>
            <Link className="text-xs font-medium text-brand-700 underline" href={`/fairness?version=${version}`}>
              Open the fairness audit of v{version}
            </Link>
            {isAdmin ? (
              <label className="block text-xs text-amber-900">
                Override justification (administrators only; audited)
                <textarea aria-label="Override justification" rows={3} className={inputCls + ' mt-1 block w-full'} value={justification} onChange={(e) => setJustification(e.target.value)} placeholder="Why this version should serve despite the violation, and what will be done about it" />
              </label>
            ) : (
              <p className="text-xs">Only an administrator can override the gate.</p>
            )}
          </div>
        ) : (
          m.isError && (
            <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
              {m.error.message}
            </p>
          )
        )}
        <div className="flex justify-end gap-2">
          <button type="button" className={buttonCls} onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className={action.kind === 'remove' ? primaryCls + ' !bg-red-600 hover:!bg-red-700' : primaryCls} disabled={m.isPending}>
            {m.isPending ? 'Saving…' : gateBlocked && isAdmin ? 'Override and promote' : submitLabel}
          </button>
        </div>
      </form>
    </div>
  );
}
