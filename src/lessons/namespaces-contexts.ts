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
          ? { passed: true, message: { en: `Here: ${sim.ctx.api.list('Namespace').map((n) => n.metadata.name).join(', ')}. default, kube-node-lease, kube-public and kube-system come with every cluster.`, de: `Hier: ${sim.ctx.api.list('Namespace').map((n) => n.metadata.name).join(', ')}. default, kube-node-lease, kube-public und kube-system bringt jeder Cluster mit.` } }
          : { passed: false, message: { en: 'Run `kubectl get namespaces` on control-plane.', de: 'Führ `kubectl get namespaces` auf control-plane aus.' } },
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
        if (web) return { passed: true, message: { en: 'deployment.apps/web exists in default and in dev: the namespace is part of its identity.', de: 'deployment.apps/web gibt es in default und in dev: Der Namespace gehört zu seiner Identität.' } };
        if (sim.ctx.api.get('Namespace', undefined, 'dev')) return { passed: false, message: { en: 'dev exists; now `kubectl create deployment web --image=nginx:1.27 -n dev`.', de: 'dev existiert; jetzt `kubectl create deployment web --image=nginx:1.27 -n dev`.' } };
        return { passed: false, message: { en: 'Run `kubectl create namespace dev` first.', de: 'Führ zuerst `kubectl create namespace dev` aus.' } };
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
        if (ns === 'dev') return { passed: true, message: { en: `The current context (${kubeconfig(sim)?.['current-context']}) now defaults to dev.`, de: `Der aktuelle Context (${kubeconfig(sim)?.['current-context']}) verwendet jetzt standardmäßig dev.` } };
        if (ran(sim, undefined, /kubectl\s+config\s+set-context/)) return { passed: false, message: { en: `The current context's namespace is ${ns ?? 'unset (default)'}: use --current --namespace=dev.`, de: `Der Namespace des aktuellen Context ist ${ns ?? 'nicht gesetzt (default)'}: Nimm --current --namespace=dev.` } };
        return { passed: false, message: { en: 'Run `kubectl config set-context --current --namespace=dev` on control-plane.', de: 'Führ `kubectl config set-context --current --namespace=dev` auf control-plane aus.' } };
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
        if (ranAfter(sim, 'control-plane', SET_NS, /cat\s+(~|\$HOME|\/root)\/\.kube\/config|kubectl\s+config\s+(view|get-contexts)/)) return { passed: true, message: { en: `contexts: ${(kubeconfig(sim)?.contexts ?? []).map((c) => `${c.name} (namespace ${c.context.namespace ?? 'default'})`).join(', ')}.`, de: `Contexts: ${(kubeconfig(sim)?.contexts ?? []).map((c) => `${c.name} (Namespace ${c.context.namespace ?? 'default'})`).join(', ')}.` } };
        if (!commandsRun(sim).some((c) => SET_NS.test(c.command))) return { passed: false, message: { en: 'Set the namespace of the context first (step 3).', de: 'Setz zuerst den Namespace des Context (Schritt 3).' } };
        return { passed: false, message: { en: 'Run `cat ~/.kube/config` (or `kubectl config view`) on control-plane.', de: 'Führ `cat ~/.kube/config` (oder `kubectl config view`) auf control-plane aus.' } };
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
        if (cur && cur !== ADMIN) return { passed: true, message: { en: `current-context: ${cur} (namespace ${contextNamespace(sim) ?? 'default'}). \`kubectl config use-context ${ADMIN}\` switches back.`, de: `current-context: ${cur} (Namespace ${contextNamespace(sim) ?? 'default'}). \`kubectl config use-context ${ADMIN}\` schaltet zurück.` } };
        if (kubeconfig(sim)?.contexts?.some((c) => c.name !== ADMIN)) return { passed: false, message: { en: 'The context exists; now `kubectl config use-context` it.', de: 'Den Context gibt es; jetzt aktivier ihn mit `kubectl config use-context`.' } };
        return { passed: false, message: { en: 'Create a context with `kubectl config set-context NAME --cluster=kubernetes --user=kubernetes-admin --namespace=default`, then use-context it.', de: 'Leg einen Context mit `kubectl config set-context NAME --cluster=kubernetes --user=kubernetes-admin --namespace=default` an und aktivier ihn dann mit use-context.' } };
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
        if (curls.length > 0 && ran(sim, 'control-plane', /kubectl\s+proxy\b/)) return { passed: true, message: { en: 'The namespace is part of the path: /apis/apps/v1/namespaces/dev/deployments/web is not default\'s web.', de: 'Der Namespace ist Teil des Pfads: /apis/apps/v1/namespaces/dev/deployments/web ist nicht das web aus default.' } };
        if (ran(sim, undefined, /curl\b.*\/api/)) return { passed: false, message: { en: 'Curl a path in the dev namespace: /apis/apps/v1/namespaces/dev/deployments/web (with kubectl proxy running on control-plane).', de: 'Ruf mit curl einen Pfad im Namespace dev ab: /apis/apps/v1/namespaces/dev/deployments/web (während kubectl proxy auf control-plane läuft).' } };
        return { passed: false, message: { en: 'Run `kubectl proxy &`, then curl localhost:8001/apis/apps/v1/namespaces/dev/deployments/web on control-plane.', de: 'Führ `kubectl proxy &` aus, dann curl localhost:8001/apis/apps/v1/namespaces/dev/deployments/web auf control-plane.' } };
      },
      showMe: () => ({ kind: 'script', target: 'control-plane', commands: ['kubectl proxy &', 'curl -s localhost:8001/apis/apps/v1/namespaces/dev/deployments/web | head -12'] }),
    },
  ],  de: {
    title: 'Namespaces und Contexts',
    topic: 'Cluster-Architektur',
    summary: 'Namespaces als Ordner für Objekte, kubeconfig-Contexts und ihr Default-Namespace, und jedes Objekt als REST-Pfad.',
    steps: [
      {
        title: 'Die Namespaces',
        body:
          'Ein **Namespace** gruppiert Objekte wie ein Ordner: Namen müssen nur innerhalb eines Namespace eindeutig sein. Auf `control-plane`:\n\n`kubectl get namespaces`\n\nIn `default` landen deine Objekte, wenn du nichts anderes sagst; `kube-system` enthält die Komponenten des Clusters selbst; `kube-node-lease` die Heartbeats der Nodes.',
        hint: 'Kurzform: `kubectl get ns`.',
      },
      {
        title: 'Derselbe Name zweimal',
        body:
          'Leg einen Namespace `dev` an und darin ein Deployment namens **web** — `default` hat schon ein Deployment web:\n\n`kubectl create namespace dev`\n`kubectl create deployment web --image=nginx:1.27 -n dev`\n\nDann `kubectl get deployments -A`: zwei Objekte namens web, eins pro Namespace.',
        hint: '-n (--namespace) wählt den Namespace für einen einzelnen Befehl.',
      },
      {
        title: 'Den Default-Namespace ändern',
        body:
          'Jedes Mal `-n dev` zu tippen ist mühsam. Mach `dev` zum Default deines aktuellen **Context**:\n\n`kubectl config set-context --current --namespace=dev`\n\nJetzt listet `kubectl get pods` die Pods von dev, ohne `-n`.',
        hint: 'Terminal-Ziel: control-plane.',
      },
      {
        title: 'Wo das gespeichert ist',
        body:
          'kubectl hält Cluster, User und Contexts in der **kubeconfig**, `$HOME/.kube/config`. Schau sie dir an:\n\n`cat ~/.kube/config`\n\noder, mit versteckten Secrets, `kubectl config view`. Dein Context hat eine Zeile `namespace: dev` bekommen; am Cluster hat sich nichts geändert.',
        hint: 'Ein Context = Cluster + User + Namespace.',
      },
      {
        title: 'Ein eigener Context',
        body:
          'Mit Contexts wechselt eine kubeconfig zwischen Clustern, Usern oder Namespaces. Leg einen für den Namespace default an und wechsle dorthin:\n\n`kubectl config set-context admin-default --cluster=kubernetes --user=kubernetes-admin --namespace=default`\n`kubectl config use-context admin-default`\n\n`kubectl config get-contexts` markiert den aktuellen mit `*`.',
        hint: 'use-context ändert current-context in der Datei.',
      },
      {
        title: 'Jedes Objekt ist ein REST-Pfad',
        body:
          'Unter kubectl hat jedes Objekt einen HTTP-Pfad: `/api/v1/namespaces/<ns>/pods/<name>` für Core-Objekte, `/apis/<group>/<version>/namespaces/<ns>/<resource>/<name>` für die anderen. Hol dir das Deployment web aus dev über `kubectl proxy`:\n\n`kubectl proxy &`\n`curl localhost:8001/apis/apps/v1/namespaces/dev/deployments/web`',
        hint: 'Deployments liegen in der Gruppe apps, Version v1.',
      },
    ],
  },
};
