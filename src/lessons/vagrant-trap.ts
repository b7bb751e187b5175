/** Lesson 8, "The Vagrant flannel trap": every node claims 10.0.2.15; diagnose it, fix it. */
import type { Node } from '../engine/api/types';
import type { Lesson } from './types';
import { podById, podOnOtherNode, ran } from './helpers';

const CLIENT = 'default/client';
const PUBLIC_IP = 'flannel.alpha.coreos.com/public-ip';

function publicIps(nodes: Node[]): string[] {
  return nodes.map((n) => n.metadata.annotations?.[PUBLIC_IP] ?? '?');
}

export const vagrantTrap: Lesson = {
  id: 'vagrant-trap',
  preset: 'vagrant-flannel',
  title: 'The Vagrant flannel trap',
  topic: 'Pod networking',
  summary: 'Every VM has 10.0.2.15 on its first NIC, flannel picks it, and cross-node traffic vanishes. Find out why from the symptoms and fix it.',
  minutes: 10,
  steps: [
    {
      title: 'The symptom',
      body: 'This cluster was built with Vagrant and VirtualBox. All nodes are Ready, all pods Running. Trace from `default/client` to a web pod on **another** node.',
      hint: 'Trace panel: source default/client, destination a web pod whose IP is in another /24.',
      highlight: 'trace-panel',
      check: ({ sim }) => {
        const t = sim.lastTrace;
        const dst = t && sim.pods().find((p) => p.status?.podIP === t.dst);
        if (!t || !dst || dst.spec.nodeName === podById(sim, CLIENT)?.spec.nodeName) return { passed: false, message: { en: 'Trace from default/client to a web pod on another node.', de: 'Trace von default/client zu einem web-Pod auf einem anderen Node.' } };
        if (t.replied) return { passed: false, message: { en: 'That one arrived — has the cluster been fixed already?', de: 'Der ist angekommen — wurde der Cluster schon repariert?' } };
        return { passed: true, message: { en: `Dropped at encapsulation on ${t.steps.at(-1)?.host}: the VXLAN packet would go to this node's own address.`, de: `Bei der Kapselung auf ${t.steps.at(-1)?.host} verworfen: Das VXLAN-Paket ginge an die eigene Adresse dieses Nodes.` } };
      },
      showMe: ({ sim }) => {
        const p = podOnOtherNode(sim, CLIENT, 'web');
        return { kind: 'trace', from: CLIENT, to: p ? `default/${p.metadata.name}` : '10.244.2.2' };
      },
    },
    {
      title: 'What did flannel announce?',
      body: 'flannel publishes each node\'s VTEP address in a node annotation. On control-plane:\n\n`kubectl get nodes -o yaml | grep public-ip`\n\nEvery node claims the same address.',
      hint: 'The annotation is flannel.alpha.coreos.com/public-ip.',
      highlight: 'terminal-panel',
      check: ({ sim }) =>
        ran(sim, 'control-plane', /kubectl (get|describe) (nodes?|no)\b/) && ran(sim, 'control-plane', /public-ip|-o (yaml|json)|describe/)
          ? { passed: true, message: { en: `public-ip: ${publicIps(sim.nodes()).join(', ')} — three nodes, one address.`, de: `public-ip: ${publicIps(sim.nodes()).join(', ')} — drei Nodes, eine Adresse.` } }
          : { passed: false, message: { en: 'Run `kubectl get nodes -o yaml | grep public-ip` on control-plane.', de: 'Führ `kubectl get nodes -o yaml | grep public-ip` auf control-plane aus.' } },
      showMe: () => ({ kind: 'exec', target: 'control-plane', command: 'kubectl get nodes -o yaml | grep public-ip' }),
    },
    {
      title: 'Why 10.0.2.15?',
      body: 'Without `--iface`, flannel uses the interface of the **default route**. On node-1: `ip route` and `ip addr show enp0s3`. Vagrant\'s first NIC is VirtualBox NAT — every VM gets 10.0.2.15 there — and the default route points out of it. The nodes\' real network is the host-only NIC `enp0s8`.',
      hint: 'Terminal target node-1.',
      highlight: 'terminal-panel',
      check: ({ sim }) =>
        ran(sim, 'node-1', /ip (-4 )?(r(oute)?|a(ddr)?)\b/)
          ? { passed: true, message: { en: 'default via 10.0.2.2 dev enp0s3: flannel took enp0s3 and its 10.0.2.15.', de: 'default via 10.0.2.2 dev enp0s3: flannel hat enp0s3 und dessen 10.0.2.15 genommen.' } }
          : { passed: false, message: { en: 'Run `ip route` on node-1.', de: 'Führ `ip route` auf node-1 aus.' } },
      showMe: () => ({ kind: 'script', target: 'node-1', commands: ['ip route', 'ip addr show enp0s3'] }),
    },
    {
      title: 'Tell flannel the right interface',
      body:
        'flanneld runs in the kube-flannel DaemonSet (`kubectl get pods -n kube-flannel -o wide`) and reads its flags when it starts. Add `--iface=enp0s8` to its container args; the DaemonSet controller then replaces the flannel pods one node at a time:\n\n' +
        '`kubectl patch ds kube-flannel-ds -n kube-flannel --type json -p \'[{"op":"add","path":"/spec/template/spec/containers/0/args/-","value":"--iface=enp0s8"}]\'`\n`kubectl rollout status ds/kube-flannel-ds -n kube-flannel`\n\n' +
        'On a real cluster you would add the flag to kube-flannel.yml and `kubectl apply -f` it. flannel also honours a per-node override, the node annotation flannel.alpha.coreos.com/public-ip-overwrite=NODE_IP.',
      hint: 'The args are under spec.template.spec.containers[0] of kube-flannel-ds (`kubectl get ds kube-flannel-ds -n kube-flannel -o yaml`).',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        const nodes = sim.nodes();
        const wrong = nodes.filter((n) => n.metadata.annotations?.[PUBLIC_IP] !== n.status?.addresses?.find((a) => a.type === 'InternalIP')?.address);
        if (wrong.length === 0) return { passed: true, message: { en: `public-ip now: ${publicIps(nodes).join(', ')}. Each peer's FDB entry points at the right node.`, de: `public-ip jetzt: ${publicIps(nodes).join(', ')}. Der FDB-Eintrag jedes Peers zeigt auf den richtigen Node.` } };
        return { passed: false, message: { en: `Still wrong on ${wrong.map((n) => n.metadata.name).join(', ')}.`, de: `Noch falsch auf ${wrong.map((n) => n.metadata.name).join(', ')}.` } };
      },
      showMe: () => ({
        kind: 'script',
        target: 'control-plane',
        commands: [
          `kubectl patch ds kube-flannel-ds -n kube-flannel --type json -p '[{"op":"add","path":"/spec/template/spec/containers/0/args/-","value":"--iface=enp0s8"}]'`,
          'kubectl rollout status ds/kube-flannel-ds -n kube-flannel',
        ],
      }),
    },
    {
      title: 'Trace again',
      body: 'Trace client → the web pod on the other node once more, and step to the encapsulation: the outer destination is now the peer\'s host-only address.',
      hint: 'Same source and destination as in step 1.',
      highlight: 'trace-panel',
      check: ({ sim }) => {
        const t = sim.lastTrace;
        const encap = t?.steps.find((s) => s.stage === 'vxlan-encap' && s.after.ip.dst.startsWith('192.168.56.'));
        return t?.replied && encap ? { passed: true, message: { en: `Delivered: outer ${encap.after.ip.src} → ${encap.after.ip.dst}:8472.`, de: `Zugestellt: außen ${encap.after.ip.src} → ${encap.after.ip.dst}:8472.` } } : { passed: false, message: { en: 'Trace client → a web pod on another node.', de: 'Trace client → einen web-Pod auf einem anderen Node.' } };
      },
      showMe: ({ sim }) => {
        const p = podOnOtherNode(sim, CLIENT, 'web');
        return { kind: 'trace', from: CLIENT, to: p ? `default/${p.metadata.name}` : '10.244.2.2', stage: 'vxlan-encap' };
      },
    },
  ],  de: {
    title: 'Die Vagrant-flannel-Falle',
    topic: 'Pod-Netzwerk',
    summary: 'Jede VM hat 10.0.2.15 auf ihrer ersten NIC, flannel nimmt genau die, und Traffic zwischen Nodes verschwindet. Finde anhand der Symptome heraus, warum, und behebe es.',
    steps: [
      {
        title: 'Das Symptom',
        body: 'Dieser Cluster wurde mit Vagrant und VirtualBox gebaut. Alle Nodes sind Ready, alle Pods Running. Trace von `default/client` zu einem web-Pod auf einem **anderen** Node.',
        hint: 'Trace-Panel: Quelle default/client, Ziel ein web-Pod, dessen IP in einem anderen /24 liegt.',
      },
      {
        title: 'Was hat flannel angekündigt?',
        body: 'flannel veröffentlicht die VTEP-Adresse jedes Nodes in einer Node-Annotation. Auf control-plane:\n\n`kubectl get nodes -o yaml | grep public-ip`\n\nJeder Node beansprucht dieselbe Adresse.',
        hint: 'Die Annotation heißt flannel.alpha.coreos.com/public-ip.',
      },
      {
        title: 'Warum 10.0.2.15?',
        body: 'Ohne `--iface` nimmt flannel das Interface der **Default-Route**. Auf node-1: `ip route` und `ip addr show enp0s3`. Die erste NIC von Vagrant ist VirtualBox-NAT — dort bekommt jede VM 10.0.2.15 — und die Default-Route zeigt dort hinaus. Das echte Netz der Nodes ist die Host-only-NIC `enp0s8`.',
        hint: 'Terminal-Ziel node-1.',
      },
      {
        title: 'Sag flannel das richtige Interface',
        body:
          'flanneld läuft im DaemonSet kube-flannel (`kubectl get pods -n kube-flannel -o wide`) und liest seine Flags beim Start. Füg `--iface=enp0s8` zu den args seines Containers hinzu; der DaemonSet-Controller ersetzt die flannel-Pods dann Node für Node:\n\n' +
          '`kubectl patch ds kube-flannel-ds -n kube-flannel --type json -p \'[{"op":"add","path":"/spec/template/spec/containers/0/args/-","value":"--iface=enp0s8"}]\'`\n`kubectl rollout status ds/kube-flannel-ds -n kube-flannel`\n\n' +
          'Auf einem echten Cluster würdest du das Flag in kube-flannel.yml eintragen und mit `kubectl apply -f` anwenden. flannel beachtet auch einen Override pro Node, die Node-Annotation flannel.alpha.coreos.com/public-ip-overwrite=NODE_IP.',
        hint: 'Die args stehen unter spec.template.spec.containers[0] von kube-flannel-ds (`kubectl get ds kube-flannel-ds -n kube-flannel -o yaml`).',
      },
      {
        title: 'Noch einmal tracen',
        body: 'Trace noch einmal client → den web-Pod auf dem anderen Node und geh zur Kapselung: Das äußere Ziel ist jetzt die Host-only-Adresse des Peers.',
        hint: 'Dieselbe Quelle und dasselbe Ziel wie in Schritt 1.',
      },
    ],
  },
};
