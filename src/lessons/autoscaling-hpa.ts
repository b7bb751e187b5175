/**
 * Lesson "Autoscaling": the Kubernetes HorizontalPodAutoscaler walkthrough — metrics-server and
 * kubectl top, php-apache with CPU requests, kubectl autoscale, a busybox load generator, the
 * replica formula, the 300 s scale-down window, and an HPA without its Metrics API.
 */
import type { Deployment, KubeEvent, Pod } from '../engine/api/types';
import type { HorizontalPodAutoscaler } from '../engine/api/scaling';
import { allNodeMetrics, metricsApiAvailable } from '../engine/metrics/metricsServer';
import { PHP_APACHE_YAML } from '../engine/shell/kubectl/examples';
import type { Simulation } from '../engine/sim/simulation';
import type { Lesson } from './types';
import { lastOutput, ran, ranAfter } from './helpers';

const CP = 'control-plane';
const APPLY = 'kubectl apply -f https://k8s.io/examples/application/php-apache.yaml';
const AUTOSCALE = 'kubectl autoscale deployment php-apache --cpu-percent=50 --min=1 --max=10';
const LOAD = 'kubectl run load-generator --image=busybox:1.28 --restart=Never -- /bin/sh -c "while sleep 0.01; do wget -q -O- http://php-apache; done"';
const TARGET = 50;

const GET_HPA = /kubectl\s+(?:.*\s)?get\s+(hpa|horizontalpodautoscalers?(\.autoscaling)?)\b/;
const GET_HPA_OR_DEPLOY = /kubectl\s+(?:.*\s)?(get|describe)\s+(hpa|horizontalpodautoscalers?|deploy(ments?)?(\.apps)?)\b/;
const DESCRIBE_HPA = /kubectl\s+(?:.*\s)?describe\s+(hpa|horizontalpodautoscalers?)\b/;
const DELETE_LOAD = /kubectl\s+(?:.*\s)?delete\s+(pods?|po)\s+(?:.*\s)?load-generator\b|kubectl\s+(?:.*\s)?delete\s+(pods?|po)\/load-generator\b/;
const SCALE_MS = (n: number): RegExp => new RegExp(`kubectl\\s+(?:.*\\s)?scale\\s+(?:.*\\s)?(deploy(ment)?(\\.apps)?[/ ]\\s*)metrics-server\\b.*--replicas[= ]${n}\\b`);

function hpa(sim: Simulation): HorizontalPodAutoscaler | undefined {
  return sim.ctx.api.get<HorizontalPodAutoscaler>('HorizontalPodAutoscaler', 'default', 'php-apache');
}

function deployment(sim: Simulation): Deployment | undefined {
  return sim.ctx.api.get<Deployment>('Deployment', 'default', 'php-apache');
}

function replicas(sim: Simulation): number {
  return deployment(sim)?.spec.replicas ?? 1;
}

/** The HPA's last measured average utilization (% of request), if it has one. */
function utilization(sim: Simulation): number | undefined {
  return hpa(sim)?.status?.currentMetrics?.[0]?.resource.current.averageUtilization;
}

function targets(sim: Simulation): string {
  const u = utilization(sim);
  return `cpu: ${u === undefined ? '<unknown>' : `${u}%`}/${TARGET}%`;
}

/** The load generator, while it runs (not deleted or being deleted). */
function generator(sim: Simulation): Pod | undefined {
  const p = sim.ctx.api.get<Pod>('Pod', 'default', 'load-generator');
  return p && !p.metadata.deletionTimestamp ? p : undefined;
}

function phpPods(sim: Simulation): Pod[] {
  return sim.pods().filter((p) => p.metadata.namespace === 'default' && p.metadata.name.startsWith('php-apache-') && !p.metadata.deletionTimestamp);
}

function rescales(sim: Simulation): string[] {
  return sim.ctx.api
    .list<KubeEvent>('Event', 'default')
    .filter((e) => e.reason === 'SuccessfulRescale' && e.involvedObject.kind === 'HorizontalPodAutoscaler' && e.involvedObject.name === 'php-apache')
    .sort((a, b) => a.lastTimestamp.localeCompare(b.lastTimestamp))
    .map((e) => e.message);
}

function scalingActive(sim: Simulation): { status?: string; reason?: string } {
  const c = hpa(sim)?.status?.conditions?.find((x) => x.type === 'ScalingActive');
  return { status: c?.status, reason: c?.reason };
}

export const autoscalingHpa: Lesson = {
  id: 'autoscaling-hpa',
  title: 'Autoscaling: metrics-server and the HorizontalPodAutoscaler',
  topic: 'Operations',
  summary: 'The Kubernetes HPA walkthrough: metrics-server and kubectl top, php-apache with a CPU request, kubectl autoscale, a load generator that drives it from 1 to about 7 replicas, the formula behind it, the five-minute scale-down window — and an HPA whose metrics are gone.',
  minutes: 15,
  steps: [
    {
      title: 'The metrics pipeline',
      body:
        'The HorizontalPodAutoscaler measures nothing itself. **metrics-server**, a Deployment in kube-system, scrapes every kubelet\'s resource metrics (`/metrics/resource` on port 10250) every 15 s and serves the latest sample as the **Metrics API** `metrics.k8s.io`. `kubectl top` and the HPA controller read that API. On `control-plane`:\n\n`kubectl get deploy,svc -n kube-system metrics-server`\n\nRight after boot its pod is not Ready and has no samples yet. Give it a minute, then ask for the nodes\' usage:\n\n`sleep 60`\n`kubectl top nodes`',
      hint: 'Before metrics-server is Ready, kubectl top answers `error: Metrics API not available`.',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        if (!ran(sim, CP, /kubectl\s+(?:.*\s)?top\s+(nodes?|no)\b/)) return { passed: false, message: { en: 'Run `kubectl top nodes` on control-plane (after `sleep 60`).', de: 'Führ `kubectl top nodes` auf control-plane aus (nach `sleep 60`).' } };
        const out = lastOutput(sim, /kubectl\s+top/);
        if (!metricsApiAvailable(sim.ctx) || (out !== undefined && /not available/.test(out))) return { passed: false, message: { en: 'metrics-server has no samples yet: `sleep 60`, then `kubectl top nodes` again.', de: 'metrics-server hat noch keine Messwerte: `sleep 60`, dann noch mal `kubectl top nodes`.' } };
        const nodes = allNodeMetrics(sim.ctx).map((n) => `${n.name} ${n.cpu}m`).join(', ');
        return { passed: true, message: { en: `The Metrics API answers: ${nodes} of CPU.`, de: `Die Metrics API antwortet: ${nodes} CPU.` } };
      },
      showMe: () => ({ kind: 'script', target: CP, commands: ['kubectl get deploy,svc -n kube-system metrics-server', 'sleep 60', 'kubectl top nodes'] }),
    },
    {
      title: 'A workload with a CPU request',
      body:
        'The HPA counts utilization as a percentage of the pods\' **CPU request**: without a request there is nothing to compare. The walkthrough\'s php-apache runs `registry.k8s.io/hpa-example`, an Apache whose `index.php` burns CPU on every request; each pod requests `200m` and is limited to `500m`. Apply it as the walkthrough does:\n\n`kubectl apply -f https://k8s.io/examples/application/php-apache.yaml`\n\nor open the YAML below in the editor and Apply.',
      hint: 'It creates deployment.apps/php-apache and service/php-apache.',
      manifest: PHP_APACHE_YAML,
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        const d = deployment(sim);
        if (!d) return { passed: false, message: { en: `Run \`${APPLY}\` on control-plane.`, de: `Führ \`${APPLY}\` auf control-plane aus.` } };
        const cpu = d.spec.template.spec.containers[0]?.resources?.requests?.cpu;
        if (!cpu) return { passed: false, message: { en: 'php-apache\'s container requests no CPU: the HPA could not compute a utilization. Apply the walkthrough\'s YAML.', de: 'Der Container von php-apache fordert keine CPU an: Die HPA könnte keine Auslastung berechnen. Wende das YAML aus dem Walkthrough an.' } };
        const svc = sim.ctx.api.get('Service', 'default', 'php-apache');
        if (!svc) return { passed: false, message: { en: 'The Deployment is there but not the Service php-apache: the load generator needs its name.', de: 'Das Deployment ist da, aber nicht der Service php-apache: Der Lastgenerator braucht seinen Namen.' } };
        const running = phpPods(sim).filter((p) => p.status?.phase === 'Running');
        if (running.length === 0) return { passed: false, message: { en: 'php-apache has no Running pod yet: `kubectl get pods` in a few seconds.', de: 'php-apache hat noch keinen Pod im Status Running: `kubectl get pods` in ein paar Sekunden.' } };
        return { passed: true, message: { en: `${running[0].metadata.name} runs on ${running[0].spec.nodeName}, requesting ${cpu} of CPU.`, de: `${running[0].metadata.name} läuft auf ${running[0].spec.nodeName} und fordert ${cpu} CPU an.` } };
      },
      showMe: () => ({ kind: 'exec', target: CP, command: APPLY }),
    },
    {
      title: 'Create the autoscaler',
      body:
        '`kubectl autoscale` creates a HorizontalPodAutoscaler (autoscaling/v2) for the Deployment: between 1 and 10 replicas, aiming at 50 % of the CPU request on average — 100m per pod. On `control-plane`:\n\n`kubectl autoscale deployment php-apache --cpu-percent=50 --min=1 --max=10`\n`kubectl get hpa`\n\nTARGETS first reads `cpu: <unknown>/50%`: metrics-server must see a new pod in two scrapes before it can report a rate. A minute later (`sleep 60`, then `kubectl get hpa` again) it reads about `0%/50%` — php-apache idles.',
      hint: '`kubectl describe hpa php-apache` shows the conditions and events behind the TARGETS column.',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        const h = hpa(sim);
        if (!h) return { passed: false, message: { en: `Run \`${AUTOSCALE}\` on control-plane.`, de: `Führ \`${AUTOSCALE}\` auf control-plane aus.` } };
        if (utilization(sim) === undefined) return { passed: false, message: { en: 'TARGETS is still `<unknown>`: `sleep 60`, then `kubectl get hpa`.', de: 'TARGETS ist noch `<unknown>`: `sleep 60`, dann `kubectl get hpa`.' } };
        if (!ranAfter(sim, CP, /kubectl\s+(?:.*\s)?autoscale\b|kubectl\s+(?:.*\s)?(apply|create)\b/, GET_HPA)) return { passed: false, message: { en: 'Run `kubectl get hpa` on control-plane.', de: 'Führ `kubectl get hpa` auf control-plane aus.' } };
        return { passed: true, message: { en: `php-apache: ${targets(sim)}, ${replicas(sim)} replica, min ${h.spec.minReplicas ?? 1}, max ${h.spec.maxReplicas}.`, de: `php-apache: ${targets(sim)}, ${replicas(sim)} Replica, min ${h.spec.minReplicas ?? 1}, max ${h.spec.maxReplicas}.` } };
      },
      showMe: () => ({ kind: 'script', target: CP, commands: [AUTOSCALE, 'kubectl get hpa', 'sleep 60', 'kubectl get hpa'] }),
    },
    {
      title: 'Load',
      body:
        'Now the walkthrough\'s load generator: a busybox pod whose shell loop fetches the page through the Service, one request every 10 ms plus the round trip. On `control-plane`:\n\n`kubectl run load-generator --image=busybox:1.28 --restart=Never -- /bin/sh -c "while sleep 0.01; do wget -q -O- http://php-apache; done"`\n\nThe walkthrough adds `-i --tty --rm` to watch it in a second terminal and stops it with Ctrl+C; here it runs in the background. Let a minute pass and look:\n\n`sleep 60`\n`kubectl get hpa`\n`kubectl get deploy php-apache`\n\nOpen the **Events** tab in the dock: the HPA chart draws the replicas (steps) and the CPU utilization (line) against the dashed 50 % target.',
      hint: 'REPLICAS in `kubectl get hpa` is what the HPA saw at its last sync; the Deployment may already have more.',
      highlight: 'tab-events',
      check: ({ sim }) => {
        if (!deployment(sim) || !hpa(sim)) return { passed: false, message: { en: 'Create php-apache and its autoscaler first (steps 2–3).', de: 'Leg zuerst php-apache und seinen Autoscaler an (Schritte 2–3).' } };
        if (!generator(sim)) return { passed: false, message: { en: 'Start the load generator with `kubectl run load-generator …` on control-plane.', de: 'Starte den Lastgenerator mit `kubectl run load-generator …` auf control-plane.' } };
        if (replicas(sim) <= 1) return { passed: false, message: { en: `php-apache still has 1 replica (${targets(sim)}): the HPA syncs every 15 s on fresh samples. \`sleep 60\`, then \`kubectl get hpa\`.`, de: `php-apache hat noch 1 Replica (${targets(sim)}): Die HPA rechnet alle 15 s mit frischen Messwerten. \`sleep 60\`, dann \`kubectl get hpa\`.` } };
        if (!ranAfter(sim, CP, /kubectl\s+(?:.*\s)?run\s+(?:.*\s)?load-generator\b/, GET_HPA_OR_DEPLOY)) return { passed: false, message: { en: 'Look: `kubectl get hpa` and `kubectl get deploy php-apache`.', de: 'Schau nach: `kubectl get hpa` und `kubectl get deploy php-apache`.' } };
        return { passed: true, message: { en: `php-apache scaled out to ${replicas(sim)} replicas; ${targets(sim)}.`, de: `php-apache ist auf ${replicas(sim)} Replicas hochskaliert; ${targets(sim)}.` } };
      },
      showMe: () => ({ kind: 'script', target: CP, commands: [LOAD, 'sleep 60', 'kubectl get hpa', 'kubectl get deploy php-apache'] }),
    },
    {
      title: 'The arithmetic',
      body:
        'Every 15 s the controller computes **desiredReplicas = ceil(currentReplicas × currentUtilization / targetUtilization)** and does nothing while the ratio stays within 10 % of 1 (the tolerance). One pod, capped at its 500m limit, is at 250 %: ceil(1 × 250 / 50) = 5. Five pods at 61 %: ceil(5 × 61 / 50) = ceil(6.1) = 7. Scaling up is also limited per 15 s to doubling or +4 pods, whichever is more.\n\nRead its decisions on `control-plane`:\n\n`kubectl describe hpa php-apache`\n\nMetrics shows the average utilization and, in brackets, the average usage in millicores; Events lists each `SuccessfulRescale` with its new size.',
      hint: '`kubectl top pods` shows each php-apache pod\'s share of the load.',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        const sizes = rescales(sim).map((m) => /New size: (\d+)/.exec(m)?.[1]).filter(Boolean);
        if (sizes.length === 0) return { passed: false, message: { en: 'The HPA has not rescaled php-apache yet: start the load (step 4).', de: 'Die HPA hat php-apache noch nicht skaliert: Starte die Last (Schritt 4).' } };
        if (!ran(sim, CP, DESCRIBE_HPA)) return { passed: false, message: { en: 'Run `kubectl describe hpa php-apache` on control-plane.', de: 'Führ `kubectl describe hpa php-apache` auf control-plane aus.' } };
        const n = replicas(sim);
        const u = utilization(sim);
        if (u === undefined) return { passed: true, message: { en: `Rescaled to ${sizes.join(', then ')}.`, de: `Skaliert auf ${sizes.join(', dann ')}.` } };
        const x = (n * u) / TARGET;
        const now = Math.abs(1 - u / TARGET) <= 0.1 ? { en: 'within the 10 % tolerance: no change', de: 'innerhalb der Toleranz von 10 %: keine Änderung' } : { en: `ceil → ${Math.max(1, Math.ceil(x))}`, de: `aufgerundet → ${Math.max(1, Math.ceil(x))}` };
        return { passed: true, message: { en: `Rescaled to ${sizes.join(', then ')}. Now ${n} × ${u} / ${TARGET} = ${x.toFixed(2)}, ${now.en}.`, de: `Skaliert auf ${sizes.join(', dann ')}. Jetzt ${n} × ${u} / ${TARGET} = ${x.toFixed(2).replace('.', ',')}, ${now.de}.` } };
      },
      showMe: () => ({ kind: 'exec', target: CP, command: 'kubectl describe hpa php-apache' }),
    },
    {
      title: 'Stop the load',
      body:
        'Delete the load generator (the walkthrough\'s Ctrl+C does the same thanks to `--rm`):\n\n`kubectl delete pod load-generator`\n`sleep 60`\n`kubectl get hpa`\n\nCPU drops to about 0 % and the formula now asks for 1 replica — yet the replicas stay. Scaling down is **stabilized**: the controller takes the highest recommendation of the last 300 s (`--horizontal-pod-autoscaler-downscale-stabilization`, or `behavior.scaleDown.stabilizationWindowSeconds` per HPA), so a short dip does not throw away pods the next spike needs.',
      hint: '`kubectl describe hpa php-apache` lists the behavior: Scale Down, Stabilization Window: 300 seconds.',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        if (generator(sim)) return { passed: false, message: { en: 'The load generator still runs: `kubectl delete pod load-generator`.', de: 'Der Lastgenerator läuft noch: `kubectl delete pod load-generator`.' } };
        if (!ran(sim, CP, DELETE_LOAD)) return { passed: false, message: { en: 'Start the load first (step 4), then `kubectl delete pod load-generator`.', de: 'Starte zuerst die Last (Schritt 4), dann `kubectl delete pod load-generator`.' } };
        const u = utilization(sim);
        if (u === undefined || u >= TARGET) return { passed: false, message: { en: `The HPA has not seen the drop yet (${targets(sim)}): \`sleep 60\`, then \`kubectl get hpa\`.`, de: `Die HPA hat den Rückgang noch nicht gesehen (${targets(sim)}): \`sleep 60\`, dann \`kubectl get hpa\`.` } };
        if (!ranAfter(sim, CP, DELETE_LOAD, GET_HPA_OR_DEPLOY)) return { passed: false, message: { en: 'Run `kubectl get hpa` on control-plane.', de: 'Führ `kubectl get hpa` auf control-plane aus.' } };
        const n = replicas(sim);
        return n > 1
          ? { passed: true, message: { en: `${targets(sim)}, yet still ${n} replicas: the scale-down waits out the window.`, de: `${targets(sim)}, aber immer noch ${n} Replicas: Das Herunterskalieren wartet das Fenster ab.` } }
          : { passed: true, message: { en: `${targets(sim)}, and already back to 1 replica: you waited out the window.`, de: `${targets(sim)}, und schon wieder bei 1 Replica: Du hast das Fenster schon abgewartet.` } };
      },
      showMe: () => ({ kind: 'script', target: CP, commands: ['kubectl delete pod load-generator', 'sleep 60', 'kubectl get hpa'] }),
    },
    {
      title: 'The stabilization window',
      body:
        'Wait out the window and look again:\n\n`sleep 300`\n`kubectl get hpa`\n`kubectl get deploy php-apache`\n\nFive minutes after the last high recommendation the HPA scales php-apache back to `--min=1` in one go (`New size: 1; reason: All metrics below target`). The chart in the **Events** tab shows the plateau and the drop.',
      hint: 'The window starts at the last recommendation above 1, not at the moment you deleted the generator.',
      highlight: 'tab-events',
      check: ({ sim }) => {
        if (generator(sim)) return { passed: false, message: { en: 'The load generator still runs: delete it first (step 6).', de: 'Der Lastgenerator läuft noch: Lösch ihn zuerst (Schritt 6).' } };
        const n = replicas(sim);
        if (n > 1) return { passed: false, message: { en: `Still ${n} replicas: the window is 300 s from the last high recommendation. \`sleep 300\`, then \`kubectl get hpa\`.`, de: `Noch ${n} Replicas: Das Fenster dauert 300 s ab der letzten hohen Empfehlung. \`sleep 300\`, dann \`kubectl get hpa\`.` } };
        const down = rescales(sim).find((m) => /All metrics below target/.test(m));
        if (!down) return { passed: false, message: { en: 'php-apache has 1 replica but the HPA never scaled it down: run the load first (steps 4–6).', de: 'php-apache hat 1 Replica, aber die HPA hat nie herunterskaliert: Lass zuerst die Last laufen (Schritte 4–6).' } };
        return { passed: true, message: { en: `php-apache is back to 1 replica: "${down}".`, de: `php-apache ist wieder bei 1 Replica: "${down}".` } };
      },
      showMe: () => ({ kind: 'script', target: CP, commands: ['sleep 300', 'kubectl get hpa', 'kubectl get deploy php-apache'] }),
    },
    {
      title: 'Break the pipeline',
      body:
        'An HPA is only as good as its metrics. Take metrics-server away:\n\n`kubectl scale deployment metrics-server -n kube-system --replicas=0`\n`sleep 30`\n`kubectl top pods`\n`kubectl describe hpa php-apache`\n\nWithout a Ready metrics-server pod the aggregated API has no endpoint: kubectl top says `error: Metrics API not available`, and the HPA reports **FailedGetResourceMetric**, shows `<unknown>` and keeps the current replica count — it never scales blind.',
      hint: 'The condition ScalingActive turns False with reason FailedGetResourceMetric.',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        if (!hpa(sim)) return { passed: false, message: { en: 'Create the autoscaler first (step 3).', de: 'Leg zuerst den Autoscaler an (Schritt 3).' } };
        if (metricsApiAvailable(sim.ctx)) return { passed: false, message: { en: 'metrics-server still serves: `kubectl scale deployment metrics-server -n kube-system --replicas=0`.', de: 'metrics-server liefert noch: `kubectl scale deployment metrics-server -n kube-system --replicas=0`.' } };
        const a = scalingActive(sim);
        if (a.reason !== 'FailedGetResourceMetric') return { passed: false, message: { en: 'The HPA has not synced since: `sleep 30`.', de: 'Die HPA hat seitdem noch nicht gerechnet: `sleep 30`.' } };
        if (!ranAfter(sim, CP, SCALE_MS(0), /kubectl\s+(?:.*\s)?(top|describe\s+(hpa|horizontalpodautoscalers?)|get\s+(hpa|horizontalpodautoscalers?))\b/)) return { passed: false, message: { en: 'Look: `kubectl top pods` and `kubectl describe hpa php-apache`.', de: 'Schau nach: `kubectl top pods` und `kubectl describe hpa php-apache`.' } };
        return { passed: true, message: { en: `ScalingActive=${a.status} (FailedGetResourceMetric), ${targets(sim)}; php-apache stays at ${replicas(sim)}.`, de: `ScalingActive=${a.status} (FailedGetResourceMetric), ${targets(sim)}; php-apache bleibt bei ${replicas(sim)}.` } };
      },
      showMe: () => ({ kind: 'script', target: CP, commands: ['kubectl scale deployment metrics-server -n kube-system --replicas=0', 'sleep 30', 'kubectl top pods', 'kubectl describe hpa php-apache'] }),
    },
    {
      title: 'Fix it',
      body:
        'Bring it back:\n\n`kubectl scale deployment metrics-server -n kube-system --replicas=1`\n`sleep 60`\n`kubectl get hpa`\n\nThe new pod turns Ready after its readiness probe, scrapes the kubelets twice, and TARGETS shows a number again. When an HPA shows `<unknown>` on a real cluster, check in this order: is metrics-server Ready, does `kubectl top pods` answer, and do the target\'s containers request CPU?',
      hint: '`kubectl get deploy -n kube-system metrics-server` shows READY 1/1 once the probe passed.',
      highlight: 'terminal-panel',
      check: ({ sim }) => {
        if (!ran(sim, CP, SCALE_MS(0))) return { passed: false, message: { en: 'Break it first (step 8).', de: 'Mach es zuerst kaputt (Schritt 8).' } };
        if (!metricsApiAvailable(sim.ctx)) return { passed: false, message: ran(sim, CP, SCALE_MS(1)) ? { en: 'metrics-server is not Ready yet: `sleep 60`.', de: 'metrics-server ist noch nicht Ready: `sleep 60`.' } : { en: 'Run `kubectl scale deployment metrics-server -n kube-system --replicas=1`.', de: 'Führ `kubectl scale deployment metrics-server -n kube-system --replicas=1` aus.' } };
        if (scalingActive(sim).status !== 'True' || utilization(sim) === undefined) return { passed: false, message: { en: `The HPA still shows ${targets(sim)}: \`sleep 60\`, then \`kubectl get hpa\`.`, de: `Die HPA zeigt noch ${targets(sim)}: \`sleep 60\`, dann \`kubectl get hpa\`.` } };
        if (!ranAfter(sim, CP, SCALE_MS(1), GET_HPA_OR_DEPLOY)) return { passed: false, message: { en: 'Run `kubectl get hpa` on control-plane.', de: 'Führ `kubectl get hpa` auf control-plane aus.' } };
        return { passed: true, message: { en: `Metrics are back: ${targets(sim)}, ScalingActive=True.`, de: `Die Metriken sind zurück: ${targets(sim)}, ScalingActive=True.` } };
      },
      showMe: () => ({ kind: 'script', target: CP, commands: ['kubectl scale deployment metrics-server -n kube-system --replicas=1', 'sleep 60', 'kubectl get hpa'] }),
    },
  ],
  de: {
    title: 'Autoscaling: metrics-server und der HorizontalPodAutoscaler',
    topic: 'Betrieb',
    summary: 'Der HPA-Walkthrough von Kubernetes: metrics-server und kubectl top, php-apache mit einem CPU-Request, kubectl autoscale, ein Lastgenerator, der es von 1 auf etwa 7 Replicas treibt, die Formel dahinter, das Fünf-Minuten-Fenster beim Herunterskalieren — und eine HPA, deren Metriken weg sind.',
    steps: [
      {
        title: 'Die Metrik-Pipeline',
        body:
          'Der HorizontalPodAutoscaler misst selbst nichts. **metrics-server**, ein Deployment in kube-system, holt alle 15 s die Ressourcen-Metriken jedes kubelet ab (`/metrics/resource` auf Port 10250) und stellt den letzten Messwert als **Metrics API** `metrics.k8s.io` bereit. `kubectl top` und der HPA-Controller lesen diese API. Auf `control-plane`:\n\n`kubectl get deploy,svc -n kube-system metrics-server`\n\nDirekt nach dem Booten ist sein Pod noch nicht Ready und hat noch keine Messwerte. Gib ihm eine Minute und frag dann nach der Auslastung der Nodes:\n\n`sleep 60`\n`kubectl top nodes`',
        hint: 'Solange metrics-server nicht Ready ist, antwortet kubectl top mit `error: Metrics API not available`.',
      },
      {
        title: 'Ein Workload mit CPU-Request',
        body:
          'Die HPA rechnet die Auslastung in Prozent des **CPU-Requests** der Pods: Ohne Request gibt es nichts zum Vergleichen. php-apache aus dem Walkthrough läuft mit `registry.k8s.io/hpa-example`, einem Apache, dessen `index.php` bei jedem Request CPU verbrennt; jeder Pod fordert `200m` an und ist auf `500m` begrenzt. Wende es an wie im Walkthrough:\n\n`kubectl apply -f https://k8s.io/examples/application/php-apache.yaml`\n\noder öffne das YAML unten im Editor und klick auf Apply.',
        hint: 'Es legt deployment.apps/php-apache und service/php-apache an.',
      },
      {
        title: 'Den Autoscaler anlegen',
        body:
          '`kubectl autoscale` legt für das Deployment einen HorizontalPodAutoscaler (autoscaling/v2) an: zwischen 1 und 10 Replicas, im Schnitt 50 % des CPU-Requests als Ziel — 100m pro Pod. Auf `control-plane`:\n\n`kubectl autoscale deployment php-apache --cpu-percent=50 --min=1 --max=10`\n`kubectl get hpa`\n\nTARGETS zeigt zuerst `cpu: <unknown>/50%`: metrics-server muss einen neuen Pod in zwei Durchläufen gesehen haben, bevor er eine Rate melden kann. Eine Minute später (`sleep 60`, dann noch mal `kubectl get hpa`) steht dort etwa `0%/50%` — php-apache hat nichts zu tun.',
        hint: '`kubectl describe hpa php-apache` zeigt die Conditions und Events hinter der Spalte TARGETS.',
      },
      {
        title: 'Last',
        body:
          'Jetzt der Lastgenerator aus dem Walkthrough: ein busybox-Pod, dessen Shell-Schleife die Seite über den Service abruft, alle 10 ms plus die Antwortzeit ein Request. Auf `control-plane`:\n\n`kubectl run load-generator --image=busybox:1.28 --restart=Never -- /bin/sh -c "while sleep 0.01; do wget -q -O- http://php-apache; done"`\n\nIm Walkthrough kommen noch `-i --tty --rm` dazu, um ihn in einem zweiten Terminal zu beobachten und mit Strg+C zu stoppen; hier läuft er im Hintergrund. Lass eine Minute vergehen und schau nach:\n\n`sleep 60`\n`kubectl get hpa`\n`kubectl get deploy php-apache`\n\nÖffne im Dock den Tab **Events**: Das HPA-Diagramm zeichnet die Replicas (Stufen) und die CPU-Auslastung (Linie) gegen das gestrichelte Ziel von 50 %.',
        hint: 'REPLICAS in `kubectl get hpa` ist der Stand beim letzten Durchlauf der HPA; das Deployment kann schon mehr haben.',
      },
      {
        title: 'Die Rechnung',
        body:
          'Alle 15 s rechnet der Controller **desiredReplicas = ceil(currentReplicas × currentUtilization / targetUtilization)** und tut nichts, solange das Verhältnis weniger als 10 % von 1 abweicht (die Toleranz). Ein Pod, gedeckelt bei seinem Limit von 500m, liegt bei 250 %: ceil(1 × 250 / 50) = 5. Fünf Pods bei 61 %: ceil(5 × 61 / 50) = ceil(6,1) = 7. Außerdem darf pro 15 s höchstens verdoppelt oder um 4 Pods erhöht werden, je nachdem, was mehr ist.\n\nLies seine Entscheidungen auf `control-plane`:\n\n`kubectl describe hpa php-apache`\n\nUnter Metrics steht die durchschnittliche Auslastung und in Klammern der durchschnittliche Verbrauch in Millicores; unter Events steht jedes `SuccessfulRescale` mit seiner neuen Größe.',
        hint: '`kubectl top pods` zeigt, welchen Teil der Last jeder php-apache-Pod trägt.',
      },
      {
        title: 'Die Last stoppen',
        body:
          'Lösch den Lastgenerator (das Strg+C im Walkthrough macht dank `--rm` dasselbe):\n\n`kubectl delete pod load-generator`\n`sleep 60`\n`kubectl get hpa`\n\nDie CPU fällt auf etwa 0 %, und die Formel verlangt jetzt 1 Replica — trotzdem bleiben die Replicas. Das Herunterskalieren ist **stabilisiert**: Der Controller nimmt die höchste Empfehlung der letzten 300 s (`--horizontal-pod-autoscaler-downscale-stabilization`, oder `behavior.scaleDown.stabilizationWindowSeconds` pro HPA), damit eine kurze Delle nicht die Pods wegwirft, die die nächste Spitze braucht.',
        hint: '`kubectl describe hpa php-apache` zeigt das Verhalten: Scale Down, Stabilization Window: 300 seconds.',
      },
      {
        title: 'Das Stabilisierungsfenster',
        body:
          'Warte das Fenster ab und schau noch mal:\n\n`sleep 300`\n`kubectl get hpa`\n`kubectl get deploy php-apache`\n\nFünf Minuten nach der letzten hohen Empfehlung skaliert die HPA php-apache in einem Rutsch zurück auf `--min=1` (`New size: 1; reason: All metrics below target`). Das Diagramm im Tab **Events** zeigt das Plateau und den Abfall.',
        hint: 'Das Fenster beginnt mit der letzten Empfehlung über 1, nicht in dem Moment, in dem du den Generator gelöscht hast.',
      },
      {
        title: 'Die Pipeline kaputt machen',
        body:
          'Eine HPA ist nur so gut wie ihre Metriken. Nimm metrics-server weg:\n\n`kubectl scale deployment metrics-server -n kube-system --replicas=0`\n`sleep 30`\n`kubectl top pods`\n`kubectl describe hpa php-apache`\n\nOhne einen Ready-Pod von metrics-server hat die aggregierte API keinen Endpunkt: kubectl top sagt `error: Metrics API not available`, und die HPA meldet **FailedGetResourceMetric**, zeigt `<unknown>` und behält die aktuelle Zahl der Replicas — blind skaliert sie nie.',
        hint: 'Die Condition ScalingActive wird False mit dem Grund FailedGetResourceMetric.',
      },
      {
        title: 'Reparier es',
        body:
          'Hol ihn zurück:\n\n`kubectl scale deployment metrics-server -n kube-system --replicas=1`\n`sleep 60`\n`kubectl get hpa`\n\nDer neue Pod wird nach seiner Readiness-Probe Ready, fragt die kubelets zweimal ab, und TARGETS zeigt wieder eine Zahl. Wenn eine HPA in einem echten Cluster `<unknown>` zeigt, prüf in dieser Reihenfolge: Ist metrics-server Ready, antwortet `kubectl top pods`, und fordern die Container des Ziels CPU an?',
        hint: '`kubectl get deploy -n kube-system metrics-server` zeigt READY 1/1, sobald die Probe bestanden ist.',
      },
    ],
  },
};
