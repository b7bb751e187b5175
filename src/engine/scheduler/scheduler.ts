/**
 * kube-scheduler: watches pods without a node, runs every filter plugin on every node, scores
 * the nodes that pass (weighted sum), picks the highest (ties round robin) and binds the pod
 * through the apiserver. Each decision is kept so the UI can show why a pod went where.
 */
import type { Node, Pod } from '../api/types';
import { recordEvent, type SimContext } from '../sim/context';
import { isoAt } from '../sim/time';
import { DEFAULT_FILTERS } from './plugins/filters';
import { DEFAULT_SCORES } from './plugins/scores';
import type { NodeInfo, SchedulingDecision } from './types';

const ACTOR = 'kube-scheduler';
const CYCLE_MS = 2;

export class Scheduler {
  decisions: SchedulingDecision[] = [];
  private queue: string[] = [];
  private unschedulable = new Set<string>();
  private rr = 0;
  private busy = false;

  constructor(private readonly ctx: SimContext) {}

  start(): void {
    this.ctx.api.watch('Pod', ACTOR, (type, obj) => {
      const pod = obj as Pod;
      if (type === 'DELETED' || pod.spec.nodeName) return;
      this.enqueue(`${pod.metadata.namespace}/${pod.metadata.name}`);
    });
    // A node change (a new node, a removed taint) may make waiting pods schedulable.
    this.ctx.api.watch('Node', ACTOR, () => {
      for (const id of this.unschedulable) this.enqueue(id);
      this.unschedulable.clear();
    });
  }

  private enqueue(id: string): void {
    if (!this.queue.includes(id)) this.queue.push(id);
    if (!this.busy) {
      this.busy = true;
      this.ctx.clock.schedule(CYCLE_MS, ACTOR, () => this.cycle());
    }
  }

  private cycle(): void {
    const id = this.queue.shift();
    if (id) this.scheduleOne(id);
    if (this.queue.length > 0) this.ctx.clock.schedule(CYCLE_MS, ACTOR, () => this.cycle());
    else this.busy = false;
  }

  private nodeInfos(): NodeInfo[] {
    const pods = this.ctx.api.peekAll('Pod') as Pod[];
    return (this.ctx.api.peekAll('Node') as Node[])
      .slice()
      .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1))
      .map((node) => ({ node, pods: pods.filter((p) => p.spec.nodeName === node.metadata.name) }));
  }

  private scheduleOne(id: string): void {
    const [ns, name] = id.split('/');
    const pod = this.ctx.api.get<Pod>('Pod', ns, name);
    if (!pod || pod.spec.nodeName) return;
    const decision: SchedulingDecision = { pod: id, t: this.ctx.clock.now, nodes: [] };
    const feasible: { node: string; total: number }[] = [];
    for (const info of this.nodeInfos()) {
      const row: SchedulingDecision['nodes'][number] = { node: info.node.metadata.name, scores: {}, total: 0 };
      for (const f of DEFAULT_FILTERS) {
        const reason = f.filter(pod, info);
        if (reason) {
          row.rejectedBy = f.name;
          row.reason = reason;
          break;
        }
      }
      if (!row.rejectedBy) {
        for (const s of DEFAULT_SCORES) {
          const v = s.score(pod, info);
          row.scores[s.name] = v;
          row.total += v * s.weight;
        }
        feasible.push({ node: row.node, total: row.total });
      }
      decision.nodes.push(row);
    }
    if (feasible.length === 0) {
      decision.message = unschedulableMessage(decision);
      this.remember(decision);
      this.unschedulable.add(id);
      pod.status = { ...(pod.status ?? { phase: 'Pending' }), phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: decision.message, lastTransitionTime: isoAt(this.ctx.clock.now) }] };
      this.ctx.api.update(pod, ACTOR, 'status');
      recordEvent(this.ctx, pod, 'Warning', 'FailedScheduling', decision.message, 'default-scheduler');
      return;
    }
    const best = Math.max(...feasible.map((f) => f.total));
    const tied = feasible.filter((f) => f.total === best);
    const chosen = tied[this.rr++ % tied.length].node;
    decision.chosen = chosen;
    this.remember(decision);
    pod.spec.nodeName = chosen;
    pod.status = { ...(pod.status ?? { phase: 'Pending' }), phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'True', lastTransitionTime: isoAt(this.ctx.clock.now) }] };
    this.ctx.api.update(pod, ACTOR, 'binding');
    recordEvent(this.ctx, pod, 'Normal', 'Scheduled', `Successfully assigned ${id} to ${chosen}`, 'default-scheduler');
  }

  private remember(d: SchedulingDecision): void {
    this.decisions.push(d);
    if (this.decisions.length > 200) this.decisions.shift();
  }
}

/** "0/3 nodes are available: 1 node(s) had untolerated taint {...}, 2 Insufficient cpu." */
export function unschedulableMessage(d: SchedulingDecision): string {
  const counts = new Map<string, number>();
  for (const n of d.nodes) if (n.reason) counts.set(n.reason, (counts.get(n.reason) ?? 0) + 1);
  const parts = [...counts.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([r, c]) => `${c} ${r}`);
  const total = d.nodes.length;
  return `0/${total} nodes are available: ${parts.join(', ')}. preemption: 0/${total} nodes are available: ${total} Preemption is not helpful for scheduling.`;
}
