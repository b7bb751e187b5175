/**
 * `npm run fuzz`: the long run. At least 10,000 cases per input kind (shared links,
 * manifests, commands, CIDRs) plus random action sequences with the invariants checked
 * after every step. Prints a reliability report; exits non-zero on any failure.
 */
import fc from 'fast-check';
import { Simulation } from '../engine/sim/simulation';
import { fuzzAction, perform } from './actions';
import { cidrCase, commandCase, manifestCase, urlCase, type Verdict } from './cases';
import { cidrInput, commandInput, manifestInput, urlInput } from './inputs';
import { checkInvariants, INVARIANTS } from './invariants';

const N = Number(process.env.FUZZ_CASES ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);

interface KindReport {
  kind: string;
  cases: number;
  failures: number;
  examples: string[];
  seconds: number;
}

function runKind<T>(kind: string, arb: fc.Arbitrary<T>, cases: number, check: (x: T) => Verdict, show: (x: T) => string): KindReport {
  const t0 = performance.now();
  const report: KindReport = { kind, cases: 0, failures: 0, examples: [], seconds: 0 };
  for (const x of fc.sample(arb, { numRuns: cases, seed: SEED })) {
    report.cases++;
    const v = check(x);
    if (!v.ok) {
      report.failures++;
      if (report.examples.length < 5) report.examples.push(`${show(x).slice(0, 160)} → ${v.problem}`);
    }
  }
  report.seconds = Math.round((performance.now() - t0) / 100) / 10;
  return report;
}

function main(): number {
  console.log(`fuzzing with seed ${SEED}, ${N} cases per input kind …`);
  const reports: KindReport[] = [];
  reports.push(runKind('shared links', urlInput, N, urlCase, (u) => JSON.stringify(u)));
  let sim = Simulation.create();
  const targets = ['node-1', 'default/client', 'control-plane'];
  let i = 0;
  reports.push(
    runKind('terminal commands', commandInput, N, (c) => {
      // A fresh cluster now and then, so state built up by earlier commands does not dominate.
      if (++i % 500 === 0) sim = Simulation.create();
      return commandCase(sim, targets[i % targets.length], c);
    }, (c) => c),
  );
  sim = Simulation.create();
  let j = 0;
  reports.push(
    runKind('manifests', manifestInput, N, (m) => {
      if (++j % 500 === 0) sim = Simulation.create();
      return manifestCase(sim, m);
    }, (m) => JSON.stringify(m)),
  );
  reports.push(runKind('CIDRs and IPs', cidrInput, N, cidrCase, (c) => JSON.stringify(c)));

  const sequences = Math.max(20, Math.round(N / 100));
  const t0 = performance.now();
  let steps = 0;
  let checks = 0;
  const violations: string[] = [];
  for (const actions of fc.sample(fc.array(fuzzAction, { minLength: 1, maxLength: 15 }), { numRuns: sequences, seed: SEED })) {
    const s = Simulation.create();
    for (const a of actions) {
      const bad = checkInvariants(s, perform(s, a));
      steps++;
      checks += INVARIANTS.length;
      if (bad.length > 0 && violations.length < 5) violations.push(`${JSON.stringify(a)} → ${bad.join('; ')}`);
    }
    checks++;
    if (Simulation.replay(s.scenario, s.actions).stateHash() !== s.stateHash()) violations.push(`replay differs after ${JSON.stringify(actions)}`);
  }
  reports.push({ kind: `action sequences (${steps} steps)`, cases: sequences, failures: violations.length, examples: violations, seconds: Math.round((performance.now() - t0) / 100) / 10 });

  const failures = reports.reduce((s, r) => s + r.failures, 0);
  console.log('\nreliability report');
  console.log('kind'.padEnd(34) + 'cases'.padStart(8) + 'failures'.padStart(10) + 'seconds'.padStart(9));
  for (const r of reports) console.log(r.kind.padEnd(34) + String(r.cases).padStart(8) + String(r.failures).padStart(10) + String(r.seconds).padStart(9));
  console.log(`invariants checked: ${checks} (${INVARIANTS.join(', ')}, same inputs → same state hash)`);
  for (const r of reports) for (const e of r.examples) console.log(`  ✗ ${r.kind}: ${e}`);
  console.log(`\n${reports.reduce((s, r) => s + r.cases, 0) - failures} passed, ${failures} failed`);
  return failures === 0 ? 0 : 1;
}

process.exitCode = main();
