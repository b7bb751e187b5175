/**
 * The ingress-nginx controller process: started by the kubelet when a container of the
 * registry.k8s.io/ingress-nginx/controller image runs (kubelet/daemons.ts). It watches
 * Ingresses, writes their status address (the controller Service's load-balancer IP, or its
 * ClusterIP for a NodePort Service, as --publish-service does) and logs each sync and the
 * access log of the requests its nginx proxied (http.ts).
 */
import type { Pod, Service } from '../api/types';
import type { DaemonSpec } from '../kubelet/daemons';
import { recordEvent, type SimContext } from '../sim/context';
import { SIM_EPOCH_MS } from '../sim/time';
import { DEFAULT_CLASS, servedIngresses } from './routing';
import type { Ingress, IngressClass } from './types';

export const CONTROLLER_IMAGE = 'registry.k8s.io/ingress-nginx/controller:v1.12.1';
export const INGRESS_NS = 'ingress-nginx';
export const CONTROLLER_SVC = 'ingress-nginx-controller';
const ACTOR = 'ingress-nginx-controller';

export interface IngressController {
  pod: string;
  host: string;
  log: string[];
  /** Round-robin position per upstream (ingress-nginx's default load-balance algorithm). */
  rr: Map<string, number>;
  /** Ingresses already synced (uid@resourceVersion of the spec). */
  synced: Map<string, string>;
}

const registries = new WeakMap<SimContext, Map<string, IngressController>>();

export function ingressControllers(ctx: SimContext): Map<string, IngressController> {
  let m = registries.get(ctx);
  if (!m) registries.set(ctx, (m = new Map()));
  return m;
}

/** A klog line as the controller (PID 7 in its container) prints it. */
export function klog(level: 'I' | 'W' | 'E', ms: number, file: string, text: string): string {
  const d = new Date(SIM_EPOCH_MS + ms);
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `${level}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.${p(d.getUTCMilliseconds(), 3)}000       7 ${file}] ${text}`;
}

export function classes(ctx: SimContext): IngressClass[] {
  return ctx.api.peekAll('IngressClass') as IngressClass[];
}

export function served(ctx: SimContext): Ingress[] {
  return servedIngresses(ctx.api.peekAll('Ingress') as Ingress[], classes(ctx), DEFAULT_CLASS);
}

/** The address --publish-service reports: the Service's load-balancer IP, else its ClusterIP. */
function publishedAddress(ctx: SimContext): string | undefined {
  const svc = ctx.api.get<Service>('Service', INGRESS_NS, CONTROLLER_SVC);
  if (!svc) return undefined;
  if (svc.spec.type === 'LoadBalancer') return svc.status?.loadBalancer?.ingress?.[0]?.ip;
  return svc.spec.clusterIP && svc.spec.clusterIP !== 'None' ? svc.spec.clusterIP : undefined;
}

/** One sync: log new or changed Ingresses and write their status address (the elected leader does this). */
export function syncIngresses(ctx: SimContext, c: IngressController): void {
  const now = ctx.clock.now;
  const ip = publishedAddress(ctx);
  let reload = false;
  const mine = served(ctx);
  // An Ingress without a class (or of another class) is not this controller's: it says so once.
  for (const ing of ctx.api.peekAll('Ingress') as Ingress[]) {
    const id = `${ing.metadata.namespace}/${ing.metadata.name}`;
    const gen = `ignored:${ing.metadata.uid}@${JSON.stringify(ing.spec)}`;
    if (mine.includes(ing) || c.synced.get(id) === gen) continue;
    c.synced.set(id, gen);
    const cls = ing.spec.ingressClassName ?? ing.metadata.annotations?.['kubernetes.io/ingress.class'];
    if (cls === undefined) c.log.push(klog('W', now, 'store.go:446', `Ignoring ingress because of error while validating ingress class ingress="${id}" error="ingress does not contain a valid IngressClass"`));
  }
  for (const ing of mine) {
    const id = `${ing.metadata.namespace}/${ing.metadata.name}`;
    const gen = `${ing.metadata.uid}@${JSON.stringify(ing.spec)}`;
    if (c.synced.get(id) !== gen) {
      c.synced.set(id, gen);
      reload = true;
      recordEvent(ctx, ing, 'Normal', 'Sync', 'Scheduled for sync', 'nginx-ingress-controller');
      c.log.push(
        klog('I', now, 'main.go:107', `"successfully validated configuration, accepting" ingress="${id}"`),
        klog('I', now, 'store.go:440', `"Found valid IngressClass" ingress="${id}" ingressclass="${DEFAULT_CLASS}"`),
        klog('I', now, 'event.go:377', `Event(v1.ObjectReference{Kind:"Ingress", Namespace:"${ing.metadata.namespace}", Name:"${ing.metadata.name}", UID:"${ing.metadata.uid ?? ''}", APIVersion:"networking.k8s.io/v1", ResourceVersion:"${ing.metadata.resourceVersion ?? ''}", FieldPath:""}): type: 'Normal' reason: 'Sync' Scheduled for sync`),
      );
    }
    const leader = [...ingressControllers(ctx).keys()].sort()[0] === c.pod;
    const have = ing.status?.loadBalancer?.ingress?.[0]?.ip;
    if (leader && ip && have !== ip) {
      const fresh = ctx.api.get<Ingress>('Ingress', ing.metadata.namespace, ing.metadata.name);
      if (!fresh) continue;
      fresh.status = { loadBalancer: { ingress: [{ ip }] } };
      ctx.api.update(fresh, ACTOR, 'status');
      c.log.push(klog('I', now, 'status.go:304', `"updating Ingress status" namespace="${ing.metadata.namespace}" ingress="${ing.metadata.name}" currentValue=null newValue=[{"ip":"${ip}"}]`));
    }
  }
  if (reload) {
    c.log.push(
      klog('I', now, 'controller.go:196', '"Configuration changes detected, backend reload required"'),
      klog('I', now, 'controller.go:216', '"Backend successfully reloaded"'),
      klog('I', now, 'event.go:377', `Event(v1.ObjectReference{Kind:"Pod", Namespace:"${c.pod.split('/')[0]}", Name:"${c.pod.split('/')[1]}", UID:"", APIVersion:"v1", ResourceVersion:"", FieldPath:""}): type: 'Normal' reason: 'RELOAD' NGINX reload triggered due to a change in configuration`),
    );
  }
}

function banner(ctx: SimContext, pod: Pod): string[] {
  const now = ctx.clock.now;
  const id = `${pod.metadata.namespace}/${pod.metadata.name}`;
  return [
    '-------------------------------------------------------------------------------',
    'NGINX Ingress controller',
    '  Release:       v1.12.1',
    '  Build:         51724a4b8d0ef8fa6cd1fd3bd43c4e9e6b5c2d6b',
    '  Repository:    https://github.com/kubernetes/ingress-nginx',
    '  nginx version: nginx/1.25.5',
    '',
    '-------------------------------------------------------------------------------',
    '',
    klog('W', now, 'client_config.go:667', 'Neither --kubeconfig nor --master was specified.  Using the inClusterConfig.  This might not work.'),
    klog('I', now, 'main.go:205', '"Creating API client" host="https://10.96.0.1:443"'),
    klog('I', now, 'nginx.go:271', '"Starting NGINX Ingress controller"'),
    klog('I', now, 'event.go:377', `Event(v1.ObjectReference{Kind:"ConfigMap", Namespace:"${INGRESS_NS}", Name:"ingress-nginx-controller", UID:"", APIVersion:"v1", ResourceVersion:"", FieldPath:""}): type: 'Normal' reason: 'CREATE' ConfigMap ${INGRESS_NS}/ingress-nginx-controller`),
    klog('I', now, 'nginx.go:317', '"Starting NGINX process"'),
    klog('I', now, 'leaderelection.go:257', `attempting to acquire leader lease ${INGRESS_NS}/ingress-nginx-leader...`),
    klog('I', now, 'status.go:85', `"New leader elected" identity="${id.split('/')[1]}"`),
  ];
}

export const INGRESS_NGINX_DAEMON: DaemonSpec = {
  name: 'ingress-nginx-controller',
  image: /(^|\/)ingress-nginx\/controller(:|@|$)/,
  start({ ctx, host, pod }) {
    const id = `${pod.metadata.namespace}/${pod.metadata.name}`;
    const c: IngressController = { pod: id, host, log: banner(ctx, pod), rr: new Map(), synced: new Map() };
    ingressControllers(ctx).set(id, c);
    syncIngresses(ctx, c);
    const unwatch = ['Ingress', 'IngressClass', 'Service'].map((kind) => ctx.api.watch(kind as 'Ingress', ACTOR, () => ingressControllers(ctx).get(id) === c && syncIngresses(ctx, c)));
    return {
      stop() {
        unwatch.forEach((u) => u());
        if (ingressControllers(ctx).get(id) === c) ingressControllers(ctx).delete(id);
      },
    };
  },
  logs({ ctx, pod }) {
    const c = ingressControllers(ctx).get(`${pod.metadata.namespace}/${pod.metadata.name}`);
    return c?.log ?? [];
  },
};
