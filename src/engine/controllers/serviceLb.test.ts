import { describe, expect, it } from 'vitest';
import type { Pod, Service } from '../api/types';
import { Simulation } from '../sim/simulation';

const lb = (name: string, policy: 'Cluster' | 'Local'): string => `apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
  type: LoadBalancer
  externalTrafficPolicy: ${policy}
  selector:
    app: web
  ports:
  - name: http
    port: 80
`;

function setup(policy: 'Cluster' | 'Local'): { sim: Simulation; svc: Service } {
  const sim = Simulation.create();
  sim.applyManifest(lb('shop', policy));
  sim.sleep(2000);
  return { sim, svc: sim.ctx.api.get<Service>('Service', 'default', 'shop')! };
}

/** The pod the request reached and the source address it saw there. */
function seenBy(sim: Simulation): { pod: string; src: string } {
  const t = sim.probes.at(-1)!.trace;
  const at = t.steps.find((s) => s.leg === 'request' && s.stage === 'deliver')!;
  return { pod: at.nsLabel.replace(/^pod /, ''), src: at.before.ip.src };
}

describe('the cloud load balancer (type LoadBalancer)', () => {
  it('gives the Service an external IP from the pool and shows it in kubectl get svc', () => {
    const { sim, svc } = setup('Cluster');
    expect(svc.status!.loadBalancer.ingress).toEqual([{ ip: '203.0.113.100' }]);
    expect(svc.spec.healthCheckNodePort).toBeUndefined();
    const line = sim.exec('control-plane', 'kubectl get svc shop').output.split('\n')[1];
    expect(line).toMatch(new RegExp(`^shop +LoadBalancer +${svc.spec.clusterIP!.replace(/\./g, '\\.')} +203\\.0\\.113\\.100 +80:${svc.spec.ports![0].nodePort}/TCP +\\d+s$`));
    expect(sim.exec('control-plane', 'kubectl describe svc shop').output).toContain('Ensured load balancer');
  });

  it('Cluster: every worker is a backend; the pod sees a node address (masqueraded), not the client', () => {
    const { sim, svc } = setup('Cluster');
    const router = sim.ctx.net.namespaces.get('router')!;
    const rules = router.iptables.nat['CLOUD-LOAD-BALANCERS'].rules.map((r) => r.spec);
    expect(rules.map((r) => r.replace(/ -m statistic.*? -j/, ' -j'))).toEqual([
      `-d 203.0.113.100/32 -p tcp -m comment --comment "load balancer for default/shop: 203.0.113.100:80 -> node-1" -m tcp --dport 80 -j DNAT --to-destination 192.168.56.11:${svc.spec.ports![0].nodePort}`,
      `-d 203.0.113.100/32 -p tcp -m comment --comment "load balancer for default/shop: 203.0.113.100:80 -> node-2" -m tcp --dport 80 -j DNAT --to-destination 192.168.56.12:${svc.spec.ports![0].nodePort}`,
    ]);
    for (let i = 0; i < 6; i++) {
      expect(sim.exec('internet', 'curl -s http://203.0.113.100/').output).toContain('Welcome to nginx!');
      const t = sim.probes.at(-1)!.trace;
      expect(t.steps.at(-1)!.before.ip.src).toBe('203.0.113.100');
      const { pod, src } = seenBy(sim);
      expect(src, pod).not.toBe('203.0.113.1');
      expect(src).toMatch(/^(192\.168\.56\.1[12]|10\.244\.\d\.[01])$/);
      expect(sim.exec('control-plane', `kubectl logs ${pod.split('/')[1]}`).output.split('\n').at(-1)).toMatch(new RegExp(`^${src.replace(/\./g, '\\.')} - - \\[`));
    }
  });

  it('Local: a health check node port; only nodes with a local endpoint pass; the pod sees the client address', () => {
    const { sim, svc } = setup('Local');
    const hc = svc.spec.healthCheckNodePort!;
    expect(hc).toBeGreaterThanOrEqual(30000);
    expect(sim.exec('control-plane', 'kubectl describe svc shop').output).toMatch(new RegExp(`\\nExternal Traffic Policy: +Local\\nInternal Traffic Policy: +Cluster\\nHealthCheck NodePort: +${hc}\\n`));
    sim.exec('control-plane', 'kubectl scale deployment web --replicas=1');
    sim.sleep(5000);
    const web = (sim.ctx.api.peekAll('Pod') as Pod[]).filter((p) => p.metadata.labels?.app === 'web' && !p.metadata.deletionTimestamp);
    expect(web).toHaveLength(1);
    const home = web[0].spec.nodeName!;
    const other = home === 'node-1' ? 'node-2' : 'node-1';
    const checks = sim.ctx.log.all().filter((m) => m.from === 'load-balancer/default/shop');
    expect(checks.filter((m) => m.to === `kube-proxy/${other}`).at(-1)!.path).toMatch(new RegExp(`:${hc}/healthz → 503 Service Unavailable$`));
    expect(checks.filter((m) => m.to === `kube-proxy/${home}`).at(-1)!.path).toMatch(/→ 200 OK$/);
    const rules = sim.ctx.net.namespaces.get('router')!.iptables.nat['CLOUD-LOAD-BALANCERS'].rules;
    expect(rules.map((r) => r.spec.match(/-> (node-\d)/)![1])).toEqual([home]);
    expect(sim.exec(other, 'iptables -S KUBE-NODEPORTS').output).toContain(`-A KUBE-NODEPORTS -p tcp -m comment --comment "default/shop:http health check node port" -m tcp --dport ${hc} -j ACCEPT`);
    for (let i = 0; i < 3; i++) {
      expect(sim.exec('internet', 'curl -s http://203.0.113.100/').output).toContain('Welcome to nginx!');
      expect(seenBy(sim)).toEqual({ pod: `default/${web[0].metadata.name}`, src: '203.0.113.1' });
    }
    expect(sim.exec('control-plane', `kubectl logs ${web[0].metadata.name}`).output.split('\n').at(-1)).toMatch(/^203\.0\.113\.1 - - \[.*\] "GET \/ HTTP\/1\.1" 200 \d+ "-" "curl\/[\d.]+" "-"$/);
    // A node without a local endpoint drops outside traffic to the NodePort and the VIP.
    expect(sim.exec(other, 'iptables -S KUBE-EXTERNAL-SERVICES').output).toContain(`-A KUBE-EXTERNAL-SERVICES -p tcp -m comment --comment "default/shop:http has no local endpoints" -m addrtype --dst-type LOCAL -m tcp --dport ${svc.spec.ports![0].nodePort} -j DROP`);
  });
});
