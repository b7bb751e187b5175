import { describe, expect, it } from 'vitest';
import { serviceWorkerSource } from './serviceWorker';

describe('offline service worker source', () => {
  it('precaches every file of the build once, sorted, without itself or source maps', () => {
    const src = serviceWorkerSource(['assets/b.js', 'assets/a.js', 'sw.js', 'assets/a.js.map', 'favicon.svg', 'assets/a.js']);
    expect(src).toContain('(["assets/a.js","assets/b.js","favicon.svg"], "');
    expect(src.startsWith('(function serviceWorkerMain(')).toBe(true);
  });

  it('changes its version when the build changes, so the old cache is dropped', () => {
    const version = (s: string): string => /, "([0-9a-f]{8})"\);\n$/.exec(s)![1];
    const a = serviceWorkerSource(['assets/index-AAAA.js']);
    expect(version(serviceWorkerSource(['assets/index-AAAA.js']))).toBe(version(a));
    expect(version(serviceWorkerSource(['assets/index-BBBB.js']))).not.toBe(version(a));
  });
});
