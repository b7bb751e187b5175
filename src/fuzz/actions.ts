/** Random but meaningful learner actions for property tests: deploy, scale, break, probe, wait. */
import fc from 'fast-check';
import type { Simulation } from '../engine/sim/simulation';
import type { Trace } from '../engine/net/trace';

export type FuzzAction =
  | { kind: 'deploy'; name: string; replicas: number; image: string }
  | { kind: 'trace'; from: number; to: number }
  | { kind: 'exec'; target: string; command: string }
  | { kind: 'sleep'; seconds: number };

export const fuzzAction: fc.Arbitrary<FuzzAction> = fc.oneof(
  fc.record({ kind: fc.constant('deploy' as const), name: fc.constantFrom('web', 'api', 'db'), replicas: fc.integer({ min: 0, max: 6 }), image: fc.constantFrom('nginx:1.27', 'nginx:1.28', 'redis:7') }),
  fc.record({ kind: fc.constant('trace' as const), from: fc.nat(20), to: fc.nat(20) }),
  fc.record({
    kind: fc.constant('exec' as const),
    target: fc.constantFrom('node-1', 'node-2', 'control-plane'),
    command: fc.constantFrom('iptables -P FORWARD DROP', 'iptables -P FORWARD ACCEPT', 'iptables -t nat -F FLANNEL-POSTRTG', 'ip link set cni0 down', 'ip link set cni0 up', 'sysctl -w net.ipv4.ip_forward=0', 'sysctl -w net.ipv4.ip_forward=1', 'conntrack -F', 'ip neigh flush dev cni0',
      // Services and the things that change their endpoints: readiness, deletion, node failure.
      'kubectl expose deployment web --port=80', 'kubectl expose deployment api --port=8080 --target-port=80', 'kubectl delete service web', 'kubectl delete pod -l app=web', 'systemctl stop kubelet', 'systemctl start kubelet', 'kubectl cordon node-1', 'kubectl drain node-2 --ignore-daemonsets --delete-emptydir-data', 'kubectl uncordon node-2'),
  }),
  fc.record({ kind: fc.constant('sleep' as const), seconds: fc.integer({ min: 1, max: 120 }) }),
);

function deployment(name: string, replicas: number, image: string): string {
  return `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  replicas: ${replicas}\n  selector:\n    matchLabels:\n      app: ${name}\n  template:\n    metadata:\n      labels:\n        app: ${name}\n    spec:\n      containers:\n      - name: main\n        image: ${image}\n`;
}

/** Performs an action; returns the traces it produced. */
export function perform(sim: Simulation, a: FuzzAction): Trace[] {
  switch (a.kind) {
    case 'deploy':
      sim.applyManifest(deployment(a.name, a.replicas, a.image));
      return [];
    case 'trace': {
      const pods = sim.pods().filter((p) => p.status?.podIP && sim.podNetns(`${p.metadata.namespace}/${p.metadata.name}`));
      if (pods.length === 0) return [];
      const from = pods[a.from % pods.length];
      const to = pods[a.to % pods.length];
      return [sim.trace(`${from.metadata.namespace}/${from.metadata.name}`, to.status!.podIP!)];
    }
    case 'exec':
      sim.exec(a.target, a.command);
      return [];
    case 'sleep':
      sim.sleep(a.seconds * 1000);
      return [];
  }
}
