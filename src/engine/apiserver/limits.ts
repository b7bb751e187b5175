// The playground's own object and pod caps (not Kubernetes'): tuned with the Scale tab and benches, apart from the request path.
import type { KubeObject } from '../api/types';
import { ApiError } from './errors';

/**
 * The playground's own safety limits (not Kubernetes'): the Scale tab's biggest cluster — 1,000
 * nodes (scenario LIMITS), 10,000 replicas besides kube-proxy and flannel on every node — and the
 * Events its pods leave (about five each), and no more: past that a browser tab's worker runs
 * out of memory or stops answering for minutes rather than refusing.
 */
export const PLAYGROUND_LIMITS = { objects: 100_000, pods: 12_500 };

/**
 * What each Kubemark hollow node adds to those limits: Kubernetes' envelope is 150,000 pods on
 * 5,000 nodes, 30 a node, and a hollow pod costs a few KB (no sandbox, no network namespace).
 * Its objects: the pod and its Events (about six), the Node, its Lease and theirs.
 */
export const HOLLOW_NODE_ALLOWANCE = { objects: 200, pods: 30 };

export function playgroundPodLimit(hollowNodes: number): number {
  return PLAYGROUND_LIMITS.pods + HOLLOW_NODE_ALLOWANCE.pods * hollowNodes;
}

export function playgroundObjectLimit(hollowNodes: number): number {
  return PLAYGROUND_LIMITS.objects + HOLLOW_NODE_ALLOWANCE.objects * hollowNodes;
}

/**
 * The playground's own limits (not Kubernetes'): enough for every lesson and far past a
 * laptop cluster, refused with a message that says so rather than freezing the page.
 * `objects` and `pods` are how many the store holds now.
 */
export function admitPlaygroundLimits(obj: KubeObject, objects: number, pods: number, hollowNodes: number): void {
  if (objects >= playgroundObjectLimit(hollowNodes)) {
    throw new ApiError(403, 'Forbidden', `the playground holds at most ${playgroundObjectLimit(hollowNodes)} objects; delete some before creating ${obj.kind.toLowerCase()} "${obj.metadata.name}"`);
  }
  if (obj.kind === 'Pod' && pods >= playgroundPodLimit(hollowNodes)) {
    throw new ApiError(403, 'Forbidden', `pods "${obj.metadata.name}" is forbidden: the playground runs at most ${playgroundPodLimit(hollowNodes)} pods`);
  }
}
