/**
 * curl (nodes and most images) and busybox wget (busybox pods): a TCP SYN walks to the
 * server through the model; a SYN-ACK means the HTTP exchange happens and the page is
 * printed, a RST is "Connection refused", silence is a timeout (simulated time passes).
 */
import type { Pod } from '../api/types';
import { restGet } from '../apiserver/rest';
import { isoAt } from '../sim/time';
import { transportRequest } from '../net/packet';
import type { Trace } from '../net/trace';
import { resolveName } from '../coredns/stub';
import { coreDnsPage } from '../coredns/http';
import { appPage, curlOutput, errorReason, ingressRequest } from '../ingress/http';
import { fail, ok, type CommandResult, type ShellEnv } from './types';
import { errorStatus, nginxErrorPage } from './containerFs';
import { NGINX_INDEX_HTML } from '../runtime/nginxPages';



const EXAMPLE_PAGE = `<!doctype html>
<html>
<head>
    <title>Example Domain</title>
</head>
<body>
<div>
    <h1>Example Domain</h1>
    <p>This domain is for use in illustrative examples in documents. You may use this
    domain in literature without prior coordination or asking for permission.</p>
</div>
</body>
</html>`;

/** The connect timeout when nothing answers: Linux gives up after 6 SYN retransmissions. */
const SYN_TIMEOUT_MS = 130_000;

interface Url {
  host: string;
  port: number;
  path: string;
}

function parseUrl(raw: string): Url | string {
  const m = /^(?:(https?):\/\/)?([^/:]+)(?::(\d+))?(\/.*)?$/.exec(raw);
  if (!m) return `URL rejected: Malformed input to a URL function`;
  const port = m[3] ? Number(m[3]) : m[1] === 'https' ? 443 : 80;
  if (port < 1 || port > 65535) return 'URL rejected: Port number was not a decimal number between 0 and 65535';
  return { host: m[2], port, path: m[4] ?? '/' };
}

/** What the server sends back for GET path on a port. */
function body(listener: string | undefined, port: number): string {
  if (listener?.startsWith('nginx')) return NGINX_INDEX_HTML;
  if (listener === 'web server') return EXAMPLE_PAGE;
  if (listener === 'kubelet' || listener === 'kube-apiserver' || port === 443) return 'Client sent an HTTP request to an HTTPS server.';
  return '';
}

/** What the pod or host that accepted the connection answers. */
function pageOf(env: ShellEnv, t: Trace, port: number, path: string): string {
  const at = t.steps.find((s) => s.leg === 'request' && s.stage === 'deliver');
  const id = at ? env.ctx.net.namespaces.get(at.netns)?.pod : undefined;
  const [ns, name] = id?.split('/') ?? [];
  return coreDnsPage(env.ctx, t, port, path) ?? nginxErrorPage(env, id, t.listener, path) ?? appPage(id ? env.ctx.api.get<Pod>('Pod', ns, name) : undefined) ?? body(t.listener, port);
}

/** `kubectl proxy` on this machine: localhost:PORT answers with the apiserver's REST API. */
function localApiProxy(env: ShellEnv, url: Url): CommandResult | undefined {
  if (url.host !== 'localhost' && url.host !== '127.0.0.1') return undefined;
  if (env.ctx.apiProxies?.get(env.target.host) !== url.port) return undefined;
  const r = restGet(env.ctx, url.path);
  return r.status < 400 ? ok(r.body) : { out: r.body, code: 0 };
}

/** nginx writes one access-log line per request that reached it (`kubectl logs` shows them). */
function logAccess(env: ShellEnv, t: Trace, url: Url, agent: string): void {
  if (!t.replied || t.refused || !t.listener?.startsWith('nginx')) return;
  const at = t.steps.find((s) => s.leg === 'request' && s.stage === 'deliver');
  if (!at || !at.nsLabel.startsWith('pod ')) return;
  const pod = at.nsLabel.slice(4);
  const when = new Date(isoAt(env.ctx.clock.now));
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const stamp = `${String(when.getUTCDate()).padStart(2, '0')}/${months[when.getUTCMonth()]}/${when.getUTCFullYear()}:${when.toISOString().slice(11, 19)} +0000`;
  const line = `${at.before.ip.src} - - [${stamp}] "GET ${url.path} HTTP/1.1" 200 ${NGINX_INDEX_HTML.length + 1} "-" "${agent}" "-"`;
  const logs = (env.ctx.accessLog ??= new Map());
  const list = logs.get(pod) ?? [];
  list.push(line);
  if (list.length > 200) list.shift();
  logs.set(pod, list);
}

/** busybox images ship wget, not curl. */
function isBusybox(env: ShellEnv): boolean {
  const [ns, name] = env.target.pod!.split('/');
  const pod = env.ctx.api.get<Pod>('Pod', ns, name);
  return !!pod && pod.spec.containers.every((c) => /(^|\/)busybox(:|@|$)/.test(c.image));
}

function connect(env: ShellEnv, ip: string, port: number, tool: string): Trace {
  const pkt = transportRequest('tcp', '', ip, env.ephemeralPort(), port);
  return env.send(env.target.ns, pkt, { answerEcho: true }, tool);
}

export function curl(args: string[], env: ShellEnv): CommandResult {
  if (env.target.kind === 'pod' && isBusybox(env)) {
    return fail('sh: curl: not found (busybox has wget: wget -qO- URL)', 127);
  }
  let head = false;
  let writeOut: string | undefined;
  let timeout: number | undefined;
  let raw: string | undefined;
  let hostHeader: string | undefined;
  const resolves: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-I' || a === '--head') head = true;
    else if (a === '-H' || a === '--header') hostHeader = /^host:\s*(\S+)/i.exec(args[++i] ?? '')?.[1] ?? hostHeader;
    else if (a === '--resolve') resolves.push(args[++i] ?? '');
    else if (['-s', '--silent', '-sS', '-v', '-L', '-k', '-f', '-fsSL'].includes(a)) continue;
    else if (a === '-o') i++;
    else if (a === '-w' || a === '--write-out') writeOut = args[++i];
    else if (a === '--connect-timeout' || a === '-m' || a === '--max-time') timeout = Number(args[++i]) * 1000;
    else if (a.startsWith('-')) return fail(`curl: option ${a}: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information`, 2);
    else raw = a;
  }
  if (!raw) return fail("curl: try 'curl --help' or 'curl --manual' for more information", 2);
  const url = parseUrl(raw);
  if (typeof url === 'string') return fail(`curl: (3) ${url}`, 3);
  const proxied = localApiProxy(env, url);
  if (proxied) return proxied;
  // --resolve HOST:PORT:ADDR pins a name to an address, as curl's DNS cache entry.
  const pinned = resolves.map((r) => r.split(':')).find(([h, p]) => h === url.host && Number(p) === url.port)?.[2];
  const resolved = pinned ? { ip: pinned } : resolveName(env, url.host, 'curl');
  if ('error' in resolved) return fail(`curl: (6) Could not resolve host: ${url.host}`, 6);
  const ip = resolved.ip;
  const t = connect(env, ip, url.port, 'curl');
  const tls = /^https:\/\//i.test(raw) ? (args.includes('-k') || args.includes('--insecure') ? 'insecure' : 'verify') : undefined;
  const viaIngress = ingressRequest(env, t, { host: hostHeader ?? url.host, path: url.path, agent: 'curl/8.14.1', tls }, (t2, port, path) => pageOf(env, t2, port, path));
  if (viaIngress?.curlError) return fail(viaIngress.curlError.text, viaIngress.curlError.code);
  if (viaIngress) return ok(curlOutput(viaIngress, { head, writeOut, date: new Date(isoAt(env.ctx.clock.now)).toUTCString() }));
  logAccess(env, t, url, `curl/8.14.1`);
  const ms = Math.max(1, Math.round(t.rttUs / 1000));
  if (!t.replied) {
    const wait = timeout ?? SYN_TIMEOUT_MS;
    env.advance(wait);
    return fail(`curl: (28) Failed to connect to ${url.host} port ${url.port} after ${wait} ms: Timeout was reached`, 28);
  }
  if (t.refused) return fail(`curl: (7) Failed to connect to ${url.host} port ${url.port} after ${ms} ms: Couldn't connect to server`, 7);
  const page = pageOf(env, t, url.port, url.path);
  const err = errorStatus(page);
  const code = page.startsWith('Client sent') ? 400 : (err?.[0] ?? 200);
  if (writeOut) return ok(writeOut.replace('%{http_code}', String(code)).replace(/\\n/g, '\n'));
  if (head) {
    const server = t.listener?.startsWith('nginx') ? 'nginx/1.27.5' : 'ECS (dcb/7EA3)';
    return ok([`HTTP/1.1 ${err?.[1] ?? `${code} ${code === 200 ? 'OK' : 'Bad Request'}`}`, `Server: ${server}`, 'Content-Type: text/html', `Content-Length: ${page.length}`, 'Connection: keep-alive', ''].join('\n'));
  }
  return ok(page);
}

export function wget(args: string[], env: ShellEnv): CommandResult {
  const quiet = args.some((a) => /^-q/.test(a));
  const toStdout = args.some((a) => /^-q?O-$/.test(a)) || args.includes('-');
  const hi = args.findIndex((a) => a === '--header' || a === '-header');
  const hostHeader = hi >= 0 ? /^host:\s*(\S+)/i.exec(args[hi + 1] ?? '')?.[1] : undefined;
  const raw = args.filter((a, i) => !a.startsWith('-') && a !== '-' && (hi < 0 || i !== hi + 1)).pop();
  if (!raw) return fail('BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...', 1);
  const url = parseUrl(raw);
  if (typeof url === 'string') return fail(`wget: bad address '${raw}'`, 1);
  const resolved = resolveName(env, url.host, 'wget');
  if ('error' in resolved) return fail(`wget: bad address '${url.host}'`, 1);
  const ip = resolved.ip;
  const t = connect(env, ip, url.port, 'wget');
  logAccess(env, t, url, 'Wget');
  const lines: string[] = [];
  if (!quiet) lines.push(`Connecting to ${url.host} (${ip}:${url.port})`);
  if (!t.replied) {
    env.advance(SYN_TIMEOUT_MS);
    return fail([...lines, 'wget: download timed out'].join('\n'), 1);
  }
  if (t.refused) return fail([...lines, `wget: can't connect to remote host (${ip}): Connection refused`].join('\n'), 1);
  const viaIngress = ingressRequest(env, t, { host: hostHeader ?? url.host, path: url.path, agent: 'Wget' }, (t2, port, path) => pageOf(env, t2, port, path));
  if (viaIngress && viaIngress.status >= 400) return fail([...lines, `wget: server returned error: HTTP/1.1 ${viaIngress.status} ${errorReason(viaIngress.status)}`].join('\n'), 1);
  const page = viaIngress?.body ?? pageOf(env, t, url.port, url.path);
  if (page.startsWith('Client sent')) return fail([...lines, 'wget: server returned error: HTTP/1.1 400 Bad Request'].join('\n'), 1);
  const err = errorStatus(page);
  if (err) return fail([...lines, `wget: server returned error: HTTP/1.1 ${err[1]}`].join('\n'), 1);
  if (toStdout) {
    if (!quiet) lines.push('writing to stdout');
    lines.push(page);
    if (!quiet) lines.push(`-                    100% |********************************|   ${page.length}  0:00:00 ETA`, 'written to stdout');
    return ok(lines.join('\n'));
  }
  lines.push(`saving to 'index.html'`, `index.html           100% |********************************|   ${page.length}  0:00:00 ETA`, `'index.html' saved`);
  return ok(lines.join('\n'));
}
