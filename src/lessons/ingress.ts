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

const noController = { passed: false, message: 'Install ingress-nginx first (step 3).' };

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
        if (!svc) return { passed: false, message: 'Run `kubectl expose deployment web --type=LoadBalancer --port=80` on control-plane.' };
        if (svc.spec.type !== 'LoadBalancer') return { passed: false, message: `service/web is of type ${svc.spec.type ?? 'ClusterIP'}: delete it (\`kubectl delete svc web\`) and expose it with --type=LoadBalancer.` };
        const ip = lbIP(svc);
        return ip ? { passed: true, message: `EXTERNAL-IP ${ip}: the cloud's balancer forwards port 80 to node port ${svc.spec.ports?.[0]?.nodePort} on the nodes.` } : { passed: false, message: 'EXTERNAL-IP is still <pending>: wait a moment.' };
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
        if (!ip) return { passed: false, message: 'Expose web as a LoadBalancer first (step 1).' };
        const hit = internetProbes(sim, ip)[0];
        if (hit?.trace.replied && !hit.trace.refused) return { passed: true, message: `${ip} answered from the internet: balancer → node port → pod.` };
        return { passed: false, message: `On the internet terminal: \`curl http://${ip}/\`.` };
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
        if (!svc) return { passed: false, message: `Run \`kubectl apply -f ${LB_MANIFEST}\` on control-plane.` };
        const running = (sim.ctx.api.list<Pod>('Pod', 'ingress-nginx')).some((p) => p.status?.phase === 'Running');
        if (!running) return { passed: false, message: 'The controller pod is not Running yet: `kubectl get pods -n ingress-nginx`.' };
        const ip = lbIP(svc);
        return ip ? { passed: true, message: `ingress-nginx runs behind ${ip} (ports 80 and 443).` } : { passed: false, message: 'The controller Service has no EXTERNAL-IP yet.' };
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
        if (!ing) return { passed: false, message: 'Apply the manifest of this step (the Ingress shop).' };
        const addr = ing.status?.loadBalancer?.ingress?.[0]?.ip;
        return addr ? { passed: true, message: `Ingress shop: shop.example.com at ${addr}.` } : { passed: false, message: 'ADDRESS is still empty: is the controller running?' };
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
        return { passed: false, message: `On internet: \`curl -H 'Host: shop.example.com' http://${ip}/cart\`.` };
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
        if (!got404) return { passed: false, message: `On internet: \`curl http://${ip}/\`.` };
        if (logs === undefined) return { passed: false, message: 'Now read the access log: `kubectl logs -n ingress-nginx deploy/ingress-nginx-controller --tail=3`.' };
        return { passed: true, message: /upstream-default-backend/.test(logs) ? 'The 404 came from [upstream-default-backend]; the routed requests name their Service\'s upstream.' : 'The access log lists each request with its upstream.' };
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
        if (svc?.spec.type !== 'ExternalName') return { passed: false, message: 'Run `kubectl create service externalname ext --external-name example.com` on control-plane.' };
        const out = lastOutput(sim, /nslookup\s+ext/);
        if (out && /canonical name/.test(out)) return { passed: true, message: `ext.default.svc.cluster.local is a CNAME for ${svc.spec.externalName}: DNS only, no proxying.` };
        if (ran(sim, undefined, /nslookup/)) return { passed: false, message: 'Look up `ext` from the client pod: `nslookup ext`.' };
        return { passed: false, message: 'In the client pod: `nslookup ext`.' };
      },
      showMe: () => ({
        kind: 'multi',
        runs: [
          { target: 'control-plane', command: 'kubectl create service externalname ext --external-name example.com' },
          { target: 'default/client', command: 'nslookup ext' },
        ],
      }),
    },
  ],
};
