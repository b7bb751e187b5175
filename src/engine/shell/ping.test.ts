import { describe, expect, it } from 'vitest';
import { Simulation } from '../sim/simulation';
import { BUSYBOX_USAGE, IPUTILS_USAGE, parsePing } from './pingOptions';

describe('ping options', () => {
  it('reads options with getopt: -c1, -qc 3, the host before the options (GNU permutes)', () => {
    for (const busybox of [false, true]) {
      expect(parsePing(['-c1', '10.0.0.1'], busybox)).toMatchObject({ dst: '10.0.0.1', count: 1, quiet: false });
      expect(parsePing(['-qc', '3', '10.0.0.1'], busybox)).toMatchObject({ dst: '10.0.0.1', count: 3, quiet: true });
      expect(parsePing(['10.0.0.1', '-c', '2', '-s', '100'], busybox)).toMatchObject({ dst: '10.0.0.1', count: 2, size: 100 });
    }
    expect(parsePing(['-Mdo', '-t', '3', '-w', '2', 'x'], false)).toMatchObject({ pmtu: 'do', ttl: 3, deadline: 2 });
    // -M is iputils' only: BusyBox's getopt rejects it.
    expect(parsePing(['-Mdo', 'x'], true)).toEqual({ out: `ping: invalid option -- 'M'\n${BUSYBOX_USAGE}`, code: 1 });
    // BusyBox's -c 0 is "no count"; iputils refuses it.
    expect(parsePing(['-c', '0', 'x'], true)).toMatchObject({ count: undefined });
    expect(parsePing(['-c', '0', 'x'], false)).toEqual({ out: "ping: invalid argument: '0': out of range: 1 <= value <= 9223372036854775807", code: 1 });
    expect(parsePing(['-c', 'two', 'x'], true)).toEqual({ out: "ping: invalid number 'two'", code: 1 });
  });

  it('an unknown option prints getopt\'s line and the usage: iputils exits 2, BusyBox 1', () => {
    const sim = Simulation.create();
    const web = sim.pods().find((p) => p.metadata.name.startsWith('web-'))!.status!.podIP!;
    const node = sim.exec('node-1', `ping -k ${web}`);
    expect(node.exitCode).toBe(2);
    expect(node.output).toBe(`ping: invalid option -- 'k'\n${IPUTILS_USAGE}`);
    expect(node.output.split('\n').slice(0, 4)).toEqual(["ping: invalid option -- 'k'", '', 'Usage', '  ping [options] <destination>']);
    const pod = sim.exec('default/client', `ping -k ${web}`);
    expect(pod.exitCode).toBe(1);
    expect(pod.output.split('\n').slice(0, 5)).toEqual(["ping: invalid option -- 'k'", 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.', '', 'Usage: ping [OPTIONS] HOST', '']);
    // -h prints the usage alone (iputils exits 2 there too); -V the version.
    expect(sim.exec('node-1', 'ping -h')).toMatchObject({ output: IPUTILS_USAGE, exitCode: 2 });
    expect(sim.exec('node-1', 'ping -V').output.split('\n')[0]).toBe('ping from iputils 20221126');
    expect(sim.exec('node-1', 'ping')).toMatchObject({ output: 'ping: usage error: Destination address required', exitCode: 1 });
    expect(sim.exec('default/client', 'ping')).toMatchObject({ output: BUSYBOX_USAGE, exitCode: 1 });
  });

  it('ping HOST -c 1 on a node and in a pod: the operand may come first', () => {
    const sim = Simulation.create();
    const web = sim.pods().find((p) => p.metadata.name.startsWith('web-'))!.status!.podIP!;
    const node = sim.exec('node-1', `ping ${web} -c 1`).output.split('\n');
    expect(node[0]).toBe(`PING ${web} (${web}) 56(84) bytes of data.`);
    expect(node.find((l) => l.startsWith('1 packets'))).toBe('1 packets transmitted, 1 received, 0% packet loss, time 0ms');
    expect(node).not.toContain('^C');
    const pod = sim.exec('default/client', `ping ${web} -qc1`).output.split('\n');
    expect(pod).toEqual([`PING ${web} (${web}): 56 data bytes`, '', `--- ${web} ping statistics ---`, '1 packets transmitted, 1 packets received, 0% packet loss', expect.stringMatching(/^round-trip min\/avg\/max = /)]);
  });

  it('-w 2 stops after 2 seconds of simulated time: two echoes, no ^C; -t 1 dies at the first router', () => {
    const sim = Simulation.create();
    const web = sim.pods().find((p) => p.metadata.name.startsWith('web-') && p.spec.nodeName === 'node-2')!.status!.podIP!;
    const t0 = sim.ctx.clock.now;
    const node = sim.exec('node-1', `ping -w 2 ${web}`);
    expect(node.exitCode).toBe(0);
    expect(node.output.split('\n').filter((l) => l.includes('icmp_seq='))).toHaveLength(2);
    expect(node.output).toMatch(/\n2 packets transmitted, 2 received, 0% packet loss, time 100\dms\n/);
    expect(node.output).not.toContain('^C');
    expect(sim.ctx.clock.now - t0).toBeLessThan(2000);
    expect(sim.exec('default/client', `ping -w 2 ${web}`).output).toContain('\n2 packets transmitted, 2 packets received, 0% packet loss\n');
    // -c with -w: done once the answers are in.
    expect(sim.exec('node-1', `ping -c 1 -w 5 ${web}`).output).toContain('\n1 packets transmitted, 1 received');
    const ttl = sim.exec('node-1', `ping -t 1 -c 1 ${web}`);
    expect(ttl.exitCode).toBe(1);
    expect(ttl.output).toContain('\nFrom 10.244.2.0 icmp_seq=1 Time to live exceeded\n');
    expect(sim.exec('node-1', `ping -c 1 -I flannel.1 ${web}`).output.split('\n')[0]).toBe(`PING ${web} (${web}) from 10.244.1.0 flannel.1: 56(84) bytes of data.`);
    expect(sim.exec('node-1', `ping -c 1 -I eth9 ${web}`)).toMatchObject({ output: 'ping: SO_BINDTODEVICE eth9: No such device', exitCode: 2 });
  });

  it('ping -c1 from a pod, -q prints only the summary, -i spaces the echoes in simulated time', () => {
    const sim = Simulation.create();
    const web = sim.pods().find((p) => p.metadata.name.startsWith('web-'))!.status!.podIP!;
    const one = sim.exec('default/client', `ping -c1 ${web}`);
    expect(one.exitCode).toBe(0);
    expect(one.output).toContain('1 packets transmitted, 1 packets received, 0% packet loss');
    const quiet = sim.exec('node-1', `ping -q -c 2 ${web}`).output.split('\n');
    expect(quiet[0]).toBe(`PING ${web} (${web}) 56(84) bytes of data.`);
    expect(quiet.some((l) => l.includes('icmp_seq='))).toBe(false);
    expect(quiet.find((l) => l.startsWith('2 packets'))).toMatch(/^2 packets transmitted, 2 received, 0% packet loss, time 100\dms$/);
    const t0 = sim.ctx.clock.now;
    expect(sim.exec('node-1', `ping -c 3 -i 0.2 ${web}`).output).toMatch(/3 packets transmitted, 3 received, 0% packet loss, time 40\dms/);
    expect(sim.ctx.clock.now - t0).toBeLessThan(1000);
    expect(sim.exec('node-1', `ping -c 1 -i 0 ${web}`).output).toBe('ping: bad timing interval: 0');
  });
});
