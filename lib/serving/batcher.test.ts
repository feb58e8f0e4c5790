import { describe, expect, it } from 'vitest';
import { MicroBatcher } from './batcher';

describe('MicroBatcher', () => {
  it('coalesces concurrent submissions into one call and hands each caller its own results in order', async () => {
    const calls: number[][] = [];
    const b = new MicroBatcher<number, number>(async (xs) => {
      calls.push(xs);
      return xs.map((x) => x * 10);
    });
    const [a, c, d] = await Promise.all([b.submit([1, 2]), b.submit([3]), b.submit([4, 5, 6])]);
    expect(a).toEqual([10, 20]);
    expect(c).toEqual([30]);
    expect(d).toEqual([40, 50, 60]);
    expect(calls).toEqual([[1, 2, 3, 4, 5, 6]]);
  });

  it('batches what arrives while the model is busy, and never more than maxRows per call', async () => {
    const calls: number[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const b = new MicroBatcher<number, number>(
      async (xs) => {
        calls.push(xs);
        if (calls.length === 1) await gate;
        return xs;
      },
      { maxRows: 3 },
    );
    const first = b.submit([0]);
    await new Promise((r) => setImmediate(r)); // the first call is now running
    const rest = [b.submit([1, 2]), b.submit([3]), b.submit([4, 5])];
    expect(b.pending).toBe(5);
    release();
    await Promise.all([first, ...rest]);
    expect(calls).toEqual([[0], [1, 2, 3], [4, 5]]);
  });

  it('runs a request bigger than maxRows on its own rather than splitting it', async () => {
    const sizes: number[] = [];
    const b = new MicroBatcher<number, number>(async (xs) => (sizes.push(xs.length), xs), { maxRows: 2 });
    expect(await b.submit([1, 2, 3, 4, 5])).toEqual([1, 2, 3, 4, 5]);
    expect(sizes).toEqual([5]);
  });

  it('rejects every caller of a failed call, and keeps serving afterwards', async () => {
    let fail = true;
    const b = new MicroBatcher<number, number>(async (xs) => {
      if (fail) throw new Error('model crashed');
      return xs;
    });
    const results = await Promise.allSettled([b.submit([1]), b.submit([2])]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    expect(await b.submit([7])).toEqual([7]);
  });

  it('refuses a run that returns the wrong number of results', async () => {
    const b = new MicroBatcher<number, number>(async (xs) => xs.slice(1));
    await expect(b.submit([1, 2])).rejects.toThrow(/returned 1 results for 2/);
  });

  it('reports batch sizes to onBatch', async () => {
    const seen: { rows: number; requests: number }[] = [];
    const b = new MicroBatcher<number, number>(async (xs) => xs, { onBatch: ({ rows, requests }) => seen.push({ rows, requests }) });
    await Promise.all([b.submit([1]), b.submit([2, 3])]);
    expect(seen).toEqual([{ rows: 3, requests: 2 }]);
  });
});
