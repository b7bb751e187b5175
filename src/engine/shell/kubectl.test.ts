import { beforeAll, describe, expect, it } from 'vitest';
import { Simulation } from '../sim/simulation';

let sim: Simulation;
beforeAll(() => {
  sim = Simulation.create();
});

describe('kubectl', () => {
  it('prints `get pods -o wide` in kubectl\'s columns', () => {
    const { output, exitCode } = sim.exec('control-plane', 'kubectl get pods -o wide');
    expect(exitCode).toBe(0);
    const lines = output.split('\n');
    expect(lines[0]).toMatch(/^NAME {2,}READY {3}STATUS {4}RESTARTS {3}AGE {3}IP {2,}NODE {3,}NOMINATED NODE {3}READINESS GATES$/);
    expect(lines).toHaveLength(5);
    expect(lines[1]).toMatch(/^client {2,}1\/1 {5}Running {3}0 {10}\d+s {2,}10\.244\.\d\.\d+ {2,}node-\d {3}<none> {11}<none>$/);
    for (const l of lines.slice(2)) expect(l).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]+-[bcdfghjklmnpqrstvwxz2456789]{5} /);
    // Columns line up: every row's IP starts where the header's IP does.
    const ipCol = lines[0].indexOf('IP ');
    for (const l of lines.slice(1)) expect(l.slice(ipCol)).toMatch(/^10\.244\./);
  });

  it('prints `get nodes` with roles, readiness and version', () => {
    const { output } = sim.exec('control-plane', 'kubectl get nodes');
    expect(output.split('\n')).toEqual([
      expect.stringMatching(/^NAME {12}STATUS {3}ROLES {11}AGE {3}VERSION$/),
      expect.stringMatching(/^control-plane {3}Ready {4}control-plane {3}\d+s {3,}v1\.34\.2$/),
      expect.stringMatching(/^node-1 {10}Ready {4}<none> {10}\d+s {3,}v1\.34\.2$/),
      expect.stringMatching(/^node-2 {10}Ready {4}<none> {10}\d+s {3,}v1\.34\.2$/),
    ]);
    const wide = sim.exec('control-plane', 'kubectl get nodes -o wide').output;
    expect(wide).toContain('INTERNAL-IP');
    expect(wide).toMatch(/node-1 .* 192\.168\.56\.11 .*containerd:\/\/2\.1\.4/);
  });

  it('answers errors as kubectl does', () => {
    expect(sim.exec('control-plane', 'kubectl get foo').output).toBe('error: the server doesn\'t have a resource type "foo"');
    expect(sim.exec('control-plane', 'kubectl get pod nope').output).toBe('Error from server (NotFound): pods "nope" not found');
    expect(sim.exec('control-plane', 'kubectl get pods -n kube-public').output).toBe('No resources found in kube-public namespace.');
    expect(sim.exec('control-plane', 'kubectl get pods -o table').output).toMatch(/unable to match a printer suitable for the output format "table"/);
    expect(sim.exec('node-1', 'kubectl get pods').output).toBe('The connection to the server localhost:8080 was refused - did you specify the right host or port?');
  });

  it('prints YAML and JSON that parse back to the objects', () => {
    const yaml = sim.exec('control-plane', 'kubectl get pod client -o yaml').output;
    expect(yaml).toMatch(/^apiVersion: v1\nkind: Pod\nmetadata:/);
    expect(yaml).toMatch(/podIP: 10\.244\./);
    const json = JSON.parse(sim.exec('control-plane', 'kubectl get pods -o json').output);
    expect(json.kind).toBe('List');
    expect(json.items).toHaveLength(4);
  });

  it('supports selectors, all namespaces and pipes', () => {
    expect(sim.exec('control-plane', 'kubectl get pods -l app=web --no-headers').output.split('\n')).toHaveLength(3);
    expect(sim.exec('control-plane', 'kubectl get pods -l app=web | grep -c web').output).toBe('3');
    expect(sim.exec('control-plane', 'kubectl get pods --bogus').output).toBe("error: unknown flag: --bogus\nSee 'kubectl get --help' for usage.");
    expect(sim.exec('control-plane', 'kubectl get pods -l app=web | tail -n +1 | wc -l').output).toBe('4');
    expect(sim.exec('control-plane', 'kubectl get pods -A | head -1').output).toMatch(/^NAMESPACE {3,}NAME/);
    expect(sim.exec('control-plane', 'kubectl get deploy').output).toMatch(/^NAME {3}READY {3}UP-TO-DATE {3}AVAILABLE {3}AGE\nweb {4}3\/3 {5}3 {12}3 {11}\d+s$/);
  });
});

describe('the shell', () => {
  it('answers unknown commands as bash on nodes and sh in pods', () => {
    expect(sim.exec('node-1', 'foo --bar')).toMatchObject({ output: 'bash: foo: command not found', exitCode: 127 });
    expect(sim.exec('default/client', 'foo')).toMatchObject({ output: 'sh: foo: not found', exitCode: 127 });
    expect(sim.exec('node-1', 'echo "unbalanced')).toMatchObject({ exitCode: 2 });
    expect(sim.exec('node-1', 'ip route |')).toMatchObject({ exitCode: 2 });
    expect(sim.exec('nowhere', 'ip route').output).toMatch(/no node or pod named "nowhere"/);
  });

  it('runs ip in the target\'s namespace', () => {
    expect(sim.exec('default/client', 'ip route').output.split('\n')[0]).toMatch(/^default via 10\.244\.\d\.1 dev eth0$/);
    expect(sim.exec('node-2', 'ip route show dev flannel.1').output).toBe('10.244.0.0/24 via 10.244.0.0 dev flannel.1 onlink\n10.244.1.0/24 via 10.244.1.0 dev flannel.1 onlink');
    expect(sim.exec('node-2', 'ip addr show dev nope').output).toBe('Device "nope" does not exist.');
    expect(sim.exec('node-2', 'ip foo').output).toBe('Object "foo" is unknown, try "ip help".');
  });

  it('pings in busybox format from a pod and iputils format from a node', () => {
    const pod = sim.exec('default/client', 'ping -c 1 10.244.2.2').output;
    expect(pod).toMatch(/^PING 10\.244\.2\.2 \(10\.244\.2\.2\): 56 data bytes\n64 bytes from 10\.244\.2\.2: seq=0 ttl=62 time=\d+\.\d{3} ms\n\n--- 10\.244\.2\.2 ping statistics ---\n1 packets transmitted, 1 packets received, 0% packet loss\nround-trip min\/avg\/max = [\d.]+\/[\d.]+\/[\d.]+ ms$/);
    const node = sim.exec('node-1', 'ping -c 1 10.244.2.2').output;
    expect(node).toMatch(/^PING 10\.244\.2\.2 \(10\.244\.2\.2\) 56\(84\) bytes of data\.\n64 bytes from 10\.244\.2\.2: icmp_seq=1 ttl=63 time=/);
    const lost = sim.exec('default/client', 'ping -c 2 10.244.2.99');
    expect(lost.output).toContain('100% packet loss');
    expect(lost.exitCode).toBe(1);
    expect(lost.output).toContain('2 packets transmitted, 0 packets received, 100% packet loss');
  });

  it('shows flannel\'s files and iptables rules', () => {
    expect(sim.exec('node-2', 'cat /run/flannel/subnet.env').output).toBe('FLANNEL_NETWORK=10.244.0.0/16\nFLANNEL_SUBNET=10.244.2.1/24\nFLANNEL_MTU=1450\nFLANNEL_IPMASQ=true');
    const save = sim.exec('node-2', 'iptables-save -t filter').output;
    expect(save).toMatch(/^# Generated by iptables-save v1\.8\.9 \(nf_tables\) on Mon Jan {2}5 09:\d\d:\d\d 2026\n\*filter\n:INPUT ACCEPT \[\d+:\d+\]/);
    expect(save).toContain('-A FLANNEL-FWD -s 10.244.0.0/16 -m comment --comment "flanneld forward" -j ACCEPT');
    expect(sim.exec('node-2', 'cat /etc/nope').output).toBe('cat: /etc/nope: No such file or directory');
  });
});

describe('shell syntax', () => {
  it('runs lists with ; && || and expands ~, $HOME and VAR=value prefixes', () => {
    const s = Simulation.create();
    expect(s.exec('node-1', 'echo a; echo b').output).toBe('a\nb');
    expect(s.exec('node-1', 'nosuch && echo never').output).toBe('bash: nosuch: command not found');
    expect(s.exec('node-1', 'nosuch || echo fallback').output).toBe('bash: nosuch: command not found\nfallback');
    expect(s.exec('control-plane', 'cat ~/.kube/config | head -1').output).toBe('apiVersion: v1');
    expect(s.exec('control-plane', 'echo $HOME').output).toBe('/root');
    expect(s.exec('control-plane', 'ETCDCTL_API=3 etcdctl get --prefix /registry/namespaces --keys-only | head -1').output).toBe('/registry/namespaces/default');
    expect(s.exec('node-1', 'echo $(hostname)').output).toBe('bash: command substitution is not simulated in the playground');
    expect(s.exec('node-1', 'echo a &&').exitCode).toBe(2);
  });
});
