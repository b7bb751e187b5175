/**
 * The container runtime behind CRI (containerd or CRI-O): pod sandboxes (each holding the
 * pod's network namespace, set up through CNI), image pulls and containers. The kubelet
 * drives it; `crictl pods` / `crictl ps` read it.
 */
import type { Prng } from '../sim/prng';

export interface Sandbox {
  id: string;
  podUid: string;
  namespace: string;
  name: string;
  netns: string;
  state: 'SANDBOX_READY' | 'SANDBOX_NOTREADY';
  createdAt: number;
  ip?: string;
  /** The pause container that holds the namespaces (its image is the sandbox image). */
  pauseImage?: string;
  pausePid?: number;
  /** Files written in the pod: `c:<container>:<path>` (a container's layer, null = removed) and `v:<volume>:<path>` (emptyDir). */
  fs?: Record<string, string | null>;
}

export interface RuntimeContainer {
  id: string;
  sandboxId: string;
  name: string;
  image: string;
  state: 'CONTAINER_CREATED' | 'CONTAINER_RUNNING' | 'CONTAINER_EXITED';
  createdAt: number;
  /** Restart count (crictl's ATTEMPT). */
  attempt?: number;
  /** What the process printed when it failed at start (a bind error): `kubectl logs` shows it. */
  log?: string[];
}

/** The sandbox ("pause") image, as kubeadm 1.34 configures containerd/CRI-O. */
export const PAUSE_IMAGE = 'registry.k8s.io/pause:3.10.1';

export const RUNTIME_VERSION: Record<'containerd' | 'cri-o', string> = {
  containerd: 'containerd://2.1.4',
  'cri-o': 'cri-o://1.34.1',
};

export class ContainerRuntime {
  sandboxes: Sandbox[] = [];
  containers: RuntimeContainer[] = [];
  /** Images already on the node: a second pod with the same image starts without a pull. */
  images: string[] = [];
  /** Moves whenever any node's image list may change (a pull, a new runtime): the scheduler recounts which nodes hold an image only then. */
  static imageWrites = 0;

  constructor(
    readonly kind: 'containerd' | 'cri-o',
    private readonly prng: Prng,
  ) {
    ContainerRuntime.imageWrites++;
  }

  newSandbox(podUid: string, namespace: string, name: string, now: number): Sandbox {
    const id = this.prng.hex(32);
    const sb: Sandbox = {
      id,
      podUid,
      namespace,
      name,
      netns: `cni-${uuidLike(this.prng)}`,
      state: 'SANDBOX_NOTREADY',
      createdAt: now,
      pauseImage: PAUSE_IMAGE,
      // Derived from the id, so adding it draws nothing more from the seeded PRNG.
      pausePid: 1000 + (parseInt(id.slice(0, 4), 16) % 60000),
    };
    this.sandboxes.push(sb);
    return sb;
  }

  hasImage(image: string): boolean {
    return this.images.includes(normaliseImage(image));
  }

  addImage(image: string): void {
    const n = normaliseImage(image);
    if (this.images.includes(n)) return;
    this.images.push(n);
    ContainerRuntime.imageWrites++;
  }

  addContainer(sandboxId: string, name: string, image: string, now: number, attempt = 0): RuntimeContainer {
    const c: RuntimeContainer = { id: this.prng.hex(32), sandboxId, name, image: normaliseImage(image), state: 'CONTAINER_CREATED', createdAt: now, ...(attempt ? { attempt } : {}) };
    this.containers.push(c);
    return c;
  }

  removeSandbox(id: string): void {
    this.sandboxes = this.sandboxes.filter((s) => s.id !== id);
    this.containers = this.containers.filter((c) => c.sandboxId !== id);
  }
}

/** docker.io/library/nginx:latest, the way the runtime records an image reference. */
export function normaliseImage(image: string): string {
  let ref = image.trim();
  if (!/[:@]/.test(ref.split('/').pop() ?? '')) ref += ':latest';
  const first = ref.split('/')[0];
  if (!ref.includes('/')) ref = `docker.io/library/${ref}`;
  else if (!first.includes('.') && !first.includes(':') && first !== 'localhost') ref = `docker.io/${ref}`;
  return ref;
}

function uuidLike(prng: Prng): string {
  const h = prng.hex(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}
