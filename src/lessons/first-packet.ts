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
          ? { passed: true, message: { en: `You selected ${view.selected.id}. Its YAML shows where it runs and which IP it has.`, de: `Du hast ${view.selected.id} ausgewählt. Sein YAML zeigt, wo er läuft und welche IP er hat.` } }
          : { passed: false, message: { en: 'Select a pod in the cluster graph: click one of the pod cards.', de: 'Wähle einen Pod im Cluster-Graphen aus: Klick auf eine der Pod-Karten.' } },
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
        if (wide.some((c) => c.target === 'control-plane')) return { passed: true, message: { en: 'Every pod has its own IP, and the IPs follow the node: 10.244.1.x on one worker, 10.244.2.x on the other.', de: 'Jeder Pod hat seine eigene IP, und die IPs folgen dem Node: 10.244.1.x auf dem einen Worker, 10.244.2.x auf dem anderen.' } };
        if (wide.length > 0) return { passed: false, message: { en: 'kubectl needs the admin kubeconfig, which lives on control-plane: run it there.', de: 'kubectl braucht die Admin-kubeconfig, und die liegt auf control-plane: führ es dort aus.' } };
        if (runs.length > 0) return { passed: false, message: { en: 'Close: add `-o wide` to see each pod\'s IP and node.', de: 'Fast: Häng `-o wide` an, dann siehst du IP und Node jedes Pods.' } };
        return { passed: false, message: { en: 'Run `kubectl get pods -o wide` in the terminal of control-plane.', de: 'Führ `kubectl get pods -o wide` im Terminal von control-plane aus.' } };
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
        if (pings.length === 0) return { passed: false, message: { en: 'Run ping from the client pod (terminal target default/client).', de: 'Starte ping im client-Pod (Terminal-Ziel default/client).' } };
        const cross = pings.find((p) => {
          const dst = podByIp(sim, p.trace.dst);
          return p.trace.replied && dst && dst.spec.nodeName !== client?.spec.nodeName;
        });
        if (cross) return { passed: true, message: { en: `Reply from ${cross.trace.dst} with ttl=${cross.trace.replyTtl}: two routers (both nodes) on the way.`, de: `Antwort von ${cross.trace.dst} mit ttl=${cross.trace.replyTtl}: zwei Router (beide Nodes) auf dem Weg.` } };
        const last = pings[pings.length - 1];
        const dst = podByIp(sim, last.trace.dst);
        if (dst && dst.spec.nodeName === client?.spec.nodeName) return { passed: false, message: { en: `${dst.metadata.name} runs on the same node as client. Pick a web pod on the other worker.`, de: `${dst.metadata.name} läuft auf demselben Node wie client. Nimm einen web-Pod auf dem anderen Worker.` } };
        if (!last.trace.replied) return { passed: false, message: { en: `No reply from ${last.trace.dst}: is that a pod IP? Check kubectl get pods -o wide.`, de: `Keine Antwort von ${last.trace.dst}: Ist das eine Pod-IP? Schau in kubectl get pods -o wide nach.` } };
        return { passed: false, message: { en: 'Ping a web pod on the other worker.', de: 'Ping einen web-Pod auf dem anderen Worker an.' } };
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
        if (!t) return { passed: false, message: { en: 'Start a trace from default/client in the Trace panel.', de: 'Starte im Trace-Panel einen Trace von default/client.' } };
        const dst = podByIp(sim, t.dst);
        const client = podById(sim, CLIENT);
        if (t.outcome !== 'delivered' || !t.replied) return { passed: false, message: { en: `That trace was dropped: ${t.reason ?? 'no reply'}. Trace to a web pod.`, de: `Dieser Trace wurde verworfen: ${t.reason ?? 'no reply'}. Trace zu einem web-Pod.` } };
        if (!t.steps.some((s) => s.stage === 'vxlan-encap')) {
          return {
            passed: false,
            message: dst?.spec.nodeName === client?.spec.nodeName
              ? { en: 'Both pods are on the same node: the bridge delivered it directly. Trace to a pod on the other worker.', de: 'Beide Pods sind auf demselben Node: Die Bridge hat direkt zugestellt. Trace zu einem Pod auf dem anderen Worker.' }
              : { en: 'Trace from the client pod to a web pod on the other worker.', de: 'Trace vom client-Pod zu einem web-Pod auf dem anderen Worker.' },
          };
        }
        return { passed: true, message: { en: `Delivered and answered in ${t.steps.length} steps.`, de: `Zugestellt und beantwortet in ${t.steps.length} Schritten.` } };
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
        if (!t || !step) return { passed: false, message: { en: 'Run a cross-node trace first, then step through it.', de: 'Mach zuerst einen Trace über beide Nodes und geh ihn dann Schritt für Schritt durch.' } };
        if (step.stage === 'vxlan-encap' || step.stage === 'vxlan-decap') return { passed: true, message: { en: `Outer UDP ${step.after.ip.src} → ${step.after.ip.dst}:8472 carries the pod's packet. That is the overlay.`, de: `Das äußere UDP ${step.after.ip.src} → ${step.after.ip.dst}:8472 trägt das Paket des Pods. Das ist das Overlay.` } };
        const i = t.steps.findIndex((s) => s.stage === 'vxlan-encap');
        if (i < 0) return { passed: false, message: { en: 'This trace has no VXLAN step: trace to a pod on the other node.', de: 'Dieser Trace hat keinen VXLAN-Schritt: Trace zu einem Pod auf dem anderen Node.' } };
        return view.trace!.step < i
          ? { passed: false, message: { en: `Keep stepping forward: the encapsulation is step ${i + 1}.`, de: `Geh weiter vorwärts: Die Kapselung ist Schritt ${i + 1}.` } }
          : { passed: false, message: { en: `You passed it: step back to step ${i + 1}.`, de: `Du bist schon vorbei: Geh zurück zu Schritt ${i + 1}.` } };
      },
      showMe: ({ sim }) => ({ kind: 'step', step: Math.max(0, sim.lastTrace?.steps.findIndex((s) => s.stage === 'vxlan-encap') ?? 0) }),
    },
  ],  de: {
    title: 'Dein erstes Paket',
    topic: 'Pod-Netzwerk',
    summary: 'Finde die Pods, ping über Node-Grenzen hinweg und sieh zu, wie flannel das Paket in VXLAN verpackt.',
    steps: [
      {
        title: 'Lerne den Cluster kennen',
        body:
          'Dieser Cluster hat eine **Control Plane** und zwei **Worker**. Jeder Node hat sein eigenes /24 aus dem Pod-CIDR `10.244.0.0/16` bekommen, und jeder Pod eine Adresse aus dem /24 seines Nodes.\n\n' +
          'Klick auf den Pod `client` (oder irgendeinen Pod), um sein YAML im Inspector zu öffnen. Such nach `status.podIP` und `spec.nodeName`.',
        hint: 'Pods sind die kleinen Karten in den Node-Kästen. Klick auf eine.',
      },
      {
        title: 'Wo wohnen die Pods?',
        body:
          'Dieselben Fakten, so wie du sie auf einem echten Cluster liest. Führ im Terminal auf `control-plane` aus:\n\n`kubectl get pods -o wide`\n\n' +
          'Die Spalte IP kommt aus dem podCIDR des jeweiligen Nodes; die Spalte NODE ist die Entscheidung des Schedulers.',
        hint: 'Öffne den Tab Terminal, wähl control-plane als Ziel, tipp kubectl get pods -o wide und drück Enter.',
      },
      {
        title: 'Ping über Node-Grenzen',
        body:
          'Öffne ein Terminal im Pod `default/client` und ping einen `web`-Pod an, der auf dem **anderen** Worker läuft:\n\n`ping -c 1 <IP of that pod>`\n\n' +
          'Achte auf die `ttl` in der Antwort: Sie hat den web-Pod mit 64 verlassen, und jeder Node, der geroutet hat, hat eins abgezogen.',
        hint: 'Nimm default/client als Terminal-Ziel. Verwende eine IP aus der kubectl-Ausgabe, deren NODE nicht der Node von client ist.',
      },
      {
        title: 'Verfolge es',
        body:
          'Jetzt folgst du dem Paket Hop für Hop. Wähl im Panel **Trace** `default/client` als Quelle und denselben web-Pod als Ziel, dann drück **Trace**.\n\n' +
          'Geh Schritt für Schritt durch: eth0 → das veth-Paar → `cni0` → die Route zum /24 des anderen Nodes → `flannel.1` → die Leitung → und zurück.',
        hint: 'Der Tab Trace ist im unteren Dock. Quelle: default/client; Ziel: ein web-Pod auf dem anderen Node.',
      },
      {
        title: 'Im Tunnel',
        body:
          'Geh vorwärts bis zu dem Moment, in dem `flannel.1` das Paket **kapselt**. Der ursprüngliche Frame (Pod-IP zu Pod-IP) ist jetzt die Nutzlast eines UDP-Datagramms an Port **8472** zwischen den beiden **Node**-IPs, mit VNI 1.\n\n' +
          'Das flannel.1 des anderen Nodes packt es wieder aus: Die Pods sehen das Node-Netzwerk nie.',
        hint: 'Nutz die Schritt-Buttons im Trace-Panel, bis der Schritt "encapsulates" sagt.',
      },
    ],
  },
};
