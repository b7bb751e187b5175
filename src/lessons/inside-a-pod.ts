/** Lesson "Inside a pod": containers share the pause container's netns and volumes; probes decide Ready and restarts. */
import type { EndpointSlice, KubeEvent, Pod } from '../engine/api/types';
import type { Simulation } from '../engine/sim/simulation';
import type { Lesson } from './types';
import { podById, ran } from './helpers';

const POD = 'default/shop';

const MANIFEST = `apiVersion: v1
kind: Pod
metadata:
  name: shop
  labels:
    app: shop
spec:
  volumes:
  - name: shared
    emptyDir: {}
  containers:
  - name: web
    image: nginx:1.27
    ports:
    - containerPort: 80
    volumeMounts:
    - name: shared
      mountPath: /usr/share/nginx/html/shared
    readinessProbe:
      httpGet:
        path: /
        port: 80
      periodSeconds: 5
      failureThreshold: 1
    livenessProbe:
      httpGet:
        path: /
        port: 80
      periodSeconds: 10
      failureThreshold: 3
  - name: helper
    image: busybox:1.36
    command: ["sleep", "infinity"]
    volumeMounts:
    - name: shared
      mountPath: /shared
---
apiVersion: v1
kind: Service
metadata:
  name: shop
spec:
  selector:
    app: shop
  ports:
  - port: 80
`;

const CLASH = `apiVersion: v1
kind: Pod
metadata:
  name: clash
spec:
  containers:
  - name: first
    image: nginx:1.27
  - name: second
    image: nginx:1.27
`;

const noPod = { passed: false, message: { en: 'Apply the pod `shop` and its Service first (step 1).', de: 'Wende zuerst den Pod `shop` und seinen Service an (Schritt 1).' } };

function events(sim: Simulation, reason: string): KubeEvent[] {
  return sim.ctx.api.list<KubeEvent>('Event', 'default').filter((e) => e.involvedObject.name === 'shop' && e.reason === reason);
}

function webStatus(pod: Pod | undefined) {
  return pod?.status?.containerStatuses?.find((s) => s.name === 'web');
}

function sandboxOf(sim: Simulation): { node: string; id: string } | undefined {
  const pod = podById(sim, POD);
  const node = pod?.spec.nodeName;
  const sb = node ? sim.ctx.runtimes.get(node)?.sandboxes.find((s) => s.podUid === pod!.metadata.uid) : undefined;
  return sb && node ? { node, id: sb.id.slice(0, 13) } : undefined;
}

function slice(sim: Simulation): EndpointSlice | undefined {
  return (sim.ctx.api.peekAll('EndpointSlice') as EndpointSlice[]).find((s) => s.metadata.labels?.['kubernetes.io/service-name'] === 'shop');
}

export const insideAPod: Lesson = {
  id: 'inside-a-pod',
  title: 'Inside a pod',
  topic: 'Pods',
  summary: 'Two containers, one network namespace held by the pause container, a shared volume; then make the app sick and watch readiness and liveness probes react.',
  minutes: 12,
  steps: [
    {
      title: 'A pod with a sidecar',
      body:
        'A pod can run several containers. This one runs **web** (nginx) and a **helper** (busybox) side by side, with an `emptyDir` volume mounted into both. The web container has a **readinessProbe** and a **livenessProbe**: the kubelet sends `GET /` to port 80 every few seconds. A Service `shop` selects the pod.\n\n' +
        'Put the YAML in the **Editor** tab and press **Apply**. `kubectl get pod shop` shows READY `2/2` once both containers run and the readiness probe passed.',
      hint: 'Click "Open in editor", then Apply.',
      manifest: MANIFEST,
      highlight: 'editor-panel',
      check: ({ sim }) => {
        const pod = podById(sim, POD);
        if (!pod) return { passed: false, message: { en: 'No pod named shop yet: apply the YAML.', de: 'Noch kein Pod namens shop: Wende das YAML an.' } };
        if (pod.spec.containers.length < 2) return { passed: false, message: { en: 'The pod shop needs both containers, web and helper: apply the YAML as given.', de: 'Der Pod shop braucht beide Container, web und helper: Wende das YAML so an, wie es dasteht.' } };
        if (!sim.ctx.api.get('Service', 'default', 'shop')) return { passed: false, message: { en: 'The Service shop is missing: apply the whole YAML (both documents).', de: 'Der Service shop fehlt: Wende das ganze YAML an (beide Dokumente).' } };
        const ready = pod.status?.containerStatuses?.filter((s) => s.ready).length ?? 0;
        return { passed: true, message: { en: `pod/shop is ${pod.status?.phase ?? 'Pending'} with ${ready}/2 containers ready on ${pod.spec.nodeName ?? 'no node yet'}.`, de: `pod/shop ist ${pod.status?.phase ?? 'Pending'}, ${ready}/2 Container bereit, auf ${pod.spec.nodeName ?? 'noch keinem Node'}.` } };
      },
      showMe: () => ({ kind: 'apply', manifest: MANIFEST }),
    },
    {
      title: 'They talk over localhost',
      body:
        'All containers of a pod share **one network namespace**: the same `eth0`, the same IP, the same `lo`. So the helper reaches nginx at `localhost`. On `control-plane`:\n\n`kubectl exec shop -c helper -- wget -qO- localhost:80`\n\nThe packet never leaves the pod: it goes out and back in over `lo`, no veth, no bridge.',
      hint: '`-c helper` picks the container; without it kubectl uses the first one (web).',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        if (!podById(sim, POD)) return noPod;
        const t = sim.probes.map((p) => p.trace).reverse().find((x) => x.dst === '127.0.0.1' && x.listener?.includes('container web'));
        if (!t) return { passed: false, message: { en: 'Run `kubectl exec shop -c helper -- wget -qO- localhost:80` on control-plane.', de: 'Führ `kubectl exec shop -c helper -- wget -qO- localhost:80` auf control-plane aus.' } };
        if (!t.replied) return { passed: false, message: { en: 'nginx did not answer on localhost:80: is the pod Running (`kubectl get pod shop`)?', de: 'nginx hat auf localhost:80 nicht geantwortet: Ist der Pod Running (`kubectl get pod shop`)?' } };
        return { passed: true, message: { en: 'nginx (container web) answered the helper on 127.0.0.1:80: same network namespace, traffic stayed on lo.', de: 'nginx (Container web) hat dem helper auf 127.0.0.1:80 geantwortet: derselbe Network Namespace, der Traffic blieb auf lo.' } };
      },
      showMe: () => ({ kind: 'exec', target: 'control-plane', command: 'kubectl exec shop -c helper -- wget -qO- localhost:80' }),
    },
    {
      title: 'Who holds the namespace: the pause container',
      body:
        'Containers come and go (a crash, a restart), yet the pod keeps its IP. The runtime first starts a tiny **pause** container (`registry.k8s.io/pause`) for the pod sandbox; it holds the network namespace, and every app container joins it.\n\n' +
        'On the pod\'s node, `crictl pods --name shop` lists the sandbox, `crictl ps --name helper` the app container with its POD ID, and `crictl inspectp POD_ID` shows the pause image, its pid and the netns path.',
      hint: 'Use the Terminal on the node the pod runs on (`kubectl get pod shop -o wide`). crictl ps never lists pause: CRI shows it as the sandbox.',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        const sb = sandboxOf(sim);
        if (!sb) return noPod;
        if (!ran(sim, sb.node, /crictl\s+inspectp\b/)) return { passed: false, message: { en: `On ${sb.node}, run \`crictl pods --name shop\`, then \`crictl inspectp ${sb.id}\`.`, de: `Führ auf ${sb.node} \`crictl pods --name shop\` aus, dann \`crictl inspectp ${sb.id}\`.` } };
        return { passed: true, message: { en: `Sandbox ${sb.id}: its process is /pause (image registry.k8s.io/pause), and its netns is the one web and helper share.`, de: `Sandbox ${sb.id}: Ihr Prozess ist /pause (Image registry.k8s.io/pause), und ihr netns ist der, den web und helper sich teilen.` } };
      },
      showMe: ({ sim }) => {
        const sb = sandboxOf(sim);
        return { kind: 'script', target: sb?.node ?? 'node-1', commands: ['crictl pods --name shop', 'crictl ps --name helper', `crictl inspectp ${sb?.id ?? ''} | grep -E '"image"|"pid"|container-type|/pause'`] };
      },
    },
    {
      title: 'A shared volume',
      body:
        'The `emptyDir` volume lives as long as the pod and is mounted in both containers: at `/shared` in the helper, at `/usr/share/nginx/html/shared` in web. Write a file in one, read it in the other:\n\n' +
        '`kubectl exec shop -c helper -- sh -c "echo hello from the helper > /shared/hello.txt"`\n`kubectl exec shop -c web -- cat /usr/share/nginx/html/shared/hello.txt`',
      hint: 'Files outside a volume (say /tmp) belong to one container and vanish when it restarts.',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        const pod = podById(sim, POD);
        if (!pod) return noPod;
        const sb = pod.spec.nodeName ? sim.ctx.runtimes.get(pod.spec.nodeName)?.sandboxes.find((s) => s.podUid === pod.metadata.uid) : undefined;
        const written = Object.entries(sb?.fs ?? {}).some(([k, v]) => k.startsWith('v:shared:') && v);
        if (!written) return { passed: false, message: { en: 'Write a file into the volume from the helper: `kubectl exec shop -c helper -- sh -c "echo hello from the helper > /shared/hello.txt"`.', de: 'Schreib aus dem helper eine Datei ins Volume: `kubectl exec shop -c helper -- sh -c "echo hello from the helper > /shared/hello.txt"`.' } };
        if (!ran(sim, undefined, /exec\s+shop\s+(-c\s+web\s+)?--\s+cat\s+\/usr\/share\/nginx\/html\/shared\//)) return { passed: false, message: { en: 'Now read it from the web container: `kubectl exec shop -c web -- cat /usr/share/nginx/html/shared/hello.txt`.', de: 'Lies sie jetzt aus dem web-Container: `kubectl exec shop -c web -- cat /usr/share/nginx/html/shared/hello.txt`.' } };
        return { passed: true, message: { en: 'One volume, two mount points: what the helper wrote, nginx can serve.', de: 'Ein Volume, zwei Mount-Points: Was der helper geschrieben hat, kann nginx ausliefern.' } };
      },
      showMe: () => ({
        kind: 'script',
        target: 'control-plane',
        commands: ['kubectl exec shop -c helper -- sh -c "echo hello from the helper > /shared/hello.txt"', 'kubectl exec shop -c web -- cat /usr/share/nginx/html/shared/hello.txt'],
      }),
    },
    {
      title: 'Make it sick: readiness',
      body:
        'Remove nginx\'s index page. `GET /` on a directory without an index answers **403 Forbidden**, so the readiness probe fails, the kubelet marks the container not ready, and the EndpointSlice controller flags the pod `ready: false`: kube-proxy stops sending Service traffic to it.\n\n' +
        '`kubectl exec shop -c web -- rm /usr/share/nginx/html/index.html`\n\nWait a few seconds, then `kubectl get pod shop` (READY 1/2) and `kubectl get endpointslices -l kubernetes.io/service-name=shop` (no endpoints).',
      hint: '`kubectl describe pod shop` lists the "Readiness probe failed: HTTP probe failed with statuscode: 403" events.',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        const pod = podById(sim, POD);
        if (!pod) return noPod;
        const failed = events(sim, 'Unhealthy').some((e) => e.message.startsWith('Readiness probe failed'));
        if (!failed) return { passed: false, message: { en: 'The readiness probe has not failed yet: `kubectl exec shop -c web -- rm /usr/share/nginx/html/index.html`, then wait 5 seconds.', de: 'Die Readiness-Probe ist noch nicht fehlgeschlagen: `kubectl exec shop -c web -- rm /usr/share/nginx/html/index.html`, dann 5 Sekunden warten.' } };
        const ep = slice(sim)?.endpoints.find((e) => e.targetRef?.name === 'shop');
        if (ep?.conditions?.ready && (webStatus(pod)?.restartCount ?? 0) === 0) return { passed: false, message: { en: 'The probe failed, but the endpoint is still ready: give the kubelet a few more seconds.', de: 'Die Probe ist fehlgeschlagen, aber der Endpoint ist noch ready: Gib dem kubelet noch ein paar Sekunden.' } };
        return { passed: true, message: { en: 'Readiness failed (403): the pod is out of the Service\'s endpoints while it still runs. Nothing restarted it — readiness only gates traffic.', de: 'Readiness fehlgeschlagen (403): Der Pod ist aus den Endpoints des Service raus, läuft aber weiter. Nichts hat ihn neu gestartet — Readiness steuert nur den Traffic.' } };
      },
      showMe: () => ({
        kind: 'script',
        target: 'control-plane',
        commands: ['kubectl exec shop -c web -- rm /usr/share/nginx/html/index.html', 'sleep 6', 'kubectl get pod shop', 'kubectl get endpointslices -l kubernetes.io/service-name=shop'],
      }),
    },
    {
      title: 'Liveness restarts it',
      body:
        'The liveness probe checks the same URL every 10 s; after 3 failures in a row the kubelet kills the container ("Container web failed liveness probe, will be restarted") and starts a new one. A new container starts from its **image**: the deleted index.html is back, both probes pass, and the pod returns to the endpoints. RESTARTS counts it; further restarts wait out a growing back-off (10 s, 20 s, 40 s ... up to 5 min).\n\n' +
        'Wait about 30 s, then `kubectl get pod shop` and `kubectl describe pod shop`.',
      hint: 'The file in the emptyDir volume survived the restart: `kubectl exec shop -c web -- cat /usr/share/nginx/html/shared/hello.txt`.',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        const pod = podById(sim, POD);
        if (!pod) return noPod;
        const restarts = webStatus(pod)?.restartCount ?? 0;
        if (restarts === 0) return { passed: false, message: { en: 'web has not been restarted yet: the liveness probe needs 3 failures, 10 s apart. Wait and run `kubectl get pod shop` again.', de: 'web wurde noch nicht neu gestartet: Die Liveness-Probe braucht 3 Fehlschläge im Abstand von 10 s. Warte und führ `kubectl get pod shop` noch einmal aus.' } };
        return { passed: true, message: { en: `web restarted ${restarts} time(s): a fresh container from the image, index.html back, Ready ${pod.status?.conditions?.find((c) => c.type === 'Ready')?.status ?? 'Unknown'}.`, de: `web wurde ${restarts}-mal neu gestartet: ein frischer Container aus dem Image, index.html ist zurück, Ready ${pod.status?.conditions?.find((c) => c.type === 'Ready')?.status ?? 'Unknown'}.` } };
      },
      showMe: () => ({ kind: 'script', target: 'control-plane', commands: ['sleep 30', 'kubectl get pod shop', 'kubectl describe pod shop | grep -E "Liveness|Readiness|Restart Count|Unhealthy|Killing"'] }),
    },
    {
      title: 'One port per pod',
      body:
        'Sharing a network namespace has a price: two processes cannot bind the same port. This pod runs two nginx containers; the second cannot bind port 80 and exits, again and again (**CrashLoopBackOff**). Apply it in the **Editor**, then `kubectl get pod clash`.',
      hint: 'READY 1/2: the first nginx holds port 80 in the pod\'s one network namespace.',
      manifest: CLASH,
      highlight: 'editor-panel',
      check: ({ sim }) => {
        const pod = podById(sim, 'default/clash');
        if (!pod) return { passed: false, message: { en: 'Apply the pod clash (two nginx containers).', de: 'Wende den Pod clash an (zwei nginx-Container).' } };
        const second = pod.status?.containerStatuses?.find((s) => s.name === 'second');
        if (!second?.lastState?.terminated) return { passed: false, message: { en: 'The second container has not crashed yet: wait a few seconds.', de: 'Der zweite Container ist noch nicht abgestürzt: Warte ein paar Sekunden.' } };
        return { passed: true, message: { en: `The second nginx exited with code ${second.lastState.terminated.exitCode}; the kubelet restarts it with back-off.`, de: `Der zweite nginx hat sich mit Code ${second.lastState.terminated.exitCode} beendet; das kubelet startet ihn mit Back-off neu.` } };
      },
      showMe: () => ({ kind: 'apply', manifest: CLASH }),
    },
    {
      title: 'Why it crashed',
      body: 'A crashing container\'s log tells why. On `control-plane`:\n\n`kubectl logs clash -c second`',
      hint: 'nginx retries the bind five times before it gives up: "bind() to 0.0.0.0:80 failed (98: Address already in use)".',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        if (!podById(sim, 'default/clash')) return { passed: false, message: { en: 'Apply the pod clash first (previous step).', de: 'Wende zuerst den Pod clash an (vorheriger Schritt).' } };
        if (!ran(sim, undefined, /kubectl\s+logs\s+clash\b.*(-c\s+second|\ssecond\b)/)) return { passed: false, message: { en: 'Read its log: `kubectl logs clash -c second`.', de: 'Lies sein Log: `kubectl logs clash -c second`.' } };
        return { passed: true, message: { en: 'Address already in use: in a pod, ports are shared as on one machine.', de: 'Address already in use: In einem Pod werden Ports geteilt wie auf einer Maschine.' } };
      },
      showMe: () => ({ kind: 'exec', target: 'control-plane', command: 'kubectl logs clash -c second' }),
    },
  ],  de: {
    title: 'Im Inneren eines Pods',
    summary: 'Zwei Container, ein Network Namespace, den der pause-Container hält, ein gemeinsames Volume; dann mach die App krank und sieh zu, wie Readiness- und Liveness-Probes reagieren.',
    steps: [
      {
        title: 'Ein Pod mit Sidecar',
        body:
          'Ein Pod kann mehrere Container betreiben. Dieser betreibt **web** (nginx) und einen **helper** (busybox) nebeneinander, mit einem `emptyDir`-Volume, das in beide gemountet ist. Der web-Container hat eine **readinessProbe** und eine **livenessProbe**: Das kubelet schickt alle paar Sekunden `GET /` an Port 80. Ein Service `shop` selektiert den Pod.\n\n' +
          'Leg das YAML in den Tab **Editor** und drück **Apply**. `kubectl get pod shop` zeigt READY `2/2`, sobald beide Container laufen und die Readiness-Probe bestanden ist.',
        hint: 'Klick auf "Im Editor öffnen", dann auf Apply.',
      },
      {
        title: 'Sie reden über localhost',
        body:
          'Alle Container eines Pods teilen sich **einen Network Namespace**: dasselbe `eth0`, dieselbe IP, dasselbe `lo`. Deshalb erreicht der helper nginx unter `localhost`. Auf `control-plane`:\n\n`kubectl exec shop -c helper -- wget -qO- localhost:80`\n\nDas Paket verlässt den Pod nie: Es geht über `lo` hinaus und wieder herein, ohne veth, ohne Bridge.',
        hint: '`-c helper` wählt den Container; ohne das nimmt kubectl den ersten (web).',
      },
      {
        title: 'Wer den Namespace hält: der pause-Container',
        body:
          'Container kommen und gehen (ein Absturz, ein Neustart), und doch behält der Pod seine IP. Die Runtime startet für die Pod-Sandbox zuerst einen winzigen **pause**-Container (`registry.k8s.io/pause`); er hält den Network Namespace, und jeder App-Container tritt ihm bei.\n\n' +
          'Auf dem Node des Pods listet `crictl pods --name shop` die Sandbox, `crictl ps --name helper` den App-Container mit seiner POD ID, und `crictl inspectp POD_ID` zeigt das pause-Image, seine pid und den netns-Pfad.',
        hint: 'Nimm das Terminal auf dem Node, auf dem der Pod läuft (`kubectl get pod shop -o wide`). crictl ps listet pause nie: CRI zeigt ihn als Sandbox.',
      },
      {
        title: 'Ein gemeinsames Volume',
        body:
          'Das `emptyDir`-Volume lebt so lange wie der Pod und ist in beiden Containern gemountet: unter `/shared` im helper, unter `/usr/share/nginx/html/shared` in web. Schreib in einem eine Datei und lies sie im anderen:\n\n' +
          '`kubectl exec shop -c helper -- sh -c "echo hello from the helper > /shared/hello.txt"`\n`kubectl exec shop -c web -- cat /usr/share/nginx/html/shared/hello.txt`',
        hint: 'Dateien außerhalb eines Volumes (etwa in /tmp) gehören einem Container und verschwinden, wenn er neu startet.',
      },
      {
        title: 'Mach ihn krank: Readiness',
        body:
          'Entferne die Index-Seite von nginx. `GET /` auf ein Verzeichnis ohne Index antwortet mit **403 Forbidden**, also schlägt die Readiness-Probe fehl, das kubelet markiert den Container als nicht bereit, und der EndpointSlice-Controller setzt beim Pod `ready: false`: kube-proxy schickt ihm keinen Service-Traffic mehr.\n\n' +
          '`kubectl exec shop -c web -- rm /usr/share/nginx/html/index.html`\n\nWarte ein paar Sekunden, dann `kubectl get pod shop` (READY 1/2) und `kubectl get endpointslices -l kubernetes.io/service-name=shop` (keine Endpoints).',
        hint: '`kubectl describe pod shop` listet die Events "Readiness probe failed: HTTP probe failed with statuscode: 403".',
      },
      {
        title: 'Liveness startet ihn neu',
        body:
          'Die Liveness-Probe prüft dieselbe URL alle 10 s; nach 3 Fehlschlägen in Folge beendet das kubelet den Container ("Container web failed liveness probe, will be restarted") und startet einen neuen. Ein neuer Container startet aus seinem **Image**: Die gelöschte index.html ist zurück, beide Probes bestehen, und der Pod kommt zurück in die Endpoints. RESTARTS zählt mit; weitere Neustarts warten einen wachsenden Back-off ab (10 s, 20 s, 40 s ... bis 5 min).\n\n' +
          'Warte etwa 30 s, dann `kubectl get pod shop` und `kubectl describe pod shop`.',
        hint: 'Die Datei im emptyDir-Volume hat den Neustart überlebt: `kubectl exec shop -c web -- cat /usr/share/nginx/html/shared/hello.txt`.',
      },
      {
        title: 'Ein Port pro Pod',
        body:
          'Einen Network Namespace zu teilen hat seinen Preis: Zwei Prozesse können nicht denselben Port binden. Dieser Pod betreibt zwei nginx-Container; der zweite kann Port 80 nicht binden und beendet sich, immer wieder (**CrashLoopBackOff**). Wende ihn im **Editor** an, dann `kubectl get pod clash`.',
        hint: 'READY 1/2: Der erste nginx hält Port 80 im einzigen Network Namespace des Pods.',
      },
      {
        title: 'Warum er abgestürzt ist',
        body: 'Das Log eines abstürzenden Containers sagt, warum. Auf `control-plane`:\n\n`kubectl logs clash -c second`',
        hint: 'nginx versucht das Binden fünfmal, bevor es aufgibt: "bind() to 0.0.0.0:80 failed (98: Address already in use)".',
      },
    ],
  },
};
