// The worker-thread path `npm run train` uses: candidates trained in worker threads give exactly the models the
// calling thread would, with round-by-round progress streamed back.
import { describe, expect, it } from 'vitest';
import { DEFAULT_GBT_PARAMS } from '@/lib/ml/gbt';
import { randomRows } from '@/lib/ml/testing/random-ensemble';
import type { CandidateTask } from './candidate';
import { runCandidates } from './pool';
import { spawnTsxWorker } from './spawn-tsx-worker';

function task(id: string, rows: number, seed: number): CandidateTask {
  const d = 5;
  const x = randomRows(seed, rows, d, 0.05);
  const y = Uint8Array.from({ length: rows }, (_, i) => ((x[i * d]! || 0) + (x[i * d + 1]! || 0) > 0.3 ? 1 : 0));
  const split = { x, y, rows };
  return { id, name: `t${id}`, nFeatures: d, train: split, valid: split, test: split, config: { kind: 'gbt', params: { ...DEFAULT_GBT_PARAMS, maxIter: 15, minSamplesLeaf: 5, seed } } };
}

describe('training on worker threads', () => {
  it('matches inline training bit for bit and streams every round', async () => {
    const tasks = [task('0', 600, 1), task('1', 500, 2), task('2', 400, 3)];
    const rounds: string[] = [];
    const threaded = await runCandidates(tasks, { concurrency: 2, spawn: spawnTsxWorker, onRound: (id, info) => rounds.push(`${id}:${info.round}`) });
    const inline = await runCandidates(tasks, { inline: true });
    threaded.forEach((r, i) => {
      expect(r.id).toBe(tasks[i]!.id);
      expect(Array.from(r.pValid)).toEqual(Array.from(inline[i]!.pValid));
      expect(r.model!.trees.map((t) => Array.from(t.value))).toEqual(inline[i]!.model!.trees.map((t) => Array.from(t.value)));
    });
    for (const r of threaded) expect(rounds.filter((x) => x.startsWith(`${r.id}:`))).toHaveLength(r.rounds);
  });

  it('reports a failing candidate as an error instead of hanging', async () => {
    const bad = { ...task('9', 100, 4), config: { kind: 'logistic' as const, l2: 1e-3 } }; // the logistic baseline needs records
    await expect(runCandidates([bad], { spawn: spawnTsxWorker })).rejects.toThrow(/training 9 failed: .*raw records/);
  });
});
