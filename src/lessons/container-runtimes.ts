/** Lesson "Container runtimes": containerd and CRI-O side by side behind the CRI; what "Docker" meant. */
import type { Pod } from '../engine/api/types';
import type { Simulation } from '../engine/sim/simulation';
import type { Lesson } from './types';
import { appPods, ran } from './helpers';

const CRIO = 'node-2';
const CONTAINERD = 'node-1';

function webOn(sim: Simulation, node: string): Pod | undefined {
  return appPods(sim, 'web').find((p) => p.spec.nodeName === node && p.status?.phase === 'Running');
}

export const containerRuntimes: Lesson = {
  id: 'container-runtimes',
  preset: 'cri-o-node',
  title: 'Container runtimes: containerd, CRI-O and the CRI',
  topic: 'Cluster architecture',
  summary: 'One cluster, two runtimes: see which node runs what, talk to both with crictl, and find the one setting that tells the kubelet where its runtime is.',
  minutes: 7,
  steps: [
    {
      title: 'Which runtime runs where',
      body:
        'In this cluster **node-2 runs CRI-O**, the other nodes **containerd**. Nothing else differs. On `control-plane`:\n\n`kubectl get nodes -o wide`\n\nThe CONTAINER-RUNTIME column is what each kubelet reported in `status.nodeInfo.containerRuntimeVersion`.',
      hint: 'Scroll right: it is the last column.',
      highlight: 'terminal-panel',
      check: ({ sim }) =>
        ran(sim, 'control-plane', /kubectl\s+(?:.*\s)?get\s+(nodes?|no)\b.*(-o\s*=?\s*wide|--output[= ]wide)/)
          ? { passed: true, message: sim.nodes().map((n) => `${n.metadata.name}: ${n.status?.nodeInfo?.containerRuntimeVersion ?? '?'}`).join(', ') }
          : { passed: false, message: { en: 'Run `kubectl get nodes -o wide` on control-plane.', de: 'Führ `kubectl get nodes -o wide` auf control-plane aus.' } },
      showMe: () => ({ kind: 'exec', target: 'control-plane', command: 'kubectl get nodes -o wide' }),
    },
    {
      title: 'Ask the runtime on node-2',
      body:
        '`crictl` is a client for the **Container Runtime Interface (CRI)**, the gRPC API the kubelet uses. It works against any CRI runtime. On `node-2`:\n\n`crictl version`\n`crictl ps`\n\nRuntimeName: cri-o — and the same web containers you would see on a containerd node.',
      hint: 'Terminal target node-2.',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        if (ran(sim, CRIO, /crictl\s+(version|info|ps|pods)\b/)) return { passed: true, message: { en: 'CRI-O answers the same CRI calls: RuntimeName cri-o, RuntimeApiVersion v1.', de: 'CRI-O beantwortet dieselben CRI-Aufrufe: RuntimeName cri-o, RuntimeApiVersion v1.' } };
        if (ran(sim, undefined, /crictl/)) return { passed: false, message: { en: 'That was not the CRI-O node: run crictl on node-2.', de: 'Das war nicht der CRI-O-Node: Führ crictl auf node-2 aus.' } };
        return { passed: false, message: { en: 'Run `crictl version` on node-2.', de: 'Führ `crictl version` auf node-2 aus.' } };
      },
      showMe: () => ({ kind: 'script', target: CRIO, commands: ['crictl version', 'crictl ps'] }),
    },
    {
      title: 'Two different daemons',
      body:
        'Underneath they are different programs. Compare the services:\n\n`systemctl status crio` on `node-2`\n`systemctl status containerd` on `node-1`\n\nEach pulls images, creates the pod sandbox, calls the CNI plugin and starts containers through an OCI runtime (runc or crun) — each its own way.',
      hint: 'Two terminals: node-2 and node-1.',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        const crio = ran(sim, CRIO, /systemctl\s+status\s+crio/);
        const ctrd = ran(sim, CONTAINERD, /systemctl\s+status\s+containerd/);
        if (crio && ctrd) return { passed: true, message: { en: 'crio.service on node-2, containerd.service on node-1: two runtimes, one interface.', de: 'crio.service auf node-2, containerd.service auf node-1: zwei Runtimes, eine Schnittstelle.' } };
        if (ran(sim, CRIO, /systemctl\s+status\s+containerd/)) return { passed: false, message: { en: 'node-2 has no containerd: its runtime unit is crio.', de: 'node-2 hat kein containerd: Seine Runtime-Unit heißt crio.' } };
        return { passed: false, message: crio ? { en: 'Now `systemctl status containerd` on node-1.', de: 'Jetzt `systemctl status containerd` auf node-1.' } : { en: 'Run `systemctl status crio` on node-2.', de: 'Führ `systemctl status crio` auf node-2 aus.' } };
      },
      showMe: () => ({
        kind: 'multi',
        runs: [
          { target: CRIO, command: 'systemctl status crio' },
          { target: CONTAINERD, command: 'systemctl status containerd' },
        ],
      }),
    },
    {
      title: 'How the kubelet finds its runtime',
      body:
        'The kubelet does not care which runtime it is: it dials a socket. On `node-2`:\n\n`cat /var/lib/kubelet/config.yaml`\n\n`containerRuntimeEndpoint: unix:///var/run/crio/crio.sock` — on node-1 it is containerd\'s socket. Swap the runtime, change this line, and nothing else in Kubernetes notices.',
      hint: 'The same setting exists as the kubelet flag --container-runtime-endpoint.',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        if (ran(sim, CRIO, /cat\s+\/var\/lib\/kubelet\/config\.yaml/) || ran(sim, CRIO, /systemctl\s+status\s+kubelet/)) return { passed: true, message: 'containerRuntimeEndpoint: unix:///var/run/crio/crio.sock.' };
        if (ran(sim, undefined, /\/var\/lib\/kubelet\/config\.yaml/)) return { passed: false, message: { en: 'Look on node-2, the CRI-O node.', de: 'Schau auf node-2 nach, dem CRI-O-Node.' } };
        return { passed: false, message: { en: 'Run `cat /var/lib/kubelet/config.yaml` on node-2.', de: 'Führ `cat /var/lib/kubelet/config.yaml` auf node-2 aus.' } };
      },
      showMe: () => ({ kind: 'exec', target: CRIO, command: 'cat /var/lib/kubelet/config.yaml' }),
    },
    {
      title: 'The runtime in each container ID',
      body:
        'The API shows it too: a container\'s ID starts with its runtime. Find a web pod on node-2 (`kubectl get pods -l app=web -o wide`), then on `control-plane`:\n\n`kubectl describe pod <that pod> | grep "Container ID"`\n\n`cri-o://…` there, `containerd://…` for the pods on node-1.',
      hint: 'Or all at once: `kubectl get pods -o yaml | grep containerID`.',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        const pod = webOn(sim, CRIO);
        if (!pod) return { passed: false, message: { en: 'No web pod runs on node-2 right now.', de: 'Gerade läuft kein web-Pod auf node-2.' } };
        if (ran(sim, 'control-plane', /containerID|kubectl\s+(?:.*\s)?describe\s+(pods?|po)\b|kubectl\s+(?:.*\s)?get\s+(pods?|po)\b.*-o\s*=?\s*(yaml|json)/)) return { passed: true, message: { en: `${pod.metadata.name} on node-2: ${pod.status?.containerStatuses?.[0]?.containerID?.split('://')[0]}://…`, de: `${pod.metadata.name} auf node-2: ${pod.status?.containerStatuses?.[0]?.containerID?.split('://')[0]}://…` } };
        return { passed: false, message: { en: `Run \`kubectl describe pod ${pod.metadata.name}\` on control-plane and find Container ID.`, de: `Führ \`kubectl describe pod ${pod.metadata.name}\` auf control-plane aus und such Container ID.` } };
      },
      showMe: ({ sim }) => ({ kind: 'exec', target: 'control-plane', command: `kubectl describe pod ${webOn(sim, CRIO)?.metadata.name ?? ''} | grep "Container ID"` }),
    },
    {
      title: 'And Docker?',
      body:
        'For years "the runtime" meant Docker, which Kubernetes reached through a built-in adapter, **dockershim**. Kubernetes 1.24 removed it: runtimes now speak CRI themselves. containerd is the part of Docker that actually ran containers; CRI-O was built for Kubernetes from the start. Images built with `docker build` are OCI images and run on both.\n\n' +
        'Try `docker ps` on `node-2`: there is no Docker on a modern node.',
      hint: 'crictl is the tool for what docker ps used to show.',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        const e = sim.lastExec;
        if (e && /^\s*(sudo\s+)?docker\b/.test(e.command) && e.exitCode !== 0) return { passed: true, message: { en: `${e.target}: ${e.output.split('\n')[0]} — crictl ps is the equivalent.`, de: `${e.target}: ${e.output.split('\n')[0]} — crictl ps ist das Gegenstück.` } };
        return { passed: false, message: { en: 'Run `docker ps` on node-2 (the check reads your last command).', de: 'Führ `docker ps` auf node-2 aus (die Prüfung liest deinen letzten Befehl).' } };
      },
      showMe: () => ({ kind: 'exec', target: CRIO, command: 'docker ps' }),
    },
  ],  de: {
    title: 'Container-Runtimes: containerd, CRI-O und das CRI',
    topic: 'Cluster-Architektur',
    summary: 'Ein Cluster, zwei Runtimes: Sieh nach, welcher Node was betreibt, sprich mit crictl mit beiden und finde die eine Einstellung, die dem kubelet sagt, wo seine Runtime ist.',
    steps: [
      {
        title: 'Welche Runtime läuft wo',
        body:
          'In diesem Cluster läuft auf **node-2 CRI-O**, auf den anderen Nodes **containerd**. Sonst unterscheidet sich nichts. Auf `control-plane`:\n\n`kubectl get nodes -o wide`\n\nDie Spalte CONTAINER-RUNTIME ist das, was jedes kubelet in `status.nodeInfo.containerRuntimeVersion` gemeldet hat.',
        hint: 'Scroll nach rechts: Es ist die letzte Spalte.',
      },
      {
        title: 'Frag die Runtime auf node-2',
        body:
          '`crictl` ist ein Client für das **Container Runtime Interface (CRI)**, die gRPC-API, die das kubelet nutzt. Es funktioniert mit jeder CRI-Runtime. Auf `node-2`:\n\n`crictl version`\n`crictl ps`\n\nRuntimeName: cri-o — und dieselben web-Container, die du auch auf einem containerd-Node sehen würdest.',
        hint: 'Terminal-Ziel node-2.',
      },
      {
        title: 'Zwei verschiedene Daemons',
        body:
          'Darunter sind es verschiedene Programme. Vergleich die Services:\n\n`systemctl status crio` auf `node-2`\n`systemctl status containerd` auf `node-1`\n\nJeder zieht Images, legt die Pod-Sandbox an, ruft das CNI-Plugin auf und startet Container über eine OCI-Runtime (runc oder crun) — jeder auf seine Weise.',
        hint: 'Zwei Terminals: node-2 und node-1.',
      },
      {
        title: 'Wie das kubelet seine Runtime findet',
        body:
          'Dem kubelet ist egal, welche Runtime es ist: Es verbindet sich mit einem Socket. Auf `node-2`:\n\n`cat /var/lib/kubelet/config.yaml`\n\n`containerRuntimeEndpoint: unix:///var/run/crio/crio.sock` — auf node-1 ist es der Socket von containerd. Tausch die Runtime, ändere diese Zeile, und sonst merkt in Kubernetes niemand etwas.',
        hint: 'Dieselbe Einstellung gibt es als kubelet-Flag --container-runtime-endpoint.',
      },
      {
        title: 'Die Runtime in jeder Container-ID',
        body:
          'Auch die API zeigt es: Die ID eines Containers beginnt mit seiner Runtime. Such einen web-Pod auf node-2 (`kubectl get pods -l app=web -o wide`), dann auf `control-plane`:\n\n`kubectl describe pod <that pod> | grep "Container ID"`\n\nDort `cri-o://…`, bei den Pods auf node-1 `containerd://…`.',
        hint: 'Oder alle auf einmal: `kubectl get pods -o yaml | grep containerID`.',
      },
      {
        title: 'Und Docker?',
        body:
          'Jahrelang hieß "die Runtime" Docker, das Kubernetes über einen eingebauten Adapter erreichte, **dockershim**. Kubernetes 1.24 hat ihn entfernt: Runtimes sprechen CRI jetzt selbst. containerd ist der Teil von Docker, der die Container tatsächlich betrieben hat; CRI-O wurde von Anfang an für Kubernetes gebaut. Images, die mit `docker build` gebaut wurden, sind OCI-Images und laufen auf beiden.\n\n' +
          'Probier `docker ps` auf `node-2`: Auf einem modernen Node gibt es kein Docker.',
        hint: 'crictl ist das Werkzeug für das, was früher docker ps gezeigt hat.',
      },
    ],
  },
};
