/** Lesson "Namespaces and contexts": kubeconfig contexts, a default namespace, the same name twice, REST paths. */
import { parse } from 'yaml';
import type { Deployment } from '../engine/api/types';
import type { Simulation } from '../engine/sim/simulation';
import { KUBECONFIG, type KubeConfig } from '../engine/shell/kubectl/kubeconfig';
import type { Lesson } from './types';
import { commandsRun, ran, ranAfter } from './helpers';

const ADMIN = 'kubernetes-admin@kubernetes';

function kubeconfig(sim: Simulation): KubeConfig | undefined {
  const text = sim.ctx.hosts.get('control-plane')?.files[KUBECONFIG];
  try {
    return text ? (parse(text) as KubeConfig) : undefined;
  } catch {
    return undefined;
  }
}

function contextNamespace(sim: Simulation, name?: string): string | undefined {
  const cfg = kubeconfig(sim);
  return cfg?.contexts?.find((c) => c.name === (name ?? cfg['current-context']))?.context.namespace;
}

const SET_NS = /kubectl\s+config\s+set-context\b.*--namespace/;

export const namespacesContexts: Lesson = {
  id: 'namespaces-contexts',
  title: 'Namespaces and contexts',
  topic: 'Cluster architecture',
  summary: 'Namespaces as folders for objects, kubeconfig contexts and their default namespace, and every object as a REST path.',
  minutes: 8,
  steps: [
    {
      title: 'The namespaces',
      body:
        'A **namespace** groups objects, like a folder: names must be unique only within one. On `control-plane`:\n\n`kubectl get namespaces`\n\n`default` is where your objects go unless you say otherwise; `kube-system` holds the cluster\'s own components; `kube-node-lease` the nodes\' heartbeats.',
      hint: 'Short form: `kubectl get ns`.',
      highlight: 'terminal-panel',
      check: ({ sim }) =>
        ran(sim, 'control-plane', /kubectl\s+(?:.*\s)?get\s+(namespaces?|ns)\b/)
          ? { passed: true, message: `Here: ${sim.ctx.api.list('Namespace').map((n) => n.metadata.name).join(', ')}. default, kube-node-lease, kube-public and kube-system come with every cluster.` }
          : { passed: false, message: 'Run `kubectl get namespaces` on control-plane.' },
      showMe: () => ({ kind: 'exec', target: 'control-plane', command: 'kubectl get namespaces' }),
    },
    {
      title: 'The same name twice',
      body:
        'Make a namespace `dev` and a Deployment called **web** in it — `default` has a Deployment web already:\n\n`kubectl create namespace dev`\n`kubectl create deployment web --image=nginx:1.27 -n dev`\n\nThen `kubectl get deployments -A`: two objects named web, one per namespace.',
      hint: '-n (--namespace) picks the namespace for one command.',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        const web = sim.ctx.api.get<Deployment>('Deployment', 'dev', 'web');
        if (web) return { passed: true, message: 'deployment.apps/web exists in default and in dev: the namespace is part of its identity.' };
        if (sim.ctx.api.get('Namespace', undefined, 'dev')) return { passed: false, message: 'dev exists; now `kubectl create deployment web --image=nginx:1.27 -n dev`.' };
        return { passed: false, message: 'Run `kubectl create namespace dev` first.' };
      },
      showMe: () => ({ kind: 'script', target: 'control-plane', commands: ['kubectl create namespace dev', 'kubectl create deployment web --image=nginx:1.27 -n dev', 'kubectl get deployments -A'] }),
    },
    {
      title: 'Change the default namespace',
      body:
        'Typing `-n dev` every time is tedious. Make `dev` the default of your current **context**:\n\n`kubectl config set-context --current --namespace=dev`\n\nNow `kubectl get pods` lists dev\'s pods, without `-n`.',
      hint: 'Terminal target: control-plane.',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        const ns = contextNamespace(sim);
        if (ns === 'dev') return { passed: true, message: `The current context (${kubeconfig(sim)?.['current-context']}) now defaults to dev.` };
        if (ran(sim, undefined, /kubectl\s+config\s+set-context/)) return { passed: false, message: `The current context's namespace is ${ns ?? 'unset (default)'}: use --current --namespace=dev.` };
        return { passed: false, message: 'Run `kubectl config set-context --current --namespace=dev` on control-plane.' };
      },
      showMe: () => ({ kind: 'script', target: 'control-plane', commands: ['kubectl config set-context --current --namespace=dev', 'kubectl get pods'] }),
    },
    {
      title: 'Where that is stored',
      body:
        'kubectl keeps clusters, users and contexts in the **kubeconfig**, `$HOME/.kube/config`. Look at it:\n\n`cat ~/.kube/config`\n\nor, with the secrets hidden, `kubectl config view`. Your context got a `namespace: dev` line; nothing changed on the cluster.',
      hint: 'A context = cluster + user + namespace.',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        if (ranAfter(sim, 'control-plane', SET_NS, /cat\s+(~|\$HOME|\/root)\/\.kube\/config|kubectl\s+config\s+(view|get-contexts)/)) return { passed: true, message: `contexts: ${(kubeconfig(sim)?.contexts ?? []).map((c) => `${c.name} (namespace ${c.context.namespace ?? 'default'})`).join(', ')}.` };
        if (!commandsRun(sim).some((c) => SET_NS.test(c.command))) return { passed: false, message: 'Set the namespace of the context first (step 3).' };
        return { passed: false, message: 'Run `cat ~/.kube/config` (or `kubectl config view`) on control-plane.' };
      },
      showMe: () => ({ kind: 'exec', target: 'control-plane', command: 'kubectl config view' }),
    },
    {
      title: 'A context of your own',
      body:
        'Contexts let one kubeconfig switch between clusters, users or namespaces. Make one for the default namespace and switch to it:\n\n`kubectl config set-context admin-default --cluster=kubernetes --user=kubernetes-admin --namespace=default`\n`kubectl config use-context admin-default`\n\n`kubectl config get-contexts` marks the current one with `*`.',
      hint: 'use-context changes current-context in the file.',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        const cur = kubeconfig(sim)?.['current-context'];
        if (cur && cur !== ADMIN) return { passed: true, message: `current-context: ${cur} (namespace ${contextNamespace(sim) ?? 'default'}). \`kubectl config use-context ${ADMIN}\` switches back.` };
        if (kubeconfig(sim)?.contexts?.some((c) => c.name !== ADMIN)) return { passed: false, message: 'The context exists; now `kubectl config use-context` it.' };
        return { passed: false, message: 'Create a context with `kubectl config set-context NAME --cluster=kubernetes --user=kubernetes-admin --namespace=default`, then use-context it.' };
      },
      showMe: () => ({
        kind: 'script',
        target: 'control-plane',
        commands: ['kubectl config set-context admin-default --cluster=kubernetes --user=kubernetes-admin --namespace=default', 'kubectl config use-context admin-default', 'kubectl config get-contexts'],
      }),
    },
    {
      title: 'Every object is a REST path',
      body:
        'Under kubectl, each object has an HTTP path: `/api/v1/namespaces/<ns>/pods/<name>` for core objects, `/apis/<group>/<version>/namespaces/<ns>/<resource>/<name>` for the others. Fetch dev\'s web Deployment through `kubectl proxy`:\n\n`kubectl proxy &`\n`curl localhost:8001/apis/apps/v1/namespaces/dev/deployments/web`',
      hint: 'Deployments are in the apps group, version v1.',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        const curls = commandsRun(sim).filter((c) => c.target === 'control-plane' && /curl\b.*\/namespaces\/dev\//.test(c.command));
        if (curls.length > 0 && ran(sim, 'control-plane', /kubectl\s+proxy\b/)) return { passed: true, message: 'The namespace is part of the path: /apis/apps/v1/namespaces/dev/deployments/web is not default\'s web.' };
        if (ran(sim, undefined, /curl\b.*\/api/)) return { passed: false, message: 'Curl a path in the dev namespace: /apis/apps/v1/namespaces/dev/deployments/web (with kubectl proxy running on control-plane).' };
        return { passed: false, message: 'Run `kubectl proxy &`, then curl localhost:8001/apis/apps/v1/namespaces/dev/deployments/web on control-plane.' };
      },
      showMe: () => ({ kind: 'script', target: 'control-plane', commands: ['kubectl proxy &', 'curl -s localhost:8001/apis/apps/v1/namespaces/dev/deployments/web | head -12'] }),
    },
  ],
};
