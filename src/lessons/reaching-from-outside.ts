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

const noSvc = { passed: false, message: 'Make web a NodePort Service first (step 1).' };

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
        if (!svc) return { passed: false, message: 'Run `kubectl expose deployment web --type=NodePort --port=80`.' };
        const port = nodePort(sim);
        if (!port) return { passed: false, message: `service/web is of type ${svc.spec.type ?? 'ClusterIP'}: delete it (\`kubectl delete svc web\`) and expose it with --type=NodePort.` };
        return { passed: true, message: `Node port ${port}: every node now forwards TCP ${port} to web.` };
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
        if (hit?.trace.replied) return { passed: true, message: `${NODE1_IP}:${port} answered: kube-proxy on node-1 sent it to a web pod.` };
        if (commandsRun(sim).some((c) => /curl|wget/.test(c.command) && !c.command.includes(String(port)))) return { passed: false, message: `Use the node port ${port}, not the Service port.` };
        return { passed: false, message: `From control-plane: \`curl ${NODE1_IP}:${port}\`.` };
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
        if (hit?.trace.replied) return { passed: true, message: `${CONTROL_PLANE_IP}:${port} answered, though no web pod runs there: the packet went on to a pod on a worker.` };
        return { passed: false, message: `From node-1: \`curl ${CONTROL_PLANE_IP}:${port}\`.` };
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
          ? { passed: true, message: `-A KUBE-NODEPORTS -p tcp --dport ${nodePort(sim)} -j KUBE-EXT-…: the node port leads into the Service's chain.` }
          : { passed: false, message: 'Run `iptables-save -t nat | grep -e NODEPORTS -e KUBE-EXT` on a node.' };
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
          return { passed: true, message: masq ? masq.summary : 'Each entry shows the original direction and the rewritten reply direction.' };
        }
        if (ran(sim, undefined, /conntrack/)) return { passed: false, message: 'The connection went through control-plane: look at its table (`conntrack -L` there).' };
        return { passed: false, message: 'Run `conntrack -L` on control-plane.' };
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
        return { passed: false, message: 'Try a node port outside 30000–32767, e.g. `kubectl create service nodeport web-80 --tcp=80:80 --node-port=8080` on control-plane.' };
      },
      showMe: () => ({ kind: 'exec', target: 'control-plane', command: 'kubectl create service nodeport web-80 --tcp=80:80 --node-port=8080' }),
    },
  ],
};
