/**
 * Kubernetes API objects as JSON, with the fields the simulation reads. Shapes and field
 * names follow the real API (core/v1, apps/v1) so `-o yaml` output carries to a real cluster.
 * The definitions live in ./types/ by API area; this barrel re-exports them and holds the
 * KubeObject union, so importers need only '.../api/types'.
 */
export * from './types/meta';
export * from './types/pod';
export * from './types/node';
export * from './types/workloads';
export * from './types/networking';
export * from './types/config';
export * from './types/rbac';

import type { Pod } from './types/pod';
import type { Lease, Node } from './types/node';
import type { DaemonSet, Deployment, ReplicaSet } from './types/workloads';
import type { EndpointSlice, Endpoints, NetworkPolicy, Service } from './types/networking';
import type { ConfigMap, KubeEvent, LimitRange, Namespace, PriorityClass, ResourceQuota, Secret } from './types/config';
import type { ClusterRole, ClusterRoleBinding, ServiceAccount } from './types/rbac';

import type { Ingress, IngressClass } from '../ingress/types';
export type { Ingress, IngressClass } from '../ingress/types';

import type { HorizontalPodAutoscaler, PodDisruptionBudget } from './scaling';
export type { HorizontalPodAutoscaler, PodDisruptionBudget } from './scaling';

import type { PersistentVolume, PersistentVolumeClaim, StorageClass } from './storage';
export type { PersistentVolume, PersistentVolumeClaim, StorageClass } from './storage';

export type KubeObject =
  | PersistentVolume
  | PersistentVolumeClaim
  | StorageClass
  | HorizontalPodAutoscaler
  | PodDisruptionBudget
  | Ingress
  | IngressClass
  | NetworkPolicy
  | ServiceAccount
  | ClusterRole
  | ClusterRoleBinding
  | Pod
  | Node
  | Deployment
  | ReplicaSet
  | Namespace
  | KubeEvent
  | DaemonSet
  | Service
  | Endpoints
  | EndpointSlice
  | ConfigMap
  | Secret
  | ResourceQuota
  | LimitRange
  | PriorityClass
  | Lease;
export type Kind = KubeObject['kind'];
