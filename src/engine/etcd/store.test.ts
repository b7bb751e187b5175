import { describe, expect, it } from 'vitest';
import { EtcdStore } from './store';

describe('EtcdStore', () => {
  it('gives an object written as itself the JSON text it would have had, in get, range and dump', () => {
    const text = new EtcdStore();
    const lazy = new EtcdStore();
    const pod = { kind: 'Pod', metadata: { name: 'web', labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } };
    text.put('/registry/pods/default/web', JSON.stringify(pod));
    lazy.put('/registry/pods/default/web', pod);
    expect(lazy.get('/registry/pods/default/web')!.value).toBe(JSON.stringify(pod));
    expect(lazy.range('/registry/pods/')).toHaveLength(1);
    // dump() is plain data, field for field what a text store holds (the state hash reads it).
    expect(lazy.dump()).toEqual(text.dump());
    expect(Object.keys(lazy.dump()[0]).sort()).toEqual(['createRevision', 'key', 'modRevision', 'value', 'version']);
  });

  it('counts revisions and versions as etcd does', () => {
    const s = new EtcdStore();
    s.put('/a', { n: 1 });
    const kv = s.put('/a', { n: 2 });
    expect(kv).toMatchObject({ createRevision: 2, modRevision: 3, version: 2, value: '{"n":2}' });
    expect(s.delete('/a')).toBe(true);
    expect(s.revision).toBe(4);
    expect(s.get('/a')).toBeUndefined();
  });
});
