import { describe, expect, it } from 'vitest';
import { BenchApi } from '../../bench/fakeApi';
import { benchNode, benchPod } from '../../bench/scheduling';
import { Clock } from '../sim/clock';
import type { SimContext } from '../sim/context';
import { MessageLog } from '../sim/messages';
import { Prng } from '../sim/prng';
import { Scheduler, numFeasibleNodesToFind } from './scheduler';

function cluster(nodes: number, pods: number, percentage = 0): { scheduler: Scheduler; api: BenchApi } {
  const api = new BenchApi();
  const ctx = { clock: new Clock(), prng: new Prng(1), log: new MessageLog(), api, runtimes: new Map(), hosts: new Map() } as unknown as SimContext;
  const scheduler = new Scheduler(ctx);
  scheduler.percentageOfNodesToScore = percentage;
  scheduler.start();
  for (let i = 0; i < nodes; i++) api.create(benchNode(i));
  for (let i = 0; i < pods; i++) api.create(benchPod(i));
  ctx.clock.settle();
  return { scheduler, api };
}

const looked = (s: Scheduler, i: number): string[] => s.decisions[i].nodes.filter((r) => !r.skipped).map((r) => r.node);

describe('percentageOfNodesToScore (numFeasibleNodesToFind)', () => {
  it('follows kube-scheduler: all nodes under 100, adaptive 50% - nodes/125 (at least 5%), never under 100', () => {
    expect([50, 99, 100, 150, 250, 1000, 5000, 6000, 15000].map((n) => numFeasibleNodesToFind(n))).toEqual([50, 99, 100, 100, 120, 420, 500, 300, 750]);
    expect(numFeasibleNodesToFind(1000, 10)).toBe(100);
    expect(numFeasibleNodesToFind(1000, 30)).toBe(300);
    expect(numFeasibleNodesToFind(1000, 5)).toBe(100);
  });

  it('stops filtering once enough nodes fit, scores only those, and starts the next pod where this one stopped', () => {
    const { scheduler, api } = cluster(1000, 3);
    expect(api.boundPods()).toBe(3);
    const names = (from: number, n: number): string[] => Array.from({ length: n }, (_, k) => benchNode((from + k) % 1000).metadata.name).sort();
    for (let i = 0; i < 3; i++) {
      const d = scheduler.decisions[i];
      expect(d.nodes).toHaveLength(1000);
      expect(looked(scheduler, i)).toEqual(names(420 * i, 420));
      expect(d.nodes.filter((r) => Object.keys(r.scores).length === 5)).toHaveLength(420);
      expect(looked(scheduler, i)).toContain(d.chosen);
    }
  });

  it('takes a configured percentage like the KubeSchedulerConfiguration field', () => {
    const { scheduler } = cluster(1000, 1, 30);
    expect(looked(scheduler, 0)).toHaveLength(300);
  });
});
