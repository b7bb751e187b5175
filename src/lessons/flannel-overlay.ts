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
        if (seen === 3) return { passed: true, message: { en: 'Route → neighbour → FDB: to reach 10.244.2.0/24, send to 10.244.2.0 on flannel.1, whose MAC lives behind 192.168.56.12.', de: 'Route → Neighbour → FDB: Um 10.244.2.0/24 zu erreichen, schick an 10.244.2.0 auf flannel.1, dessen MAC hinter 192.168.56.12 liegt.' } };
        return { passed: false, message: { en: `${seen} of the 3 views seen on node-1: ip route, ip neigh show dev flannel.1, bridge fdb show dev flannel.1.`, de: `${seen} von 3 Ansichten auf node-1 gesehen: ip route, ip neigh show dev flannel.1, bridge fdb show dev flannel.1.` } };
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
        if (!t?.steps.some((s) => s.stage === 'vxlan-encap')) return { passed: false, message: { en: 'Trace client → a web pod on the other worker.', de: 'Trace client → einen web-Pod auf dem anderen Worker.' } };
        if (step?.stage === 'vxlan-encap') return { passed: true, message: { en: `Outer ${step.after.ip.src} → ${step.after.ip.dst}:8472, ${step.after.ip.length} bytes, carrying ${step.before.ip.length} bytes of pod packet.`, de: `Außen ${step.after.ip.src} → ${step.after.ip.dst}:8472, ${step.after.ip.length} Bytes, darin ${step.before.ip.length} Bytes Pod-Paket.` } };
        return { passed: false, message: { en: `Step to the encapsulation (step ${t.steps.findIndex((s) => s.stage === 'vxlan-encap') + 1}).`, de: `Geh zur Kapselung (Schritt ${t.steps.findIndex((s) => s.stage === 'vxlan-encap') + 1}).` } };
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
          ? { passed: true, message: { en: 'The host-gw cluster is running: same nodes, same pods, same podCIDRs.', de: 'Der host-gw-Cluster läuft: dieselben Nodes, dieselben Pods, dieselben podCIDRs.' } }
          : { passed: false, message: { en: 'Load the host-gw scenario (Scenarios menu).', de: 'Lade das Szenario host-gw (Menü Szenarien).' } },
      showMe: () => ({ kind: 'preset', id: 'host-gw' }),
    },
    {
      title: 'Routes instead of a tunnel',
      body: 'On node-1 run `ip route` (and `ip link`): the route for 10.244.2.0/24 now points at node-2\'s address on eth0, and there is no flannel.1 at all.',
      hint: 'Terminal target node-1.',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        if (sim.scenario.cluster.flannelBackend !== 'host-gw') return { passed: false, message: { en: 'This step needs the host-gw scenario.', de: 'Dieser Schritt braucht das Szenario host-gw.' } };
        if (!ran(sim, 'node-1', /ip (-4 )?r(oute)?\b/)) return { passed: false, message: { en: 'Run `ip route` on node-1.', de: 'Führ `ip route` auf node-1 aus.' } };
        return { passed: true, message: { en: '10.244.2.0/24 via 192.168.56.12 dev eth0: a plain route, no tunnel device.', de: '10.244.2.0/24 via 192.168.56.12 dev eth0: eine einfache Route, kein Tunnel-Device.' } };
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
        if (sim.scenario.cluster.flannelBackend !== 'host-gw' || !t || !other) return { passed: false, message: { en: 'In the host-gw scenario, trace client → a web pod on the other worker.', de: 'Trace im Szenario host-gw client → einen web-Pod auf dem anderen Worker.' } };
        if (!t.replied) return { passed: false, message: { en: `That trace was dropped: ${t.reason}`, de: `Dieser Trace wurde verworfen: ${t.reason}` } };
        return { passed: true, message: { en: `${t.steps.length} steps, no encapsulation: the packet is routed node to node as it is.`, de: `${t.steps.length} Schritte, keine Kapselung: Das Paket wird unverändert von Node zu Node geroutet.` } };
      },
      showMe: ({ sim }) => {
        const p = podOnOtherNode(sim, CLIENT, 'web');
        return { kind: 'trace', from: CLIENT, to: p ? `default/${p.metadata.name}` : '10.244.2.2' };
      },
    },
  ],  de: {
    title: 'Über Nodes hinweg mit flannel: VXLAN, dann host-gw',
    topic: 'Pod-Netzwerk',
    summary: 'Sieh dir an, was flanneld für VXLAN auf jedem Node einrichtet, folge dem gekapselten Paket und vergleiche dann mit dem Backend host-gw.',
    steps: [
      {
        title: 'Was flanneld eingerichtet hat',
        body:
          'flanneld läuft auf jedem Node als Pod des DaemonSets kube-flannel (`kubectl get pods -n kube-flannel -o wide`, mit der eigenen IP des Nodes: hostNetwork). Es hat den podCIDR jedes Nodes als Lease genommen und allen anderen Nodes davon erzählt. Schau dir auf `node-1` die drei Dinge an, die es für jeden Peer eingerichtet hat:\n\n`ip route` — `10.244.2.0/24 via 10.244.2.0 dev flannel.1 onlink`\n`ip neigh show dev flannel.1` — die VTEP-MAC des Peers\n`bridge fdb show dev flannel.1` — diese MAC liegt hinter der Node-IP des Peers',
        hint: 'Führ die drei Befehle auf node-1 aus. Die MAC im Neighbour-Eintrag ist die im FDB-Eintrag.',
      },
      {
        title: 'Das gekapselte Paket',
        body:
          'Trace von `default/client` zu einem web-Pod auf dem **anderen** Worker und geh zum Hop `vxlan-encap`. Das innere Paket (Pod → Pod, TTL schon von node-1 heruntergezählt) wird zur Nutzlast von UDP an Port **8472** zwischen den Node-IPs; das äußere Paket ist 50 Bytes größer — deshalb ist die MTU von flannel.1 1450.',
        hint: 'Die PDU-Ansicht zeigt äußeres IPv4, UDP, VXLAN und den inneren Frame.',
      },
      {
        title: 'Derselbe Cluster mit host-gw',
        body:
          'Das Backend **host-gw** von flannel kapselt nicht: Jeder Node routet die Pod-Subnetze der anderen Nodes einfach über deren Node-IPs. Dafür müssen alle Nodes in einem L2-Netz liegen. Öffne das Szenario **host-gw** aus dem Menü Szenarien.',
        hint: 'Szenarien → Grundlagen → "flannel host-gw".',
      },
      {
        title: 'Routen statt Tunnel',
        body: 'Führ auf node-1 `ip route` (und `ip link`) aus: Die Route für 10.244.2.0/24 zeigt jetzt auf die Adresse von node-2 an eth0, und flannel.1 gibt es gar nicht.',
        hint: 'Terminal-Ziel node-1.',
      },
      {
        title: 'Vergleich die Traces',
        body: 'Trace noch einmal client → einen web-Pod auf dem anderen Worker. Zähl die Schritte: kein `vxlan-encap`, kein `vxlan-decap`, keine äußeren Header — und die Pods sehen dieselbe TTL (62) wie mit VXLAN.',
        hint: 'Dieselbe Quelle und dasselbe Ziel wie vorher.',
      },
    ],
  },
};
