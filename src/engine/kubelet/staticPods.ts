/**
 * Static pods: the kubelet runs every pod manifest in its staticPodPath
 * (/etc/kubernetes/manifests) on its own and posts a mirror pod `<name>-<node>` so the API
 * shows it. Removing the file stops the pod (the mirror pod goes away); putting it back
 * starts it again; deleting the mirror pod only makes the kubelet post it again.
 */
import type { Node, Pod } from '../api/types';
import { parseManifests } from '../api/manifest';
import type { SimContext } from '../sim/context';
import { fnv1a64 } from '../sim/hash';
import { isoAt } from '../sim/time';

export const STATIC_POD_PATH = '/etc/kubernetes/manifests/';
export const MIRROR_ANNOTATION = 'kubernetes.io/config.mirror';

export function isMirrorPod(p: Pod): boolean {
  return p.metadata.annotations?.[MIRROR_ANNOTATION] !== undefined;
}

/** The pods the manifests in staticPodPath describe, as mirror pods of this node. */
function wantedPods(ctx: SimContext, node: Node): Map<string, Pod> {
  const host = ctx.hosts.get(node.metadata.name)!;
  const out = new Map<string, Pod>();
  for (const [path, text] of Object.entries(host.files).sort(([a], [b]) => a.localeCompare(b))) {
    const file = path.slice(STATIC_POD_PATH.length);
    if (!path.startsWith(STATIC_POD_PATH) || file.includes('/') || file.startsWith('.') || !/\.(ya?ml|json)$/.test(file)) continue;
    let docs;
    try {
      docs = parseManifests(text);
    } catch {
      continue; // the real kubelet logs "Could not process manifest file" and skips it
    }
    const hash = fnv1a64(text) + fnv1a64(`${path}\n${text}`);
    for (const doc of docs) {
      if (doc.kind !== 'Pod') continue;
      const pod = structuredClone(doc) as Pod;
      const name = `${pod.metadata.name}-${node.metadata.name}`;
      pod.metadata = {
        ...pod.metadata,
        name,
        namespace: pod.metadata.namespace ?? 'default',
        annotations: {
          ...(pod.metadata.annotations ?? {}),
          'kubernetes.io/config.hash': hash,
          [MIRROR_ANNOTATION]: hash,
          'kubernetes.io/config.seen': isoAt(ctx.clock.now).replace('Z', '.000000000Z'),
          'kubernetes.io/config.source': 'file',
        },
        ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: node.metadata.name, uid: node.metadata.uid!, controller: true }],
      };
      pod.spec.nodeName = node.metadata.name;
      pod.spec.tolerations ??= [{ operator: 'Exists', effect: 'NoExecute' }];
      out.set(`${pod.metadata.namespace}/${name}`, pod);
    }
  }
  return out;
}

/** Brings the mirror pods of a node in line with its staticPodPath. */
export function syncStaticPods(ctx: SimContext, nodeName: string, actor: string): void {
  const node = ctx.api.get<Node>('Node', undefined, nodeName);
  if (!node) return;
  const wanted = wantedPods(ctx, node);
  // The node's pods from the apiserver's nodeName index (in store order, as a scan gives them): not a scan of every pod per node every 10 s.
  const mirrors = ctx.api.peekPodsOn(nodeName).filter(isMirrorPod);
  const have = new Set<string>();
  for (const p of mirrors) {
    const id = `${p.metadata.namespace}/${p.metadata.name}`;
    have.add(id);
    const want = wanted.get(id);
    const changed = !want || want.metadata.annotations![MIRROR_ANNOTATION] !== p.metadata.annotations![MIRROR_ANNOTATION];
    if (changed && !p.metadata.deletionTimestamp) ctx.api.delete('Pod', p.metadata.namespace, p.metadata.name, actor);
  }
  for (const [id, pod] of wanted) {
    if (have.has(id) || !ctx.api.get('Namespace', undefined, pod.metadata.namespace!)) continue;
    try {
      ctx.api.create<Pod>(pod, actor);
    } catch {
      // e.g. the old mirror pod is still terminating: the next sync posts it
    }
  }
}
