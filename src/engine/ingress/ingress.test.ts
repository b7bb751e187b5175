import { beforeAll, describe, expect, it } from 'vitest';
import { Simulation } from '../sim/simulation';
import type { Service } from '../api/types';
import { INGRESS_NGINX_URLS } from './manifest';

const APPS = `apiVersion: apps/v1
kind: Deployment
metadata: {name: cart, labels: {app: cart}}
spec:
  replicas: 2
  selector: {matchLabels: {app: cart}}
  template:
    metadata: {labels: {app: cart}}
    spec:
      containers:
      - {name: echo, image: hashicorp/http-echo:1.0, args: ["-text=cart"]}
---
apiVersion: v1
kind: Service
metadata: {name: cart}
spec:
  selector: {app: cart}
  ports: [{port: 80, targetPort: 5678}]
---
apiVersion: v1
kind: Service
metadata: {name: ghost}
spec:
  selector: {app: nothing}
  ports: [{port: 80}]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: shop}
spec:
  ingressClassName: nginx
  rules:
  - host: shop.example.com
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
      - {path: /cart, pathType: Prefix, backend: {service: {name: cart, port: {number: 80}}}}
      - {path: /ghost, pathType: Exact, backend: {service: {name: ghost, port: {number: 80}}}}
`;

let sim: Simulation;
let nodePort: number;
beforeAll(() => {
  sim = Simulation.create();
  sim.exec('control-plane', 'kubectl expose deployment web --port=80');
  expect(sim.exec('control-plane', `kubectl apply -f ${INGRESS_NGINX_URLS.baremetal}`).output).toBe(
    [
      'namespace/ingress-nginx created',
      'serviceaccount/ingress-nginx created',
      'clusterrole.rbac.authorization.k8s.io/ingress-nginx created',
      'clusterrolebinding.rbac.authorization.k8s.io/ingress-nginx created',
      'configmap/ingress-nginx-controller created',
      'service/ingress-nginx-controller created',
      'deployment.apps/ingress-nginx-controller created',
      'ingressclass.networking.k8s.io/nginx created',
    ].join('\n'),
  );
  expect(sim.applyManifest(APPS).exitCode).toBe(0);
  sim.sleep(30_000);
  nodePort = sim.ctx.api.get<Service>('Service', 'ingress-nginx', 'ingress-nginx-controller')!.spec.ports![0].nodePort!;
});

describe('ingress-nginx', () => {
  it('runs the controller behind a NodePort Service', () => {
    const pods = sim.exec('control-plane', 'kubectl get pods -n ingress-nginx').output;
    expect(pods).toMatch(/ingress-nginx-controller-[a-z0-9]+-[a-z0-9]{5} +1\/1 +Running/);
    expect(sim.exec('control-plane', 'kubectl get svc -n ingress-nginx').output).toMatch(new RegExp(`ingress-nginx-controller +NodePort +10\\.\\d+\\.\\d+\\.\\d+ +<none> +80:${nodePort}/TCP,443:\\d+/TCP`));
    expect(sim.exec('control-plane', 'kubectl get ingressclass').output).toMatch(/^NAME +CONTROLLER +PARAMETERS +AGE\nnginx +k8s\.io\/ingress-nginx +<none> +\d+s$/);
  });

  it('routes by host and path, through a second connection from the controller pod', () => {
    const r = sim.exec('control-plane', `curl -H 'Host: shop.example.com' http://192.168.56.11:${nodePort}/cart/items`);
    expect(r).toEqual({ output: 'cart', exitCode: 0 });
    const t = sim.probes.filter((p) => p.tool === 'curl').at(-1)!.trace;
    const l7 = t.steps.findIndex((s) => s.stage === 'l7-proxy');
    expect(l7).toBeGreaterThan(0);
    expect(t.steps[l7].summary).toMatch(/Ingress default\/shop: shop\.example\.com \/cart \(Prefix\) → Service cart:80; upstream \[default-cart-80\] 10\.244\.\d+\.\d+:5678/);
    // The second leg ends at an http-echo pod, then the first leg's SYN-ACK goes back to the client.
    const after = t.steps.slice(l7 + 1);
    expect(after.some((s) => s.stage === 'deliver' && /http-echo/.test(s.summary))).toBe(true);
    expect(t.steps.at(-1)!.nsLabel).toBe('control-plane');
    expect(sim.exec('control-plane', `curl -H 'Host: shop.example.com' http://192.168.56.12:${nodePort}/`).output).toContain('Welcome to nginx!');
  });

  it('answers 404 for an unknown host and 503 for a Service without endpoints', () => {
    const r = sim.exec('control-plane', `curl -s http://192.168.56.11:${nodePort}/`);
    expect(r.output).toBe('<html>\n<head><title>404 Not Found</title></head>\n<body>\n<center><h1>404 Not Found</h1></center>\n<hr><center>nginx</center>\n</body>\n</html>');
    expect(sim.exec('control-plane', `curl -s -o /dev/null -w '%{http_code}' -H 'Host: shop.example.com' http://192.168.56.11:${nodePort}/ghost`).output).toBe('503');
    // Exact: /ghost/x is not /ghost, so the / Prefix rule takes it.
    expect(sim.exec('control-plane', `curl -s -w '%{http_code}' -o /dev/null -H 'Host: shop.example.com' http://192.168.56.11:${nodePort}/ghost/x`).output).toBe('200');
  });

  it('busybox wget --header from a pod, through the controller Service by its DNS name', () => {
    expect(sim.exec('default/client', "wget -qO- --header 'Host: shop.example.com' http://ingress-nginx-controller.ingress-nginx/cart").output).toBe('cart');
    expect(sim.exec('default/client', 'wget -qO- http://ingress-nginx-controller.ingress-nginx/')).toEqual({ output: 'wget: server returned error: HTTP/1.1 404 Not Found', exitCode: 1 });
  });

  it('502 when the pod refuses; with service-upstream nginx goes to the ClusterIP and kube-proxy DNATs', () => {
    sim.exec('control-plane', 'kubectl create service clusterip wrong --tcp=80:81');
    sim.exec('control-plane', 'kubectl patch svc wrong -p \'{"spec":{"selector":{"app":"web"}}}\'');
    sim.exec('control-plane', 'kubectl create ingress odd --class=nginx --rule=odd.test/*=wrong:80 --rule=via.test/*=web:80');
    sim.exec('control-plane', 'kubectl annotate svc web nginx.ingress.kubernetes.io/service-upstream=true');
    expect(sim.exec('control-plane', `curl -s -w '%{http_code}' -o /dev/null -H 'Host: odd.test' http://192.168.56.11:${nodePort}/`).output).toBe('502');
    expect(sim.exec('control-plane', `curl -H 'Host: via.test' http://192.168.56.11:${nodePort}/`).output).toContain('Welcome to nginx!');
    const t = sim.probes.filter((p) => p.tool === 'curl').at(-1)!.trace;
    const l7 = t.steps.findIndex((s) => s.stage === 'l7-proxy');
    expect(t.steps[l7].summary).toMatch(/the Service's ClusterIP \(service-upstream: kube-proxy picks the pod\)/);
    expect(t.steps.slice(l7).some((s) => /DNAT 10\.\d+\.\d+\.\d+ → 10\.244\.\d+\.\d+:80/.test(s.summary))).toBe(true);
    sim.exec('control-plane', 'kubectl annotate svc web nginx.ingress.kubernetes.io/service-upstream-');
    sim.exec('control-plane', 'kubectl delete ingress odd');
  });

  it('443 speaks TLS with the controller\'s self-signed certificate', () => {
    const https = sim.ctx.api.get<Service>('Service', 'ingress-nginx', 'ingress-nginx-controller')!.spec.ports![1].nodePort!;
    const strict = sim.exec('control-plane', `curl -H 'Host: shop.example.com' https://192.168.56.11:${https}/cart`);
    expect(strict.exitCode).toBe(60);
    expect(strict.output).toMatch(/^curl: \(60\) SSL certificate problem: self-signed certificate\n/);
    expect(sim.exec('control-plane', `curl -k -H 'Host: shop.example.com' https://192.168.56.11:${https}/cart`).output).toBe('cart');
    expect(sim.exec('control-plane', `curl -s http://192.168.56.11:${https}/`).output).toContain('<center>The plain HTTP request was sent to HTTPS port</center>');
    expect(sim.exec('control-plane', `curl -k https://192.168.56.11:${nodePort}/`).exitCode).toBe(35);
  });

  it('an Ingress without ingressClassName is ignored (the classic trap): 404, and the controller says why', () => {
    sim.applyManifest('apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: noclass}\nspec:\n  rules:\n  - host: noclass.test\n    http:\n      paths:\n      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}\n');
    expect(sim.exec('control-plane', `curl -s -w '%{http_code}' -o /dev/null -H 'Host: noclass.test' http://192.168.56.11:${nodePort}/`).output).toBe('404');
    expect(sim.exec('control-plane', 'kubectl logs -n ingress-nginx deploy/ingress-nginx-controller').output).toMatch(/^W\d{4} [\d:.]+ +7 store\.go:446\] Ignoring ingress because of error while validating ingress class ingress="default\/noclass" error="ingress does not contain a valid IngressClass"$/m);
    expect(sim.exec('control-plane', 'kubectl get ingress noclass').output).toMatch(/noclass +<none> +noclass\.test + 80 /);
    sim.exec('control-plane', 'kubectl delete ingress noclass');
  });

  it('curl --resolve pins the name, as real curl does', () => {
    expect(sim.exec('control-plane', `curl --resolve shop.example.com:${nodePort}:192.168.56.11 http://shop.example.com:${nodePort}/cart`).output).toBe('cart');
  });

  it('kubectl get and describe ingress', () => {
    const get = sim.exec('control-plane', 'kubectl get ingress').output;
    expect(get).toMatch(/^NAME +CLASS +HOSTS +ADDRESS +PORTS +AGE\nshop +nginx +shop\.example\.com +10\.\d+\.\d+\.\d+ +80 +\d+s$/);
    const d = sim.exec('control-plane', 'kubectl describe ingress shop').output;
    expect(d).toMatch(/^Name: +shop\nLabels: +<none>\nNamespace: +default\nAddress: +10\.\d+\.\d+\.\d+\nIngress Class: +nginx\nDefault backend: +<default>\nRules:\n +Host +Path +Backends\n +---- +---- +--------\n +shop\.example\.com +\n +\/ +web:80 \(10\.244/);
    expect(d).toMatch(/\/ghost +ghost:80 \(\)/);
    expect(d).toMatch(/Normal +Sync +\d+s +nginx-ingress-controller +Scheduled for sync/);
  });

  it('logs each request in ingress-nginx\'s access-log format', () => {
    const logs = sim.exec('control-plane', 'kubectl logs -n ingress-nginx deploy/ingress-nginx-controller').output;
    expect(logs).toContain('NGINX Ingress controller\n  Release:       v1.12.1');
    expect(logs).toMatch(/\n\d+\.\d+\.\d+\.\d+ - - \[\d\d\/[A-Z][a-z]{2}\/\d{4}:\d\d:\d\d:\d\d \+0000\] "GET \/cart\/items HTTP\/1\.1" 200 5 "-" "curl\/8\.14\.1" \d+ \d\.\d{3} \[default-cart-80\] \[\] 10\.244\.\d+\.\d+:5678 5 \d\.\d{3} 200 [0-9a-f]{32}\n/);
    expect(logs).toMatch(/"GET \/ HTTP\/1\.1" 404 \d+ "-" "curl\/8\.14\.1" \d+ 0\.000 \[upstream-default-backend\] \[\] 127\.0\.0\.1:8181/);
    expect(logs).toMatch(/"GET \/ghost HTTP\/1\.1" 503 \d+ .* \[default-ghost-80\] \[\] - - - - [0-9a-f]{32}/);
  });
});

describe('ingress-nginx behind a cloud load balancer', () => {
  it('the internet reaches Ingress hosts on the LoadBalancer IP, and nginx sees the client address (externalTrafficPolicy Local)', () => {
    const s = Simulation.create();
    s.exec('control-plane', 'kubectl expose deployment web --port=80');
    s.exec('control-plane', `kubectl apply -f ${INGRESS_NGINX_URLS.cloud}`);
    expect(s.exec('control-plane', 'kubectl create ingress shop --class=nginx --rule=shop.example.com/*=web:80').output).toBe('ingress.networking.k8s.io/shop created');
    s.sleep(30_000);
    expect(s.exec('control-plane', 'kubectl get svc -n ingress-nginx').output).toMatch(/LoadBalancer +10\.\d+\.\d+\.\d+ +203\.0\.113\.100 +80:\d+\/TCP,443:\d+\/TCP/);
    expect(s.exec('control-plane', 'kubectl get ing').output).toMatch(/shop +nginx +shop\.example\.com +203\.0\.113\.100 +80 /);
    expect(s.exec('internet', "curl -H 'Host: shop.example.com' http://203.0.113.100/").output).toContain('Welcome to nginx!');
    expect(s.exec('internet', 'curl -s -w %{http_code} -o /dev/null http://203.0.113.100/').output).toBe('404');
    const logs = s.exec('control-plane', 'kubectl logs -n ingress-nginx deploy/ingress-nginx-controller --tail=2').output;
    expect(logs).toMatch(/^203\.0\.113\.1 - - \[.*\] "GET \/ HTTP\/1\.1" 200 615 "-" "curl\/8\.14\.1" \d+ [\d.]+ \[default-web-80\]/);
  });
});

describe('kubectl create ingress and validation', () => {
  it('builds rules from --rule (a trailing * is Prefix) and refuses bad objects as the apiserver does', () => {
    const s = Simulation.create();
    expect(s.exec('control-plane', 'kubectl create ingress multi --rule=a.test/=svc1:80 --rule=a.test/api*=svc2:http --default-backend=def:8080 -o yaml').exitCode).toBe(0);
    const y = s.exec('control-plane', 'kubectl get ingress multi -o yaml').output;
    expect(y).toMatch(/path: \/\n +pathType: Exact/);
    expect(y).toMatch(/path: \/api\n +pathType: Prefix/);
    expect(y).toMatch(/name: svc2\n +port:\n +name: http/);
    const bad = s.applyManifest('apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: bad}\nspec:\n  rules:\n  - host: 1.2.3.4\n    http:\n      paths:\n      - {path: api, backend: {service: {name: x, port: {number: 80}}}}\n');
    expect(bad.exitCode).toBe(1);
    expect(bad.output).toContain('spec.rules[0].host: Invalid value: "1.2.3.4": must be a DNS name, not an IP address');
    expect(bad.output).toContain('spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified');
    expect(bad.output).toContain('spec.rules[0].http.paths[0].path: Invalid value: "api": must be an absolute path');
  });
});
