import { describe, expect, it } from 'vitest';
import { Simulation } from '../sim/simulation';
import { capture, captured, CAPTURE_LIMIT } from '../net/capture';
import { echoRequest } from '../net/packet';
import { Network } from '../net/network';
import { Prng } from '../sim/prng';

/** The packet lines of a tcpdump output (without header, notice and summary). */
function lines(out: string): string[] {
  return out.split('\n').filter((l) => /^(\d\d:\d\d:\d\d\.\d{6} |IP )/.test(l)).map((l) => l.replace(/^\d\d:\d\d:\d\d\.\d{6} /, ''));
}

describe('tcpdump', () => {
  it('reads bundled short options as getopt does: -nvi flannel.1 -c1', () => {
    const sim = Simulation.create();
    sim.exec('default/client', 'ping -c 1 10.244.2.2');
    const out = sim.exec('node-1', 'tcpdump -nvi flannel.1 -c1');
    expect(out.exitCode).toBe(0);
    // -v drops the notice; -c1 stops after one packet without ^C.
    expect(out.output.split('\n')[0]).toBe('tcpdump: listening on flannel.1, link-type EN10MB (Ethernet), snapshot length 262144 bytes');
    expect(out.output).toMatch(/ICMP echo request/);
    expect(out.output).not.toMatch(/echo reply|\^C/);
    expect(sim.exec('node-1', 'tcpdump -nki eth0').output).toMatch(/^tcpdump: invalid option -- 'k'/);
  });

  it('sees a cross-node ping on flannel.1 (inner), eth0 (VXLAN outer) and the peer node\'s cni0', () => {
    const sim = Simulation.create();
    sim.exec('default/client', 'ping -c 1 10.244.2.2');
    const flannel = sim.exec('node-1', 'tcpdump -n -i flannel.1').output;
    expect(flannel.split('\n').slice(0, 2)).toEqual([
      'tcpdump: verbose output suppressed, use -v[v]... for full protocol decode',
      'listening on flannel.1, link-type EN10MB (Ethernet), snapshot length 262144 bytes',
    ]);
    expect(lines(flannel)).toEqual([
      expect.stringMatching(/^IP 10\.244\.1\.2 > 10\.244\.2\.2: ICMP echo request, id \d+, seq 0, length 64$/),
      expect.stringMatching(/^IP 10\.244\.2\.2 > 10\.244\.1\.2: ICMP echo reply, id \d+, seq 0, length 64$/),
    ]);
    expect(flannel).toMatch(/ICMP echo reply, id \d+, seq 0, length 64\n\^C\n2 packets captured\n2 packets received by filter\n0 packets dropped by kernel$/);
    const eth0 = lines(sim.exec('node-1', 'tcpdump -n -i eth0 icmp or udp port 8472').output);
    expect(eth0).toEqual([
      expect.stringMatching(/^IP 192\.168\.56\.11\.\d+ > 192\.168\.56\.12\.8472: OTV, flags \[I\] \(0x08\), overlay 0, instance 1$/),
      expect.stringMatching(/^IP 10\.244\.1\.2 > 10\.244\.2\.2: ICMP echo request/),
      expect.stringMatching(/^IP 192\.168\.56\.12\.\d+ > 192\.168\.56\.11\.8472: OTV/),
      expect.stringMatching(/^IP 10\.244\.2\.2 > 10\.244\.1\.2: ICMP echo reply/),
    ]);
    const cni0 = lines(sim.exec('node-2', 'tcpdump -n -e -i cni0 not arp').output);
    expect(cni0[0]).toMatch(/^([0-9a-f:]{17}) > ([0-9a-f:]{17}), ethertype IPv4 \(0x0800\), length 98: IP 10\.244\.1\.2 > 10\.244\.2\.2: ICMP echo request/);
    expect(cni0).toHaveLength(2);
    // A second tcpdump shows only what came since.
    expect(lines(sim.exec('node-1', 'tcpdump -n -i flannel.1').output)).toEqual([]);
  });

  it('filters by expression and stops after -c', () => {
    const sim = Simulation.create();
    sim.exec('default/client', 'ping -c 2 10.244.2.2');
    const out = sim.exec('node-2', 'tcpdump -n -i cni0 -c 1 icmp and dst host 10.244.1.2').output;
    expect(lines(out)).toEqual([expect.stringMatching(/^IP 10\.244\.2\.2 > 10\.244\.1\.2: ICMP echo reply, id \d+, seq 0, length 64$/)]);
    expect(out).toMatch(/length 64\n1 packet captured\n2 packets received by filter\n/);
    expect(sim.exec('node-1', 'tcpdump -n -i eth0 port').output).toBe('tcpdump: syntax error in filter expression');
    expect(sim.exec('node-1', 'tcpdump -i eth9').output).toMatch(/^tcpdump: eth9: No such device exists/);
    expect(sim.exec('default/client', 'tcpdump -n -i eth0')).toMatchObject({ output: 'sh: tcpdump: not found', exitCode: 127 });
  });

  it('prints DNS questions and TCP handshakes', () => {
    const sim = Simulation.create();
    sim.exec('default/client', 'nslookup kubernetes.default.svc.cluster.local');
    sim.exec('default/client', 'wget -qO- -T 2 10.96.0.1:443');
    const out = lines(sim.exec('node-1', 'tcpdump -n -i any port 53 or tcp').output);
    expect(out).toContainEqual(expect.stringMatching(/^cni0 {2}In {2}IP 10\.244\.1\.2\.\d+ > 10\.96\.0\.10\.53: \d+\+ A\? kubernetes\.default\.svc\.cluster\.local\. \(54\)$/));
    expect(out).toContainEqual(expect.stringMatching(/^cni0 {2}Out IP 10\.96\.0\.10\.53 > 10\.244\.1\.2\.\d+: \d+\*- 1\/0\/0 A 10\.96\.0\.1 \(70\)$/));
    const syn = out.find((l) => /10\.96\.0\.1\.443: Flags \[S\]/.test(l))!;
    expect(syn).toMatch(/^\S+ +In +IP 10\.244\.1\.2\.(\d+) > 10\.96\.0\.1\.443: Flags \[S\], seq (\d+), win 64240, options \[mss 1460,sackOK,TS val 1000 ecr 0,nop,wscale 7\], length 0$/);
    const isn = Number(/seq (\d+)/.exec(syn)![1]);
    expect(out).toContainEqual(expect.stringMatching(new RegExp(`Flags \\[S\\.\\], seq \\d+, ack ${isn + 1}, win 65160`)));
  });

  it('keeps only the last frames of a namespace', () => {
    const net = new Network(new Prng(1));
    for (let i = 0; i < CAPTURE_LIMIT + 20; i++) capture(net, 'node-1', 'eth0', 'Out', i, { pkt: echoRequest('10.0.0.1', '10.0.0.2', 1, i) });
    const frames = captured(net, 'node-1');
    expect(frames).toHaveLength(CAPTURE_LIMIT);
    expect(frames[0].pkt!.l4).toMatchObject({ seq: 20 });
  });
});
