/**
 * client-go's workqueue, as kube-controller-manager's controllers use it: an event handler only
 * adds the object's key, and a key added again while it still waits is not added twice. The
 * sync runs after the events already due at this instant, so a burst (a ReplicaSet's 10,000
 * new pods, their watch events all delivered together) is one sync, not one per event.
 */
import type { SimContext } from '../sim/context';

export type Enqueue = (ns: string, name: string) => void;

export function workQueue(ctx: SimContext, actor: string, sync: (ns: string, name: string) => void): Enqueue {
  const waiting = new Set<string>();
  return (ns, name) => {
    const key = `${ns}/${name}`;
    if (waiting.has(key)) return;
    waiting.add(key);
    ctx.clock.schedule(0, actor, () => {
      waiting.delete(key);
      sync(ns, name);
    });
  };
}
