import { describe, expect, it } from 'vitest';
import type { Pod } from '../../api/types';
import type { Simulation } from '../../sim/simulation';
import { calicoSim } from './testing';

const pods = (sim: Simulation): Pod[] => sim.ctx.api.peekAll('Pod') as Pod[];
const ipOf = (sim: Simulation, name: string): string => pods(sim).find((p) => p.metadata.name === name)!.status!.podIP!;

describe('Calico dataplane', () => {
  const sim = calicoSim();
  const client = pods(sim).find((p) => p.metadata.name === 'client')!;
  const remoteWeb = pods(sim).find((p) => p.metadata.labels?.app === 'web' && p.spec.nodeName !== client.spec.nodeName)!;

  it('runs calico-node on every node and writes the CNI config', () => {
    const out = sim.exec('control-plane', 'kubectl get ds -n kube-system calico-node').output;
    expect(out).toMatch(/calico-node\s+3\s+3\s+3\s+3\s+3\s+kubernetes.io\/os=linux/);
    expect(sim.exec('node-1', 'cat /etc/cni/net.d/10-calico.conflist').output).toContain('"type": "calico"');
  });

  it('gives each node a /26 block, tunl0 with its first address, BIRD routes over IPIP and a blackhole for its own block', () => {
    const blocks = new Map([...sim.ctx.hosts.values()].map((h) => [h.name, h.calico!.blocks[0]]));
    for (const [node, block] of blocks) {
      expect(block).toMatch(/^10\.244\.\d+\.(0|64|128|192)\/26$/);
      const routes = sim.exec(node, 'ip route').output.split('\n');
      expect(routes).toContain(`blackhole ${block} proto bird`);
      for (const [other, ob] of blocks) if (other !== node) expect(routes).toContain(`${ob} via ${sim.ctx.hosts.get(other)!.ip} dev tunl0 proto bird onlink`);
      const tunl = sim.exec(node, 'ip addr show tunl0').output;
      expect(tunl).toMatch(/^\d+: tunl0@NONE: <NOARP,UP,LOWER_UP> mtu 1480 qdisc noqueue state UNKNOWN group default qlen 1000\n {4}link\/ipip 0\.0\.0\.0 brd 0\.0\.0\.0\n {4}inet 10\.244\.\d+\.\d+\/32 scope global tunl0/);
    }
    // Pods get addresses from their node's block, a cali interface and a /32 route.
    const node = client.spec.nodeName!;
    expect(client.status!.podIP).toSatisfy((ip: string) => ip.startsWith(blocks.get(node)!.split('.').slice(0, 3).join('.')));
    const hostRoutes = sim.exec(node, 'ip route').output;
    expect(hostRoutes).toMatch(new RegExp(`^${client.status!.podIP!.replace(/\./g, '\\.')} dev cali[0-9a-f]{11} scope link$`, 'm'));
    expect(sim.exec('default/client', 'ip route').output).toBe('default via 169.254.1.1 dev eth0\n169.254.1.1 dev eth0 scope link');
    const cali = /dev (cali[0-9a-f]{11})/.exec(hostRoutes.split('\n').find((l) => l.startsWith(`${client.status!.podIP} `))!)![1];
    expect(sim.exec(node, `sysctl net.ipv4.conf.${cali}.proxy_arp`).output).toBe(`net.ipv4.conf.${cali}.proxy_arp = 1`);
    expect(sim.exec(node, `ip link show ${cali}`).output).toContain('link/ether ee:ee:ee:ee:ee:ee brd ff:ff:ff:ff:ff:ff link-netns cni-');
  });

  it('carries pod-to-pod traffic between nodes in IP-in-IP, answered by proxy ARP inside the pod', () => {
    const t = sim.trace('client', remoteWeb.status!.podIP!, { proto: 'tcp', port: 80 });
    expect(t.outcome).toBe('delivered');
    expect(t.replied).toBe(true);
    const stages = t.steps.map((s) => s.stage);
    expect(stages).toContain('ipip-encap');
    expect(stages).toContain('ipip-decap');
    const encap = t.steps.find((s) => s.stage === 'ipip-encap')!;
    expect(encap.after.ipip).toBe(true);
    expect(encap.after.ip.dst).toBe(sim.ctx.hosts.get(remoteWeb.spec.nodeName!)!.ip);
    expect(t.steps.find((s) => s.stage === 'arp' && s.nsLabel === 'pod default/client')?.summary).toMatch(/169\.254\.1\.1 is-at ee:ee:ee:ee:ee:ee \(proxy ARP: cali[0-9a-f]{11} answers/);
    expect(t.steps.some((s) => s.stage === 'wire' && s.before.ipip)).toBe(true);
  });

  it('discards a packet to an unassigned address of a local block (blackhole)', () => {
    const block = sim.ctx.hosts.get(client.spec.nodeName!)!.calico!.blocks[0];
    const unused = `${block.split('.').slice(0, 3).join('.')}.${Number(block.split('.')[3].split('/')[0]) + 60}`;
    const t = sim.trace('client', unused);
    expect(t.outcome).toBe('dropped');
    expect(t.reason).toContain('blackhole route');
    expect(ipOf(sim, 'client')).toBeTruthy();
  });

  it('calicoctl and ipset read the same state', () => {
    expect(sim.exec('node-1', 'calicoctl node status').output).toContain('| 192.168.56.12 | node-to-node mesh | up    |');
    expect(sim.exec('node-1', 'calicoctl get ippool -o wide').output).toBe(
      'NAME                  CIDR            NAT    IPIPMODE   VXLANMODE   DISABLED   DISABLEBGPEXPORT   SELECTOR\ndefault-ipv4-ippool   10.244.0.0/16   true   Always     Never       false      false              all()',
    );
    expect(sim.exec('node-1', 'calicoctl get wep').output).toMatch(new RegExp(`^client\\s+${client.spec.nodeName}\\s+${client.status!.podIP!.replace(/\./g, '\\.')}/32\\s+cali[0-9a-f]{11}$`, 'm'));
    expect(sim.exec('node-1', 'ipset save cali40all-ipam-pools').output).toMatch(/^create cali40all-ipam-pools hash:net family inet hashsize 1024 maxelem 1048576 bucketsize 12 initval 0x[0-9a-f]{8}\nadd cali40all-ipam-pools 10\.244\.0\.0\/16$/);
    expect(sim.exec('default/client', 'ipset list').exitCode).toBe(127);
  });
});
