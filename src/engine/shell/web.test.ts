import { beforeAll, describe, expect, it } from 'vitest';
import { Simulation } from '../sim/simulation';

let sim: Simulation;
beforeAll(() => {
  sim = Simulation.create();
});

describe('TCP, UDP and the tools on top', () => {
  it('curl from a node gets nginx\'s page through the overlay; a closed port is refused', () => {
    const r = sim.exec('node-1', 'curl http://10.244.2.2');
    expect(r.exitCode).toBe(0);
    expect(r.output).toContain('<title>Welcome to nginx!</title>');
    const t = sim.probes.at(-1)!.trace;
    expect(t.proto).toBe('tcp');
    expect(t.listener).toBe('nginx (container nginx)');
    expect(t.steps.some((s) => s.stage === 'vxlan-encap')).toBe(true);
    const refused = sim.exec('node-1', 'curl 10.244.2.2:81');
    expect(refused).toMatchObject({ exitCode: 7, output: expect.stringMatching(/^curl: \(7\) Failed to connect to 10\.244\.2\.2 port 81 after \d+ ms: Couldn't connect to server$/) });
    expect(sim.exec('node-1', 'conntrack -L | grep dport=81').output).toMatch(/^tcp +6 \d+ CLOSE src=10\.244\.1\.0 dst=10\.244\.2\.2/);
  });

  it('busybox has wget, not curl', () => {
    expect(sim.exec('default/client', 'curl 10.244.2.2').output).toMatch(/^sh: curl: not found/);
    expect(sim.exec('default/client', 'wget -qO- http://10.244.2.2').output).toContain('Welcome to nginx!');
    expect(sim.exec('default/client', 'wget -qO- 10.244.2.2:8080').output).toBe("wget: can't connect to remote host (10.244.2.2): Connection refused");
  });

  it('a silent drop is a timeout, and simulated time passes', () => {
    const s = Simulation.create();
    s.exec('node-2', 'iptables -I INPUT -p tcp --dport 10250 -j DROP');
    const t0 = s.ctx.clock.now;
    const r = s.exec('node-1', 'curl --connect-timeout 5 http://192.168.56.12:10250/healthz');
    expect(r.exitCode).toBe(28);
    expect(r.output).toBe('curl: (28) Failed to connect to 192.168.56.12 port 10250 after 5000 ms: Timeout was reached');
    expect(s.ctx.clock.now - t0).toBeGreaterThanOrEqual(5000);
    expect(s.exec('node-1', 'curl -s http://192.168.56.10:6443/').output).toBe('Client sent an HTTP request to an HTTPS server.');
  });

  it('traceroute shows each router; ICMP errors find their way back through NAT (RELATED)', () => {
    expect(sim.exec('default/client', 'traceroute -n 8.8.8.8').output.split('\n')).toEqual([
      'traceroute to 8.8.8.8 (8.8.8.8), 30 hops max, 46 byte packets',
      expect.stringMatching(/^ 1 {2}10\.244\.1\.1 {2}[\d.]+ ms {2}[\d.]+ ms {2}[\d.]+ ms$/),
      expect.stringMatching(/^ 2 {2}192\.168\.56\.1 {2}/),
      expect.stringMatching(/^ 3 {2}8\.8\.8\.8 {2}/),
    ]);
    const hops = sim.exec('default/client', 'traceroute -n 10.244.2.2').output.split('\n').slice(1).map((l) => l.trim().split(/\s+/)[1]);
    // Across flannel: the local bridge, the peer's flannel.1 address, the pod.
    expect(hops).toEqual(['10.244.1.1', '10.244.2.0', '10.244.2.2']);
  });

  it('traces TCP from the trace API too', () => {
    const t = sim.trace('default/client', '10.244.2.2', { proto: 'tcp', port: 80 });
    expect(t.proto).toBe('tcp');
    expect(t.port).toBe(80);
    expect(t.replied).toBe(true);
    expect(t.steps.find((s) => s.stage === 'tcp')!.after.l4).toMatchObject({ proto: 'tcp', flags: 'SA', sport: 80 });
  });
});

describe('kubectl proxy and access logs', () => {
  it('curl localhost:8001 reaches the apiserver through kubectl proxy; nginx logs each request', () => {
    const s = Simulation.create();
    s.exec('control-plane', 'kubectl proxy');
    const list = JSON.parse(s.exec('control-plane', 'curl -s localhost:8001/api/v1/namespaces/default/pods').output);
    expect(list.kind).toBe('PodList');
    expect(list.items.length).toBe(4);
    const web = s.pods().find((p) => p.status?.podIP === '10.244.2.2')!;
    s.exec('default/client', 'wget -qO- http://10.244.2.2/');
    expect(s.exec('control-plane', `kubectl logs ${web.metadata.name} | tail -1`).output).toMatch(/^10\.244\.1\.2 - - \[05\/Jan\/2026:09:00:\d\d \+0000\] "GET \/ HTTP\/1\.1" 200 615 "-" "Wget" "-"$/);
    expect(s.exec('node-1', 'curl -s localhost:8001/api').output).toMatch(/Failed to connect|Couldn't connect/);
  });
});
