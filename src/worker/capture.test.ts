import { describe, expect, it } from 'vitest';
import { EngineHost } from './engine';

describe('the Capture view over the worker protocol', () => {
  it('lists a node\'s frames, survives a shared link, and a `watch tcpdump` refresh stays in the log', async () => {
    const a = new EngineHost();
    await a.load('');
    await a.exec('default/client', 'ping -c 1 10.244.2.2');
    const { trace } = await a.trace('default/client', '10.244.2.2');
    // A watch refresh that only read the capture moved tcpdump's cursor: it is kept for replay.
    await a.peek('node-1', 'tcpdump -n -i flannel.1');
    const view = await a.capture('node-1');
    expect(view.rows.some((r) => r.ifname === 'flannel.1' && r.proto === 'ICMP')).toBe(true);
    expect(view.traceWalk).toBeDefined();
    expect((await a.walkTrace(view.traceWalk!))?.steps.length).toBe(trace.steps.length);

    const b = new EngineHost();
    await b.load(`#${await a.shareFragment({ panel: 'trace' })}`);
    expect(await b.capture('node-1')).toEqual(view);
    expect((await b.exec('node-1', 'tcpdump -n -i flannel.1')).output).toBe((await a.exec('node-1', 'tcpdump -n -i flannel.1')).output);
  });
});
