'use client';
// The autosave state in words (in the header), and below the header the way out of a problem: a conflict (someone
// saved a newer version) offers to reload theirs or overwrite it with this tab's document; a failed save, a retry.
import type { SaveStatus } from './use-deck-document';

const smallBtn = 'rounded border border-slate-300 bg-white px-2 py-0.5 text-xs text-slate-700 hover:bg-slate-50';

const TEXT: Record<SaveStatus, string> = {
  saved: 'Saved',
  pending: 'Saving…',
  saving: 'Saving…',
  conflict: 'Conflict',
  error: 'Not saved',
  invalid: 'Not saved: the deck needs a name',
};

export function SaveIndicator({ status }: { status: SaveStatus }) {
  const tone = status === 'saved' ? 'text-emerald-700' : status === 'conflict' || status === 'error' || status === 'invalid' ? 'text-red-700' : 'text-slate-500';
  return (
    <span role="status" data-testid="save-status" className={'text-xs font-medium ' + tone}>
      {TEXT[status]}
    </span>
  );
}

export function SaveProblem({ status, error, onRetry, onReload, onOverwrite }: { status: SaveStatus; error: string | null; onRetry: () => void; onReload: () => void; onOverwrite: () => void }) {
  if (status !== 'conflict' && status !== 'error') return null;
  return (
    <div role="alert" className="flex flex-wrap items-center gap-2 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
      {status === 'conflict' ? (
        <>
          <span>Someone saved a newer version of this deck since you opened it; your latest changes are not saved.</span>
          <button type="button" className={smallBtn} onClick={onReload}>
            Reload theirs
          </button>
          <button type="button" className={smallBtn} onClick={onOverwrite}>
            Keep mine
          </button>
        </>
      ) : (
        <>
          <span>Saving failed: {error}</span>
          <button type="button" className={smallBtn} onClick={onRetry}>
            Retry
          </button>
        </>
      )}
    </div>
  );
}
