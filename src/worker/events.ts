/** Kubernetes Events as rows of `kubectl get events` (LAST SEEN, TYPE, REASON, OBJECT, MESSAGE) for the events timeline. */
import type { KubeEvent } from '../engine/api/types';
import { sortEvents } from '../engine/shell/kubectl/printers';
import { ageOf } from '../engine/shell/kubectl/context';
import { simMsOf } from '../engine/sim/time';
import type { EventRow } from './protocol';

export function eventRows(events: readonly KubeEvent[], now: number): EventRow[] {
  return sortEvents([...events]).map((e) => ({
    namespace: e.metadata.namespace ?? 'default',
    name: e.metadata.name,
    lastSeen: ageOf(now, e.lastTimestamp),
    type: e.type,
    reason: e.reason,
    object: `${e.involvedObject.kind.toLowerCase()}/${e.involvedObject.name}`,
    involved: { kind: e.involvedObject.kind, namespace: e.involvedObject.namespace, name: e.involvedObject.name },
    message: e.message,
    count: e.count,
    first: simMsOf(e.firstTimestamp),
    last: simMsOf(e.lastTimestamp),
    source: e.source.host ? `${e.source.component}, ${e.source.host}` : e.source.component,
  }));
}
