/**
 * "Why not?": for a failed trace, a Pending pod or a Service without endpoints, the one thing
 * that decided it and the smallest change that flips it. Everything that could change state
 * (listing rules, tracing, trying fixes) runs on a replayed copy of the learner's scenario and
 * log, so the live simulation is left exactly as it was.
 */
import type { Pod, Service } from '../api/types';
import type { Trace } from '../net/trace';
import type { Action } from '../scenario/types';
import { Simulation } from '../sim/simulation';
import { fullId } from './whyCluster';
import { familyPrefix, placement, podCause, sandboxCause, scheduled } from './whyPod';
import { readyEndpoints, serviceCause } from './whyService';
import { dnsCause, nslookup } from './whyDns';
import { traceCause, traceFailed, traceOutcome } from './whyTrace';
import type { TryFixResult, WhyNot, WhyOutcome, WhySubject } from './whyTypes';

export type { TryFixResult, WhyNot, WhySubject } from './whyTypes';

const MAX_ROUNDS = 4;

function probe(sim: Simulation, s: Extract<WhySubject, { kind: 'trace' }>): Trace {
  return sim.trace(s.from, s.to, s.proto && s.proto !== 'icmp' ? { proto: s.proto, port: s.port } : {});
}

/** The subject of the last trace in the log (what the Outcome's "Why?" button explains). */
export function lastTraceSubject(sim: Simulation): WhySubject | undefined {
  for (let i = sim.actions.length - 1; i >= 0; i--) {
    const a = sim.actions[i];
    if (a.type === 'trace') return { kind: 'trace', from: a.from, to: a.to, ...(a.proto ? { proto: a.proto, port: a.port } : {}) };
  }
  return undefined;
}

const key = (a: Action): string => JSON.stringify(a);

function whyTrace(live: Simulation, subject: Extract<WhySubject, { kind: 'trace' }>): WhyNot {
  const copy = Simulation.replay(live.scenario, live.actions);
  const t = probe(copy, subject);
  const before = traceOutcome(t);
  if (!traceFailed(t)) return { subject, failed: false, cause: 'The packet was delivered and answered: nothing to explain.', before };
  const cause = traceCause(copy, t, subject);
  if (!cause) return { subject, failed: true, kind: 'other', cause: before.text, before, noFix: 'No single cause recognised: step through the trace to the drop.' };
  if (cause.fix) {
    // The same kind of block may wait further on (the other node's FORWARD, the reply's route): extend the fix until the packet gets through.
    const actions = [...cause.fix.actions];
    for (const a of actions) copy.apply(a);
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const again = probe(copy, subject);
      if (!traceFailed(again)) break;
      const next = traceCause(copy, again, subject);
      const more = next?.kind === cause.kind ? (next.fix?.actions ?? []).filter((a) => !actions.some((b) => key(a) === key(b))) : [];
      if (more.length === 0) break;
      for (const a of more) copy.apply(a);
      actions.push(...more);
    }
    cause.fix = { ...cause.fix, actions };
  }
  return { subject, failed: true, before, ...cause };
}

function whyPod(live: Simulation, subject: Extract<WhySubject, { kind: 'pod' }>): WhyNot {
  const [ns, name] = fullId(subject.pod).split('/');
  const pod = live.ctx.api.get<Pod>('Pod', ns, name);
  if (!pod) return { subject, failed: true, kind: 'other', cause: `There is no pod ${ns}/${name}.`, before: { ok: false, text: 'not found' } };
  if (pod.spec.nodeName && pod.status?.phase !== 'Running' && pod.status?.phase !== 'Succeeded') {
    const cause = sandboxCause(live, pod);
    if (cause) return { subject, failed: true, before: { ok: false, text: `${pod.status?.phase ?? 'Pending'} on ${pod.spec.nodeName}` }, ...cause };
  }
  if (pod.spec.nodeName) {
    const place = placement(live, subject.pod, subject.peer);
    return { subject, failed: false, cause: `Scheduled on ${pod.spec.nodeName}.`, before: { ok: true, text: `${pod.status?.phase ?? 'Pending'} on ${pod.spec.nodeName}` }, placement: place };
  }
  const cause = podCause(live, subject.pod);
  return { subject, failed: true, before: { ok: false, text: 'Pending: not scheduled' }, ...(cause ?? { kind: 'other', cause: 'Not scheduled yet.' }) };
}

function whyService(live: Simulation, subject: Extract<WhySubject, { kind: 'service' }>): WhyNot {
  const [ns, name] = fullId(subject.service).split('/');
  const svc = live.ctx.api.get<Service>('Service', ns, name);
  if (!svc) return { subject, failed: true, kind: 'other', cause: `There is no Service ${ns}/${name}.`, before: { ok: false, text: 'not found' } };
  const n = readyEndpoints(live, svc);
  const before = { ok: n > 0, text: `${n} ready endpoint${n === 1 ? '' : 's'}` };
  const cause = serviceCause(live, svc);
  return cause ? { subject, failed: true, before, ...cause } : { subject, failed: false, cause: n > 0 ? 'The Service has endpoints.' : 'The Service has no selector: its endpoints are managed by hand.', before };
}

function whyDns(live: Simulation, subject: Extract<WhySubject, { kind: 'dns' }>): WhyNot {
  const copy = Simulation.replay(live.scenario, live.actions);
  const { out, outcome: before } = nslookup(copy, subject.from, subject.name);
  if (before.ok) return { subject, failed: false, cause: `${subject.name} resolves.`, before };
  return { subject, failed: true, before, ...dnsCause(copy, subject.from, subject.name, out) };
}

/** Explains a subject against the live simulation without changing it. */
export function whyNot(live: Simulation, subject: WhySubject): WhyNot {
  if (subject.kind === 'trace') return whyTrace(live, subject);
  if (subject.kind === 'pod') return whyPod(live, subject);
  if (subject.kind === 'dns') return whyDns(live, subject);
  return whyService(live, subject);
}

function outcomeOn(sim: Simulation, subject: WhySubject, pod?: Pod): { out: WhyOutcome; steps?: string[] } {
  if (subject.kind === 'trace') {
    const t = probe(sim, subject);
    return { out: traceOutcome(t), steps: t.steps.map((s) => `${s.host} ${s.device ?? ''} ${s.summary}`) };
  }
  if (subject.kind === 'pod') {
    sim.sleep(5_000);
    if (pod?.spec.nodeName) {
      const now = sim.pods().filter((p) => p.metadata.namespace === pod.metadata.namespace && (p.metadata.name === pod.metadata.name || (familyPrefix(pod) && p.metadata.generateName?.startsWith(familyPrefix(pod)!))));
      const ok = now.length > 0 && now.every((p) => p.status?.phase === 'Running');
      return { out: { ok, text: ok ? 'Running' : `still ${now.map((p) => p.status?.phase ?? 'Pending').join(', ') || 'gone'}` } };
    }
    const ok = scheduled(sim, subject.pod, familyPrefix(pod));
    return { out: { ok, text: ok ? 'scheduled' : 'still Pending' } };
  }
  if (subject.kind === 'dns') return { out: nslookup(sim, subject.from, subject.name).outcome };
  const [ns, name] = fullId(subject.service).split('/');
  const svc = sim.ctx.api.get<Service>('Service', ns, name);
  const n = svc ? readyEndpoints(sim, svc) : 0;
  return { out: { ok: n > 0, text: `${n} ready endpoint${n === 1 ? '' : 's'}` } };
}

/** Applies a fix to a fresh copy of the scenario and log and reports the outcome there; the live state is untouched. */
export function tryFix(live: Simulation, why: WhyNot): TryFixResult {
  const liveHash = live.stateHash();
  if (!why.fix) throw new Error('there is no fix to try');
  const pod = why.subject.kind === 'pod' ? live.ctx.api.get<Pod>('Pod', ...(fullId(why.subject.pod).split('/') as [string, string])) : undefined;
  const copy = Simulation.replay(live.scenario, live.actions);
  for (const a of why.fix.actions) copy.apply(a);
  const { out, steps } = outcomeOn(copy, why.subject, pod);
  return { before: why.before, after: out, afterSteps: steps, liveHash, liveHashAfter: live.stateHash() };
}
