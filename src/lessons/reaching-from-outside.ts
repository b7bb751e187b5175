/** Lesson "Reaching pods from outside": a NodePort on every node, KUBE-NODEPORTS, and the masquerade that keeps replies symmetric. */
import type { Simulation } from '../engine/sim/simulation';
import type { Trace } from '../engine/net/trace';
import type { Lesson } from './types';
import { commandsRun, lastOutput, ran, serviceByName } from './helpers';

const CONTROL_PLANE_IP = '192.168.56.10';
const NODE1_IP = '192.168.56.11';
const RULES = /iptables-save|iptables\s.*-t\s*nat.*\s-(L|S)|iptables\s.*-(L|S).*-t\s*nat/;

function nodePort(sim: Simulation): number | undefined {
  const svc = serviceByName(sim, 'web');
  return svc?.spec.type === 'NodePort' || svc?.spec.type === 'LoadBalancer' ? svc.spec.ports?.[0]?.nodePort : undefined;
}

/** Connections (curl, wget) made from a node's terminal to a node address on the NodePort. */
function nodePortProbes(sim: Simulation): { target: string; trace: Trace }[] {
  const port = nodePort(sim);
  return sim.probes.filter((p) => (p.tool === 'curl' || p.tool === 'wget') && sim.ctx.hosts.has(p.target) && p.trace.port === port && /^192\.168\.56\./.test(p.trace.dst));
}

const noSvc = { passed: false, message: { en: 'Make web a NodePort Service first (step 1).', de: 'Mach web zuerst zu einem NodePort-Service (Schritt 1).' } };

export const reachingFromOutside: Lesson = {
  id: 'reaching-from-outside',
  title: 'Reaching pods from outside: NodePort',
  topic: 'Services',
  summary: 'Open a NodePort, reach it on every node (even one without a web pod), read the KUBE-NODEPORTS rules and see why the reply needs SNAT.',
  minutes: 9,
  steps: [
    {
      title: 'A NodePort Service',
      body:
        'A ClusterIP only works inside the cluster. A **NodePort** Service also opens one port, from **30000–32767**, on **every** node. On `control-plane`:\n\n`kubectl expose deployment web --type=NodePort --port=80`\n`kubectl get svc web`\n\nPORT(S) reads `80:3xxxx/TCP`: the Service port, then the node port.',
      hint: 'kubectl picks a free port from the range unless you set spec.ports[].nodePort.',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        const svc = serviceByName(sim, 'web');
        if (!svc) return { passed: false, message: { en: 'Run `kubectl expose deployment web --type=NodePort --port=80`.', de: 'Führ `kubectl expose deployment web --type=NodePort --port=80` aus.' } };
        const port = nodePort(sim);
        if (!port) return { passed: false, message: { en: `service/web is of type ${svc.spec.type ?? 'ClusterIP'}: delete it (\`kubectl delete svc web\`) and expose it with --type=NodePort.`, de: `service/web hat den Typ ${svc.spec.type ?? 'ClusterIP'}: Lösch ihn (\`kubectl delete svc web\`) und expose ihn mit --type=NodePort.` } };
        return { passed: true, message: { en: `Node port ${port}: every node now forwards TCP ${port} to web.`, de: `Node-Port ${port}: Jeder Node leitet jetzt TCP ${port} an web weiter.` } };
      },
      showMe: () => ({ kind: 'script', target: 'control-plane', commands: ['kubectl expose deployment web --type=NodePort --port=80', 'kubectl get svc web'] }),
    },
    {
      title: 'From another machine',
      body:
        'Act as a client outside the pod network: from `control-plane`, curl **node-1\'s** address on the node port:\n\n`curl 192.168.56.11:<nodePort>`\n\nnginx answers — from whichever web pod the rules picked.',
      hint: 'The node port is the second number in PORT(S) of `kubectl get svc web`.',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        const port = nodePort(sim);
        if (!port) return noSvc;
        const hit = nodePortProbes(sim).find((p) => p.trace.dst === NODE1_IP);
        if (hit?.trace.replied) return { passed: true, message: { en: `${NODE1_IP}:${port} answered: kube-proxy on node-1 sent it to a web pod.`, de: `${NODE1_IP}:${port} hat geantwortet: kube-proxy auf node-1 hat es an einen web-Pod geschickt.` } };
        if (commandsRun(sim).some((c) => /curl|wget/.test(c.command) && !c.command.includes(String(port)))) return { passed: false, message: { en: `Use the node port ${port}, not the Service port.`, de: `Nimm den Node-Port ${port}, nicht den Service-Port.` } };
        return { passed: false, message: { en: `From control-plane: \`curl ${NODE1_IP}:${port}\`.`, de: `Von control-plane aus: \`curl ${NODE1_IP}:${port}\`.` } };
      },
      showMe: ({ sim }) => ({ kind: 'exec', target: 'control-plane', command: `curl -s ${NODE1_IP}:${nodePort(sim) ?? 30080} | head -4` }),
    },
    {
      title: 'On every node',
      body:
        'The control plane runs no web pod. Curl **its** address on the same port, this time from `node-1`:\n\n`curl 192.168.56.10:<nodePort>`\n\nIt still answers: every node\'s kube-proxy installs the NodePort, wherever the pods are.',
      hint: 'Terminal target node-1; destination 192.168.56.10.',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        const port = nodePort(sim);
        if (!port) return noSvc;
        const hit = nodePortProbes(sim).find((p) => p.trace.dst === CONTROL_PLANE_IP && p.target !== 'control-plane');
        if (hit?.trace.replied) return { passed: true, message: { en: `${CONTROL_PLANE_IP}:${port} answered, though no web pod runs there: the packet went on to a pod on a worker.`, de: `${CONTROL_PLANE_IP}:${port} hat geantwortet, obwohl dort kein web-Pod läuft: Das Paket ging weiter zu einem Pod auf einem Worker.` } };
        return { passed: false, message: { en: `From node-1: \`curl ${CONTROL_PLANE_IP}:${port}\`.`, de: `Von node-1 aus: \`curl ${CONTROL_PLANE_IP}:${port}\`.` } };
      },
      showMe: ({ sim }) => ({ kind: 'exec', target: 'node-1', command: `curl -s ${CONTROL_PLANE_IP}:${nodePort(sim) ?? 30080} | head -4` }),
    },
    {
      title: 'The KUBE-NODEPORTS chain',
      body:
        'On `control-plane`:\n\n`iptables-save -t nat | grep -e NODEPORTS -e KUBE-EXT`\n\nThe last rule of KUBE-SERVICES sends packets for a **local** address (`--dst-type LOCAL`) to **KUBE-NODEPORTS**; it matches `--dport <nodePort>` and jumps to **KUBE-EXT-…**, which marks the packet for masquerade and continues to the Service\'s KUBE-SVC chain — the same DNAT as for the ClusterIP.',
      hint: 'Any node shows the same chains.',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        if (!nodePort(sim)) return noSvc;
        return ran(sim, undefined, RULES) && ran(sim, undefined, /NODEPORTS|KUBE-EXT|iptables-save -t nat$|iptables-save$/)
          ? { passed: true, message: { en: `-A KUBE-NODEPORTS -p tcp --dport ${nodePort(sim)} -j KUBE-EXT-…: the node port leads into the Service's chain.`, de: `-A KUBE-NODEPORTS -p tcp --dport ${nodePort(sim)} -j KUBE-EXT-…: Der Node-Port führt in die Chain des Service.` } }
          : { passed: false, message: { en: 'Run `iptables-save -t nat | grep -e NODEPORTS -e KUBE-EXT` on a node.', de: 'Führ `iptables-save -t nat | grep -e NODEPORTS -e KUBE-EXT` auf einem Node aus.' } };
      },
      showMe: () => ({ kind: 'exec', target: 'control-plane', command: 'iptables-save -t nat | grep -e NODEPORTS -e KUBE-EXT' }),
    },
    {
      title: 'Why the source is rewritten',
      body:
        'The packet from node-1 reached the control plane, was DNATed to a web pod on a **worker**, and left again. Had it kept its source (node-1), the pod would answer node-1 directly, and node-1 would drop a reply from an address it never talked to. So KUBE-POSTROUTING **MASQUERADEs** marked packets: the pod sees an address of the control plane (the one it sent from: flannel.1\'s 10.244.0.0) and answers it, and conntrack undoes both rewrites.\n\n' +
        'Look at the connection tracking table on `control-plane`: `conntrack -L`.',
      hint: 'In the entry, the reply direction names the pod and the rewritten source.',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        if (!nodePort(sim)) return noSvc;
        const out = lastOutput(sim, /conntrack\s+-L/, 'control-plane');
        if (out !== undefined) {
          const masq = nodePortProbes(sim).flatMap((p) => p.trace.steps).find((s) => /MASQUERADE/.test(s.summary) && s.host === 'control-plane');
          return { passed: true, message: masq ? masq.summary : { en: 'Each entry shows the original direction and the rewritten reply direction.', de: 'Jeder Eintrag zeigt die ursprüngliche Richtung und die umgeschriebene Antwortrichtung.' } };
        }
        if (ran(sim, undefined, /conntrack/)) return { passed: false, message: { en: 'The connection went through control-plane: look at its table (`conntrack -L` there).', de: 'Die Verbindung lief über control-plane: Schau dir dort die Tabelle an (`conntrack -L` dort).' } };
        return { passed: false, message: { en: 'Run `conntrack -L` on control-plane.', de: 'Führ `conntrack -L` auf control-plane aus.' } };
      },
      showMe: () => ({ kind: 'exec', target: 'control-plane', command: 'conntrack -L' }),
    },
    {
      title: 'The port range',
      body:
        'Node ports come from the apiserver\'s `--service-node-port-range`, 30000–32767 by default, so they never collide with ports the node itself uses. Ask for one outside it:\n\n`kubectl create service nodeport web-80 --tcp=80:80 --node-port=8080`\n\nThe apiserver refuses. (A **LoadBalancer** Service builds on a NodePort: the cloud\'s load balancer sends traffic to these node ports.)',
      hint: 'The check reads the answer of your last command.',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        const out = lastOutput(sim, /kubectl\s/, 'control-plane');
        if (out && /not in the valid range/.test(out)) return { passed: true, message: out.replace(/^The Service "[^"]*" is invalid: /, '') };
        return { passed: false, message: { en: 'Try a node port outside 30000–32767, e.g. `kubectl create service nodeport web-80 --tcp=80:80 --node-port=8080` on control-plane.', de: 'Versuch einen Node-Port außerhalb von 30000–32767, z. B. `kubectl create service nodeport web-80 --tcp=80:80 --node-port=8080` auf control-plane.' } };
      },
      showMe: () => ({ kind: 'exec', target: 'control-plane', command: 'kubectl create service nodeport web-80 --tcp=80:80 --node-port=8080' }),
    },
  ],  de: {
    title: 'Pods von außen erreichen: NodePort',
    summary: 'Öffne einen NodePort, erreiche ihn auf jedem Node (auch auf einem ohne web-Pod), lies die Regeln in KUBE-NODEPORTS und sieh, warum die Antwort SNAT braucht.',
    steps: [
      {
        title: 'Ein NodePort-Service',
        body:
          'Eine ClusterIP funktioniert nur im Cluster. Ein **NodePort**-Service öffnet zusätzlich einen Port aus **30000–32767** auf **jedem** Node. Auf `control-plane`:\n\n`kubectl expose deployment web --type=NodePort --port=80`\n`kubectl get svc web`\n\nPORT(S) zeigt `80:3xxxx/TCP`: den Service-Port, dann den Node-Port.',
        hint: 'kubectl nimmt einen freien Port aus dem Bereich, wenn du spec.ports[].nodePort nicht setzt.',
      },
      {
        title: 'Von einer anderen Maschine',
        body:
          'Spiel einen Client außerhalb des Pod-Netzwerks: Ruf von `control-plane` aus die Adresse von **node-1** auf dem Node-Port mit curl ab:\n\n`curl 192.168.56.11:<nodePort>`\n\nnginx antwortet — von dem web-Pod, den die Regeln gewählt haben.',
        hint: 'Der Node-Port ist die zweite Zahl in PORT(S) von `kubectl get svc web`.',
      },
      {
        title: 'Auf jedem Node',
        body:
          'Auf der Control Plane läuft kein web-Pod. Ruf **ihre** Adresse auf demselben Port ab, diesmal von `node-1` aus:\n\n`curl 192.168.56.10:<nodePort>`\n\nEs antwortet trotzdem: kube-proxy richtet den NodePort auf jedem Node ein, egal wo die Pods sind.',
        hint: 'Terminal-Ziel node-1; Ziel 192.168.56.10.',
      },
      {
        title: 'Die Chain KUBE-NODEPORTS',
        body:
          'Auf `control-plane`:\n\n`iptables-save -t nat | grep -e NODEPORTS -e KUBE-EXT`\n\nDie letzte Regel von KUBE-SERVICES schickt Pakete an eine **lokale** Adresse (`--dst-type LOCAL`) nach **KUBE-NODEPORTS**; dort passt `--dport <nodePort>` und springt nach **KUBE-EXT-…**, das das Paket fürs Masquerading markiert und in die KUBE-SVC-Chain des Service weitergeht — dasselbe DNAT wie für die ClusterIP.',
        hint: 'Jeder Node zeigt dieselben Chains.',
      },
      {
        title: 'Warum die Quelle umgeschrieben wird',
        body:
          'Das Paket von node-1 hat die Control Plane erreicht, wurde per DNAT auf einen web-Pod auf einem **Worker** umgeschrieben und ist wieder hinausgegangen. Hätte es seine Quelle (node-1) behalten, würde der Pod node-1 direkt antworten, und node-1 würde eine Antwort von einer Adresse verwerfen, mit der es nie gesprochen hat. Deshalb macht KUBE-POSTROUTING **MASQUERADE** für markierte Pakete: Der Pod sieht eine Adresse der Control Plane (die, von der sie gesendet hat: 10.244.0.0 von flannel.1) und antwortet ihr, und conntrack macht beide Umschreibungen rückgängig.\n\n' +
          'Schau dir die Connection-Tracking-Tabelle auf `control-plane` an: `conntrack -L`.',
        hint: 'Im Eintrag nennt die Antwortrichtung den Pod und die umgeschriebene Quelle.',
      },
      {
        title: 'Der Port-Bereich',
        body:
          'Node-Ports kommen aus `--service-node-port-range` des apiservers, standardmäßig 30000–32767, damit sie nie mit Ports kollidieren, die der Node selbst nutzt. Fordere einen außerhalb an:\n\n`kubectl create service nodeport web-80 --tcp=80:80 --node-port=8080`\n\nDer apiserver lehnt ab. (Ein **LoadBalancer**-Service baut auf einem NodePort auf: Der Load Balancer der Cloud schickt den Traffic an diese Node-Ports.)',
        hint: 'Die Prüfung liest die Antwort deines letzten Befehls.',
      },
    ],
  },
};
