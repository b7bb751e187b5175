/** brctl (bridge-utils): addbr, delbr, addif, delif, show — as in the manual CNI recipe. */
import { fail, ok, type Command } from './types';

export const brctl: Command = (args, env) => {
  if (env.target.kind === 'pod') return fail('sh: brctl: not found', 127);
  const ns = env.target.ns;
  const net = env.ctx.net;
  const [verb, br, ifname] = args;
  switch (verb) {
    case 'addbr':
      if (!br) return fail('Incorrect number of arguments for command', 1);
      if (net.link(ns, br)) return fail(`device ${br} already exists; can't create bridge with the same name`, 1);
      net.addLink(ns, br, 'bridge', { mtu: 1500, up: false });
      return ok('');
    case 'delbr': {
      const l = br ? net.link(ns, br) : undefined;
      if (!l || l.kind !== 'bridge') return fail(`bridge ${br ?? ''} doesn't exist; can't delete it`, 1);
      if (l.up) return fail(`bridge ${br} is still up; can't delete it`, 1);
      net.deleteLink(ns, br!);
      return ok('');
    }
    case 'addif':
    case 'delif': {
      const b = br ? net.link(ns, br) : undefined;
      if (!b || b.kind !== 'bridge') return fail(`bridge ${br ?? ''} does not exist!`, 1);
      const port = ifname ? net.link(ns, ifname) : undefined;
      if (!port) return fail(`interface ${ifname ?? ''} does not exist!`, 1);
      if (verb === 'addif') {
        if (port.master) return fail(`device ${ifname} is already a member of a bridge; can't enslave it to bridge ${br}.`, 1);
        port.master = br;
      } else {
        if (port.master !== br) return fail(`device ${ifname} is not a slave of ${br}`, 1);
        delete port.master;
      }
      return ok('');
    }
    case 'show':
    case undefined: {
      const lines = ['bridge name\tbridge id\t\tSTP enabled\tinterfaces'];
      for (const b of ns.links.filter((l) => l.kind === 'bridge' && (!br || l.name === br))) {
        const ports = ns.links.filter((l) => l.master === b.name).map((l) => l.name);
        const id = `8000.${b.mac.replace(/:/g, '')}`;
        lines.push(`${b.name}\t\t${id}\tno\t\t${ports[0] ?? ''}`);
        for (const p of ports.slice(1)) lines.push(`\t\t\t\t\t\t\t${p}`);
      }
      return ok(lines.join('\n'));
    }
  }
  return fail(`never heard of command [${verb}]`, 1);
};
