/**
 * The scheduling queue's unschedulablePods: pods that fit nowhere wait here for a cluster
 * event that may let them in (a node added or changed, a pod leaving, a claim bound). One
 * that waits longer than podMaxInUnschedulablePodsDuration (5 minutes) is tried again
 * anyway — flushUnschedulablePodsLeftover runs every 30 s — so a stuck pod's FailedScheduling
 * Event counts up (x2 over 5m …) as on a real cluster.
 */
export const MAX_IN_UNSCHEDULABLE_MS = 5 * 60_000;
export const FLUSH_PERIOD_MS = 30_000;

export class UnschedulablePods {
  /** Pod id → its priority and when it was last found unschedulable. */
  private pods = new Map<string, { prio: number; since: number }>();

  has(id: string): boolean {
    return this.pods.has(id);
  }

  add(id: string, prio: number, now: number): void {
    this.pods.set(id, { prio, since: now });
  }

  clear(): void {
    this.pods.clear();
  }

  /** A cluster event: every waiting pod goes back to the active queue (`requeue`). */
  moveAll(requeue: (id: string, prio: number) => void): void {
    const all = [...this.pods];
    this.pods.clear();
    for (const [id, { prio }] of all) requeue(id, prio);
  }

  /** The periodic flush: pods waiting more than MAX_IN_UNSCHEDULABLE_MS go back to the active queue. */
  flushLeftover(now: number, requeue: (id: string, prio: number) => void): void {
    for (const [id, { prio, since }] of this.pods) {
      if (now - since <= MAX_IN_UNSCHEDULABLE_MS) continue;
      this.pods.delete(id);
      requeue(id, prio);
    }
  }
}
