/** A WhyNot as plain text lines (the CLI's --why, and lesson authors' checks). */
import type { Action } from '../scenario/types';
import type { TryFixResult, WhyNot } from './whyTypes';

/** An action as the learner would perform it: `target# command`, a manifest, or a wait. */
export function actionText(a: Action): string {
  if (a.type === 'exec') return `${a.target}# ${a.command}`;
  if (a.type === 'apply') return `kubectl apply -f - <<EOF\n${a.manifest}\nEOF`;
  if (a.type === 'sleep') return `# wait ${a.ms / 1000} s`;
  return `# trace ${a.from} → ${a.to}`;
}

export function formatWhy(w: WhyNot, tried?: TryFixResult): string[] {
  const out = [`why: ${w.cause}`];
  if (w.kind) out.push(`cause: ${w.kind}`);
  if (w.evidence) out.push(`evidence: ${w.evidence.target}# ${w.evidence.command}`, `  ${w.evidence.line}`);
  for (const d of w.details ?? []) out.push(`  - ${d}`);
  if (w.fix) {
    out.push(`fix: ${w.fix.summary}`);
    for (const a of w.fix.actions) out.push(...actionText(a).split('\n').map((l) => `  ${l}`));
    for (const alt of w.fix.alternatives ?? []) out.push(`  (or: ${alt})`);
  }
  if (w.noFix) out.push(`no fix: ${w.noFix}`);
  if (w.placement) {
    const p = w.placement;
    out.push(`placement: ${p.pod} on ${p.node}, IP ${p.podIP}, ${p.ipamBlock ? 'Calico IPAM block' : 'podCIDR'} ${p.podCIDR ?? '—'}`);
    for (const r of p.routes) out.push(`  ${r.node}: ${r.route}`);
    if (p.peer) out.push(`  ${p.peer.line}`);
  }
  if (tried) out.push(`on a copy: before: ${tried.before.text}`, `on a copy: after the fix: ${tried.after.text}`);
  return out;
}
