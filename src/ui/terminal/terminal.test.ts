import { describe, expect, it } from 'vitest';
import { complete, commonPrefix } from './complete';
import { LineEditor } from './lineEditor';
import { execShellTarget, intercept, runAttachTarget } from './intercept';
import { restoredTabs } from './tabs';

const ctx = { pods: [{ namespace: 'default', name: 'client' }, { namespace: 'default', name: 'web-1' }, { namespace: 'kube-system', name: 'coredns-x' }], nodes: ['control-plane', 'node-1'] };

describe('complete', () => {
  it('completes command names, also after a pipe and sudo', () => {
    expect(complete('kube', ctx).candidates).toEqual(['kubeadm', 'kubectl']);
    expect(complete('kubectl get pods | gr', ctx).candidates).toEqual(['grep']);
    expect(complete('sudo iptables-s', ctx).candidates).toEqual(['iptables-save']);
  });
  it('completes kubectl verbs, resources, names, flags and -o values', () => {
    expect(complete('kubectl ge', ctx).candidates).toEqual(['get']);
    expect(complete('kubectl get depl', ctx).candidates).toEqual(['deploy', 'deployments']);
    expect(complete('kubectl get pods c', ctx).candidates).toEqual(['client']);
    expect(complete('kubectl -n kube-system get pods ', ctx).candidates).toEqual(['coredns-x']);
    expect(complete('kubectl describe node node', ctx).candidates).toEqual(['node-1']);
    expect(complete('kubectl get pods -o w', ctx).candidates).toEqual(['wide']);
    expect(complete('kubectl get pods --no', ctx).candidates).toEqual(['--no-headers']);
    expect(complete('kubectl exec -it cl', ctx).candidates).toEqual(['client']);
  });
  it('completes ip objects', () => {
    expect(complete('ip ro', ctx).candidates).toEqual(['route']);
    expect(complete('ip route s', ctx).candidates).toEqual(['show']);
  });
  it('finds the common prefix', () => {
    expect(commonPrefix(['pods', 'po'])).toBe('po');
  });
});

describe('LineEditor', () => {
  it('edits, moves the cursor and submits', () => {
    const ed = new LineEditor();
    ed.feed('ip rout');
    ed.feed('\x1b[D\x1b[D'); // ←←
    ed.feed('X');
    expect(ed.line).toBe('ip roXut');
    ed.feed('\x7f'); // backspace
    expect(ed.line).toBe('ip rout');
    expect(ed.feed('\r').events).toEqual([{ type: 'submit', line: 'ip rout' }]);
  });
  it('reports Ctrl-C, Ctrl-L, Tab and history keys', () => {
    const ed = new LineEditor();
    expect(ed.feed('\x03\x0c\t\x1b[A\x1b[B').events.map((e) => e.type)).toEqual(['interrupt', 'clear', 'complete', 'history', 'history']);
  });
  it('kills a word with Ctrl-W', () => {
    const ed = new LineEditor();
    ed.feed('kubectl get pods');
    ed.feed('\x17');
    expect(ed.line).toBe('kubectl get ');
  });
});

describe('intercept', () => {
  it('turns kubectl exec -it POD -- sh into a tab for the pod', () => {
    expect(execShellTarget('kubectl exec -it client -- sh')).toBe('default/client');
    expect(execShellTarget('kubectl exec -n kube-system -it coredns-x -- /bin/sh')).toBe('kube-system/coredns-x');
    expect(execShellTarget('kubectl exec client -- sh')).toBeUndefined();
    expect(execShellTarget('kubectl exec -it client -- ls')).toBeUndefined();
  });
  it('knows which pod kubectl run -i attaches to', () => {
    expect(runAttachTarget('kubectl run -it --rm debug --image=busybox:1.36 -- sh')).toBe('default/debug');
    expect(runAttachTarget('kubectl run --image busybox -n dev -i --tty shell')).toBe('dev/shell');
    expect(runAttachTarget('kubectl run --stdin x --image=busybox')).toBe('default/x');
    expect(runAttachTarget('kubectl run web --image=nginx')).toBeUndefined();
    expect(intercept('kubectl run -ti d --image=busybox')).toEqual({ kind: 'run-attach', pod: 'default/d', command: 'kubectl run -ti d --image=busybox' });
  });
  it('recognises clear, exit and watch', () => {
    expect(intercept('clear')).toEqual({ kind: 'clear' });
    expect(intercept('exit')).toEqual({ kind: 'exit' });
    expect(intercept('watch -n 5 kubectl get pods')).toEqual({ kind: 'watch', command: 'kubectl get pods', seconds: 5 });
    expect(intercept('watch kubectl get pods')).toEqual({ kind: 'watch', command: 'kubectl get pods', seconds: 2 });
    expect(intercept('ip route')).toEqual({ kind: 'engine', command: 'ip route' });
  });
});

describe('restoredTabs', () => {
  it('reopens each kubectl run -it session (kubectl\'s tab, then the pod\'s) beside the tab in front', () => {
    expect(restoredTabs({ attached: [{ pod: 'default/debug', from: 'control-plane' }] }, 'control-plane')).toEqual(['control-plane', 'default/debug']);
    expect(restoredTabs({ attached: [{ pod: 'default/debug', from: 'control-plane' }] }, 'node-1')).toEqual(['control-plane', 'default/debug', 'node-1']);
    expect(restoredTabs({}, 'default/gone')).toEqual(['default/gone']);
    expect(restoredTabs(undefined, undefined)).toEqual([]);
  });
});
