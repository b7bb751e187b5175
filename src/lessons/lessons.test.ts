import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Service } from '../engine/api/types';
import { Simulation } from '../engine/sim/simulation';
import { LESSONS } from './index';
import { runLessonHeadless } from './headless';
import { checkStep, lessonStart, showMe } from './runner';

describe('lessons', () => {
  for (const lesson of LESSONS) {
    it(`"${lesson.title}" can be completed headlessly, each step by its own action`, () => {
      const lines: string[] = [];
      const code = runLessonHeadless(lesson.id, (l) => lines.push(l));
      expect(lines.filter((l) => l.includes('FAIL'))).toEqual([]);
      expect(code).toBe(0);
      // A step that passes before anything was done teaches nothing.
      expect(lines.filter((l) => l.includes('already passes'))).toEqual([]);
    });
  }

  it('gives useful feedback when the learner does something else', () => {
    const sim = Simulation.create();
    const view = { panel: 'lesson' as const };
    sim.exec('node-1', 'kubectl get pods -o wide');
    expect(checkStep(sim, 'first-packet', 1, view).message).toMatch(/run it there/);
    sim.exec('control-plane', 'kubectl get pods');
    // The check remembers every command; the wide one on the wrong node still gets the hint.
    expect(checkStep(sim, 'first-packet', 1, view).passed).toBe(false);
    const client = sim.pods().find((p) => p.metadata.name === 'client')!;
    const same = sim.pods().find((p) => p.metadata.labels?.app === 'web' && p.spec.nodeName === client.spec.nodeName)!;
    sim.exec('default/client', `ping -c 1 ${same.status!.podIP}`);
    expect(checkStep(sim, 'first-packet', 2, view).message).toMatch(/same node as client/);
    sim.trace('default/client', same.status!.podIP!);
    expect(checkStep(sim, 'first-packet', 3, view).message).toMatch(/same node/);
    expect(checkStep(sim, 'nope', 0, view)).toEqual({ passed: false, message: 'There is no step 1 in lesson "nope".' });
  });
  it('"show me" can apply YAML (for the editor) and run commands on several machines', () => {
    const sim = lessonStart('scheduling');
    const view = { panel: 'lesson' as const };
    const applied = showMe(sim, 'scheduling', 1, view);
    expect(applied.manifest).toMatch(/^apiVersion: apps\/v1\nkind: Deployment/);
    expect(applied.output).toBe('deployment.apps/big created');
    const sim2 = lessonStart('services-kube-proxy');
    showMe(sim2, 'services-kube-proxy', 0, view);
    const multi = showMe(sim2, 'services-kube-proxy', 4, view);
    expect(multi.view.terminal).toBe('node-1');
    expect(multi.runs?.map((r) => [r.target, r.exitCode])).toEqual([['control-plane', 0], ['node-1', 0]]);
    expect(multi.output).toMatch(/^control-plane\$ kubectl scale deployment web --replicas=4\ndeployment.apps\/web scaled\nnode-1\$ iptables-save -t nat \| grep "default\/web ->"\n-A KUBE-SVC-/);
  });

  it('tells the learner what went wrong in the new lessons', () => {
    const view = { panel: 'lesson' as const };
    const svc = lessonStart('services-kube-proxy');
    svc.exec('control-plane', 'kubectl expose deployment web --port=80');
    const ip = svc.ctx.api.get<Service>('Service', 'default', 'web')!.spec.clusterIP!;
    svc.trace('default/client', ip);
    expect(checkStep(svc, 'services-kube-proxy', 1, view).message).toMatch(/That was a ping/);

    const sched = lessonStart('scheduling');
    showMe(sched, 'scheduling', 1, view);
    expect(checkStep(sched, 'scheduling', 3, view).message).toMatch(/still requests 3000m/);
    sched.exec('control-plane', 'kubectl run nolimits --image=nginx:1.27 -n team-a');
    expect(checkStep(sched, 'scheduling', 5, view).passed).toBe(false);

    const ns = lessonStart('namespaces-contexts');
    ns.exec('control-plane', 'kubectl config set-context --current --namespace=prod');
    expect(checkStep(ns, 'namespaces-contexts', 2, view).message).toMatch(/namespace is prod: use --current --namespace=dev/);

    const cattle = lessonStart('cattle-node-failure');
    cattle.exec('node-1', 'systemctl stop kubelet');
    expect(checkStep(cattle, 'cattle-node-failure', 1, view).message).toMatch(/on node-2, not elsewhere/);
    cattle.exec('node-1', 'systemctl start kubelet');
    cattle.exec('node-2', 'systemctl stop kubelet');
    expect(checkStep(cattle, 'cattle-node-failure', 2, view).message).toMatch(/still Ready/);

    const np = lessonStart('reaching-from-outside');
    np.exec('control-plane', 'kubectl expose deployment web --port=80');
    expect(checkStep(np, 'reaching-from-outside', 0, view).message).toMatch(/of type ClusterIP/);
  });
  it('every lesson is in the end-to-end run (e2e/lessons-all.spec.ts)', () => {
    const spec = readFileSync(new URL('../../e2e/lessons-all.spec.ts', import.meta.url), 'utf8');
    expect(LESSONS.map((l) => l.id).filter((id) => !spec.includes(`'${id}'`)), 'add these ids to LESSONS in e2e/lessons-all.spec.ts').toEqual([]);
  });
});
