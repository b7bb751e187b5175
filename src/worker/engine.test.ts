import { describe, expect, it } from 'vitest';
import { EngineHost } from './engine';

describe('the worker protocol (EngineHost)', () => {
  it('loads the default cluster for an empty fragment', async () => {
    const host = new EngineHost();
    const r = await host.load('');
    expect(r.error).toBeUndefined();
    expect(r.snapshot.nodes.map((n) => n.name)).toEqual(['control-plane', 'node-1', 'node-2']);
    expect(r.snapshot.pods.filter((p) => p.namespace === 'default')).toHaveLength(4);
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

describe('apply from the editor', () => {
  it('creates, configures and reports unchanged objects like kubectl apply, and logs the action', async () => {
    const host = new EngineHost();
    await host.load('');
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: extra\nspec:\n  containers:\n  - name: c\n    image: busybox:1.36\n';
    const r = await host.apply(pod);
    expect(r.output).toBe('pod/extra created');
    expect(r.snapshot.pods.find((p) => p.name === 'extra')?.phase).toBe('Running');
    expect((await host.apply(pod)).output).toBe('pod/extra unchanged');
    expect((await host.apply(pod.replace('name: extra\n', 'name: extra\n  labels:\n    tier: x\n'))).output).toBe('pod/extra configured');
    const bad = await host.apply('apiVersion: v1\nkind: Pod\nmetadata:\n  name: nope\nspec:\n  containers:\n  - name: c\n');
    expect(bad.exitCode).toBe(1);
    expect(bad.output).toBe('The Pod "nope" is invalid: spec.containers[0].image: Required value');
    expect((await host.apply('kind: Gizmo\napiVersion: v9\nmetadata:\n  name: g\n')).output).toMatch(/no matches for kind "Gizmo" in version "v9"/);
    // The link replays the applied manifests.
    const frag = await host.shareFragment({ panel: 'trace' });
    const again = new EngineHost();
    expect((await again.load(frag)).snapshot.pods.map((p) => p.name)).toContain('extra');
  });
});

describe('an engine failure', () => {
  it('is reported with what was being done, and the last good state is restored', async () => {
    const host = new EngineHost();
    await host.load('');
    await host.exec('node-1', 'ip route');
    const good = (await host.exec('node-1', 'ip link')).snapshot.hash;
    // A bug somewhere in a component: an event that throws while the cluster settles.
    const sim = (host as unknown as { sim: { ctx: { clock: { schedule: (d: number, a: string, f: () => void) => void } } } }).sim;
    sim.ctx.clock.schedule(0, 'buggy-controller', () => {
      throw new Error('boom');
    });
    await expect(host.exec('node-1', 'ip addr')).rejects.toThrow('The simulation failed while running "ip addr" on node-1: boom. The last good state was restored.');
    const after = await host.exec('node-1', 'ip link');
    // The failed command is not in the log; the state is the one before it (plus this ip link).
    expect(after.exitCode).toBe(0);
    expect(after.snapshot.actionCount).toBe(3);
    expect(after.snapshot.hash).toBe(good);
  });
});
