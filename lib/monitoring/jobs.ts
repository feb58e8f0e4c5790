// Wires monitoring's background work together: after each refresh, alert rules are evaluated on the versions whose
// windows changed; a retraining policy that fires queues a retraining (which registers a challenger and announces
// it through the webhooks); webhook deliveries and their retries go out every few seconds.
import type { Db } from '@/db/client';
import type { Enqueue } from '@/lib/batch/queue';
import { evaluateAlerts } from './alert-service';
import type { RetrainingNotifier } from './retrain';
import { startRetrainingForEvent } from './retrain-trigger';
import { onRefreshed, startMonitoring, type AfterRefresh } from './scheduler';
import { startWebhookDispatcher } from './webhook-dispatcher';
import { notifyWebhooks } from './webhook-service';

/**
 * Evaluates the alert rules of every version a refresh touched. `enqueue` replaces the job queue (the seed process
 * has no worker: it leaves the run queued, and the server's queue picks it up at start).
 */
export function alertsAfterRefresh(opts: { enqueue?: Enqueue; log?: (m: string) => void } = {}): AfterRefresh {
  return async (db, result) => {
    for (const v of result.versions) {
      const events = await evaluateAlerts({
        db,
        ...v,
        onFired: async (event, rule) => {
          if (!rule.retrain) return;
          const started = await startRetrainingForEvent({ db, event, rule, enqueue: opts.enqueue });
          opts.log?.(started.started ? `Retraining queued by "${rule.name}" (${event.message})` : `Retraining not started: ${started.message}`);
        },
      });
      if (events.length) opts.log?.(`${events.length} alert(s) opened on ${v.modelName} v${v.modelVersion}: ${events.map((e) => e.message).join('; ')}`);
    }
  };
}

/** Announces a finished retraining to the webhooks (critical when it failed). */
export function webhookRetrainingNotifier(db: Db): RetrainingNotifier {
  return async (event, data) => {
    const c = data.comparison;
    const versus = c && c.challenger.auc !== null && c.champion.auc !== null ? ` — AUC ${c.challenger.auc.toFixed(3)} vs champion ${c.champion.auc.toFixed(3)} on ${c.window.month}` : '';
    const text =
      data.status === 'succeeded'
        ? `Retraining finished: ${data.model} v${data.new_version} is @challenger${data.promoted ? ' and was promoted to @champion by policy' : ''}${versus}. Review: /models/${data.model}`
        : `Retraining of ${data.model} failed: ${data.error ?? 'unknown error'}`;
    await notifyWebhooks({ db, event, severity: data.status === 'succeeded' ? 'warning' : 'critical', text, data: data as unknown as Record<string, unknown> });
  };
}

/** Started once per server process from instrumentation.ts. */
export function startMonitoringJobs(): void {
  onRefreshed(alertsAfterRefresh({ log: (m) => console.log(`[monitoring] ${m}`) }));
  startMonitoring();
  startWebhookDispatcher();
}
