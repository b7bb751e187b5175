import { describe, expect, it } from 'vitest';
import { EngineHost } from './engine';
import { Simulation } from '../engine/sim/simulation';

describe('time passing from the UI (advance)', () => {
  it('coalesces back-to-back advances into one sleep that replays to the same state', async () => {
    const host = new EngineHost();
    await host.load('');
    await host.exec('node-1', 'systemctl stop kubelet');
    for (let i = 0; i < 4; i++) await host.advance(25_000);
    const last = await host.advance(250);
    expect(last.action).toEqual({ type: 'sleep', ms: 100_250 });
    expect(last.history).toEqual({ undo: 2, redo: 0 });
    const file = JSON.parse((await host.exportFile('json')).text) as { actions: unknown[] };
    expect(file.actions).toEqual([{ type: 'exec', target: 'node-1', command: 'systemctl stop kubelet' }, { type: 'sleep', ms: 100_250 }]);
    // One sleep of the sum gives the very same state as the small steps did.
    const replayed = Simulation.create();
    replayed.exec('node-1', 'systemctl stop kubelet');
    replayed.sleep(100_250);
    expect(replayed.stateHash()).toBe(last.snapshot.hash);
    expect(last.snapshot.nodes.find((n) => n.name === 'node-1')?.ready).toBe(false);
  });

  it('one undo takes back the whole stretch of time; a command starts a new sleep', async () => {
    const host = new EngineHost();
    const start = await host.load('');
    await host.advance(1000);
    await host.advance(1000);
    const u = await host.undo();
    expect(u.action).toEqual({ type: 'sleep', ms: 2000 });
    expect(u.snapshot.hash).toBe(start.snapshot.hash);
    // Time passing after an undo drops the redo stack (the undone step would land elsewhere).
    const a = await host.advance(500);
    expect(a.history).toEqual({ undo: 1, redo: 0 });
    await host.exec('control-plane', 'kubectl get nodes');
    const b = await host.advance(500);
    expect(b.history.undo).toBe(3);
    await expect(host.advance(0)).rejects.toThrow(/not 0 ms/);
  });

  it('lists new control-plane messages since a count, and Events as kubectl prints them', async () => {
    const host = new EngineHost();
    await host.load('');
    const m0 = await host.messages(Number.MAX_SAFE_INTEGER);
    expect(m0.messages).toEqual([]);
    await host.exec('control-plane', 'kubectl run probe --image=busybox -- sleep 3600');
    const m1 = await host.messages(m0.total);
    expect(m1.epoch).toBe(m0.epoch);
    expect(m1.messages[0]).toMatchObject({ from: 'kubectl', to: 'kube-apiserver', verb: 'POST', path: '/api/v1/namespaces/default/pods' });
    expect(m1.messages.some((m) => m.from === 'kube-scheduler' && m.path === '/api/v1/namespaces/default/pods/probe/binding')).toBe(true);
    expect(m1.messages.some((m) => /^kubelet\/node-\d$/.test(m.from) && m.path === '/api/v1/namespaces/default/events')).toBe(true);
    const evs = await host.events();
    const scheduled = evs.find((e) => e.reason === 'Scheduled' && e.object === 'pod/probe');
    expect(scheduled).toMatchObject({ type: 'Normal', namespace: 'default', source: 'default-scheduler' });
    expect(scheduled?.message).toMatch(/^Successfully assigned default\/probe to node-\d$/);
    const d = await host.scheduling('default/probe');
    expect(d?.decision.chosen).toBe(scheduled?.message.split(' ').pop());
    expect(d?.filters).toContain('TaintToleration');
    expect(d?.scores.map((x) => x.name)).toContain('NodeResourcesFit');
    await host.undo();
    expect((await host.messages(0)).epoch).not.toBe(m0.epoch);
  });
});
