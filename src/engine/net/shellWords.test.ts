// shellWords: the tokenizer behind every terminal command.
import { expect, it } from 'vitest';
import { shellWords } from './iptables';
it('splits words as a POSIX shell does: quotes inside words, escapes, empty strings', () => {
  expect(shellWords(`kubectl get pods -o jsonpath='{.items[*].metadata.name}'`)).toEqual(['kubectl', 'get', 'pods', '-o', 'jsonpath={.items[*].metadata.name}']);
  expect(shellWords(`iptables -A FORWARD -m comment --comment "a \\"b\\" c" -j ACCEPT`)).toEqual(['iptables', '-A', 'FORWARD', '-m', 'comment', '--comment', 'a "b" c', '-j', 'ACCEPT']);
  expect(shellWords(`echo '' x`)).toEqual(['echo', '', 'x']);
  expect(shellWords(`a\\ b  c`)).toEqual(['a b', 'c']);
  expect(shellWords(`  `)).toEqual([]);
  expect(shellWords(`--header='Host: shop.example.com' http://x`)).toEqual(['--header=Host: shop.example.com', 'http://x']);
});
