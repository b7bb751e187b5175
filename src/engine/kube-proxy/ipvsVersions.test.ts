import { describe, expect, it } from 'vitest';
import { imageMinor } from '../addons/kubeProxy';
import { presetWithServices } from './testCluster';

const SVC = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
`;

/** The ipvs preset at a given Kubernetes version, with a ClusterIP Service in front of web. */
const ipvsAt = (version: string) => presetWithServices('ipvs', SVC, (s) => (s.cluster.kubernetesVersion = version));

describe('ipvs mode: pinging a ClusterIP depends on kube-proxy\'s version', () => {
  it('reads the minor version from the kube-proxy image tag', () => {
    expect(imageMinor('registry.k8s.io/kube-proxy:v1.26.15')).toBe(26);
    expect(imageMinor('registry.k8s.io/kube-proxy:v1.34.2')).toBe(34);
    expect(imageMinor('registry.k8s.io/kube-proxy@sha256:abc')).toBeUndefined();
  });

  it('before 1.27 there is no KUBE-IPVS-FILTER: the VIP is a local address on kube-ipvs0 and the node answers the ping', () => {
    const { sim, cip } = ipvsAt('v1.26.15');
    expect(sim.exec('node-1', 'iptables-save -t filter').output).not.toContain('KUBE-IPVS-FILTER');
    const t = sim.trace('default/client', cip);
    expect(t.outcome).toBe('delivered');
    expect(t.icmpError).toBeUndefined();
    expect(sim.exec('default/client', `ping -c 1 ${cip}`).output).toContain(`64 bytes from ${cip}: seq=0`);
    // The Service port still works through IPVS.
    expect(sim.trace('default/client', cip, { proto: 'tcp', port: 80 }).steps.some((s) => s.stage === 'ipvs')).toBe(true);
  });

  it('from 1.27 on (the simulated default, v1.34) KUBE-IPVS-FILTER rejects the ping with port unreachable', () => {
    const { sim, cip } = ipvsAt('v1.34.2');
    expect(sim.exec('node-1', 'iptables-save -t filter').output).toContain('-A INPUT -m comment --comment "kubernetes ipvs access filter" -j KUBE-IPVS-FILTER');
    const t = sim.trace('default/client', cip);
    expect(t.icmpError?.type).toBe('port-unreachable');
    // busybox's ping in the pod ignores ICMP errors; iputils' ping on the node reports it.
    expect(sim.exec('default/client', `ping -c 1 ${cip}`).output).toContain('1 packets transmitted, 0 packets received, 100% packet loss');
    const onNode = sim.exec('node-1', `ping -c 1 ${cip}`).output;
    expect(onNode).toContain(`From ${cip} icmp_seq=1 Destination Port Unreachable`);
    expect(onNode).toContain('1 packets transmitted, 0 received, +1 errors, 100% packet loss');
  });
});
