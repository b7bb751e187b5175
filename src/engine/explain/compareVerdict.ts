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
  const decided = [...(kind === 'dropped' ? t.steps : req)].reverse().find((s) => s.decidedBy);
  return decided ? { ...v, ...at(decided) } : v;
}
