import { describe, expect, it } from 'vitest';
import { grep } from './filters';
import type { ShellEnv } from './types';

const env = {} as ShellEnv;
const text = 'Name: a\nTaints: x\n  y\nLease:\nHolder: h\nEvents: none\n';

describe('grep', () => {
  it('prints context lines after, before and around, with -- between groups', () => {
    expect(grep(['-A1', 'Taints'], env, text).out).toBe('Taints: x\n  y');
    expect(grep(['-B', '1', 'Lease'], env, text).out).toBe('  y\nLease:');
    expect(grep(['-A1', '-e', 'Name', '-e', 'Holder'], env, text).out).toBe('Name: a\nTaints: x\n--\nHolder: h\nEvents: none');
    expect(grep(['-C1', '-e', 'Taints', '-e', 'Lease'], env, text).out).toBe('Name: a\nTaints: x\n  y\nLease:\nHolder: h');
  });

  it('takes several -e patterns, counts, inverts, and fails on nothing', () => {
    expect(grep(['-c', '-e', 'Name', '-e', 'Lease'], env, text).out).toBe('2');
    expect(grep(['-v', '-i', 'E|A'], env, text).out).toBe('  y');
    expect(grep(['nothing'], env, text).code).toBe(1);
    expect(grep([], env, text).code).toBe(2);
  });
});

describe('kubectl get --field-selector', () => {
  it('filters by dotted fields with =, == and !=', async () => {
    const { Simulation } = await import('../sim/simulation');
    const sim = Simulation.create();
    const ev = sim.exec('control-plane', 'kubectl get events --field-selector involvedObject.name=client').output.split('\n').slice(1);
    expect(ev.length).toBeGreaterThan(0);
    expect(ev.every((l) => / pod\/client /.test(l))).toBe(true);
    const pods = sim.exec('control-plane', 'kubectl get pods -A --field-selector spec.nodeName==node-1,metadata.namespace!=kube-system --no-headers').output.split('\n');
    expect(pods.every((l) => !l.startsWith('kube-system'))).toBe(true);
    expect(pods.some((l) => / client /.test(l))).toBe(true);
    expect(sim.exec('control-plane', 'kubectl get pods --field-selector bogus').output).toBe("error: invalid selector: 'bogus'; can't understand 'bogus'");
  });
});

describe('kubectl get --raw', () => {
  it('prints the apiserver\'s answer for a REST path, and its errors like kubectl', async () => {
    const { Simulation } = await import('../sim/simulation');
    const sim = Simulation.create();
    const pod = JSON.parse(sim.exec('control-plane', 'kubectl get --raw /api/v1/namespaces/default/pods/client').output) as { kind: string; metadata: { name: string } };
    expect([pod.kind, pod.metadata.name]).toEqual(['Pod', 'client']);
    expect(sim.exec('control-plane', 'kubectl get --raw /api/v1/namespaces/default/pods/nope')).toEqual({ output: 'Error from server (NotFound): pods "nope" not found', exitCode: 1 });
    expect(sim.exec('control-plane', 'kubectl get --raw /healthz').output).toBe('ok');
    expect(sim.exec('control-plane', 'kubectl get pods --raw /api').output).toBe('error: arguments may not be passed when --raw is specified');
  });
});
