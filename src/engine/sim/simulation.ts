/**
 * The Simulation facade: the one object the worker, the CLI and the tests talk to. It builds
 * the machines and the cluster from a scenario, starts every component as an actor on the
 * simulated clock, and exposes the actions a learner takes (run a command, trace a packet,
 * let time pass). Every action is logged; replaying the log reproduces the state exactly.
 */
import { startServiceLbController } from '../controllers/serviceLb';
import { INTERNET } from '../net/uplink';
import type { KubeObject, Node, Pod, Service } from '../api/types';
import { cidrContains } from '../net/ip';
import { parseManifests, toYaml } from '../api/manifest';
import { ApiServer } from '../apiserver/apiserver';
import { HollowKubelet } from '../kubemark/hollowKubelet';
import { hollowNodes } from '../kubemark/layout';
import { hollowTraceNotes } from '../kubemark/notes';
import { ApiError } from '../apiserver/errors';
import { startBridgeCniInstaller } from '../cni/bridge/installer';
import { unenforcedPolicyNotes } from '../cni/calico/notes';
import { startControllerManager } from '../controllers';
import { installCoreDns } from '../coredns/addon';
import { coreDnsServing } from '../coredns/daemon';
import { Kubelet } from '../kubelet/kubelet';
import { installKubeProxy, installPodNetwork } from '../addons';
import { installMetricsServer } from '../metrics/addon';
import { Network } from '../net/network';
import { echoRequest, transportRequest, type Packet } from '../net/packet';
import type { Trace } from '../net/trace';
import type { NetNs } from '../net/types';
import { PacketWalker, type WalkOptions } from '../net/walker';
import { hostListener, podListener } from '../net/sockets';
import { defaultScenario } from '../scenario/defaults';
import type { Action, Scenario } from '../scenario/types';
import { Scheduler } from '../scheduler/scheduler';
import type { SchedulingDecision } from '../scheduler/types';
import { runLine } from '../shell/shell';
import { applyObject } from '../apiserver/apply';
import { bootstrapControlPlane } from '../apiserver/bootstrap';
import type { ShellTarget } from '../shell/types';
import { Clock } from './clock';
import type { SimContext } from './context';
import { canonicalHash } from './hash';
import { MessageLog } from './messages';
import { Prng } from './prng';
import { buildSnapshot } from './snapshotBuilder';
import { buildTopology } from './topology';
import type { Snapshot } from './snapshot';
import { measureProgress, progressTick, type Phase } from './progress';

export interface TraceOptions {
  /** icmp (an echo, the default), or a TCP SYN / UDP datagram to `port`. */
  proto?: 'icmp' | 'tcp' | 'udp';
  port?: number;
}

export interface ExecOutcome {
  output: string;
  exitCode: number;
}


export class Simulation {
  readonly ctx: SimContext;
  readonly scheduler: Scheduler;
  readonly actions: Action[] = [];
  lastTrace?: Trace;
  /** The last command run, with its target and exit code: lessons check these. */
  lastExec?: { target: string; command: string; output: string; exitCode: number };
  /** Traces of the network tools run in terminals (ping, curl, wget, traceroute), bounded. */
  probes: { target: string; tool: string; trace: Trace }[] = [];

  /** The pings among them, for lesson checks. */
  get pings(): { target: string; trace: Trace }[] {
    return this.probes.filter((p) => p.tool === 'ping');
  }
  private walker: PacketWalker;
  /** What progress reports say the simulation is doing (boot steps, the action being replayed). */
  private phase: Phase = { step: 'init' };

  private constructor(readonly scenario: Scenario) {
    const clock = new Clock();
    clock.eventBudget = Math.max(1, ((scenario.nodes.length + (scenario.cluster.hollowNodes ?? 0)) / 100) ** 2) * 1_000_000;
    const prng = new Prng(scenario.seed);
    const log = new MessageLog();
    const api = new ApiServer(clock, log, prng);
    api.hollowNodes = scenario.cluster.hollowNodes ?? 0;
    const net = new Network(prng);
    this.ctx = { clock, prng, log, api, net, hosts: new Map(), runtimes: new Map(), scenario, cniConfigWatchers: new Map() };
    this.scheduler = new Scheduler(this.ctx);
    this.ctx.scheduler = this.scheduler;
    this.walker = new PacketWalker(net, prng, () => clock.now, (ns, proto, port) => this.listener(ns, proto, port));
    clock.progress = () => measureProgress(this.ctx, this.phase);
  }

  /** Builds and boots a cluster, applies the scenario's manifests and lets it settle. */
  static create(scenario: Scenario = defaultScenario()): Simulation {
    const sim = new Simulation(structuredClone(scenario));
    sim.boot();
    return sim;
  }

  /** Creates a simulation and replays an action log on it. */
  static replay(scenario: Scenario, actions: readonly Action[]): Simulation {
    const sim = Simulation.create(scenario);
    // A long log of small actions runs few events per action: report between actions too.
    actions.forEach((a, i) => {
      sim.phase = { step: 'action', action: i + 1, actions: actions.length };
      progressTick(sim.ctx.clock.progress);
      sim.apply(a);
    });
    sim.phase = { step: 'action' };
    return sim;
  }

  private boot(): void {
    const { ctx, scenario } = this;
    buildTopology(ctx);
    // kubeadm init: the control plane (apiserver, etcd; the scheduler and controller-manager as
    // actors beside their static pods), then the control-plane node's kubelet.
    bootstrapControlPlane(ctx);
    this.scheduler.start();
    startControllerManager(ctx);
    // cloud-controller-manager's service controller: external IPs and load balancers for type LoadBalancer.
    startServiceLbController(ctx);
    const [cp, ...others] = [...scenario.nodes].sort((a, b) => (a.role === 'control-plane' ? 0 : 1) - (b.role === 'control-plane' ? 0 : 1));
    this.startNode(cp.name, true);
    // kubeadm's addons (kube-proxy; CoreDNS), then the pod network the admin applies (kube-flannel.yml).
    installKubeProxy(ctx);
    installCoreDns(ctx);
    installPodNetwork(ctx);
    ctx.clock.settle();
    // kubeadm join on each worker (machines not yet joined keep a stopped kubelet).
    this.phase = { step: 'join' };
    for (const n of others) this.startNode(n.name, n.joined !== false);
    ctx.clock.settle();
    this.phase = { step: 'manifests' };
    for (const obj of parseManifests(scenario.manifests)) applyObject(ctx, obj);
    ctx.clock.settle();
    // The metrics-server release manifest, as an admin applies it once the cluster runs (kubectl top, the HPA).
    this.phase = { step: 'addons' };
    installMetricsServer(ctx);
    ctx.clock.settle();
    // Kubemark's hollow nodes join a running cluster (kubemark/hollowKubelet.ts), so the add-ons
    // and the scenario's own pods stay on machines that run them.
    const hollow = hollowNodes(scenario);
    if (hollow.length > 0) {
      this.phase = { step: 'join' };
      for (const h of hollow) new HollowKubelet(ctx, h).start();
      ctx.clock.settle();
    }
    this.phase = { step: 'action' };
  }

  /** A machine's kubelet service; it starts when the node joins (kubeadm init / join). With the plain bridge CNI, its config installer too. */
  private startNode(name: string, join: boolean): void {
    if (this.scenario.cluster.cni === 'bridge') startBridgeCniInstaller(this.ctx, name);
    const kubelet = new Kubelet(this.ctx, name, this.ctx.runtimes.get(name)!);
    if (join) kubelet.start();
  }

  /** Applies one logged action (used by replay). */
  apply(a: Action): void {
    if (a.type === 'exec') this.exec(a.target, a.command);
    else if (a.type === 'trace') this.trace(a.from, a.to, { proto: a.proto, port: a.port });
    else if (a.type === 'sleep') this.sleep(a.ms);
    else if (a.type === 'apply') this.applyManifest(a.manifest);
  }

  /** Resolves a terminal target: a node name, or namespace/pod. */
  resolveTarget(target: string): ShellTarget {
    const host = this.ctx.hosts.get(target);
    if (host) return { kind: 'node', host: host.name, ns: this.ctx.net.ns(host.name) };
    // A client out on the internet (203.0.113.1), to reach LoadBalancer IPs from outside.
    if (target === INTERNET) return { kind: 'node', host: INTERNET, ns: this.ctx.net.ns(INTERNET) };
    if (this.ctx.hollow?.has(target)) throw new Error(`${target} is a Kubemark hollow node: its kubelet runs against a fake container runtime, and there is no machine to open a terminal on`);
    const id = target.includes('/') ? target : `default/${target}`;
    const ns = this.podNetns(id);
    if (!ns) {
      const [pns, pname] = id.split('/');
      const pod = this.ctx.api.peek<Pod>('Pod', pns, pname);
      const hollow = pod?.spec.nodeName && this.ctx.hollow?.has(pod.spec.nodeName);
      if (hollow) throw new Error(`pod ${id} runs on the hollow node ${pod.spec.nodeName}: its containers are fakes (no processes, no network namespace), nothing to open a terminal in`);
      if (!pod) throw new Error(`no node or pod named "${target}" (pods are written namespace/name)`);
      throw new Error(`pod ${id} has no sandbox yet (status ${pod.status?.phase ?? 'Pending'}): nothing to open a terminal in`);
    }
    return { kind: 'pod', host: ns.host, ns, pod: id };
  }

  /** The pod's network namespace; a hostNetwork pod's is its node's (once it has a sandbox). */
  podNetns(id: string): NetNs | undefined {
    for (const ns of this.ctx.net.namespaces.values()) if (ns.kind === 'pod' && ns.pod === id) return ns;
    const [pns, pname] = id.split('/');
    const pod = this.ctx.api.get<Pod>('Pod', pns, pname);
    if (pod?.spec.hostNetwork && pod.spec.nodeName && pod.status?.podIP) return this.ctx.net.namespaces.get(pod.spec.nodeName);
    return undefined;
  }

  /** Runs a command line in a terminal, lets the cluster react, and logs the action. */
  exec(target: string, command: string): ExecOutcome {
    let shellTarget: ShellTarget;
    try {
      shellTarget = this.resolveTarget(target);
    } catch (e) {
      return { output: `error: ${(e as Error).message}`, exitCode: 1 };
    }
    this.actions.push({ type: 'exec', target, command });
    const env = {
      ctx: this.ctx,
      target: shellTarget,
      send: (from: NetNs, pkt: Packet, opts: WalkOptions, tool: string): Trace => {
        const t = this.explain(this.walker.walk(from, pkt, opts));
        this.probes.push({ target, tool, trace: t });
        if (this.probes.length > 200) this.probes.shift();
        return t;
      },
      icmpId: () => this.icmpId(),
      ephemeralPort: () => 32768 + this.ctx.prng.int(60999 - 32768 + 1),
      advance: (ms: number) => this.ctx.clock.runUntil(this.ctx.clock.now + ms),
    };
    let res: ExecOutcome;
    try {
      const r = runLine(command, env);
      res = { output: r.out, exitCode: r.code };
    } catch (e) {
      res = { output: e instanceof ApiError ? e.kubectlLine() : `error: ${(e as Error).message}`, exitCode: 1 };
    }
    this.ctx.clock.settle();
    this.lastExec = { target, command, output: res.output, exitCode: res.exitCode };
    return res;
  }

  /** Traces one ICMP echo from a pod to a pod (namespace/name) or an IP address. */
  trace(from: string, to: string, opts: TraceOptions = {}): Trace {
    const src = this.podNetns(from.includes('/') ? from : `default/${from}`);
    if (!src) throw new Error(`no running pod "${from}" to send from`);
    const dst = this.resolveAddress(to);
    const proto = opts.proto ?? 'icmp';
    if (proto !== 'icmp' && !(Number.isInteger(opts.port) && opts.port! >= 1 && opts.port! <= 65535)) throw new Error(`a ${proto} trace needs a port between 1 and 65535`);
    this.actions.push(proto === 'icmp' ? { type: 'trace', from, to } : { type: 'trace', from, to, proto, port: opts.port });
    const pkt = proto === 'icmp' ? echoRequest('', dst, this.icmpId(), 0) : transportRequest(proto, '', dst, 32768 + this.ctx.prng.int(28232), opts.port!);
    const t = this.explain(this.walker.walk(src, pkt));
    this.lastTrace = t;
    this.ctx.clock.settle();
    return t;
  }

  /**
   * Adds what the kernel cannot know to a drop: that the destination was a Service's virtual
   * ClusterIP, which only exists as kube-proxy's rewriting rules for the Service's ports.
   */
  private explain(t: Trace): Trace {
    const notes = [...unenforcedPolicyNotes(this.ctx, t), ...hollowTraceNotes(this.ctx, t)];
    if (notes.length > 0) t = { ...t, notes: [...(t.notes ?? []), ...notes] };
    if (t.outcome !== 'dropped' || !cidrContains(this.scenario.cluster.serviceCIDR, t.dst) || t.steps.some((s) => s.stage.startsWith('nat/') && /DNAT/.test(s.summary))) return t;
    // nftables mode: kube-proxy's own rule decided (cluster-ips-check), and the trace names it.
    if (t.steps.some((s) => s.stage.startsWith('kube-proxy/') && s.decidedBy?.startsWith('add rule ip kube-proxy '))) return t;
    const svc = (this.ctx.api.peekAll('Service') as Service[]).find((x) => x.spec.clusterIP === t.dst);
    const ports = (svc?.spec.ports ?? []).map((p) => `${p.port}/${p.protocol ?? 'TCP'}`).join(', ');
    const what = svc ? `${t.dst} is the ClusterIP of Service ${svc.metadata.namespace}/${svc.metadata.name} (${ports || 'no ports'})` : `${t.dst} is in the service CIDR ${this.scenario.cluster.serviceCIDR}, but no Service has this ClusterIP`;
    const why = t.proto === 'icmp'
      ? 'kube-proxy only rewrites the ports a Service defines (-p tcp/udp --dport), so an ICMP echo matches no rule: a ClusterIP does not answer ping'
      : `no kube-proxy rule matched ${t.proto.toUpperCase()} port ${t.port}`;
    return { ...t, reason: `${t.reason} — ${what}; ${why}, and the packet left by the default route.` };
  }

  /** Who listens on a port inside a namespace (see net/sockets.ts). */
  private listener(ns: NetNs, proto: 'tcp' | 'udp', port: number): string | undefined {
    if (ns.kind === 'pod' && ns.pod) {
      const [pns, name] = ns.pod.split('/');
      const pod = this.ctx.api.get<Pod>('Pod', pns, name);
      const proc = pod ? podListener(pod, proto, port) : undefined;
      // A stopped coredns process holds no sockets, whatever its image would open.
      return proc?.startsWith('coredns') && !coreDnsServing(this.ctx, ns.pod) ? undefined : proc;
    }
    return hostListener(ns, this.ctx.hosts.get(ns.host)?.role, proto, port);
  }

  /** An ICMP echo id, as a ping process would use its PID. */
  private icmpId(): number {
    return 1 + this.ctx.prng.int(65534);
  }

  /** A pod id (namespace/name) or an IPv4 address → the address to send to. */
  resolveAddress(to: string): string {
    if (/^\d+\.\d+\.\d+\.\d+$/.test(to)) return to;
    const [ns, name] = to.includes('/') ? to.split('/') : ['default', to];
    const pod = this.ctx.api.get<Pod>('Pod', ns, name);
    if (!pod?.status?.podIP) throw new Error(`pod ${ns}/${name} has no IP address yet`);
    return pod.status.podIP;
  }

  /**
   * `kubectl apply` of a manifest from the editor: every document is validated first, then
   * created or updated. Returns kubectl's lines ("deployment.apps/web configured").
   */
  applyManifest(manifest: string): ExecOutcome {
    let objects: KubeObject[];
    try {
      objects = parseManifests(manifest);
    } catch (e) {
      return { output: (e as Error).message, exitCode: 1 };
    }
    this.actions.push({ type: 'apply', manifest });
    const lines: string[] = [];
    let exitCode = 0;
    for (const obj of objects) {
      try {
        lines.push(applyObject(this.ctx, obj));
      } catch (e) {
        exitCode = 1;
        lines.push(e instanceof ApiError ? e.kubectlLine() : `error: ${(e as Error).message}`);
      }
    }
    this.ctx.clock.settle();
    return { output: lines.join('\n'), exitCode };
  }

  sleep(ms: number): void {
    this.actions.push({ type: 'sleep', ms });
    this.ctx.clock.runUntil(this.ctx.clock.now + ms);
  }

  /** The object as `kubectl get -o yaml` prints it. */
  yaml(kind: 'Pod' | 'Node' | 'Service', namespace: string | undefined, name: string): string {
    const obj: KubeObject | undefined = this.ctx.api.get(kind, namespace, name);
    if (!obj) throw new ApiError(404, 'NotFound', `${kind.toLowerCase()}s "${name}" not found`);
    return toYaml(obj);
  }

  pods(): Pod[] {
    return this.ctx.api.list<Pod>('Pod');
  }

  nodes(): Node[] {
    return this.ctx.api.list<Node>('Node');
  }

  snapshot(): Snapshot {
    // At 1,000 nodes the picture takes seconds: a report first, so the watchdog counts from here.
    const phase = this.phase;
    this.phase = { step: 'snapshot' };
    progressTick(this.ctx.clock.progress);
    this.phase = phase;
    return buildSnapshot(this);
  }

  /** Everything that makes up the state, as plain data (for the hash and debugging). */
  stateData(): unknown {
    const { ctx } = this;
    return {
      now: ctx.clock.now,
      seq: ctx.clock.getSeq(),
      prng: ctx.prng.getState(),
      etcd: ctx.api.etcd.dump(),
      netns: [...ctx.net.namespaces.values()],
      cloudRoutes: ctx.net.cloudRoutes,
      hosts: [...ctx.hosts.values()],
      runtimes: [...ctx.runtimes.entries()].map(([k, r]) => ({ node: k, sandboxes: r.sandboxes, containers: r.containers, images: r.images })),
      messages: ctx.log.all(),
    };
  }

  /** A fingerprint of the whole state: equal inputs give equal hashes. */
  stateHash(): string {
    return canonicalHash(this.stateData());
  }

  /**
   * Why the scheduler put a pod where it is (or why it could not): every node's filter
   * result and normalised plugin scores, newest decision first. `pod` is namespace/name.
   */
  schedulingDecisions(pod?: string): SchedulingDecision[] {
    const all = [...this.scheduler.decisions].reverse();
    return pod ? all.filter((d) => d.pod === (pod.includes('/') ? pod : `default/${pod}`)) : all;
  }

  /** The scheduler's evaluation of a pod against the nodes right now, without binding it. */
  whatIfSchedule(namespace: string, name: string): SchedulingDecision | undefined {
    const pod = this.ctx.api.get<Pod>('Pod', namespace, name);
    return pod ? this.scheduler.evaluate({ ...pod, spec: { ...pod.spec, nodeName: undefined } }) : undefined;
  }
}
