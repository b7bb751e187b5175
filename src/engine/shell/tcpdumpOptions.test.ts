import { describe, expect, it } from 'vitest';
import { Simulation } from '../sim/simulation';
import { getopt } from './getopt';
import { USAGE } from './tcpdumpOptions';

describe('getopt', () => {
  it('splits bundled flags, reads glued and separate values, permutes operands, stops at --', () => {
    expect(getopt('tcpdump', ['-nvi', 'eth0', 'icmp', '-c5'], 'c:i:nv')).toEqual({
      options: [{ name: 'n' }, { name: 'v' }, { name: 'i', value: 'eth0' }, { name: 'c', value: '5' }],
      operands: ['icmp'],
    });
    expect(getopt('tcpdump', ['-nni', 'any', 'port', '53'], 'c:i:nv')).toEqual({ options: [{ name: 'n' }, { name: 'n' }, { name: 'i', value: 'any' }], operands: ['port', '53'] });
    expect(getopt('tcpdump', ['-n', '--', '-v'], 'nv')).toEqual({ options: [{ name: 'n' }], operands: ['-v'] });
    expect(getopt('tcpdump', ['--interface=eth0', '--number'], 'n', { interface: true, number: false })).toEqual({
      options: [{ name: 'interface', value: 'eth0' }, { name: 'number' }],
      operands: [],
    });
  });

  it('reports what getopt prints for a bad option or a missing value', () => {
    expect(getopt('tcpdump', ['-nk'], 'n')).toEqual({ error: "tcpdump: invalid option -- 'k'" });
    expect(getopt('tcpdump', ['-ni'], 'i:n')).toEqual({ error: "tcpdump: option requires an argument -- 'i'" });
    expect(getopt('tcpdump', ['--bogus'], 'n')).toEqual({ error: "tcpdump: unrecognized option '--bogus'" });
    expect(getopt('tcpdump', ['--number=1'], 'n', { number: false })).toEqual({ error: "tcpdump: option '--number' doesn't allow an argument" });
  });
});

describe('tcpdump options', () => {
  it('-nvi cni0 -c2 icmp: bundled flags with -i last, then -c2', () => {
    const sim = Simulation.create();
    sim.exec('default/client', 'ping -c 1 10.244.2.2');
    expect(sim.exec('node-2', 'tcpdump -nvi cni0 -c2 icmp')).toMatchObject({
      exitCode: 0,
      output: [
        'tcpdump: listening on cni0, link-type EN10MB (Ethernet), snapshot length 262144 bytes',
        '09:00:24.442124 IP (tos 0x0, ttl 62, id 33286, offset 0, flags [DF], proto ICMP (1), length 84)',
        '    10.244.1.2 > 10.244.2.2: ICMP echo request, id 33286, seq 0, length 64',
        '09:00:24.442446 IP (tos 0x0, ttl 64, id 33287, offset 0, flags [none], proto ICMP (1), length 84)',
        '    10.244.2.2 > 10.244.1.2: ICMP echo reply, id 33286, seq 0, length 64',
        '2 packets captured',
        '2 packets received by filter',
        '0 packets dropped by kernel',
      ].join('\n'),
    });
  });

  it('-c5 -n icmp: a glued count on the default interface (eth0)', () => {
    const sim = Simulation.create();
    sim.exec('node-1', 'ping -c 2 192.168.56.12');
    expect(sim.exec('node-1', 'tcpdump -c5 -n icmp').output).toBe(
      [
        'tcpdump: verbose output suppressed, use -v[v]... for full protocol decode',
        'listening on eth0, link-type EN10MB (Ethernet), snapshot length 262144 bytes',
        '09:00:24.441306 IP 192.168.56.11 > 192.168.56.12: ICMP echo request, id 33286, seq 0, length 64',
        '09:00:24.441916 IP 192.168.56.12 > 192.168.56.11: ICMP echo reply, id 33286, seq 0, length 64',
        '09:00:25.441004 IP 192.168.56.11 > 192.168.56.12: ICMP echo request, id 33286, seq 1, length 64',
        '09:00:25.441313 IP 192.168.56.12 > 192.168.56.11: ICMP echo reply, id 33286, seq 1, length 64',
        '^C',
        '4 packets captured',
        '4 packets received by filter',
        '0 packets dropped by kernel',
      ].join('\n'),
    );
  });

  it('-nni any port 53 -c2, -#qt, -tt and -w change what each line shows', () => {
    const sim = Simulation.create();
    sim.exec('default/client', 'nslookup kubernetes.default.svc.cluster.local');
    const dns = sim.exec('node-1', 'tcpdump -nni any port 53 -c2').output.split('\n');
    expect(dns.slice(1, 4)).toEqual([
      'listening on any, link-type LINUX_SLL2 (Linux cooked v2), snapshot length 262144 bytes',
      expect.stringMatching(/^\d\d:\d\d:\d\d\.\d{6} vethb21ad166 In {2}IP 10\.244\.1\.2\.\d+ > 10\.96\.0\.10\.53: \d+\+ A\? kubernetes\.default\.svc\.cluster\.local\. \(54\)$/),
      expect.stringMatching(/^\d\d:\d\d:\d\d\.\d{6} cni0 {2}In {2}IP 10\.244\.1\.2\.\d+ > 10\.96\.0\.10\.53: /),
    ]);
    sim.exec('default/client', 'wget -qO- -T 2 10.96.0.1:443');
    expect(sim.exec('node-1', 'tcpdump -#qtni any -c3 tcp').output.split('\n').slice(2, 5)).toEqual([
      '    1  vethb21ad166 In  IP 10.244.1.2.47164 > 10.96.0.1.443: tcp 0',
      '    2  cni0  In  IP 10.244.1.2.47164 > 10.96.0.1.443: tcp 0',
      '    3  eth0  Out IP 192.168.56.11.47164 > 192.168.56.10.6443: tcp 0',
    ]);
    sim.exec('default/client', 'ping -c 1 10.244.2.2');
    expect(sim.exec('node-1', 'tcpdump -ttni flannel.1 -s0 icmp').output.split('\n')[2]).toMatch(/^\d{10}\.\d{6} IP 10\.244\.1\.2 > 10\.244\.2\.2: ICMP echo request/);
    sim.exec('default/client', 'ping -c 1 10.244.2.2');
    expect(sim.exec('node-1', 'tcpdump -ni flannel.1 -w /tmp/x.pcap icmp').output).toBe(
      'tcpdump: listening on flannel.1, link-type EN10MB (Ethernet), snapshot length 262144 bytes\n^C\n2 packets captured\n2 packets received by filter\n0 packets dropped by kernel',
    );
  });

  it('a bad option or a missing value prints getopt\'s line and tcpdump\'s usage, exit 1', () => {
    const sim = Simulation.create();
    expect(sim.exec('node-1', 'tcpdump -nki eth0')).toMatchObject({ exitCode: 1, output: `tcpdump: invalid option -- 'k'\n${USAGE}` });
    expect(sim.exec('node-1', 'tcpdump -n -i')).toMatchObject({ exitCode: 1, output: `tcpdump: option requires an argument -- 'i'\n${USAGE}` });
    expect(USAGE.split('\n').slice(0, 4)).toEqual([
      'tcpdump version 4.99.3',
      'libpcap version 1.10.3 (with TPACKET_V3)',
      'OpenSSL 3.0.15 3 Sep 2024',
      'Usage: tcpdump [-AbdDefhHIJKlLnNOpqStuUvxX#] [ -B size ] [ -c count ] [--count]',
    ]);
    expect(sim.exec('node-1', 'tcpdump -c0').output).toBe('tcpdump: invalid packet count 0');
    expect(sim.exec('node-1', 'tcpdump -s 300000').output).toBe('tcpdump: invalid snaplen 300000 (must be >= 0 and <= 262144)');
    expect(sim.exec('node-1', 'tcpdump -tttttt').output).toBe('tcpdump: only -t, -tt, -ttt, -tttt and -ttttt are supported');
  });
});
