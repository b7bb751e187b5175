import { describe, expect, it } from 'vitest';
import { EngineHost } from './engine';

describe('the worker protocol (EngineHost)', () => {
  it('loads the default cluster for an empty fragment', async () => {
    const host = new EngineHost();
    const r = await host.load('');
    expect(r.error).toBeUndefined();
    expect(r.snapshot.nodes.map((n) => n.name)).toEqual(['control-plane', 'node-1', 'node-2']);
    expect(r.snapshot.pods).toHaveLength(4);
  });

  it('reproduces a shared state exactly: pods, trace and view', async () => {
    const a = new EngineHost();
    await a.load('');
    await a.exec('control-plane', 'kubectl get pods -o wide');
    const { trace } = await a.trace('default/client', '10.244.2.2');
    const view = { panel: 'trace' as const, selected: { kind: 'pod' as const, id: 'default/client' }, trace: { from: 'default/client', to: '10.244.2.2', step: 7 } };
    const frag = await a.shareFragment(view);

    const b = new EngineHost();
    const loaded = await b.load(`#${frag}`);
    expect(loaded.error).toBeUndefined();
    expect(loaded.view).toEqual(view);
    expect(loaded.trace?.steps.map((s) => s.summary)).toEqual(trace.steps.map((s) => s.summary));
    const c = new EngineHost();
    const again = await c.load(frag);
    expect(again.snapshot.hash).toBe(loaded.snapshot.hash);
    expect(loaded.snapshot.pods.map((p) => [p.name, p.ip, p.node])).toEqual((await a.load(`#${frag}`)).snapshot.pods.map((p) => [p.name, p.ip, p.node]));
  });

  it('reports a broken link and falls back to the default scenario', async () => {
    const host = new EngineHost();
    const r = await host.load('#s=garbage');
    expect(r.error).toMatch(/^This link could not be opened: the link has no version number/);
    expect(r.snapshot.nodes).toHaveLength(3);
  });
});
