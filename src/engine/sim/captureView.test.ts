import { describe, expect, it } from 'vitest';
import { Simulation } from './simulation';
import { captured } from '../net/capture';
import { decodeState, encodeState } from '../scenario/url';
import { captureView, walkTrace } from './captureView';

/** Every namespace's capture ring, by namespace id. */
function rings(sim: Simulation): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const id of sim.ctx.net.namespaces.keys()) out[id] = captured(sim.ctx.net, id);
  return out;
}

describe('captures and saved state', () => {
  it('a shared link (scenario + action log) replays to the same capture rings and tcpdump cursors', () => {
    const sim = Simulation.create();
    sim.exec('default/client', 'ping -c 2 10.244.2.2');
    sim.trace('default/client', '10.96.0.10');
    sim.exec('default/client', 'nslookup kubernetes.default');
    sim.exec('node-1', 'tcpdump -n -i flannel.1');
    sim.exec('default/client', 'wget -qO- -T 2 10.96.0.1:443');
    const before = rings(sim);
    expect(Object.values(before).some((r) => (r as unknown[]).length > 10)).toBe(true);

    const state = decodeState(encodeState({ scenario: sim.scenario, actions: sim.actions, view: { panel: 'trace' } }));
    const again = Simulation.replay(state.scenario, state.actions);
    expect(rings(again)).toEqual(before);
    // The "since the last tcpdump" cursors came back too: both print the same next capture.
    expect(again.exec('node-1', 'tcpdump -n -i flannel.1').output).toBe(sim.exec('node-1', 'tcpdump -n -i flannel.1').output);
    expect(captureView(again, 'node-1')).toEqual(captureView(sim, 'node-1'));
  });
});

describe('captureView', () => {
  it('lists a pod\'s frames by layer, with the VXLAN inner packet and the walk each belongs to', () => {
    const sim = Simulation.create();
    sim.exec('default/client', 'ping -c 1 10.244.2.2');
    const pod = captureView(sim, 'default/client');
    expect(pod).toMatchObject({ host: 'node-1', nsLabel: 'pod default/client', interfaces: ['lo', 'eth0'], limit: 500 });
    const icmp = pod.rows.filter((r) => r.proto === 'ICMP');
    expect(icmp.map((r) => [r.dir, r.ifname, r.src, r.dst, r.layer])).toEqual([
      ['Out', 'eth0', '10.244.1.2', '10.244.2.2', 'l3'],
      ['In', 'eth0', '10.244.2.2', '10.244.1.2', 'l3'],
    ]);
    expect(icmp[0].summary).toMatch(/^ICMP echo request, id \d+, seq 0, length 64$/);
    expect(icmp[0].time).toMatch(/^\d\d:\d\d:\d\d\.\d{6}$/);
    const arp = pod.rows.find((r) => r.proto === 'ARP');
    expect(arp).toMatchObject({ layer: 'l2', dir: 'Out', summary: 'Request who-has 10.244.1.1 tell 10.244.1.2, length 28' });
    const walk = icmp[0].walk!;
    expect(pod.walks[walk]).toMatchObject({ kind: 'probe', tool: 'ping', target: 'default/client', dst: '10.244.2.2', outcome: 'delivered' });

    const vxlan = captureView(sim, 'node-1').rows.find((r) => r.ifname === 'eth0' && r.proto === 'VXLAN')!;
    expect(vxlan).toMatchObject({ layer: 'l4', src: expect.stringMatching(/^192\.168\.56\.11:\d+$/), dst: '192.168.56.12:8472', summary: 'OTV, flags [I] (0x08), overlay 0, instance 1' });
    expect(vxlan.inner).toMatchObject({ layer: 'l3', proto: 'ICMP', src: '10.244.1.2', dst: '10.244.2.2' });
    expect(vxlan.walk).toBe(walk);
  });

  it('links frames to the trace on screen and gives a probe\'s trace back', () => {
    const sim = Simulation.create();
    sim.exec('default/client', 'ping -c 1 10.244.2.2');
    const t = sim.trace('default/client', '10.244.2.2');
    const v = captureView(sim, 'default/client');
    expect(v.traceWalk).toBeDefined();
    expect(v.walks[v.traceWalk!]).toMatchObject({ kind: 'trace', target: 'default/client', dst: '10.244.2.2' });
    const first = v.rows.find((r) => r.walk === v.traceWalk)!;
    expect(first.step).toBeLessThan(t.steps.length);
    expect(walkTrace(sim, v.traceWalk!)?.trace).toBe(t);
    const probeWalk = Number(Object.keys(v.walks).find((w) => v.walks[Number(w)].kind === 'probe'));
    expect(walkTrace(sim, probeWalk)).toMatchObject({ from: 'default/client', to: '10.244.2.2' });
    expect(() => captureView(sim, 'default/nope')).toThrow(/no machine or running pod named "default\/nope"/);
  });
});
