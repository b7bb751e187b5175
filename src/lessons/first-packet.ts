/** Lesson 1, "Your first packet": from the cluster picture to a VXLAN-encapsulated ping. */
import type { Lesson } from './types';
import { commandsRun, podById, podByIp, podOnOtherNode } from './helpers';

const CLIENT = 'default/client';

export const firstPacket: Lesson = {
  id: 'first-packet',
  title: 'Your first packet',
  topic: 'Pod networking',
  summary: 'Find the pods, ping across nodes, and watch flannel wrap the packet in VXLAN.',
  minutes: 6,
  steps: [
    {
      title: 'Meet the cluster',
      body:
        'This cluster has one **control plane** and two **workers**. Each node got its own /24 from the pod CIDR `10.244.0.0/16`, and every pod an address from its node\'s /24.\n\n' +
        'Click the pod `client` (or any pod) to open its YAML in the inspector. Look for `status.podIP` and `spec.nodeName`.',
      hint: 'Pods are the small cards inside the node boxes. Click one.',
      highlight: 'cluster-graph',
      check: ({ view }) =>
        view.selected?.kind === 'pod'
          ? { passed: true, message: `You selected ${view.selected.id}. Its YAML shows where it runs and which IP it has.` }
          : { passed: false, message: 'Select a pod in the cluster graph: click one of the pod cards.' },
      showMe: () => ({ kind: 'select', selected: { kind: 'pod', id: CLIENT } }),
    },
    {
      title: 'Where do pods live?',
      body:
        'The same facts, the way you would read them on a real cluster. In the terminal on `control-plane`, run:\n\n`kubectl get pods -o wide`\n\n' +
        'The IP column comes from each node\'s podCIDR; the NODE column is the scheduler\'s decision.',
      hint: 'Open the Terminal tab, choose control-plane as target, type kubectl get pods -o wide and press Enter.',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        const runs = commandsRun(sim).filter((c) => /^\s*(sudo\s+)?kubectl\s+get\s+(pods?|po)\b/.test(c.command));
        const wide = runs.filter((c) => /-o\s*=?\s*wide|--output[= ]wide/.test(c.command));
        if (wide.some((c) => c.target === 'control-plane')) return { passed: true, message: 'Every pod has its own IP, and the IPs follow the node: 10.244.1.x on one worker, 10.244.2.x on the other.' };
        if (wide.length > 0) return { passed: false, message: 'kubectl needs the admin kubeconfig, which lives on control-plane: run it there.' };
        if (runs.length > 0) return { passed: false, message: 'Close: add `-o wide` to see each pod\'s IP and node.' };
        return { passed: false, message: 'Run `kubectl get pods -o wide` in the terminal of control-plane.' };
      },
      showMe: () => ({ kind: 'exec', target: 'control-plane', command: 'kubectl get pods -o wide' }),
    },
    {
      title: 'Ping across nodes',
      body:
        'Open a terminal in the pod `default/client` and ping a `web` pod that runs on the **other** worker:\n\n`ping -c 1 <IP of that pod>`\n\n' +
        'Watch the `ttl` in the answer: it left the web pod with 64, and each node that routed it took one off.',
      hint: 'Pick default/client as the terminal target. Use an IP from the kubectl output whose NODE differs from client\'s node.',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        const client = podById(sim, CLIENT);
        const pings = sim.pings.filter((p) => p.target === CLIENT || p.target === 'client');
        if (pings.length === 0) return { passed: false, message: 'Run ping from the client pod (terminal target default/client).' };
        const cross = pings.find((p) => {
          const dst = podByIp(sim, p.trace.dst);
          return p.trace.replied && dst && dst.spec.nodeName !== client?.spec.nodeName;
        });
        if (cross) return { passed: true, message: `Reply from ${cross.trace.dst} with ttl=${cross.trace.replyTtl}: two routers (both nodes) on the way.` };
        const last = pings[pings.length - 1];
        const dst = podByIp(sim, last.trace.dst);
        if (dst && dst.spec.nodeName === client?.spec.nodeName) return { passed: false, message: `${dst.metadata.name} runs on the same node as client. Pick a web pod on the other worker.` };
        if (!last.trace.replied) return { passed: false, message: `No reply from ${last.trace.dst}: is that a pod IP? Check kubectl get pods -o wide.` };
        return { passed: false, message: 'Ping a web pod on the other worker.' };
      },
      showMe: ({ sim }) => {
        const target = podOnOtherNode(sim, CLIENT, 'web');
        return { kind: 'exec', target: CLIENT, command: `ping -c 1 ${target?.status?.podIP ?? '10.244.2.2'}` };
      },
    },
    {
      title: 'Trace it',
      body:
        'Now follow that packet hop by hop. In the **Trace** panel choose `default/client` as source and the same web pod as destination, then press **Trace**.\n\n' +
        'Step through: eth0 → the veth pair → `cni0` → the route to the other node\'s /24 → `flannel.1` → the wire → and back.',
      hint: 'The Trace tab is in the bottom dock. Source: default/client; destination: a web pod on the other node.',
      highlight: 'trace-panel',
      check: ({ sim }) => {
        const t = sim.lastTrace;
        if (!t) return { passed: false, message: 'Start a trace from default/client in the Trace panel.' };
        const dst = podByIp(sim, t.dst);
        const client = podById(sim, CLIENT);
        if (t.outcome !== 'delivered' || !t.replied) return { passed: false, message: `That trace was dropped: ${t.reason ?? 'no reply'}. Trace to a web pod.` };
        if (!t.steps.some((s) => s.stage === 'vxlan-encap')) {
          return { passed: false, message: dst?.spec.nodeName === client?.spec.nodeName ? 'Both pods are on the same node: the bridge delivered it directly. Trace to a pod on the other worker.' : 'Trace from the client pod to a web pod on the other worker.' };
        }
        return { passed: true, message: `Delivered and answered in ${t.steps.length} steps.` };
      },
      showMe: ({ sim }) => {
        const target = podOnOtherNode(sim, CLIENT, 'web');
        return { kind: 'trace', from: CLIENT, to: target ? `${target.metadata.namespace}/${target.metadata.name}` : '10.244.2.2' };
      },
    },
    {
      title: 'Inside the tunnel',
      body:
        'Step forward to the moment `flannel.1` **encapsulates** the packet. The original frame (pod IP to pod IP) is now the payload of a UDP datagram to port **8472** between the two **node** IPs, with VNI 1.\n\n' +
        'The other node\'s flannel.1 unwraps it again: the pods never see the node network.',
      hint: 'Use the step buttons in the Trace panel until the step says "encapsulates".',
      highlight: 'trace-panel',
      check: ({ sim, view }) => {
        const t = sim.lastTrace;
        const step = view.trace ? t?.steps[view.trace.step] : undefined;
        if (!t || !step) return { passed: false, message: 'Run a cross-node trace first, then step through it.' };
        if (step.stage === 'vxlan-encap' || step.stage === 'vxlan-decap') return { passed: true, message: `Outer UDP ${step.after.ip.src} → ${step.after.ip.dst}:8472 carries the pod's packet. That is the overlay.` };
        const i = t.steps.findIndex((s) => s.stage === 'vxlan-encap');
        return { passed: false, message: i < 0 ? 'This trace has no VXLAN step: trace to a pod on the other node.' : view.trace!.step < i ? `Keep stepping forward: the encapsulation is step ${i + 1}.` : `You passed it: step back to step ${i + 1}.` };
      },
      showMe: ({ sim }) => ({ kind: 'step', step: Math.max(0, sim.lastTrace?.steps.findIndex((s) => s.stage === 'vxlan-encap') ?? 0) }),
    },
  ],
};
