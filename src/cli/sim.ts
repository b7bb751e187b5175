/** Entry of `npm run sim`: see main.ts for the options. */
import { readFileSync } from 'node:fs';
import { runCli } from './main';

try {
  process.exitCode = runCli(process.argv.slice(2), (line) => console.log(line), (p) => readFileSync(p, 'utf8'));
} catch (e) {
  console.error((e as Error).message);
  process.exitCode = 2;
}
