/** Lesson "LoadBalancer, Ingress and ExternalName": one cloud IP per Service, then one for many hosts and paths through ingress-nginx, then a Service that is only a DNS name. */
import type { Pod, Service } from '../engine/api/types';
import type { Ingress } from '../engine/ingress/types';
import { INGRESS_NGINX_URLS } from '../engine/ingress/manifest';
import type { Simulation } from '../engine/sim/simulation';
import type { Lesson } from './types';
import { lastOutput, ran, serviceByName } from './helpers';

const LB_MANIFEST = INGRESS_NGINX_URLS.cloud;

export const SHOP_MANIFEST = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: cart
  labels: {app: cart}
spec:
  replicas: 2
  selector:
    matchLabels: {app: cart}
  template:
    metadata:
      labels: {app: cart}
    spec:
      containers:
      - name: http-echo
        image: hashicorp/http-echo:1.0
        args: ["-text=cart"]
---
apiVersion: v1
kind: Service
metadata:
  name: cart
spec:
  selector: {app: cart}
  ports:
  - port: 80
    targetPort: 5678
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
spec:
  ingressClassName: nginx
  rules:
  - host: shop.example.com
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service:
            name: web
            port:
              number: 80
      - path: /cart
        pathType: Prefix
        backend:
          service:
            name: cart
            port:
              number: 80
`;

const lbIP = (svc: Service | undefined): string | undefined => svc?.status?.loadBalancer?.ingress?.[0]?.ip;
const controllerSvc = (sim: Simulation): Service | undefined => sim.ctx.api.get<Service>('Service', 'ingress-nginx', 'ingress-nginx-controller');
const shop = (sim: Simulation): Ingress | undefined => sim.ctx.api.get<Ingress>('Ingress', 'default', 'shop');

/** curl probes from the internet client to an address, newest first. */
const internetProbes = (sim: Simulation, ip: string | undefined) => sim.probes.filter((p) => p.target === 'internet' && p.tool === 'curl' && p.trace.dst === ip).reverse();

const noController = { passed: false, message: { en: 'Install ingress-nginx first (step 3).', de: 'Installier zuerst ingress-nginx (Schritt 3).' } };

export const ingressLesson: Lesson = {
  id: 'ingress',
  title: 'From outside: LoadBalancer, Ingress, ExternalName',
  topic: 'Services',
  summary: 'Give a Service a cloud load balancer, put many hosts and paths behind one address with ingress-nginx (and trace the second connection it opens), and name an outside host with an ExternalName Service.',
  minutes: 12,
  steps: [
    {
      title: 'A LoadBalancer Service',
      body:
        'A **LoadBalancer** Service is a NodePort Service plus a load balancer the cloud provider builds in front of the nodes. On `control-plane`:\n\n`kubectl expose deployment web --type=LoadBalancer --port=80`\n`kubectl get svc web`\n\nThe cloud-controller-manager writes the balancer\'s address into EXTERNAL-IP (here from 203.0.113.100 up).',
      hint: 'PORT(S) still shows a node port: the balancer forwards to it on every healthy node.',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        const svc = serviceByName(sim, 'web');
        if (!svc) return { passed: false, message: { en: 'Run `kubectl expose deployment web --type=LoadBalancer --port=80` on control-plane.', de: 'Führ `kubectl expose deployment web --type=LoadBalancer --port=80` auf control-plane aus.' } };
        if (svc.spec.type !== 'LoadBalancer') return { passed: false, message: { en: `service/web is of type ${svc.spec.type ?? 'ClusterIP'}: delete it (\`kubectl delete svc web\`) and expose it with --type=LoadBalancer.`, de: `service/web hat den Typ ${svc.spec.type ?? 'ClusterIP'}: Lösch ihn (\`kubectl delete svc web\`) und expose ihn mit --type=LoadBalancer.` } };
        const ip = lbIP(svc);
        return ip ? { passed: true, message: { en: `EXTERNAL-IP ${ip}: the cloud's balancer forwards port 80 to node port ${svc.spec.ports?.[0]?.nodePort} on the nodes.`, de: `EXTERNAL-IP ${ip}: Der Load Balancer der Cloud leitet Port 80 an den Node-Port ${svc.spec.ports?.[0]?.nodePort} der Nodes weiter.` } } : { passed: false, message: { en: 'EXTERNAL-IP is still <pending>: wait a moment.', de: 'EXTERNAL-IP ist noch <pending>: Warte einen Moment.' } };
      },
      showMe: () => ({ kind: 'script', target: 'control-plane', commands: ['kubectl expose deployment web --type=LoadBalancer --port=80', 'kubectl get svc web'] }),
    },
    {
      title: 'From the internet',
      body: 'Open a terminal on **internet** (a client at 203.0.113.1) and fetch the page:\n\n`curl http://203.0.113.100/`\n\nIn the trace the router (the cloud balancer) DNATs the address to a node\'s node port, and that node\'s kube-proxy DNATs again to a pod. Node addresses are private: from the internet only the balancer is reachable.',
      hint: 'The terminal target is `internet`.',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        const ip = lbIP(serviceByName(sim, 'web'));
        if (!ip) return { passed: false, message: { en: 'Expose web as a LoadBalancer first (step 1).', de: 'Expose web zuerst als LoadBalancer (Schritt 1).' } };
        const hit = internetProbes(sim, ip)[0];
        if (hit?.trace.replied && !hit.trace.refused) return { passed: true, message: { en: `${ip} answered from the internet: balancer → node port → pod.`, de: `${ip} hat aus dem Internet geantwortet: Load Balancer → Node-Port → Pod.` } };
        return { passed: false, message: { en: `On the internet terminal: \`curl http://${ip}/\`.`, de: `Im Terminal von internet: \`curl http://${ip}/\`.` } };
      },
      showMe: ({ sim }) => ({ kind: 'exec', target: 'internet', command: `curl -s http://${lbIP(serviceByName(sim, 'web')) ?? '203.0.113.100'}/ | head -4` }),
    },
    {
      title: 'One address for many Services: ingress-nginx',
      body:
        'One cloud balancer per Service gets expensive, and it only knows ports, not URLs. An **ingress controller** is an HTTP proxy running as pods behind **one** Service; Ingress objects tell it which host and path go to which Service. Install ingress-nginx from its release manifest, as its docs say:\n\n' +
        `\`kubectl apply -f ${LB_MANIFEST}\`\n\`kubectl get pods,svc -n ingress-nginx\`\n\nIts Service is a LoadBalancer too (with the bare-metal manifest it would be a NodePort).`,
      hint: 'The manifest creates the ingress-nginx namespace, the controller Deployment and Service, and the IngressClass nginx.',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        const svc = controllerSvc(sim);
        if (!svc) return { passed: false, message: { en: `Run \`kubectl apply -f ${LB_MANIFEST}\` on control-plane.`, de: `Führ \`kubectl apply -f ${LB_MANIFEST}\` auf control-plane aus.` } };
        const running = (sim.ctx.api.list<Pod>('Pod', 'ingress-nginx')).some((p) => p.status?.phase === 'Running');
        if (!running) return { passed: false, message: { en: 'The controller pod is not Running yet: `kubectl get pods -n ingress-nginx`.', de: 'Der Controller-Pod ist noch nicht Running: `kubectl get pods -n ingress-nginx`.' } };
        const ip = lbIP(svc);
        return ip ? { passed: true, message: { en: `ingress-nginx runs behind ${ip} (ports 80 and 443).`, de: `ingress-nginx läuft hinter ${ip} (Ports 80 und 443).` } } : { passed: false, message: { en: 'The controller Service has no EXTERNAL-IP yet.', de: 'Der Controller-Service hat noch keine EXTERNAL-IP.' } };
      },
      showMe: () => ({ kind: 'script', target: 'control-plane', commands: [`kubectl apply -f ${LB_MANIFEST}`, 'kubectl get pods,svc -n ingress-nginx'] }),
    },
    {
      title: 'An Ingress',
      body:
        'Apply the manifest of this step: a second app, **cart** (http-echo, it answers `cart`), and an Ingress **shop** of class `nginx`: host `shop.example.com`, path `/` to web and `/cart` to cart (both **Prefix**: `/cart` also matches `/cart/items`, not `/cartoon`). Then:\n\n`kubectl get ingress`\n\nADDRESS is the controller\'s external IP, published by ingress-nginx. (Leave out `ingressClassName` and ingress-nginx ignores the Ingress: its controller log says so.)',
      hint: 'Apply it from the editor, or run `kubectl describe ingress shop` afterwards to see the rules and their endpoints.',
      manifest: SHOP_MANIFEST,
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        if (!controllerSvc(sim)) return noController;
        const ing = shop(sim);
        if (!ing) return { passed: false, message: { en: 'Apply the manifest of this step (the Ingress shop).', de: 'Wende das Manifest dieses Schritts an (das Ingress shop).' } };
        const addr = ing.status?.loadBalancer?.ingress?.[0]?.ip;
        return addr ? { passed: true, message: { en: `Ingress shop: shop.example.com at ${addr}.`, de: `Ingress shop: shop.example.com unter ${addr}.` } } : { passed: false, message: { en: 'ADDRESS is still empty: is the controller running?', de: 'ADDRESS ist noch leer: Läuft der Controller?' } };
      },
      showMe: () => ({ kind: 'apply', manifest: SHOP_MANIFEST }),
    },
    {
      title: 'Routing by host and path',
      body:
        'The balancer only sees TCP; nginx reads the HTTP request and uses the **Host** header and the path. shop.example.com is not in any DNS, so set the header (or pin the name with curl\'s `--resolve shop.example.com:80:IP`). On **internet**:\n\n`curl -H \'Host: shop.example.com\' http://<controller IP>/cart`\n\nOpen the trace: the first connection ends at the controller pod; then an **l7-proxy** step names the rule, and nginx opens a **second** connection from its own pod straight to a cart pod (ingress-nginx balances over the endpoints itself; kube-proxy is not involved).',
      hint: 'The controller IP is the ADDRESS of `kubectl get ingress`.',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        const ip = lbIP(controllerSvc(sim));
        if (!ip) return noController;
        const hit = internetProbes(sim, ip).find((p) => p.trace.steps.some((s) => s.stage === 'l7-proxy' && /Service cart:80/.test(s.summary)));
        if (hit) return { passed: true, message: hit.trace.steps.find((s) => s.stage === 'l7-proxy')!.summary };
        return { passed: false, message: { en: `On internet: \`curl -H 'Host: shop.example.com' http://${ip}/cart\`.`, de: `Auf internet: \`curl -H 'Host: shop.example.com' http://${ip}/cart\`.` } };
      },
      showMe: ({ sim }) => ({ kind: 'exec', target: 'internet', command: `curl -H 'Host: shop.example.com' http://${lbIP(controllerSvc(sim)) ?? '203.0.113.101'}/cart` }),
    },
    {
      title: 'No rule: 404',
      body: 'Ask for a host no Ingress names:\n\n`curl http://<controller IP>/`\n\nnginx answers **404 Not Found** from its default backend. (A Service without ready endpoints would get **503**.) The controller logs every request: on control-plane\n\n`kubectl logs -n ingress-nginx deploy/ingress-nginx-controller --tail=3`\n\nEach line names the upstream `[default-cart-80]` and the pod address nginx connected to.',
      hint: 'Without -H, curl sends the IP address as Host.',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        const ip = lbIP(controllerSvc(sim));
        if (!ip) return noController;
        const got404 = sim.actions.some((a) => a.type === 'exec' && a.target === 'internet' && /curl/.test(a.command) && a.command.includes(ip) && !/Host:/i.test(a.command));
        const logs = lastOutput(sim, /kubectl\s+logs.*ingress-nginx/);
        if (!got404) return { passed: false, message: { en: `On internet: \`curl http://${ip}/\`.`, de: `Auf internet: \`curl http://${ip}/\`.` } };
        if (logs === undefined) return { passed: false, message: { en: 'Now read the access log: `kubectl logs -n ingress-nginx deploy/ingress-nginx-controller --tail=3`.', de: 'Lies jetzt das Access-Log: `kubectl logs -n ingress-nginx deploy/ingress-nginx-controller --tail=3`.' } };
        return { passed: true, message: /upstream-default-backend/.test(logs) ? { en: 'The 404 came from [upstream-default-backend]; the routed requests name their Service\'s upstream.', de: 'Die 404 kam von [upstream-default-backend]; die gerouteten Requests nennen den Upstream ihres Service.' } : { en: 'The access log lists each request with its upstream.', de: 'Das Access-Log listet jeden Request mit seinem Upstream.' } };
      },
      showMe: ({ sim }) => ({
        kind: 'multi',
        runs: [
          { target: 'internet', command: `curl http://${lbIP(controllerSvc(sim)) ?? '203.0.113.101'}/` },
          { target: 'control-plane', command: 'kubectl logs -n ingress-nginx deploy/ingress-nginx-controller --tail=3' },
        ],
      }),
    },
    {
      title: 'ExternalName: a Service that is only a name',
      body:
        'The other way round: pods reaching something **outside** under a cluster name. An **ExternalName** Service has no ClusterIP, no endpoints and no kube-proxy rules; CoreDNS answers its name with a **CNAME**. On control-plane:\n\n`kubectl create service externalname ext --external-name example.com`\n\nthen in the client pod (`default/client`): `nslookup ext`.',
      hint: 'The answer shows `canonical name = example.com` and then example.com\'s address.',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        const svc = serviceByName(sim, 'ext');
        if (svc?.spec.type !== 'ExternalName') return { passed: false, message: { en: 'Run `kubectl create service externalname ext --external-name example.com` on control-plane.', de: 'Führ `kubectl create service externalname ext --external-name example.com` auf control-plane aus.' } };
        const out = lastOutput(sim, /nslookup\s+ext/);
        if (out && /canonical name/.test(out)) return { passed: true, message: { en: `ext.default.svc.cluster.local is a CNAME for ${svc.spec.externalName}: DNS only, no proxying.`, de: `ext.default.svc.cluster.local ist ein CNAME für ${svc.spec.externalName}: nur DNS, kein Proxy.` } };
        if (ran(sim, undefined, /nslookup/)) return { passed: false, message: { en: 'Look up `ext` from the client pod: `nslookup ext`.', de: 'Schlag `ext` vom client-Pod aus nach: `nslookup ext`.' } };
        return { passed: false, message: { en: 'In the client pod: `nslookup ext`.', de: 'Im client-Pod: `nslookup ext`.' } };
      },
      showMe: () => ({
        kind: 'multi',
        runs: [
          { target: 'control-plane', command: 'kubectl create service externalname ext --external-name example.com' },
          { target: 'default/client', command: 'nslookup ext' },
        ],
      }),
    },
  ],  de: {
    title: 'Von außen: LoadBalancer, Ingress, ExternalName',
    summary: 'Gib einem Service einen Cloud-Load-Balancer, stell mit ingress-nginx viele Hosts und Pfade hinter eine Adresse (und verfolge die zweite Verbindung, die es öffnet), und benenne einen Host draußen mit einem ExternalName-Service.',
    steps: [
      {
        title: 'Ein LoadBalancer-Service',
        body:
          'Ein **LoadBalancer**-Service ist ein NodePort-Service plus ein Load Balancer, den der Cloud-Provider vor die Nodes baut. Auf `control-plane`:\n\n`kubectl expose deployment web --type=LoadBalancer --port=80`\n`kubectl get svc web`\n\nDer cloud-controller-manager schreibt die Adresse des Load Balancers in EXTERNAL-IP (hier ab 203.0.113.100).',
        hint: 'PORT(S) zeigt weiterhin einen Node-Port: Der Load Balancer leitet auf jedem gesunden Node dorthin weiter.',
      },
      {
        title: 'Aus dem Internet',
        body: 'Öffne ein Terminal auf **internet** (ein Client mit 203.0.113.1) und hol die Seite:\n\n`curl http://203.0.113.100/`\n\nIm Trace schreibt der Router (der Cloud-Load-Balancer) die Adresse per DNAT auf den Node-Port eines Nodes um, und kube-proxy auf diesem Node macht noch einmal DNAT auf einen Pod. Die Node-Adressen sind privat: Aus dem Internet ist nur der Load Balancer erreichbar.',
        hint: 'Das Terminal-Ziel ist `internet`.',
      },
      {
        title: 'Eine Adresse für viele Services: ingress-nginx',
        body:
          'Ein Cloud-Load-Balancer pro Service wird teuer, und er kennt nur Ports, keine URLs. Ein **Ingress-Controller** ist ein HTTP-Proxy, der als Pods hinter **einem** Service läuft; Ingress-Objekte sagen ihm, welcher Host und Pfad zu welchem Service geht. Installier ingress-nginx aus seinem Release-Manifest, wie es in seiner Doku steht:\n\n' +
          `\`kubectl apply -f ${LB_MANIFEST}\`\n\`kubectl get pods,svc -n ingress-nginx\`\n\nSein Service ist auch ein LoadBalancer (mit dem Bare-Metal-Manifest wäre er ein NodePort).`,
        hint: 'Das Manifest legt den Namespace ingress-nginx an, das Deployment und den Service des Controllers und die IngressClass nginx.',
      },
      {
        title: 'Ein Ingress',
        body:
          'Wende das Manifest dieses Schritts an: eine zweite App, **cart** (http-echo, sie antwortet `cart`), und ein Ingress **shop** der Klasse `nginx`: Host `shop.example.com`, Pfad `/` zu web und `/cart` zu cart (beide **Prefix**: `/cart` passt auch auf `/cart/items`, nicht auf `/cartoon`). Dann:\n\n`kubectl get ingress`\n\nADDRESS ist die externe IP des Controllers, veröffentlicht von ingress-nginx. (Lässt du `ingressClassName` weg, ignoriert ingress-nginx das Ingress: Das Log des Controllers sagt es.)',
        hint: 'Wende es aus dem Editor an, oder führ danach `kubectl describe ingress shop` aus, um die Regeln und ihre Endpoints zu sehen.',
      },
      {
        title: 'Routing nach Host und Pfad',
        body:
          'Der Load Balancer sieht nur TCP; nginx liest den HTTP-Request und nutzt den **Host**-Header und den Pfad. shop.example.com steht in keinem DNS, also setz den Header (oder pinne den Namen mit `--resolve shop.example.com:80:IP` von curl). Auf **internet**:\n\n`curl -H \'Host: shop.example.com\' http://<controller IP>/cart`\n\nÖffne den Trace: Die erste Verbindung endet am Controller-Pod; dann nennt ein Schritt **l7-proxy** die Regel, und nginx öffnet eine **zweite** Verbindung von seinem eigenen Pod direkt zu einem cart-Pod (ingress-nginx verteilt selbst über die Endpoints; kube-proxy ist nicht beteiligt).',
        hint: 'Die Controller-IP ist die ADDRESS aus `kubectl get ingress`.',
      },
      {
        title: 'Keine Regel: 404',
        body: 'Frag nach einem Host, den kein Ingress nennt:\n\n`curl http://<controller IP>/`\n\nnginx antwortet mit **404 Not Found** aus seinem Default-Backend. (Ein Service ohne bereite Endpoints bekäme **503**.) Der Controller loggt jeden Request: auf control-plane\n\n`kubectl logs -n ingress-nginx deploy/ingress-nginx-controller --tail=3`\n\nJede Zeile nennt den Upstream `[default-cart-80]` und die Pod-Adresse, mit der nginx sich verbunden hat.',
        hint: 'Ohne -H schickt curl die IP-Adresse als Host.',
      },
      {
        title: 'ExternalName: ein Service, der nur ein Name ist',
        body:
          'Andersherum: Pods erreichen etwas **außerhalb** unter einem Cluster-Namen. Ein **ExternalName**-Service hat keine ClusterIP, keine Endpoints und keine Regeln von kube-proxy; CoreDNS beantwortet seinen Namen mit einem **CNAME**. Auf control-plane:\n\n`kubectl create service externalname ext --external-name example.com`\n\ndann im client-Pod (`default/client`): `nslookup ext`.',
        hint: 'Die Antwort zeigt `canonical name = example.com` und dann die Adresse von example.com.',
      },
    ],
  },
};
