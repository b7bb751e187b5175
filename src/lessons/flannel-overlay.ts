/** Lesson 7, "Across nodes with flannel": VXLAN hop by hop, then the same packet with host-gw. */
import type { Lesson } from './types';
import { podById, podOnOtherNode, ran } from './helpers';

const CLIENT = 'default/client';

export const flannelOverlay: Lesson = {
  id: 'flannel-overlay',
  title: 'Across nodes with flannel: VXLAN, then host-gw',
  topic: 'Pod networking',
  summary: 'See what flanneld programs on each node for VXLAN, follow the encapsulated packet, then compare with the host-gw backend.',
  minutes: 10,
  steps: [
    {
      title: 'What flanneld programmed',
      body:
        'flanneld runs on every node as a pod of the kube-flannel DaemonSet (`kubectl get pods -n kube-flannel -o wide`, with the node\'s own IP: hostNetwork). It took each node\'s podCIDR as its lease and told every other node about it. On `node-1` look at the three things it programmed for each peer:\n\n`ip route` — `10.244.2.0/24 via 10.244.2.0 dev flannel.1 onlink`\n`ip neigh show dev flannel.1` — the peer\'s VTEP MAC\n`bridge fdb show dev flannel.1` — that MAC lives behind the peer\'s node IP',
      hint: 'Run the three commands on node-1. The MAC in the neighbour entry is the one in the FDB entry.',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        const seen = [/ip (-4 )?r(oute)?\b/, /ip n(eigh)?\b.*flannel\.1|ip n(eigh)?\s*$/, /bridge fdb/].filter((re) => ran(sim, 'node-1', re)).length;
        if (seen === 3) return { passed: true, message: 'Route → neighbour → FDB: to reach 10.244.2.0/24, send to 10.244.2.0 on flannel.1, whose MAC lives behind 192.168.56.12.' };
        return { passed: false, message: `${seen} of the 3 views seen on node-1: ip route, ip neigh show dev flannel.1, bridge fdb show dev flannel.1.` };
      },
      showMe: () => ({ kind: 'script', target: 'node-1', commands: ['ip route', 'ip neigh show dev flannel.1', 'bridge fdb show dev flannel.1'] }),
    },
    {
      title: 'The encapsulated packet',
      body:
        'Trace from `default/client` to a web pod on the **other** worker and step to the `vxlan-encap` hop. The inner packet (pod → pod, TTL already decremented by node-1) becomes the payload of UDP to port **8472** between the node IPs; the outer packet is 50 bytes larger — that is why flannel.1\'s MTU is 1450.',
      hint: 'The PDU view shows outer IPv4, UDP, VXLAN and the inner frame.',
      highlight: 'trace-panel',
      check: ({ sim, view }) => {
        const t = sim.lastTrace;
        const step = view.trace ? t?.steps[view.trace.step] : undefined;
        if (!t?.steps.some((s) => s.stage === 'vxlan-encap')) return { passed: false, message: 'Trace client → a web pod on the other worker.' };
        if (step?.stage === 'vxlan-encap') return { passed: true, message: `Outer ${step.after.ip.src} → ${step.after.ip.dst}:8472, ${step.after.ip.length} bytes, carrying ${step.before.ip.length} bytes of pod packet.` };
        return { passed: false, message: `Step to the encapsulation (step ${t.steps.findIndex((s) => s.stage === 'vxlan-encap') + 1}).` };
      },
      showMe: ({ sim }) => {
        const p = podOnOtherNode(sim, CLIENT, 'web');
        return { kind: 'trace', from: CLIENT, to: p ? `default/${p.metadata.name}` : '10.244.2.2', stage: 'vxlan-encap' };
      },
    },
    {
      title: 'The same cluster with host-gw',
      body:
        'flannel\'s **host-gw** backend does not encapsulate: each node simply routes the other nodes\' pod subnets via their node IPs. It needs every node on one L2 network. Open the **host-gw** scenario from the Scenarios menu.',
      hint: 'Scenarios → Basics → "flannel host-gw".',
      highlight: 'scenarios-toggle',
      check: ({ sim }) =>
        sim.scenario.cluster.flannelBackend === 'host-gw'
          ? { passed: true, message: 'The host-gw cluster is running: same nodes, same pods, same podCIDRs.' }
          : { passed: false, message: 'Load the host-gw scenario (Scenarios menu).' },
      showMe: () => ({ kind: 'preset', id: 'host-gw' }),
    },
    {
      title: 'Routes instead of a tunnel',
      body: 'On node-1 run `ip route` (and `ip link`): the route for 10.244.2.0/24 now points at node-2\'s address on eth0, and there is no flannel.1 at all.',
      hint: 'Terminal target node-1.',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        if (sim.scenario.cluster.flannelBackend !== 'host-gw') return { passed: false, message: 'This step needs the host-gw scenario.' };
        if (!ran(sim, 'node-1', /ip (-4 )?r(oute)?\b/)) return { passed: false, message: 'Run `ip route` on node-1.' };
        return { passed: true, message: '10.244.2.0/24 via 192.168.56.12 dev eth0: a plain route, no tunnel device.' };
      },
      showMe: () => ({ kind: 'exec', target: 'node-1', command: 'ip route' }),
    },
    {
      title: 'Compare the traces',
      body: 'Trace client → a web pod on the other worker again. Count the steps: no `vxlan-encap`, no `vxlan-decap`, no outer headers — and the pods see the same TTL (62) as with VXLAN.',
      hint: 'Same source and destination as before.',
      highlight: 'trace-panel',
      check: ({ sim }) => {
        const t = sim.lastTrace;
        const other = t && sim.pods().find((p) => p.status?.podIP === t.dst)?.spec.nodeName !== podById(sim, CLIENT)?.spec.nodeName;
        if (sim.scenario.cluster.flannelBackend !== 'host-gw' || !t || !other) return { passed: false, message: 'In the host-gw scenario, trace client → a web pod on the other worker.' };
        if (!t.replied) return { passed: false, message: `That trace was dropped: ${t.reason}` };
        return { passed: true, message: `${t.steps.length} steps, no encapsulation: the packet is routed node to node as it is.` };
      },
      showMe: ({ sim }) => {
        const p = podOnOtherNode(sim, CLIENT, 'web');
        return { kind: 'trace', from: CLIENT, to: p ? `default/${p.metadata.name}` : '10.244.2.2' };
      },
    },
  ],
};
