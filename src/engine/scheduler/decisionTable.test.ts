import { describe, expect, it } from 'vitest';
import { BenchApi } from '../../bench/fakeApi';
import { benchNode, benchPod } from '../../bench/scheduling';
import { Clock } from '../sim/clock';
import type { SimContext } from '../sim/context';
import { MessageLog } from '../sim/messages';
import { Prng } from '../sim/prng';
import { Scheduler } from './scheduler';

describe('decision tables', () => {
  it('keeps the table of each of the last 200 decisions; an older one held elsewhere says it was dropped', () => {
    const api = new BenchApi();
    const ctx = { clock: new Clock(), prng: new Prng(1), log: new MessageLog(), api, runtimes: new Map(), hosts: new Map() } as unknown as SimContext;
    const scheduler = new Scheduler(ctx);
    scheduler.start();
    for (let i = 0; i < 150; i++) api.create(benchNode(i));
    api.create(benchPod(0));
    ctx.clock.settle();
    const first = scheduler.decisions[0];
    for (let i = 1; i <= 250; i++) api.create(benchPod(i));
    ctx.clock.settle();
    const kept = scheduler.decisions;
    expect(kept).toHaveLength(200);
    expect(kept[199].pod).toBe('default/pod-250');
    for (const d of kept) expect(d.nodes.filter((r) => !r.skipped && r.node === d.chosen)).toHaveLength(1);
    expect(() => first.nodes).toThrow('the scheduling decision for default/pod-0 is too old: its table was dropped');
  });
});
