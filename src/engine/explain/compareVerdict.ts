/**
 * What a Compare column leads with: how the probe ended (answered, rejected, no reply, dropped)
 * and the one step that decided it, with the rule or route line that did — so two settings'
 * results can be told apart at a glance before reading the hop-by-hop diff.
 */
import { cidrContains } from '../net/ip';
import type { Trace, TraceStep } from '../net/trace';

export type VerdictKind = 'answered' | 'rejected' | 'refused' | 'no-reply' | 'dropped';

export interface SideVerdict {
  kind: VerdictKind;
  /** One line: "echo reply from 10.96.0.10", "ICMP port-unreachable from 10.244.1.1", the drop reason. */
  text: string;
  /** The deciding step: its number, machine, stage, and the rule / route / virtual service line. */
  step?: number;
  host?: string;
  stage?: string;
  rule?: string;
  /** Why that step decided, when its own line does not say it (no kube-proxy rule matched). */
  note?: string;
}

const VERDICT = /: (DROP|REJECT) by /;
const REWRITE = (s: TraceStep): boolean => s.leg === 'request' && (s.stage === 'ipvs' || /\bDNAT\b/.test(s.summary) || /verdict map|dnat to/.test(s.summary));

function kindOf(t: Trace): VerdictKind {
  if (t.outcome === 'dropped') return 'dropped';
  if (t.icmpError) return 'rejected';
  if (t.refused) return 'refused';
  return t.replied ? 'answered' : 'no-reply';
}

function text(t: Trace, kind: VerdictKind): string {
  switch (kind) {
    case 'dropped':
      return `dropped — ${t.reason ?? 'no reason given'}`;
    case 'rejected':
      return `ICMP ${t.icmpError!.type} from ${t.icmpError!.from}`;
    case 'refused':
      return 'Connection refused (RST): nothing listens on that port';
    case 'no-reply':
      return 'delivered, but no reply came back';
    default:
      return t.proto === 'icmp' ? `echo reply from ${t.dst}` : t.listener ? `answered by ${t.listener}` : `answered on port ${t.port}`;
  }
}

const at = (s: TraceStep, note?: string): Pick<SideVerdict, 'step' | 'host' | 'stage' | 'rule' | 'note'> => ({ step: s.n, host: s.host, stage: s.stage, rule: s.decidedBy, ...(note ? { note } : {}) });

/** The probe's result and the step that decided it. */
export function sideVerdict(t: Trace, serviceCIDR: string): SideVerdict {
  const kind = kindOf(t);
  const v: SideVerdict = { kind, text: text(t, kind) };
  const req = t.steps.filter((s) => s.leg === 'request');
  // A rule that dropped or rejected the packet decides, wherever it was.
  const verdict = req.find((s) => VERDICT.test(s.summary));
  if (verdict) return { ...v, ...at(verdict) };
  // A Service address no rule rewrote: kube-proxy had nothing for this packet, and the service chain let it through untouched.
  const rewrite = req.find(REWRITE);
  if (cidrContains(serviceCIDR, t.dst) && !rewrite) {
    const local = req.find((s) => s.stage === 'route' && /is local to/.test(s.summary));
    if (local) return { ...v, ...at(local, `${t.dst} is bound on the node (kube-ipvs0) and no rule for this packet stopped it: the node answers itself`) };
    const portals = req.find((s) => /^nat\/(PREROUTING|OUTPUT)$/.test(s.stage) && /KUBE-SERVICES|kube-proxy|services/.test(`${s.summary} ${s.decidedBy ?? ''}`));
    if (portals) return { ...v, ...at(portals, `no kube-proxy rule matched ${t.proto === 'icmp' ? 'ICMP' : `${t.proto.toUpperCase()} port ${t.port}`} to ${t.dst}: the packet went on unchanged`) };
  }
  if (rewrite) return { ...v, ...at(rewrite) };
  // It got there: name what carried it (the policy that let it in, the tunnel, the route, the bridge).
  const path = kind === 'answered' || kind === 'refused' || kind === 'no-reply' ? pathStep(req) : undefined;
  if (path) return { ...v, ...at(path.step, path.note) };
  const decided = [...(kind === 'dropped' ? t.steps : req)].reverse().find((s) => s.decidedBy);
  return decided ? { ...v, ...at(decided) } : v;
}

const ADDR = String.raw`\d+\.\d+\.\d+\.\d+`;

/**
 * Why a delivered probe got to its destination, in order: a NetworkPolicy that allowed it in,
 * the route into a tunnel (VXLAN, IP-in-IP), a route straight to the peer node, the bridge
 * that switched it on the same node, or the node's route into the pod's veth.
 */
function pathStep(req: TraceStep[]): { step: TraceStep; note: string } | undefined {
  const allowed = [...req].reverse().find((s) => /— allowed by Policy /.test(s.summary));
  if (allowed) return { step: allowed, note: policyNote(allowed.summary) };
  const peerOf = (i: number): string => req.slice(i + 1).find((s) => s.host !== req[i].host)?.host ?? 'the peer node';
  const routeBefore = (i: number): TraceStep | undefined => [...req.slice(0, i)].reverse().find((s) => s.stage === 'route' && s.host === req[i].host && s.decidedBy);
  const encap = req.findIndex((s) => s.stage === 'vxlan-encap' || s.stage === 'ipip-encap');
  const route = encap >= 0 ? routeBefore(encap) : undefined;
  if (encap >= 0 && route) {
    const dev = /\bdev (\S+)/.exec(route.decidedBy!)?.[1] ?? 'the tunnel';
    const vx = new RegExp(`→ (${ADDR}):(\\d+), VNI (\\d+)`).exec(req[encap].summary);
    const outer = vx?.[1] ?? new RegExp(`to (${ADDR})$`).exec(req[encap].summary)?.[1] ?? '';
    const how = vx ? `VXLAN (UDP ${vx[2]}, VNI ${vx[3]})` : 'IP-in-IP (protocol 4)';
    return { step: route, note: `the route for ${prefix(route)}${bird(route)} sends it into ${dev}, which wraps it in ${how} to ${peerOf(encap)} (${outer})` };
  }
  const wire = req.findIndex((s) => s.stage === 'wire');
  const direct = wire >= 0 ? routeBefore(wire) : undefined;
  if (wire >= 0 && direct) {
    const via = new RegExp(`\\bvia (${ADDR})`).exec(direct.decidedBy!)?.[1];
    return { step: direct, note: `the route for ${prefix(direct)}${bird(direct)} sends it ${via ? `via ${via}, ${peerOf(wire)}'s address` : `straight to ${peerOf(wire)}`} on the node network: no tunnel, the packet crosses as it is` };
  }
  const bridged = [...req].reverse().find((s) => s.stage === 'bridge' && / forwards .* out of port /.test(s.summary));
  if (bridged) {
    const [, bridge, port] = /^(\S+) forwards .* out of port (\S+)/.exec(bridged.summary) ?? [];
    return { step: bridged, note: `same node: the ${bridge} bridge switches the frame to port ${port} by its MAC (this FDB entry); nothing is routed to another node or tunnelled` };
  }
  const fwd = [...req].reverse().find((s) => s.stage === 'route' && s.summary.startsWith('forward ') && s.decidedBy);
  if (fwd) return { step: fwd, note: `same node: ${fwd.host}'s route for ${prefix(fwd)} goes straight into the pod's veth ${/\bdev (\S+)/.exec(fwd.decidedBy!)?.[1] ?? ''}; no tunnel` };
  return undefined;
}

/** The route line's destination ("10.244.2.0/24", "default"). */
const prefix = (s: TraceStep): string => s.decidedBy!.split(' ')[0];
/** Calico's routes to other nodes' blocks come from BIRD (proto bird). */
const bird = (s: TraceStep): string => (/\bproto bird\b/.test(s.decidedBy!) ? ' (BIRD learned it over BGP)' : '');

/** "allowed by Policy default/knp.default.allow-web ingress" → the NetworkPolicy by its Kubernetes name. */
function policyNote(summary: string): string {
  const [, policy = '', dir = ''] = /— allowed by Policy (\S+)(?: (ingress|egress))?/.exec(summary) ?? [];
  const knp = /^([^/]+)\/knp\.[^.]+\.(.+)$/.exec(policy);
  const who = knp ? `NetworkPolicy ${knp[1]}/${knp[2]}` : `Calico policy ${policy}`;
  return `${who} allows it${dir ? ` (${dir})` : ''}: felix's policy chain marked the packet 0x10000 and FORWARD accepts marked packets`;
}
