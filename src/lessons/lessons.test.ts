import { describe, expect, it } from 'vitest';
import { Simulation } from '../engine/sim/simulation';
import { LESSONS } from './index';
import { runLessonHeadless } from './headless';
import { checkStep } from './runner';

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
});
