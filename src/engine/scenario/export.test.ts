import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CALICO_MANIFEST_URL, FLANNEL_MANIFEST_URL, kindExport } from './export';
import { defaultScenario } from './defaults';

describe('export to kind', () => {
  it('matches subnets, node count and kube-proxy mode; no default CNI with flannel', () => {
    const e = kindExport(defaultScenario());
    expect(parse(e.kindConfig)).toEqual({
      kind: 'Cluster',
      apiVersion: 'kind.x-k8s.io/v1alpha4',
      name: 'default',
      networking: { podSubnet: '10.244.0.0/16', serviceSubnet: '10.96.0.0/12', kubeProxyMode: 'iptables', disableDefaultCNI: true },
      nodes: [{ role: 'control-plane' }, { role: 'worker' }, { role: 'worker' }],
    });
    expect(e.cniManifestUrl).toBe(FLANNEL_MANIFEST_URL);
    expect(e.manifests).toContain('name: web');
    expect(e.script).toContain(`kubectl apply -f ${FLANNEL_MANIFEST_URL}`);
    expect(e.script).toContain('kind create cluster --config kind-config.yaml --image kindest/node:v1.34.2');
  });

  it('keeps kindnet for the bridge CNI, notes flannel edits, adds applied manifests', () => {
    const s = defaultScenario();
    s.cluster.cni = 'bridge';
    s.cluster.podCIDR = '10.50.0.0/16';
    s.nodes.push({ name: 'node-3', role: 'worker', ip: '192.168.56.13', runtime: 'cri-o' });
    (s.cluster as { kubeProxyMode?: string }).kubeProxyMode = 'ipvs';
    const e = kindExport(s, [{ type: 'apply', manifest: 'kind: Pod\nmetadata:\n  name: extra\n' }]);
    const cfg = parse(e.kindConfig) as { networking: Record<string, unknown>; nodes: unknown[] };
    expect(cfg.networking.disableDefaultCNI).toBeUndefined();
    expect(cfg.networking.kubeProxyMode).toBe('ipvs');
    expect(cfg.nodes).toHaveLength(4);
    expect(e.cniManifestUrl).toBeUndefined();
    expect(e.manifests).toContain('name: extra');
    expect(e.notes.join('\n')).toMatch(/CRI-O/);

    const f = defaultScenario();
    f.cluster.podCIDR = '10.50.0.0/16';
    f.cluster.flannelBackend = 'host-gw';
    const notes = kindExport(f).notes.join('\n');
    expect(notes).toContain('"Network": "10.50.0.0/16"');
    expect(notes).toContain('"Type": "host-gw"');
  });
});

describe('the action log in the kind export', () => {
  it('replays commands in order: kubectl as is, node commands in the kind container, pod commands through kubectl exec', () => {
    const e = kindExport(defaultScenario(), [
      { type: 'exec', target: 'control-plane', command: 'kubectl scale deployment web --replicas=2' },
      { type: 'exec', target: 'node-2', command: "iptables -P FORWARD DROP; echo 'done'" },
      { type: 'apply', manifest: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: extra\n' },
      { type: 'sleep', ms: 40_000 },
      { type: 'exec', target: 'default/client', command: 'wget -qO- 10.96.0.1' },
      { type: 'trace', from: 'default/client', to: '10.244.1.2' },
      { type: 'exec', target: 'control-plane', command: 'kubectl exec -it client -- sh' },
    ]);
    const tail = e.script.slice(e.script.indexOf('# What was done in the playground, in order:'));
    expect(tail.split('\n').slice(1, 12)).toEqual([
      'kubectl scale deployment web --replicas=2',
      "docker exec default-worker2 sh -c 'iptables -P FORWARD DROP; echo '\\''done'\\'''",
      "kubectl apply -f - <<'APPLY_2_EOF'",
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: extra',
      'APPLY_2_EOF',
      'sleep 40',
      "kubectl exec -n default client -- sh -c 'wget -qO- 10.96.0.1'",
      '# trace default/client -> 10.244.1.2: a playground trace, no command on a real cluster',
    ]);
    expect(tail).toContain('# control-plane: kubectl exec -it client -- sh   (interactive: run it yourself)');
    expect(e.script.indexOf('kubectl apply -f manifests.yaml')).toBeLessThan(e.script.indexOf('kubectl scale deployment web'));
    expect(e.notes.join('\n')).toContain("commands run in pods use the playground's pod names");
  });
});

describe('kind export with Calico', () => {
  it('disables kindnet and applies calico.yaml of the simulated version', () => {
    const s = defaultScenario();
    s.cluster.cni = 'calico';
    const e = kindExport(s);
    expect((parse(e.kindConfig) as { networking: Record<string, unknown> }).networking.disableDefaultCNI).toBe(true);
    expect(e.cniManifestUrl).toBe(CALICO_MANIFEST_URL);
    expect(CALICO_MANIFEST_URL).toMatch(/^https:\/\/raw\.githubusercontent\.com\/projectcalico\/calico\/v3\.\d+\.\d+\/manifests\/calico\.yaml$/);
    expect(e.script).toContain(`kubectl apply -f ${CALICO_MANIFEST_URL}`);
  });
});
