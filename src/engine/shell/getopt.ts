/** Short-option splitting shared by the commands that parse their arguments with getopt(3). */

/** getopt's short options: `-c1` is `-c 1`, `-qc 3` is `-q -c 3` (VALUED lists the options taking a value). */
export function splitShortOptions(args: string[], valued: string): string[] {
  const out: string[] = [];
  for (const a of args) {
    if (!/^-[A-Za-z]./.test(a)) {
      out.push(a);
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      out.push(`-${a[j]}`);
      if (valued.includes(a[j])) {
        if (j + 1 < a.length) out.push(a.slice(j + 1));
        break;
      }
    }
  }
  return out;
}
