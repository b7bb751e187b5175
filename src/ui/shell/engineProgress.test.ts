import { describe, expect, it } from 'vitest';
import { describeProgress } from './EngineProgress';
import { translate, type MessageKey } from '../i18n';
import type { Progress } from '../../engine/sim/progress';

const en = (key: MessageKey, params?: Record<string, string | number>) => translate('en', key, params);
const de = (key: MessageKey, params?: Record<string, string | number>) => translate('de', key, params);
const fmtEn = new Intl.NumberFormat('en-US');
const fmtDe = new Intl.NumberFormat('de-DE');
const base: Progress = { step: 'join', nodes: 1000, nodesReady: 431, pods: 2000, podsScheduled: 1200, podsRunning: 900, simMs: 18_250, revision: 5000 };

describe('the progress text', () => {
  it('says which node step runs and how many nodes are Ready, with the share', () => {
    expect(describeProgress(base, en, fmtEn)).toEqual({ step: 'Joining 1,000 nodes (kubeadm join)…', detail: '431 of 1,000 nodes Ready · simulated 18.3 s', percent: 43 });
    expect(describeProgress(base, de, fmtDe)).toEqual({ step: '1.000 Nodes treten bei (kubeadm join)…', detail: '431 von 1.000 Nodes Ready · simuliert 18,3 s', percent: 43 });
  });

  it('counts pods while they are scheduled and started, and actions while a log is replayed', () => {
    const pods = { ...base, step: 'manifests' as const, nodesReady: 1000, pods: 12_000, podsScheduled: 4200, podsRunning: 3000 };
    expect(describeProgress(pods, en, fmtEn)).toEqual({ step: 'Applying the scenario’s manifests…', detail: '4,200 of 12,000 pods scheduled, 3,000 running · simulated 18.3 s', percent: 25 });
    const replay = { ...pods, step: 'action' as const, action: 3, actions: 10 };
    expect(describeProgress(replay, en, fmtEn).step).toBe('Replaying action 3 of 10…');
    expect(describeProgress(replay, en, fmtEn).percent).toBe(20);
  });

  it('has no share when none is known (a live action with every pod running)', () => {
    const live = { ...base, step: 'action' as const, nodesReady: 1000, podsScheduled: 2000, podsRunning: 2000 };
    expect(describeProgress(live, en, fmtEn)).toEqual({ step: 'Working…', detail: '1,000 of 1,000 nodes Ready · simulated 18.3 s', percent: undefined });
    expect(describeProgress({ ...live, step: 'snapshot' }, de, fmtDe).step).toBe('Der Cluster wird für die Seite aufbereitet…');
  });
});
