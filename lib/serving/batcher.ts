// Adaptive micro-batching: requests that arrive while the model is busy (or within `maxWaitMs` of each other) are
// scored in one inference call. When the server is idle a request is dispatched at the end of the current event-loop
// turn, so a lone request waits for nothing; under load the batch grows by itself to whatever arrived during the
// previous call, up to `maxRows`. This is the strategy of BentoML's and MLServer's adaptive batchers without their
// fixed windows: the wait is bounded by one inference call plus `maxWaitMs`.

import { takeGroup } from '@/lib/take-group';

export interface BatchStats {
  rows: number;
  requests: number;
  ms: number;
}

export interface MicroBatcherOptions {
  /** Rows per inference call at most; a single request larger than this is run alone. */
  maxRows?: number;
  /** Extra time a batch may wait for company once the model is free (0: dispatch at the end of the event-loop turn). */
  maxWaitMs?: number;
  onBatch?: (stats: BatchStats) => void;
}

interface Job<I, O> {
  items: readonly I[];
  resolve: (out: O[]) => void;
  reject: (e: unknown) => void;
}

/** Coalesces calls to `run(items)`; each caller gets back the outputs for its own items, in order. */
export class MicroBatcher<I, O> {
  private queue: Job<I, O>[] = [];
  private queuedItems = 0;
  private busy = false;
  private scheduled = false;
  private readonly maxRows: number;
  private readonly maxWaitMs: number;

  constructor(
    private readonly run: (items: I[]) => Promise<ArrayLike<O>>,
    private readonly options: MicroBatcherOptions = {},
  ) {
    this.maxRows = options.maxRows ?? 4096;
    this.maxWaitMs = options.maxWaitMs ?? 0;
  }

  get pending(): number {
    return this.queuedItems;
  }

  submit(items: readonly I[]): Promise<O[]> {
    if (items.length === 0) return Promise.resolve([]);
    return new Promise<O[]>((resolve, reject) => {
      this.queue.push({ items, resolve, reject });
      this.queuedItems += items.length;
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.busy || this.scheduled) return;
    this.scheduled = true;
    const go = () => {
      this.scheduled = false;
      void this.drain();
    };
    if (this.maxWaitMs > 0 && this.queuedItems < this.maxRows) setTimeout(go, this.maxWaitMs);
    else setImmediate(go);
  }

  private async drain(): Promise<void> {
    if (this.busy || this.queue.length === 0) return;
    this.busy = true;
    const { group, size: n } = takeGroup(this.queue, this.maxRows, (job) => job.items.length);
    this.queuedItems -= n;
    const t0 = performance.now();
    try {
      const all = group.length === 1 ? [...group[0]!.items] : group.flatMap((j) => j.items);
      const out = await this.run(all);
      if (out.length !== all.length) throw new Error(`batch returned ${out.length} results for ${all.length} items`);
      this.options.onBatch?.({ rows: n, requests: group.length, ms: performance.now() - t0 });
      let offset = 0;
      for (const job of group) {
        const part: O[] = new Array(job.items.length);
        for (let i = 0; i < part.length; i++) part[i] = out[offset + i]!;
        offset += part.length;
        job.resolve(part);
      }
    } catch (e) {
      for (const job of group) job.reject(e);
    } finally {
      this.busy = false;
      if (this.queue.length > 0) {
        // Whatever arrived during this call is the next batch: dispatch it now, without waiting again.
        this.scheduled = true;
        setImmediate(() => {
          this.scheduled = false;
          void this.drain();
        });
      }
    }
  }
}
