/** Lesson 6, "Pod to pod on one node": veth, bridge, and why Docker's FORWARD DROP breaks it. */
import type { Lesson } from './types';
import { podById, podOnSameNode, ran } from './helpers';

const CLIENT = 'default/client';

export const sameNode: Lesson = {
  id: 'same-node',
  preset: 'forward-drop',
  title: 'Pod to pod on one node',
  topic: 'Pod networking',
  summary: 'Follow a packet through veth and the cni0 bridge, find the chain that drops it, and fix it.',
  minutes: 8,
  steps: [
    {
      title: 'A packet that never arrives',
      body:
        'On this cluster something is wrong. In the **Trace** panel, trace from `default/client` to the **web pod on the same node** (same /24). Pods on one node share the bridge `cni0`: no routing between nodes is involved.',
      hint: 'Pick the web pod whose IP starts like client\'s (10.244.1.x).',
      highlight: 'trace-panel',
      check: ({ sim }) => {
        const t = sim.lastTrace;
        const client = podById(sim, CLIENT);
        const dst = t && sim.pods().find((p) => p.status?.podIP === t.dst);
        if (!t || !dst) return { passed: false, message: { en: 'Trace from default/client to a web pod.', de: 'Trace von default/client zu einem web-Pod.' } };
        if (dst.spec.nodeName !== client?.spec.nodeName) return { passed: false, message: { en: `${dst.metadata.name} is on another node. Choose the web pod on ${client?.spec.nodeName}.`, de: `${dst.metadata.name} liegt auf einem anderen Node. Nimm den web-Pod auf ${client?.spec.nodeName}.` } };
        if (t.replied) return { passed: false, message: { en: 'That one was delivered — has someone fixed the cluster already?', de: 'Der wurde zugestellt — hat schon jemand den Cluster repariert?' } };
        return { passed: true, message: { en: `Dropped: ${t.reason}`, de: `Verworfen: ${t.reason}` } };
      },
      showMe: ({ sim }) => {
        const p = podOnSameNode(sim, CLIENT, 'web');
        return { kind: 'trace', from: CLIENT, to: p ? `default/${p.metadata.name}` : '10.244.1.3' };
      },
    },
    {
      title: 'Which chain decided?',
      body:
        'Step to the last hop of the trace. The packet crossed `veth` → `cni0`, and the bridge handed it to **iptables filter FORWARD** — because `net.bridge.bridge-nf-call-iptables = 1` (br_netfilter) makes bridged IPv4 traffic pass the FORWARD chain.\n\n' +
        'Look at the chain on the node: `iptables -L FORWARD -v -n`. The policy is **DROP**, and no rule accepts pod traffic. Docker sets this policy; old flannel versions added no FORWARD rules of their own.',
      hint: 'Run it on the node of the client pod (node-1 here). `sysctl net.bridge.bridge-nf-call-iptables` shows the switch.',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        const node = podById(sim, CLIENT)?.spec.nodeName ?? 'node-1';
        if (ran(sim, node, /iptables .*(-L|--list|-S|--list-rules)/) || ran(sim, node, /iptables-save/)) return { passed: true, message: { en: 'FORWARD has policy DROP: everything not explicitly accepted is dropped, bridged pod traffic included.', de: 'FORWARD hat die Policy DROP: Alles, was nicht ausdrücklich akzeptiert wird, wird verworfen, gebridgter Pod-Traffic eingeschlossen.' } };
        if (ran(sim, undefined, /iptables .*(-L|-S)/)) return { passed: false, message: { en: `Look on ${node}, where the client pod runs.`, de: `Schau auf ${node} nach, wo der client-Pod läuft.` } };
        return { passed: false, message: { en: `Run \`iptables -L FORWARD -v -n\` on ${node}.`, de: `Führ \`iptables -L FORWARD -v -n\` auf ${node} aus.` } };
      },
      showMe: ({ sim }) => ({ kind: 'exec', target: podById(sim, CLIENT)?.spec.nodeName ?? 'node-1', command: 'iptables -L FORWARD -v -n' }),
    },
    {
      title: 'Accept the pod network',
      body:
        'Add the two rules from the course notes on **every** node, so pod traffic passes FORWARD whatever the policy:\n\n`iptables -t filter -A FORWARD -s 10.244.0.0/16 -j ACCEPT`\n`iptables -t filter -A FORWARD -d 10.244.0.0/16 -j ACCEPT`\n\nThen trace again.',
      hint: 'node-1 and node-2 both need them (the control plane too, for its pods).',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        const node = podById(sim, CLIENT)?.spec.nodeName ?? 'node-1';
        const fwd = sim.ctx.net.namespaces.get(node)?.iptables.filter.FORWARD.rules ?? [];
        const accepts = (kind: 'src' | 'dst'): boolean => fwd.some((r) => r.target === 'ACCEPT' && r.matches.some((m) => m.kind === kind && !m.negate && m.cidr === '10.244.0.0/16'));
        if (accepts('src') && accepts('dst')) return { passed: true, message: { en: `${node} now accepts pod traffic in FORWARD, whatever the policy says.`, de: `${node} akzeptiert jetzt Pod-Traffic in FORWARD, egal was die Policy sagt.` } };
        if (ran(sim, undefined, /-t nat .*FORWARD/)) return { passed: false, message: { en: 'The nat table has no FORWARD chain; FORWARD is in the filter table.', de: 'Die nat-Tabelle hat keine FORWARD-Chain; FORWARD liegt in der filter-Tabelle.' } };
        if (accepts('src') || accepts('dst')) return { passed: false, message: { en: 'One rule is there; add the other direction too (-s and -d 10.244.0.0/16).', de: 'Eine Regel ist da; füg auch die andere Richtung hinzu (-s und -d 10.244.0.0/16).' } };
        return { passed: false, message: { en: `Add the two ACCEPT rules on ${node}, where the client pod runs.`, de: `Füg die beiden ACCEPT-Regeln auf ${node} hinzu, wo der client-Pod läuft.` } };
      },
      showMe: ({ sim }) => ({
        kind: 'script',
        target: podById(sim, CLIENT)?.spec.nodeName ?? 'node-1',
        commands: ['iptables -t filter -A FORWARD -s 10.244.0.0/16 -j ACCEPT', 'iptables -t filter -A FORWARD -d 10.244.0.0/16 -j ACCEPT'],
      }),
    },
    {
      title: 'Watch the rule match',
      body:
        'Trace client → the same-node web pod again and step to the **filter/FORWARD** hop: the "decided by" line is now your ACCEPT rule. `iptables -L FORWARD -v -n` counts its packets.',
      hint: 'Use the step buttons until the step names filter FORWARD.',
      highlight: 'trace-panel',
      check: ({ sim, view }) => {
        const t = sim.lastTrace;
        const step = view.trace ? t?.steps[view.trace.step] : undefined;
        if (!t?.replied) return { passed: false, message: { en: 'Trace client → the same-node web pod (delivered) first.', de: 'Trace zuerst client → den web-Pod auf demselben Node (zugestellt).' } };
        if (step?.stage === 'filter/FORWARD' && /ACCEPT/.test(step.decidedBy ?? '')) return { passed: true, message: { en: `Decided by: ${step.decidedBy}`, de: `Entschieden durch: ${step.decidedBy}` } };
        const i = t.steps.findIndex((s) => s.stage === 'filter/FORWARD');
        return { passed: false, message: i < 0 ? { en: 'This trace has no FORWARD step.', de: 'Dieser Trace hat keinen FORWARD-Schritt.' } : { en: `Step to step ${i + 1}.`, de: `Geh zu Schritt ${i + 1}.` } };
      },
      showMe: ({ sim }) => {
        const p = podOnSameNode(sim, CLIENT, 'web');
        return { kind: 'trace', from: CLIENT, to: p ? `default/${p.metadata.name}` : '10.244.1.3', stage: 'filter/FORWARD' };
      },
    },
  ],  de: {
    title: 'Pod zu Pod auf einem Node',
    topic: 'Pod-Netzwerk',
    summary: 'Folge einem Paket durch veth und die Bridge cni0, finde die Chain, die es verwirft, und behebe es.',
    steps: [
      {
        title: 'Ein Paket, das nie ankommt',
        body:
          'In diesem Cluster stimmt etwas nicht. Trace im Panel **Trace** von `default/client` zum **web-Pod auf demselben Node** (dasselbe /24). Pods auf einem Node teilen sich die Bridge `cni0`: Routing zwischen Nodes spielt keine Rolle.',
        hint: 'Nimm den web-Pod, dessen IP so anfängt wie die von client (10.244.1.x).',
      },
      {
        title: 'Welche Chain hat entschieden?',
        body:
          'Geh zum letzten Hop des Trace. Das Paket ist über `veth` → `cni0` gelaufen, und die Bridge hat es an **iptables filter FORWARD** übergeben — denn `net.bridge.bridge-nf-call-iptables = 1` (br_netfilter) schickt gebridgten IPv4-Traffic durch die FORWARD-Chain.\n\n' +
          'Schau dir die Chain auf dem Node an: `iptables -L FORWARD -v -n`. Die Policy ist **DROP**, und keine Regel akzeptiert Pod-Traffic. Docker setzt diese Policy; alte flannel-Versionen haben keine eigenen FORWARD-Regeln angelegt.',
        hint: 'Führ es auf dem Node des client-Pods aus (hier node-1). `sysctl net.bridge.bridge-nf-call-iptables` zeigt den Schalter.',
      },
      {
        title: 'Das Pod-Netzwerk akzeptieren',
        body:
          'Füg die beiden Regeln aus den Kursnotizen auf **jedem** Node hinzu, damit Pod-Traffic FORWARD passiert, egal welche Policy gilt:\n\n`iptables -t filter -A FORWARD -s 10.244.0.0/16 -j ACCEPT`\n`iptables -t filter -A FORWARD -d 10.244.0.0/16 -j ACCEPT`\n\nDann trace noch einmal.',
        hint: 'node-1 und node-2 brauchen sie beide (die Control Plane auch, für ihre Pods).',
      },
      {
        title: 'Sieh zu, wie die Regel greift',
        body:
          'Trace noch einmal client → den web-Pod auf demselben Node und geh zum Hop **filter/FORWARD**: Die Zeile "entschieden durch" ist jetzt deine ACCEPT-Regel. `iptables -L FORWARD -v -n` zählt ihre Pakete.',
        hint: 'Nutz die Schritt-Buttons, bis der Schritt filter FORWARD nennt.',
      },
    ],
  },
};
