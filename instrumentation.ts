// Runs once when the server process starts (not during `next build`). Starts the background-job queue so that
// batch jobs left queued or running by a previous process resume within seconds, without waiting for a request,
// and monitoring's jobs: folding new predictions and labels into the stored windows, evaluating alert rules (which may
// queue a retraining), and the webhook dispatcher, which sends notifications (and their retries) every few seconds.
// NEXT_RUNTIME is Next's own switch (read here so the edge bundle drops the Node-only import), not app config.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { batchQueue } = await import('./lib/batch/queue');
  // Not awaited: the server answers while the queue starts; a failed start is logged and retried by the next upload.
  void batchQueue();
  const { startMonitoringJobs } = await import('./lib/monitoring/jobs');
  // Timers are unref'd; a failed pass (database not ready yet) is logged and retried by the next one.
  startMonitoringJobs();
}
