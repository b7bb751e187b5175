import { describe, expect, it } from 'vitest';
import type { Pod } from '../api/types';
import { Simulation } from '../sim/simulation';
import { PRESETS } from './presets';
import { decodeState, encodeState } from './url';

function reach(sim: Simulation): Record<string, boolean> {
  const client = sim.pods().find((p) => p.metadata.name === 'client');
  if (!client) return {};
  const out: Record<string, boolean> = {};
  for (const p of sim.pods()) {
    if (p === client || !p.status?.podIP) continue;
    const where = p.spec.nodeName === client.spec.nodeName ? 'same-node' : 'other-node';
    out[`${where}`] = (out[where] ?? true) && sim.trace('default/client', p.status.podIP).replied;
  }
  out.internet = sim.trace('default/client', '8.8.8.8').replied;
  return out;
}

describe('presets', () => {
  it('every preset boots, replays from its own link, and broken ones break what they say', () => {
    for (const preset of PRESETS) {
      const { scenario, setup } = preset.build();
      const sim = Simulation.replay(scenario, setup);
      const link = encodeState({ scenario: sim.scenario, actions: sim.actions });
      const back = decodeState(link);
      expect(Simulation.replay(back.scenario, back.actions).stateHash(), preset.id).toBe(sim.stateHash());
      expect(link.length, `${preset.id} link length`).toBeLessThan(2000);
    }
  });

  it('forward-drop: pods cannot talk, not even on one bridge; the ACCEPT rules fix it', () => {
    const p = PRESETS.find((x) => x.id === 'forward-drop')!;
    const { scenario, setup } = p.build();
    const sim = Simulation.replay(scenario, setup);
    expect(reach(sim)).toEqual({ 'same-node': false, 'other-node': false, internet: false });
    expect(sim.trace('default/client', '10.244.2.2').reason).toMatch(/DROP by filter\/FORWARD \(the chain's policy\)/);
    for (const a of p.fix!) sim.apply(a);
    expect(reach(sim)).toEqual({ 'same-node': true, 'other-node': true, internet: true });
  });

  it('no-masquerade: pod to pod works, the internet does not; a MASQUERADE rule fixes it', () => {
    const p = PRESETS.find((x) => x.id === 'no-masquerade')!;
    const { scenario, setup } = p.build();
    const sim = Simulation.replay(scenario, setup);
    expect(reach(sim)).toEqual({ 'same-node': true, 'other-node': true, internet: false });
    for (const a of p.fix!) sim.apply(a);
    expect(reach(sim)).toEqual({ 'same-node': true, 'other-node': true, internet: true });
  });
});

function boot(id: string): Simulation {
  const { scenario, setup } = PRESETS.find((x) => x.id === id)!.build();
  return Simulation.replay(scenario, setup);
}

describe('flannel presets', () => {
  it('host-gw: the same reachability with plain routes via the node IPs, no VXLAN', () => {
    const sim = boot('host-gw');
    expect(reach(sim)).toEqual({ 'same-node': true, 'other-node': true, internet: true });
    expect(sim.exec('node-1', 'ip route').output).toContain('10.244.2.0/24 via 192.168.56.12 dev eth0');
    expect(sim.ctx.net.ns('node-1').links.some((l) => l.name === 'flannel.1')).toBe(false);
    const t = sim.trace('default/client', '10.244.2.2');
    expect(t.steps.some((s) => s.stage === 'vxlan-encap')).toBe(false);
    expect(t.replyTtl).toBe(62);
  });

  it('vagrant-flannel: every node announces 10.0.2.15; cross-node traffic dies at encapsulation', () => {
    const sim = boot('vagrant-flannel');
    expect(reach(sim)).toEqual({ 'same-node': true, 'other-node': false, internet: true });
    const ips = sim.nodes().map((n) => n.metadata.annotations!['flannel.alpha.coreos.com/public-ip']);
    expect(ips).toEqual(['10.0.2.15', '10.0.2.15', '10.0.2.15']);
    expect(sim.exec('node-1', 'bridge fdb show dev flannel.1').output).toMatch(/dst 10\.0\.2\.15 self permanent/);
    expect(sim.trace('default/client', '10.244.2.2').reason).toMatch(/this node's own address/);
    // The fix from a terminal: tell flannel each node's real address, as flannel documents.
    for (const [node, ip] of [['control-plane', '192.168.56.10'], ['node-1', '192.168.56.11'], ['node-2', '192.168.56.12']]) {
      expect(sim.exec('control-plane', `kubectl annotate node ${node} flannel.alpha.coreos.com/public-ip-overwrite=${ip}`).output).toBe(`node/${node} annotated`);
    }
    sim.sleep(1000);
    expect(sim.nodes().map((n) => n.metadata.annotations!['flannel.alpha.coreos.com/public-ip'])).toEqual(['192.168.56.10', '192.168.56.11', '192.168.56.12']);
    expect(reach(sim)).toEqual({ 'same-node': true, 'other-node': true, internet: true });
    expect(sim.ctx.hosts.get('node-1')!.flannel!.log.some((l) => l.includes('Using 192.168.56.11 as external address (public-ip-overwrite)'))).toBe(true);
  });

  it('vagrant-flannel: --iface=enp0s8 in the kube-flannel DaemonSet fixes it too (the pods are replaced one by one)', () => {
    const sim = boot('vagrant-flannel');
    const patch = `kubectl patch ds kube-flannel-ds -n kube-flannel --type json -p '[{"op":"add","path":"/spec/template/spec/containers/0/args/-","value":"--iface=enp0s8"}]'`;
    expect(sim.exec('control-plane', patch).output).toBe('daemonset.apps/kube-flannel-ds patched');
    sim.sleep(30_000);
    expect(sim.ctx.api.list<Pod>('Pod', 'kube-flannel').map((p) => p.spec.containers[0].args)).toEqual([0, 1, 2].map(() => ['--ip-masq', '--kube-subnet-mgr', '--iface=enp0s8']));
    expect(sim.nodes().map((n) => n.metadata.annotations!['flannel.alpha.coreos.com/public-ip'])).toEqual(['192.168.56.10', '192.168.56.11', '192.168.56.12']);
    expect(reach(sim)).toEqual({ 'same-node': true, 'other-node': true, internet: true });
  });

  it('host-gw-l3: no route to the node behind the router; cloud routes fix it', () => {
    const sim = boot('host-gw-l3');
    const t = sim.trace('default/client', sim.pods().find((p) => p.spec.nodeName === 'node-2')!.status!.podIP!);
    expect(t.replied).toBe(false);
    expect(t.reason).toMatch(/the internet does not route private addresses/);
    expect(sim.ctx.hosts.get('node-1')!.flannel!.log.at(-1)).toMatch(/Error adding route to 10\.244\.2\.0\/24 via 192\.168\.57\.12: network is unreachable/);
    const created = sim.exec('node-1', 'gcloud compute routes create node-2-pods --network k8s --destination-range 10.244.2.0/24 --next-hop-address 192.168.57.12');
    expect(created.output).toBe(
      'Created [https://www.googleapis.com/compute/v1/projects/k8s-playground/global/routes/node-2-pods].\n' +
        'NAME          NETWORK   DEST_RANGE      NEXT_HOP        PRIORITY\n' +
        'node-2-pods   k8s       10.244.2.0/24   192.168.57.12   1000',
    );
    sim.exec('node-1', 'gcloud compute routes create node-1-pods --network k8s --destination-range 10.244.1.0/24 --next-hop-address 192.168.56.11');
    expect(reach(sim)).toEqual({ 'same-node': true, 'other-node': true, internet: true });
    expect(sim.exec('node-1', 'gcloud compute routes create bad --destination-range 10.244.9.0/24 --next-hop-address 10.9.9.9').output).toMatch(/The IP is not in any subnetwork of the VPC network/);
  });

  it('flannel-network-mismatch: no lease, no subnet.env, pods stuck creating their sandbox', () => {
    const sim = boot('flannel-network-mismatch');
    expect(sim.exec('node-1', 'cat /run/flannel/subnet.env').output).toBe('cat: /run/flannel/subnet.env: No such file or directory');
    expect(sim.pods().filter((p) => !p.spec.hostNetwork).every((p) => !p.status?.podIP)).toBe(true);
    expect(sim.exec('control-plane', 'kubectl get events').output).toMatch(/FailedCreatePodSandBox .*failed to load flannel 'subnet\.env' file/);
    // The real fix: correct net-conf.json in the ConfigMap, then recreate the flannel pods (flanneld reads it at start).
    const netConf = JSON.stringify(JSON.stringify({ Network: '10.244.0.0/16', Backend: { Type: 'vxlan' } }));
    expect(sim.exec('control-plane', `kubectl patch configmap kube-flannel-cfg -n kube-flannel --type merge -p '{"data":{"net-conf.json":${netConf}}}'`).output).toBe('configmap/kube-flannel-cfg patched');
    expect(sim.exec('control-plane', 'kubectl delete pod -n kube-flannel -l app=flannel').exitCode).toBe(0);
    sim.sleep(20_000);
    expect(sim.pods().every((p) => p.status?.phase === 'Running')).toBe(true);
  });
});

describe('the plain bridge plugin', () => {
  it('no-routes: cross-node pods are unreachable until routes exist; the bridge plugin masquerades per container', () => {
    const p = PRESETS.find((x) => x.id === 'no-routes')!;
    const sim = boot('no-routes');
    expect(sim.exec('node-1', 'cat /etc/cni/net.d/10-bridge.conf').output).toContain('"subnet": "10.244.1.0/24"');
    expect(reach(sim)).toEqual({ 'same-node': true, 'other-node': false, internet: true });
    const save = sim.exec('node-1', 'iptables -t nat -S').output;
    expect(save).toMatch(/-A POSTROUTING -s 10\.244\.1\.2\/32 -m comment --comment "name: \\"bridge\\" id: \\"[0-9a-f]{64}\\"" -j CNI-[0-9a-f]+/);
    expect(save).toMatch(/-A CNI-[0-9a-f]+ -d 10\.244\.1\.0\/24 -m comment .* -j ACCEPT/);
    for (const a of p.fix!) sim.apply(a);
    expect(reach(sim)).toEqual({ 'same-node': true, 'other-node': true, internet: true });
    // Deleting a pod runs CNI DEL: its address is released and its masquerade chain removed.
    const client = sim.ctx.api.get<Pod>('Pod', 'default', 'client')!;
    const [node, ip] = [client.spec.nodeName!, client.status!.podIP!];
    expect(sim.exec(node, `iptables -t nat -S | grep -c ${ip}/32`).output).toBe('1');
    sim.ctx.api.delete('Pod', 'default', 'client', 'kubectl');
    sim.ctx.clock.settle();
    expect(sim.exec(node, `iptables -t nat -S | grep -c ${ip}/32`).output).toBe('0');
    expect(sim.ctx.hosts.get(node)!.ipam.bridge.allocated[ip]).toBeUndefined();
  });
});
