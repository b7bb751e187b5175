/** Patches as the apiserver applies them: strategic merge (with list merge keys), JSON merge (RFC 7386) and JSON patch (RFC 6902). */
type Json = unknown;
type Obj = Record<string, Json>;
const isObj = (v: Json): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** patchMergeKey of the lists that strategic merge merges instead of replacing. */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  ports: 'containerPort',
  imagePullSecrets: 'name',
  conditions: 'type',
  taints: 'key',
  ownerReferences: 'uid',
};

export class PatchError extends Error {}

export function mergePatch(target: Json, patch: Json): Json {
  if (!isObj(patch)) return structuredClone(patch);
  const out: Obj = isObj(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

export function strategicMerge(target: Json, patch: Json, key?: string): Json {
  if (Array.isArray(patch)) {
    const mk = key ? MERGE_KEYS[key] : undefined;
    if (!mk || !Array.isArray(target)) return structuredClone(patch.filter((p) => !(isObj(p) && p.$patch === 'delete')));
    const out = [...target];
    for (const item of patch) {
      if (!isObj(item)) continue;
      const idx = out.findIndex((t) => isObj(t) && t[mk] === item[mk]);
      if (item.$patch === 'delete') {
        if (idx >= 0) out.splice(idx, 1);
      } else if (idx >= 0) out[idx] = strategicMerge(out[idx], item);
      else out.push(structuredClone(item));
    }
    return out;
  }
  if (!isObj(patch)) return structuredClone(patch);
  if (patch.$patch === 'replace') {
    const rest = { ...patch };
    delete rest.$patch;
    return rest;
  }
  const out: Obj = isObj(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = strategicMerge(out[k], v, k);
  }
  return out;
}

function pointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw new PatchError(`invalid JSON pointer: "${path}"`);
  return path.slice(1).split('/').map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function parentOf(doc: Json, tokens: string[], op: string, path: string): { parent: Obj | Json[]; last: string } {
  let cur = doc;
  for (const t of tokens.slice(0, -1)) {
    if (Array.isArray(cur)) cur = cur[Number(t)];
    else if (isObj(cur)) cur = cur[t];
    else cur = undefined;
    if (cur === undefined) throw new PatchError(`jsonpatch ${op} operation does not apply: doc is missing path: "${path}": missing value`);
  }
  if (!Array.isArray(cur) && !isObj(cur)) throw new PatchError(`jsonpatch ${op} operation does not apply: doc is missing path: "${path}": missing value`);
  return { parent: cur, last: tokens[tokens.length - 1] };
}

function getAt(doc: Json, path: string): Json {
  let cur = doc;
  for (const t of pointer(path)) {
    if (Array.isArray(cur)) cur = cur[Number(t)];
    else if (isObj(cur)) cur = cur[t];
    else return undefined;
  }
  return cur;
}

export function jsonPatch(doc: Json, ops: Json): Json {
  if (!Array.isArray(ops)) throw new PatchError('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  let out = structuredClone(doc);
  for (const raw of ops) {
    if (!isObj(raw) || typeof raw.op !== 'string' || typeof raw.path !== 'string') throw new PatchError('Unexpected kind: operation must have op and path');
    const { op, path } = raw as { op: string; path: string };
    const tokens = pointer(path);
    if (tokens.length === 0) {
      if (op === 'replace' || op === 'add') out = structuredClone(raw.value);
      continue;
    }
    const apply = (kind: string, value?: Json): void => {
      const { parent, last } = parentOf(out, tokens, kind, path);
      if (Array.isArray(parent)) {
        const i = last === '-' ? parent.length : Number(last);
        if (!Number.isInteger(i) || i < 0 || i > parent.length) throw new PatchError(`jsonpatch ${kind} operation does not apply: doc is missing path: "${path}": missing value`);
        if (kind === 'add') parent.splice(i, 0, structuredClone(value));
        else if (kind === 'remove') {
          if (i >= parent.length) throw new PatchError(`jsonpatch remove operation does not apply: doc is missing path: "${path}": missing value`);
          parent.splice(i, 1);
        } else {
          if (i >= parent.length) throw new PatchError(`jsonpatch replace operation does not apply: doc is missing path: "${path}": missing value`);
          parent[i] = structuredClone(value);
        }
      } else {
        if ((kind === 'remove' || kind === 'replace') && !(last in parent)) throw new PatchError(`jsonpatch ${kind} operation does not apply: doc is missing key: ${path}: missing value`);
        if (kind === 'remove') delete parent[last];
        else parent[last] = structuredClone(value);
      }
    };
    switch (op) {
      case 'add':
      case 'replace':
        apply(op, raw.value);
        break;
      case 'remove':
        apply('remove');
        break;
      case 'test':
        if (JSON.stringify(getAt(out, path)) !== JSON.stringify(raw.value)) throw new PatchError(`testing value ${path} failed: test failed`);
        break;
      case 'move':
      case 'copy': {
        const from = String(raw.from ?? '');
        const v = getAt(out, from);
        if (v === undefined) throw new PatchError(`jsonpatch ${op} operation does not apply: doc is missing from path: ${from}: missing value`);
        if (op === 'move') {
          const ft = pointer(from);
          const { parent, last } = parentOf(out, ft, 'move', from);
          if (Array.isArray(parent)) parent.splice(Number(last), 1);
          else delete parent[last];
        }
        apply('add', v);
        break;
      }
      default:
        throw new PatchError(`Unexpected kind: ${op}`);
    }
  }
  return out;
}
