import { beforeAll, describe, expect, it } from 'vitest';
import type { Service } from '../api/types';
import { Simulation } from '../sim/simulation';

const SVC = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  type: NodePort
  selector:
    app: web
  ports:
  - port: 80
    targetPort: 80
    nodePort: 30080
---
apiVersion: v1
kind: Service
metadata:
  name: nothing
spec:
  selector:
    app: nobody
  ports:
  - port: 8080
`;

let sim: Simulation;
let cip: string;
beforeAll(() => {
  sim = Simulation.create();
  expect(sim.applyManifest(SVC).output).toBe('service/web created\nservice/nothing created');
  sim.sleep(2000);
  cip = sim.ctx.api.get<Service>('Service', 'default', 'web')!.spec.clusterIP!;
});

describe('Services through kube-proxy (iptables mode)', () => {
  it('kube-proxy writes the KUBE-SVC and KUBE-SEP chains on every node', () => {
    for (const node of ['control-plane', 'node-1', 'node-2']) {
      const nat = sim.exec(node, 'iptables-save -t nat').output;
      expect(nat).toMatch(new RegExp(`-A KUBE-SERVICES -d ${cip.replace(/\./g, '\\.')}/32 -p tcp -m comment --comment "default/web cluster IP" -m tcp --dport 80 -j KUBE-SVC-[A-Z2-7]{16}`));
      expect(nat.match(/-j DNAT --to-destination 10\.244\.\d\.\d+:80/g)).toHaveLength(3);
      expect(nat).toContain('-A KUBE-SERVICES -d 10.96.0.1/32 -p tcp -m comment --comment "default/kubernetes:https cluster IP" -m tcp --dport 443 -j KUBE-SVC-NPX46M4PTMTKRN6Y');
    }
  });

  it('a TCP connection to the ClusterIP is DNATed to a web pod, and the reply is un-NATed', () => {
    const t = sim.trace('default/client', cip, { proto: 'tcp', port: 80 });
    expect(t.replied).toBe(true);
    expect(t.refused).toBeFalsy();
    const dnat = t.steps.find((s) => s.stage === 'nat/PREROUTING' && s.summary.includes('DNAT'))!;
    expect(dnat.decidedBy).toMatch(/^-A KUBE-SEP-[A-Z2-7]{16} -p tcp -m comment --comment "default\/web" -m tcp -j DNAT --to-destination 10\.244\.\d\.\d+:80$/);
    expect(dnat.after.ip.dst).toMatch(/^10\.244\./);
    // The client sees the answer come from the ClusterIP, not from the pod.
    const last = t.steps.at(-1)!;
    expect(last.before.ip.src).toBe(cip);
    expect(sim.exec('default/client', `wget -qO- http://${cip}`).output).toContain('Welcome to nginx!');
  });

  it('the random picks spread connections over the endpoints', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 30; i++) {
      const t = sim.trace('default/client', cip, { proto: 'tcp', port: 80 });
      seen.add(t.steps.find((s) => s.summary.includes('DNAT'))!.after.ip.dst);
    }
    expect(seen.size).toBe(3);
  });

  it('a ClusterIP does not answer ping, and the trace says why', () => {
    const t = sim.trace('default/client', cip);
    expect(t.replied).toBe(false);
    expect(t.reason).toMatch(/is the ClusterIP of Service default\/web \(80\/TCP\); kube-proxy only rewrites the ports a Service defines .* a ClusterIP does not answer ping/);
  });

  it('a NodePort answers on every node, with the client masqueraded', () => {
    for (const ip of ['192.168.56.10', '192.168.56.11', '192.168.56.12']) {
      const r = sim.exec('node-1', `curl -s http://${ip}:30080`);
      expect(r.output, ip).toContain('Welcome to nginx!');
    }
  });

  it('a Service without endpoints refuses connections at once (REJECT)', () => {
    const nothing = sim.ctx.api.get<Service>('Service', 'default', 'nothing')!.spec.clusterIP!;
    const r = sim.exec('default/client', `wget -qO- http://${nothing}:8080`);
    expect(r.output).toBe(`wget: can't connect to remote host (${nothing}): Connection refused`);
    expect(sim.exec('node-1', 'iptables -S KUBE-SERVICES | grep nothing').output).toContain('has no endpoints" -m tcp --dport 8080 -j REJECT --reject-with icmp-port-unreachable');
  });

  it('scaling the Deployment updates the rules on every node', () => {
    sim.exec('control-plane', 'kubectl scale deployment web --replicas=5');
    sim.sleep(5000);
    expect(sim.exec('node-2', 'iptables-save -t nat').output.match(/-j DNAT --to-destination 10\.244\.\d\.\d+:80/g)).toHaveLength(5);
    expect(sim.ctx.log.all().some((m) => m.from === 'kube-proxy/node-2' && m.verb === 'iptables-restore')).toBe(true);
  });
});
