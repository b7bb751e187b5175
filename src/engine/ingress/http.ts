/**
 * ingress-nginx's data path: a request that reached the controller's nginx is matched to a
 * location (routing.ts), and nginx opens a second TCP connection from the controller pod to a
 * ready endpoint of the backend Service (or to its ClusterIP with the service-upstream
 * annotation, through kube-proxy). Both legs land in the client's trace: the L7 decision as
 * one step, then the second connection's own walk. No location: 404 from the default backend;
 * no Service or no ready endpoint: 503.
 */
import type { EndpointSlice, Pod, Service } from '../api/types';
import { endpointsFor } from '../kube-proxy/rules';
import { transportRequest } from '../net/packet';
import type { Trace, TraceStep } from '../net/trace';
import type { ShellEnv } from '../shell/types';
import { isoAt } from '../sim/time';
import { ingressControllers, served, syncIngresses, type IngressController } from './controller';
import { matchRoute, upstreamName, type Route } from './routing';

export interface HttpRequest {
  host: string;
  path: string;
  agent: string;
  /** https: curl verifies the certificate unless -k. */
  tls?: 'verify' | 'insecure';
}

export interface HttpResponse {
  status: number;
  body: string;
  /** The TLS handshake failed: curl's error and exit code instead of a response. */
  curlError?: { text: string; code: number };
}

/** ingress-nginx's default certificate ("Kubernetes Ingress Controller Fake Certificate") is self-signed. */
const SELF_SIGNED = `curl: (60) SSL certificate problem: self-signed certificate
More details here: https://curl.se/docs/sslcerts.html

curl failed to verify the legitimacy of the server and therefore could not
establish a secure connection to it. To learn more about this situation and
how to fix it, please visit the webpage mentioned above.`;

function plainHttpOnTls(): string {
  return '<html>\n<head><title>400 The plain HTTP request was sent to HTTPS port</title></head>\n<body>\n<center><h1>400 Bad Request</h1></center>\n<center>The plain HTTP request was sent to HTTPS port</center>\n<hr><center>nginx</center>\n</body>\n</html>';
}

const REASONS: Record<number, string> = { 200: 'OK', 308: 'Permanent Redirect', 400: 'Bad Request', 404: 'Not Found', 502: 'Bad Gateway', 503: 'Service Temporarily Unavailable', 504: 'Gateway Time-out' };

export const errorReason = (status: number): string => REASONS[status] ?? '';

/** nginx's own error page (server_tokens off, as ingress-nginx configures it). */
export function errorPage(status: number): string {
  const title = `${status} ${REASONS[status]}`;
  return `<html>\n<head><title>${title}</title></head>\n<body>\n<center><h1>${title}</h1></center>\n<hr><center>nginx</center>\n</body>\n</html>`;
}

/** What a backend pod answers that the generic web pages do not cover: hashicorp/http-echo prints its -text. */
export function appPage(pod: Pod | undefined): string | undefined {
  const c = pod?.spec.containers.find((x) => /(^|\/)http-echo(:|@|$)/.test(x.image));
  const text = c?.args?.find((a) => a.startsWith('-text='))?.slice(6);
  return text === undefined ? undefined : text;
}

/** The pod whose socket accepted a trace's request. */
export function deliveredPod(env: ShellEnv, t: Trace): { id: string; step: TraceStep } | undefined {
  const step = t.steps.find((s) => s.leg === 'request' && s.stage === 'deliver');
  const id = step ? env.ctx.net.namespaces.get(step.netns)?.pod : undefined;
  return step && id ? { id, step } : undefined;
}

function stamp(ms: number): string {
  const d = new Date(isoAt(ms));
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${String(d.getUTCDate()).padStart(2, '0')}/${months[d.getUTCMonth()]}/${d.getUTCFullYear()}:${d.toISOString().slice(11, 19)} +0000`;
}

interface Upstream {
  name: string;
  addr?: string;
  status?: number;
  bytes?: number;
  secs?: string;
}

/** One line in ingress-nginx's log-format-upstream. */
function accessLog(env: ShellEnv, c: IngressController, client: string, req: HttpRequest, res: HttpResponse, up: Upstream): void {
  const reqLen = `GET ${req.path} HTTP/1.1\r\nHost: ${req.host}\r\nUser-Agent: ${req.agent}\r\nAccept: */*\r\n\r\n`.length;
  const secs = up.secs ?? '0.000';
  const u = up.addr ? `${up.addr} ${up.bytes ?? 0} ${secs} ${up.status}` : '- - - -';
  c.log.push(`${client} - - [${stamp(env.ctx.clock.now)}] "GET ${req.path} HTTP/1.1" ${res.status} ${res.body.length + 1} "-" "${req.agent}" ${reqLen} ${secs} [${up.name}] [] ${u} ${env.ctx.prng.hex(16)}`);
}

function backendTarget(env: ShellEnv, c: IngressController, route: Route): { ip: string; port: number; how: string } | string {
  const b = route.backend.service;
  if (!b) return `the backend is a resource (${route.backend.resource?.kind}), not a Service`;
  const svc = env.ctx.api.get<Service>('Service', route.namespace, b.name);
  if (!svc) return `Service "${route.namespace}/${b.name}" does not exist`;
  const sp = (svc.spec.ports ?? []).find((p) => (b.port.number !== undefined ? p.port === b.port.number : p.name === b.port.name));
  if (!sp) return `Service "${route.namespace}/${b.name}" has no port ${b.port.number ?? b.port.name}`;
  if (svc.metadata.annotations?.['nginx.ingress.kubernetes.io/service-upstream'] === 'true') {
    return { ip: svc.spec.clusterIP!, port: sp.port, how: `the Service's ClusterIP (service-upstream: kube-proxy picks the pod)` };
  }
  const eps = endpointsFor(svc, sp, env.ctx.api.peekAll('EndpointSlice') as EndpointSlice[]);
  if (eps.length === 0) return `Service "${route.namespace}/${b.name}" has no ready endpoints`;
  const name = upstreamName(route.namespace, route.backend);
  const i = c.rr.get(name) ?? 0;
  c.rr.set(name, i + 1);
  const e = eps[i % eps.length];
  return { ip: e.ip, port: e.port, how: `endpoint ${i % eps.length + 1} of ${eps.length} from the EndpointSlices (round robin; nginx talks to pods directly, kube-proxy is not involved)` };
}

/** Splices the controller's L7 step and the second connection's walk into the client's trace. */
function splice(t: Trace, at: TraceStep, l7: Omit<TraceStep, 'n'>, second?: Trace): void {
  const idx = t.steps.indexOf(at) + 1;
  // Copies: the second connection's own probe keeps its numbering.
  const inner = [{ ...l7, n: 0 }, ...(second?.steps ?? []).map((s) => ({ ...s }))];
  t.steps.splice(idx, 0, ...inner);
  t.steps.forEach((s, n) => (s.n = n));
  t.rttUs += second?.rttUs ?? 0;
}

/**
 * Serves an HTTP request whose TCP connection an ingress-nginx controller pod accepted, or
 * returns undefined when the trace did not end at one. `page` renders what a backend answers.
 */
export function ingressRequest(env: ShellEnv, t: Trace, req: HttpRequest, page: (t: Trace, port: number, path: string) => string): HttpResponse | undefined {
  if (!t.replied || t.refused) return undefined;
  const at = deliveredPod(env, t);
  const c = at && ingressControllers(env.ctx).get(at.id);
  if (!c || !at) return undefined;
  syncIngresses(env.ctx, c);
  // TLS or not is the port nginx accepted on (443 behind the https Service port), whatever the client dialled.
  const tlsPort = at.step.before.l4.proto === 'tcp' && at.step.before.l4.dport === 443;
  if (req.tls && !tlsPort) return { status: 0, body: '', curlError: { text: 'curl: (35) OpenSSL/3.0.13: error:0A00010B:SSL routines::wrong version number', code: 35 } };
  if (req.tls === 'verify') return { status: 0, body: '', curlError: { text: SELF_SIGNED, code: 60 } };
  if (!req.tls && tlsPort) return { status: 400, body: plainHttpOnTls() };
  const client = at.step.before.ip.src;
  const ns = env.ctx.net.namespaces.get(at.step.netns)!;
  const route = matchRoute(served(env.ctx), req.host, req.path);
  const l7 = (summary: string, decidedBy: string, after = at.step.after): Omit<TraceStep, 'n'> => ({ ...at.step, stage: 'l7-proxy', summary, decidedBy, after, changed: [], costUs: 50 });
  const head = `nginx (ingress-nginx) reads the HTTP request: Host ${req.host}, GET ${req.path}`;
  if (!route) {
    const res = { status: 404, body: errorPage(404) };
    splice(t, at.step, l7(`${head} — no Ingress rule matches: the default backend answers 404 Not Found`, `server_name ${req.host}: no location matches, upstream-default-backend`));
    accessLog(env, c, client, req, res, { name: 'upstream-default-backend', addr: '127.0.0.1:8181', status: 404, bytes: res.body.length + 1 });
    return res;
  }
  const name = upstreamName(route.namespace, route.backend);
  const rule = `Ingress ${route.ingress}: ${route.server === '_' ? '(any host)' : route.server} ${route.pathType === 'defaultBackend' ? 'spec.defaultBackend' : `${route.path} (${route.pathType})`} → Service ${route.backend.service?.name}:${route.backend.service?.port.number ?? route.backend.service?.port.name}`;
  const location = `server_name ${route.server}; location ${route.pathType === 'Exact' ? '= ' : ''}${route.path} { set $proxy_upstream_name "${name}"; proxy_pass http://upstream_balancer; }`;
  const target = backendTarget(env, c, route);
  if (typeof target === 'string') {
    const res = { status: 503, body: errorPage(503) };
    splice(t, at.step, l7(`${head} → ${rule}; but ${target}: nginx answers 503 Service Temporarily Unavailable`, location));
    accessLog(env, c, client, req, res, { name });
    return res;
  }
  const sport = env.ephemeralPort();
  const pkt = transportRequest('tcp', '', target.ip, sport, target.port);
  const t2 = env.send(ns, pkt, { answerEcho: true }, 'nginx');
  const secs = (Math.max(1, Math.round(t2.rttUs / 1000)) / 1000).toFixed(3);
  const summary = `${head} → ${rule}; upstream [${name}] ${target.ip}:${target.port} (${target.how}): nginx opens a second TCP connection from ${at.step.after.ip.dst}:${sport}`;
  splice(t, at.step, l7(summary, location, t2.steps[0]?.before ?? pkt), t2);
  let res: HttpResponse;
  if (!t2.replied) {
    // proxy_connect_timeout 5s, then nginx gives up on the upstream.
    env.advance(5000);
    res = { status: 504, body: errorPage(504) };
    accessLog(env, c, client, req, res, { name, addr: `${target.ip}:${target.port}`, status: 504, bytes: 0, secs: '5.000' });
  } else if (t2.refused) {
    res = { status: 502, body: errorPage(502) };
    accessLog(env, c, client, req, res, { name, addr: `${target.ip}:${target.port}`, status: 502, bytes: 0, secs });
  } else {
    const body = page(t2, target.port, req.path);
    res = { status: 200, body };
    accessLog(env, c, client, req, res, { name, addr: `${target.ip}:${target.port}`, status: 200, bytes: body.length + 1, secs });
  }
  return res;
}

/** How curl prints a response: the body, the -I headers or the -w write-out. */
export function curlOutput(res: HttpResponse, opts: { head: boolean; writeOut?: string; date: string }): string {
  if (opts.writeOut) return opts.writeOut.replace('%{http_code}', String(res.status)).replace(/\\n/g, '\n');
  if (opts.head) return [`HTTP/1.1 ${res.status} ${REASONS[res.status] ?? ''}`, `Date: ${opts.date}`, 'Content-Type: text/html', `Content-Length: ${res.body.length + 1}`, 'Connection: keep-alive', ''].join('\n');
  return res.body;
}
