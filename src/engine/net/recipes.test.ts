import { describe, expect, it } from 'vitest';
import { Simulation } from '../sim/simulation';
import { defaultScenario } from '../scenario/defaults';

/** Runs commands on a node and fails the test on the first non-zero exit. */
function sh(sim: Simulation, target: string, ...lines: string[]): void {
  for (const line of lines) {
    const r = sim.exec(target, line);
    expect(r.exitCode, `${target}: ${line}\n${r.output}`).toBe(0);
  }
}

function emptyCluster(): Simulation {
  const s = defaultScenario();
  s.cluster.cni = 'none';
  s.manifests = '';
  return Simulation.create(s);
}

/** Builds one "pod" by hand: a netns, a veth into the bridge, an address and a default route. */
function handPod(sim: Simulation, node: string, name: string, ip: string, gw: string): void {
  sh(
    sim,
    node,
    `ip netns add ${name}`,
    `ip link add veth-${name} type veth peer name eth0 netns ${name}`,
    `brctl addif cni0 veth-${name}`,
    `ip link set veth-${name} up`,
    `ip netns exec ${name} ip link set lo up`,
    `ip netns exec ${name} ip link set eth0 up`,
    `ip netns exec ${name} ip addr add ${ip}/24 dev eth0`,
    `ip netns exec ${name} ip route add default via ${gw}`,
  );
}

describe('the manual CNI recipe, from an empty node', () => {
  it('bridge, netns, veth, FORWARD rules, MASQUERADE and a route to the other host: every step visible', () => {
    const sim = emptyCluster();
    // Without a CNI the nodes are NotReady: the kubelet waits for a network plugin.
    expect(sim.exec('control-plane', 'kubectl get nodes').output).toMatch(/node-1 +NotReady/);
    sh(sim, 'node-1', 'brctl addbr cni0', 'ip link set cni0 up', 'ip addr add 10.244.1.1/24 dev cni0');
    expect(sim.exec('node-1', 'ip route | grep cni0').output).toBe('10.244.1.0/24 dev cni0 proto kernel scope link src 10.244.1.1');
    handPod(sim, 'node-1', 'pod1', '10.244.1.2', '10.244.1.1');
    handPod(sim, 'node-1', 'pod2', '10.244.1.3', '10.244.1.1');
    expect(sim.exec('node-1', 'ip netns list').output).toBe('pod1\npod2');
    expect(sim.exec('node-1', 'brctl show').output).toMatch(/^bridge name\tbridge id\t\tSTP enabled\tinterfaces\ncni0\t\t8000\.[0-9a-f]{12}\tno\t\tveth-pod1\n\t+veth-pod2$/);

    // Docker set FORWARD's policy to DROP: container to host works (INPUT), container to container does not.
    sh(sim, 'node-1', 'iptables -P FORWARD DROP');
    sh(sim, 'node-1', 'ip netns exec pod1 ping -c 1 10.244.1.1');
    const blocked = sim.exec('node-1', 'ip netns exec pod1 ping -c 1 10.244.1.3');
    expect(blocked.exitCode).toBe(1);
    expect(sim.pings.at(-1)!.trace.reason).toMatch(/DROP by filter\/FORWARD \(the chain's policy\) in node-1 \(FORWARD\)/);
    sh(sim, 'node-1', 'iptables -t filter -A FORWARD -s 10.244.0.0/16 -j ACCEPT', 'iptables -t filter -A FORWARD -d 10.244.0.0/16 -j ACCEPT');
    sh(sim, 'node-1', 'ip netns exec pod1 ping -c 1 10.244.1.3');
    expect(sim.exec('node-1', 'iptables -L FORWARD -v -n | grep 10.244').output).toMatch(/^ +[1-9]\d* +\d+ ACCEPT +all +-- +\* +\* +10\.244\.0\.0\/16 +0\.0\.0\.0\/0/);

    // Out to the internet: without MASQUERADE the reply cannot find its way back.
    const out = sim.exec('node-1', 'ip netns exec pod1 ping -c 1 8.8.8.8');
    expect(out.exitCode).toBe(1);
    expect(sim.pings.at(-1)!.trace.reason).toMatch(/the internet has no route back to 10\.244\.1\.2/);
    sh(sim, 'node-1', 'iptables -t nat -A POSTROUTING -s 10.244.1.0/24 ! -o cni0 -j MASQUERADE', 'ip netns exec pod1 ping -c 1 8.8.8.8');
    expect(sim.exec('node-1', 'conntrack -L').output).toMatch(/icmp +1 \d+ src=10\.244\.1\.2 dst=8\.8\.8\.8 type=8 code=0 id=\d+ src=8\.8\.8\.8 dst=192\.168\.56\.11/);

    // A second host: its pods are unreachable until each host has a route to the other's subnet.
    sh(sim, 'node-2', 'brctl addbr cni0', 'ip link set cni0 up', 'ip addr add 10.244.2.1/24 dev cni0', 'iptables -A FORWARD -s 10.244.0.0/16 -j ACCEPT');
    handPod(sim, 'node-2', 'pod3', '10.244.2.2', '10.244.2.1');
    const noRoute = sim.exec('node-1', 'ip netns exec pod1 ping -c 1 10.244.2.2');
    expect(noRoute.exitCode).toBe(1);
    sh(sim, 'node-1', 'ip route add 10.244.2.0/24 via 192.168.56.12');
    sh(sim, 'node-2', 'ip route add 10.244.1.0/24 via 192.168.56.11');
    sh(sim, 'node-1', 'ip netns exec pod1 ping -c 1 10.244.2.2');
    const t = sim.pings.at(-1)!.trace;
    expect(t.replyTtl).toBe(62);
    expect(t.steps.some((s) => s.stage === 'vxlan-encap')).toBe(false);
  });

  it('answers mistakes the way the tools do', () => {
    const sim = emptyCluster();
    expect(sim.exec('node-1', 'ip addr add 10.244.1.1/24 dev cni0').output).toBe('Cannot find device "cni0"');
    expect(sim.exec('node-1', 'brctl addif cni0 eth0').output).toBe('bridge cni0 does not exist!');
    expect(sim.exec('node-1', 'ip netns exec nope ip addr').output).toBe('Cannot open network namespace "nope": No such file or directory');
    expect(sim.exec('node-1', 'ip route add 10.244.2.0/24 via 10.9.9.9').output).toBe('Error: Nexthop has invalid gateway.');
    expect(sim.exec('node-1', 'ip link add x type vlan').output).toMatch(/Unknown device type "vlan"/);
    expect(sim.exec('node-1', 'iptables -t nat -A POSTROUTING -s 10.244.1.0/33 -j MASQUERADE').output).toMatch(/host\/network `10\.244\.1\.0\/33' not found/);
    expect(sim.exec('node-1', 'iptables -A FORWARD -j MASQUERADE').output).toMatch(/only valid in the nat table/);
    expect(sim.exec('default/client', 'ip link add x type bridge').exitCode).not.toBe(0);
  });
});

describe('iptables semantics', () => {
  it('evaluates rules in order, with -I at the top, -D by rule or number, policies and RETURN', () => {
    const sim = Simulation.create();
    sh(sim, 'node-1', 'iptables -N BLOCK', 'iptables -A BLOCK -d 10.244.2.2 -j DROP', 'iptables -A BLOCK -j RETURN', 'iptables -I FORWARD -j BLOCK');
    expect(sim.exec('node-1', 'iptables -S FORWARD').output).toBe(
      [
        '-P FORWARD ACCEPT',
        '-A FORWARD -j BLOCK',
        '-A FORWARD -m conntrack --ctstate NEW -m comment --comment "kubernetes load balancer firewall" -j KUBE-PROXY-FIREWALL',
        '-A FORWARD -m comment --comment "kubernetes forwarding rules" -j KUBE-FORWARD',
        '-A FORWARD -m conntrack --ctstate NEW -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
        '-A FORWARD -m conntrack --ctstate NEW -m comment --comment "kubernetes externally-visible service portals" -j KUBE-EXTERNAL-SERVICES',
        '-A FORWARD -m comment --comment "flanneld forward" -j FLANNEL-FWD',
      ].join('\n'),
    );
    expect(sim.exec('default/client', 'ping -c 1 10.244.2.2').exitCode).toBe(1);
    expect(sim.pings.at(-1)!.trace.reason).toMatch(/DROP by filter\/BLOCK rule 1/);
    expect(sim.exec('default/client', 'ping -c 1 10.244.2.3').exitCode).toBe(0);
    sh(sim, 'node-1', 'iptables -D BLOCK -d 10.244.2.2 -j DROP');
    expect(sim.exec('default/client', 'ping -c 1 10.244.2.2').exitCode).toBe(0);
    expect(sim.exec('node-1', 'iptables -D BLOCK 5').output).toBe('iptables: Index of deletion too big.');
    expect(sim.exec('node-1', 'iptables -X BLOCK').output).toMatch(/CHAIN_DEL failed \(Device or resource busy\): chain BLOCK/);
    sh(sim, 'node-1', 'iptables -D FORWARD 1', 'iptables -F BLOCK', 'iptables -X BLOCK');
    expect(sim.exec('node-1', 'iptables -L BLOCK').output).toBe('iptables: No chain/target/match by that name.');
  });

  it('counts packets and bytes per rule', () => {
    const sim = Simulation.create();
    sim.exec('default/client', 'ping -c 3 10.244.2.2');
    const save = sim.exec('node-1', 'iptables -L FLANNEL-FWD -v -n -x').output.split('\n');
    // One ping is one flow: only its first request is NEW and reaches FLANNEL-FWD's -s rule;
    // the two later requests and all three replies are ESTABLISHED and accepted earlier, by
    // kube-proxy's conntrack rule in KUBE-FORWARD.
    expect(save[2]).toMatch(/^ +1 +84 ACCEPT/);
    expect(sim.exec('node-1', 'iptables -L KUBE-FORWARD -v -n -x').output).toMatch(/\n +5 +420 ACCEPT .*ctstate RELATED,ESTABLISHED/);
  });
});

describe('reachability in the default cluster', () => {
  it('every pod reaches every other pod and the internet, and no pod reaches a missing address', () => {
    const sim = Simulation.create();
    const pods = sim.pods().filter((p) => p.metadata.namespace === 'default');
    const targets = [...pods.map((p) => p.status!.podIP!), '8.8.8.8', '1.1.1.1'];
    for (const from of pods) {
      for (const to of targets) {
        const t = sim.trace(`default/${from.metadata.name}`, to);
        expect(t.outcome === 'delivered' && t.replied, `${from.metadata.name} → ${to}: ${t.reason}`).toBe(true);
      }
    }
    expect(sim.trace('default/client', '10.244.2.200').outcome).toBe('dropped');
  });

  it('without flannel\'s MASQUERADE, pods cannot reach the internet (broken) — and can after the fix', () => {
    const sim = Simulation.create();
    sh(sim, 'node-1', 'iptables -t nat -F FLANNEL-POSTRTG');
    const t = sim.trace('default/client', '8.8.8.8');
    expect(t.outcome).toBe('dropped');
    expect(t.reason).toMatch(/the internet has no route back to 10\.244\.1\.2/);
    expect(t.steps.some((s) => s.nsLabel === 'internet' && s.stage === 'deliver')).toBe(true);
    sh(sim, 'node-1', 'iptables -t nat -A POSTROUTING -s 10.244.1.0/24 ! -o cni0 -j MASQUERADE');
    expect(sim.trace('default/client', '8.8.8.8').replied).toBe(true);
  });
});
