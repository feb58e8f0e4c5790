import Link from 'next/link';
import { EmptyState } from '@/components/ui/empty-state';
import type { MonitoringState } from '@/lib/monitoring/page-data';
import { formatInt } from '@/lib/ui/format';
import { KIND_LABELS } from './kind-switch';

/** Why there is nothing to draw yet, and what to do about it. */
export function MonitoringEmpty({ state }: { state: Exclude<MonitoringState, { state: 'ready' }> }) {
  if (state.state === 'no_champion') {
    return (
      <EmptyState title="No model in production yet">
        Monitoring follows the version of <code>{state.model}</code> that carries the <code>@champion</code> alias. Register a version and set the alias on the{' '}
        <Link href="/models" className="text-brand-700 hover:underline">
          Models
        </Link>{' '}
        page; its predictions are monitored from then on.
      </EmptyState>
    );
  }
  if (state.state === 'no_predictions') {
    return (
      <EmptyState title="No predictions logged yet">
        {state.model} v{state.version} is the champion but has not scored anyone yet. Score customers through <code>POST /api/v1/predict</code> or a batch job on the{' '}
        <Link href="/score" className="text-brand-700 hover:underline">
          Score
        </Link>{' '}
        page (see the{' '}
        <Link href="/docs" className="text-brand-700 hover:underline">
          API docs
        </Link>
        ); every prediction is logged and drift is computed from the log.
      </EmptyState>
    );
  }
  return (
    <EmptyState title={`${KIND_LABELS[state.kind]} windows not computed yet`}>
      {formatInt(state.predictions)} predictions of {state.model} v{state.version} are logged, but no {KIND_LABELS[state.kind].toLowerCase()} window has been computed from them yet. The
      monitoring job folds new predictions and labels into windows about once a minute (<code>MONITORING_INTERVAL_SECONDS</code>, 0 turns it off): reload shortly. If this stays
      empty, check the server log for the monitoring pass{state.reference ? '' : ' — the version has no reference profile yet, which the first pass builds from its training data'}.
    </EmptyState>
  );
}
