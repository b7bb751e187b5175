import { describe, expect, it } from 'vitest';
import { Simulation } from '../sim/simulation';
import { defaultScenario } from '../scenario/defaults';
import { presetById } from '../scenario/presets';
import type { Pod } from '../api/types';

const webPods = (sim: Simulation): Pod[] => sim.pods().filter((p) => p.metadata.labels?.app === 'web' && p.status?.podIP && !p.metadata.deletionTimestamp);

/** A web pod and a pod on another node to ping. */
function pair(sim: Simulation): { from: string; to: string } {
  const webs = webPods(sim);
  for (const a of webs) {
    const b = sim.pods().find((p) => p.status?.podIP && p.spec.nodeName !== a.spec.nodeName && p.metadata.namespace === 'default' && !p.metadata.deletionTimestamp);
    if (b) return { from: a.metadata.name, to: b.status!.podIP! };
  }
  throw new Error('no two pods on different nodes');
}

describe('MTU', () => {
  it('links carry the real MTUs: flannel.1 and pods 1450 under VXLAN, 1500 with host-gw, tunl0 1480 with Calico', () => {
    const sim = Simulation.create(defaultScenario());
    expect(sim.exec('node-1', 'ip link show flannel.1').output).toContain('mtu 1450');
    expect(sim.exec('client', 'ip link show eth0').output).toContain('mtu 1450');
    const hg = Simulation.replay(presetById('host-gw')!.build().scenario, presetById('host-gw')!.build().setup);
    expect(hg.exec('client', 'ip link show eth0').output).toContain('mtu 1500');
    const calico = Simulation.create(presetById('calico')!.build().scenario);
    expect(calico.exec('node-1', 'ip link show tunl0').output).toContain('mtu 1480');
  });

  it('ping -M do: too big for the local route is refused by the sender\'s kernel; one byte less goes', () => {
    const sim = Simulation.create(defaultScenario());
    const to = webPods(sim).find((p) => p.spec.nodeName !== 'node-1')!.status!.podIP!;
    const big = sim.exec('node-1', `ping -c 1 -s 1423 -M do ${to}`);
    expect(big.exitCode).toBe(1);
    expect(big.output).toBe(
      [`PING ${to} (${to}) 1423(1451) bytes of data.`, 'ping: local error: message too long, mtu=1450', '', `--- ${to} ping statistics ---`, '1 packets transmitted, 0 received, +1 errors, 100% packet loss, time 0ms'].join('\n'),
    );
    expect(sim.exec('node-1', `ping -c 1 -s 1422 -M do ${to}`).output).toContain(`1430 bytes from ${to}: icmp_seq=1`);
  });

  it('a router whose next hop is smaller answers ICMP fragmentation needed, which iputils ping prints', () => {
    const sim = Simulation.create(defaultScenario());
    const to = webPods(sim).find((p) => p.spec.nodeName !== 'node-1')!.status!.podIP!;
    // A hand-made namespace on node-1's bridge with a 1500-byte eth0, as the manual CNI recipe builds it.
    for (const c of ['ip netns add big', 'ip link add veth-big type veth peer name eth0 netns big', 'brctl addif cni0 veth-big', 'ip link set veth-big up', 'ip netns exec big ip link set eth0 up', 'ip netns exec big ip addr add 10.244.1.200/24 dev eth0', 'ip netns exec big ip route add default via 10.244.1.1']) {
      expect(sim.exec('node-1', c).exitCode, c).toBe(0);
    }
    const r = sim.exec('node-1', `ip netns exec big ping -c 1 -s 1472 -M do ${to}`);
    expect(r.output).toContain('From 10.244.1.1 icmp_seq=1 Frag needed and DF set (mtu = 1450)');
    const t = sim.probes.at(-1)!.trace;
    expect(t.icmpError).toEqual({ type: 'frag-needed', from: '10.244.1.1', mtu: 1450 });
    expect(t.steps.some((s) => s.summary.startsWith('dropped: frag needed and DF set (mtu 1450)'))).toBe(true);
  });

  it('preset mtu-mismatch: web pods get eth0 mtu 1500, full-size pings across nodes vanish; the fix brings them back', () => {
    const p = presetById('mtu-mismatch')!;
    const { scenario, setup } = p.build();
    const sim = Simulation.replay(scenario, setup);
    const { from, to } = pair(sim);
    expect(sim.exec(from, 'ip link show eth0').output).toContain('mtu 1500');
    expect(sim.exec(from, `ping -c 1 ${to}`).exitCode).toBe(0);
    const big = sim.exec(from, `ping -c 1 -s 1472 ${to}`);
    expect(big.exitCode).toBe(1);
    expect(big.output).toContain('1 packets transmitted, 0 packets received, 100% packet loss');
    expect(sim.probes.at(-1)!.trace.icmpError).toMatchObject({ type: 'frag-needed', mtu: 1450 });

    for (const a of p.fix!) sim.apply(a);
    const again = pair(sim);
    expect(sim.exec(again.from, 'ip link show eth0').output).toContain('mtu 1450');
    expect(sim.exec(again.from, `ping -c 1 -s 1472 ${again.to}`).exitCode).toBe(0);
  });
});
