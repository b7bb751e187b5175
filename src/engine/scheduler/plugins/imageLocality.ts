/**
 * ImageLocality: prefers nodes that already have the pod's images. Each present image counts
 * its size scaled by how many nodes have it (spread = nodes with it / all nodes); the sum is
 * clamped between 23 MB and 1000 MB per container and mapped onto 0..100.
 */
import type { Pod } from '../../api/types';
import type { CycleState, NodeInfo, ScorePlugin } from '../types';
import { MAX_NODE_SCORE } from '../types';
import { ContainerRuntime, normaliseImage } from '../../runtime/runtime';
import { imageSize } from '../../runtime/images';

const MB = 1024 * 1024;
const MIN_THRESHOLD = 23 * MB;
const MAX_CONTAINER_THRESHOLD = 1000 * MB;

/**
 * ImageStateSummary.NumNodes: how many nodes hold an image. Kept per node list (the cache's,
 * replaced when a node comes or goes) until an image is pulled anywhere, as kube-scheduler's
 * cache keeps imageStates: a count per pod would scan every node for every pod scheduled.
 */
interface SpreadMemo {
  writes: number;
  counts: Map<string, number>;
  /** Per image list (and maxSum) a token: a node's score is kept with the token it was computed for. */
  tokens: Map<string, object>;
}
const spreadMemo = new WeakMap<readonly NodeInfo[], SpreadMemo>();
function memoOf(state: CycleState): SpreadMemo {
  let memo = spreadMemo.get(state.nodes);
  if (!memo || memo.writes !== ContainerRuntime.imageWrites) spreadMemo.set(state.nodes, (memo = { writes: ContainerRuntime.imageWrites, counts: new Map(), tokens: new Map() }));
  return memo;
}
function nodesWithImage(state: CycleState, ref: string): number {
  const memo = memoOf(state);
  let n = memo.counts.get(ref);
  if (n === undefined) memo.counts.set(ref, (n = state.nodes.filter((x) => x.images.includes(ref)).length));
  return n;
}

// Sizes are a pure function of the (normalised) reference: look each one up once.
const sizes = new Map<string, number>();
function sizeOf(ref: string): number {
  let s = sizes.get(ref);
  if (s === undefined) {
    if (sizes.size > 1000) sizes.clear();
    sizes.set(ref, (s = imageSize(ref)));
  }
  return s;
}

// Pods of one Deployment name the same images: normalise each string once.
const refs = new Map<string, string>();
function normalised(image: string): string {
  let r = refs.get(image);
  if (r === undefined) {
    if (refs.size > 1000) refs.clear();
    refs.set(image, (r = normaliseImage(image)));
  }
  return r;
}

// The pod being scheduled is asked about once per node: remember the last one's references.
let lastPod: Pod | undefined;
let lastRefs: string[] = [];
let lastKey = '';
function imageRefs(pod: Pod): string[] {
  if (pod !== lastPod) {
    lastRefs = [...pod.spec.containers, ...(pod.spec.initContainers ?? [])].map((c) => normalised(c.image));
    lastKey = lastRefs.join('\n');
    lastPod = pod;
  }
  return lastRefs;
}

/**
 * What a node's score depends on besides the node: the node list and every node's images (the
 * memo), the pod's image references and maxSum. While those stay, a node keeps its score: the
 * pods of one Deployment (the same images) each score it once, not once per pod.
 */
function tokenFor(state: CycleState, pod: Pod): object {
  imageRefs(pod);
  const tokens = memoOf(state).tokens;
  const key = `${maxSum(pod)}\n${lastKey}`;
  let t = tokens.get(key);
  if (!t) tokens.set(key, (t = {}));
  return t;
}

function cachedScore(refs: readonly string[], max: number, info: NodeInfo, state: CycleState, token: object): number {
  if (info.imageScoreFor === token) return info.imageScore!;
  const score = imageScore(refs, max, info, state);
  info.imageScoreFor = token;
  info.imageScore = score;
  return score;
}

/** The most a pod's images can add up to: MAX_CONTAINER_THRESHOLD per container. */
const maxSum = (pod: Pod): number => MAX_CONTAINER_THRESHOLD * (pod.spec.containers.length + (pod.spec.initContainers?.length ?? 0));

/** One node's score, from what depends only on the pod (its image references, maxSum), taken once per cycle. */
function imageScore(refs: readonly string[], max: number, info: NodeInfo, state: CycleState): number {
  const images = info.images;
  let sum = 0;
  if (images.length > 0) {
    const total = state.nodes.length;
    for (let i = 0; i < refs.length; i++) {
      const ref = refs[i];
      if (!images.includes(ref)) continue;
      const spread = nodesWithImage(state, ref) / total;
      sum += Math.trunc(sizeOf(ref) * spread);
    }
  }
  const clamped = Math.min(Math.max(sum, MIN_THRESHOLD), max);
  return Math.trunc((MAX_NODE_SCORE * (clamped - MIN_THRESHOLD)) / (max - MIN_THRESHOLD));
}

export const imageLocality: ScorePlugin = {
  name: 'ImageLocality',
  weight: 1,
  score: (pod, info, state) => {
    const token = tokenFor(state, pod);
    return cachedScore(imageRefs(pod), maxSum(pod), info, state, token);
  },
  scoreNodes: (pod, nodes, n, out, state) => {
    const token = tokenFor(state, pod);
    const refs = imageRefs(pod);
    const max = maxSum(pod);
    for (let i = 0; i < n; i++) out[i] = cachedScore(refs, max, nodes[i], state, token);
  },
};
