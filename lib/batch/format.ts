// Display helpers for batch jobs (pure, shared by the jobs table and its tests).
import type { BatchJobStatus } from '@/db/serving-schema';

/** 42 → "42 s", 130 → "2 min 10 s", 7300 → "2 h 2 min". */
export function formatEta(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}`;
  const m = Math.round((s % 3600) / 60);
  return `${Math.floor(s / 3600)} h${m ? ` ${m} min` : ''}`;
}

export const STATUS_LABEL: Record<BatchJobStatus, string> = {
  queued: 'Queued',
  running: 'Running',
  succeeded: 'Succeeded',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

/** True while a job can still change by itself (the list keeps polling). */
export function isActive(status: BatchJobStatus): boolean {
  return status === 'queued' || status === 'running';
}
