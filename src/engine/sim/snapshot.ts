/**
 * What the UI sees of the engine: a compact, serialisable picture of the cluster, sent from
 * the worker after every action. Panels read only this (and traces), never engine objects.
 */
import type { Message } from './messages';

export interface PodView {
  namespace: string;
  name: string;
  /** namespace/name: the id used everywhere in the UI and in trace steps. */
  id: string;
  node?: string;
  ip?: string;
  phase: string;
  /** kubectl's STATUS column (Running, ContainerCreating, Pending ...). */
  status: string;
  ready: string;
  app?: string;
  images: string[];
  /** Host-side veth name on the node, and the pod's netns id. */
  hostVeth?: string;
  netns?: string;
}

export interface NodeView {
  name: string;
  role: 'control-plane' | 'worker';
  ready: boolean;
  internalIP: string;
  podCIDR?: string;
  runtime: string;
  kubeletVersion: string;
  /** flannel's VTEP on this node (flannel.1), if any. */
  vtep?: { dev: string; mac: string; address: string };
  bridge?: { dev: string; address: string };
}

export interface Snapshot {
  /** Simulated time in ms. */
  time: number;
  clusterName: string;
  podCIDR: string;
  serviceCIDR: string;
  cni: string;
  nodes: NodeView[];
  pods: PodView[];
  /** Recent control-plane messages, oldest first. */
  messages: Message[];
  /** How many actions the log holds. */
  actionCount: number;
  /** Fingerprint of the whole engine state. */
  hash: string;
}
