// The monitoring job: every MONITORING_INTERVAL_SECONDS (and soon after labels arrive) fold new predictions and
// labels into the stored windows, then evaluate alert rules on the versions that changed. One pass at a time per
// process; with PGlite the web process owns the database, so the job runs there (between requests: the window loop
// yields to the event loop after every window).
import { getDb, type Db } from '@/db/client';
import { env } from '@/lib/env';
import { refreshMonitoring, type RefreshResult } from './refresh';

export type AfterRefresh = (db: Db, result: RefreshResult) => Promise<void>;

interface State {
  timer?: NodeJS.Timeout;
  soon?: NodeJS.Timeout;
  running?: Promise<RefreshResult | null>;
  again?: boolean;
  hooks: AfterRefresh[];
}

const g = globalThis as unknown as { __streamflowMonitoring?: State };
function state(): State {
  return (g.__streamflowMonitoring ??= { hooks: [] });
}

/** Alerting and retraining register here, so this module does not depend on them. */
export function onRefreshed(hook: AfterRefresh): void {
  const s = state();
  if (!s.hooks.includes(hook)) s.hooks.push(hook);
}

/** One pass: refresh the touched windows, then run the hooks. Concurrent callers share the running pass. */
export async function runMonitoringPass(db?: Db, log: (m: string) => void = () => {}): Promise<RefreshResult | null> {
  const s = state();
  if (s.running) {
    s.again = true;
    return s.running;
  }
  s.running = (async () => {
    try {
      const handle = db ?? (await getDb());
      const result = await refreshMonitoring({ db: handle, lastN: env().MONITORING_LAST_N, log });
      if (result.versions.length) for (const hook of s.hooks) await hook(handle, result).catch((e) => console.error('[monitoring] after-refresh step failed:', e instanceof Error ? e.message : e));
      return result;
    } catch (e) {
      console.error('[monitoring] refresh failed:', e instanceof Error ? e.message : e);
      return null;
    } finally {
      s.running = undefined;
      if (s.again) {
        s.again = false;
        requestRefresh();
      }
    }
  })();
  return s.running;
}

/** Ask for a pass soon (debounced: a burst of label uploads causes one pass). */
export function requestRefresh(delayMs = 2000): void {
  const s = state();
  if (s.soon) return;
  s.soon = setTimeout(() => {
    s.soon = undefined;
    void runMonitoringPass();
  }, delayMs);
  s.soon.unref?.();
}

/** Started once per server process from instrumentation.ts. */
export function startMonitoring(): void {
  const s = state();
  if (s.timer) return;
  const seconds = env().MONITORING_INTERVAL_SECONDS;
  if (seconds <= 0) return;
  s.timer = setInterval(() => void runMonitoringPass(), seconds * 1000);
  s.timer.unref?.();
  requestRefresh(5000);
}
