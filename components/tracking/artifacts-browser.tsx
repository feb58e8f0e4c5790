'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { sortArtifacts } from '@/lib/ui/artifacts';
import { artifactDownloadUrl, artifactPath, trackingApi, type TrackingApiError } from '@/lib/ui/tracking-api';
import { formatBytes } from '@/lib/ui/tracking-format';

function Folder({ experimentId, runId, dir, depth }: { experimentId: string; runId: string; dir: string; depth: number }) {
  const q = useQuery({
    queryKey: ['artifacts', runId, dir],
    queryFn: ({ signal }) => trackingApi.listArtifacts(artifactPath(experimentId, runId, dir), signal),
    staleTime: 60_000,
  });
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const pad = { paddingLeft: depth * 18 };
  if (q.isPending) return <li className="py-1 text-xs text-slate-400" style={pad}>Loading…</li>;
  if (q.isError) return <li className="py-1 text-xs text-red-600" style={pad}>{(q.error as TrackingApiError).message}</li>;
  const files = sortArtifacts(dir, q.data.files ?? []);
  if (files.length === 0) return <li className="py-1 text-xs text-slate-400" style={pad}>{depth === 0 ? 'This run has no artifacts.' : 'empty folder'}</li>;
  return (
    <>
      {files.map((f) =>
        f.is_dir ? (
          <li key={f.fullPath}>
            <button
              type="button"
              aria-expanded={open.has(f.fullPath)}
              className="flex w-full items-center gap-1 rounded py-1 text-left text-sm hover:bg-slate-50"
              style={pad}
              onClick={() =>
                setOpen((o) => {
                  const n = new Set(o);
                  if (n.has(f.fullPath)) n.delete(f.fullPath);
                  else n.add(f.fullPath);
                  return n;
                })
              }
            >
              <span aria-hidden className="w-4 text-slate-500">{open.has(f.fullPath) ? '▾' : '▸'}</span>
              <svg aria-hidden viewBox="0 0 16 16" className="h-3.5 w-3.5 fill-amber-400">
                <path d="M1 3.5A1.5 1.5 0 0 1 2.5 2h3.6l1.5 1.5h5.9A1.5 1.5 0 0 1 15 5v7.5a1.5 1.5 0 0 1-1.5 1.5h-11A1.5 1.5 0 0 1 1 12.5z" />
              </svg>
              {f.name}/
            </button>
            {open.has(f.fullPath) && (
              <ul>
                <Folder experimentId={experimentId} runId={runId} dir={f.fullPath} depth={depth + 1} />
              </ul>
            )}
          </li>
        ) : (
          <li key={f.fullPath} className="flex items-center gap-2 py-1 text-sm" style={pad}>
            <span className="w-4" aria-hidden />
            <a href={artifactDownloadUrl(experimentId, runId, f.fullPath)} download={f.name} className="text-brand-700 hover:underline" aria-label={`Download ${f.fullPath}`}>
              {f.name}
            </a>
            <span className="text-xs text-slate-400">{formatBytes(f.file_size)}</span>
          </li>
        ),
      )}
    </>
  );
}

/** The run's artifacts as a folder tree; folders load when opened, files download. */
export function ArtifactsBrowser({ experimentId, runId }: { experimentId: string; runId: string }) {
  return (
    <ul aria-label="Artifacts" className="divide-y divide-slate-50">
      <Folder experimentId={experimentId} runId={runId} dir="" depth={0} />
    </ul>
  );
}
