/**
 * Reduces TensorFlow's API golden files (`*.pbtxt`, one per public module or class) to the compact table
 * the API checker reads (src/lib/migrate/data/tf2-api.json). Run it again to move to another release:
 *
 *   node benchmarks/migrate-tf2-api-reduce.ts --source NAME=DIR@REPO@COMMIT@VERSION [--source ...] [--out FILE]
 *
 * e.g. --source tensorflow=/tmp/golden/tf/tensorflow/tools/api/golden/v2@tensorflow/tensorflow@5bc9d26...@2.16.1
 *      --source tf_keras=/tmp/golden/keras/tf_keras/api/golden/v2@keras-team/tf-keras@7fb2e8b...@2.16.0
 *
 * Every source is read in order; a later source adds paths the earlier ones lack (TensorFlow 2.16's own
 * golden no longer describes `tf.keras`, tf-keras's does, and also repeats a few `tf.*` paths).
 *
 * Table values: "m" module, "v" a constant or property, "c:ARGS" a class and its __init__ arguments,
 * "f:ARGS" a function or method. ARGS is comma-separated; `*` = takes *args, `**` = takes **kwargs;
 * `self`/`cls` are dropped.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

interface Source {
  name: string;
  dir: string;
  repo: string;
  commit: string;
  version: string;
}

function parseArgs(): { sources: Source[]; out: string } {
  const argv = process.argv.slice(2);
  const sources: Source[] = [];
  let out = 'src/lib/migrate/data/tf2-api.json';
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--out') out = argv[++i] ?? out;
    else if (argv[i] === '--source') {
      const m = /^([^=]+)=([^@]+)@([^@]+)@([0-9a-f]{40})@(.+)$/.exec(argv[++i] ?? '');
      if (!m) throw new Error('--source NAME=DIR@OWNER/REPO@COMMIT40@VERSION');
      sources.push({ name: m[1]!, dir: m[2]!, repo: m[3]!, commit: m[4]!, version: m[5]! });
    } else throw new Error(`unknown argument ${argv[i]}`);
  }
  if (sources.length === 0) throw new Error('give at least one --source');
  return { sources, out };
}

/** `args=['self', 'x'], varargs=None, keywords=kwargs, ...` -> "x,**" */
export function reduceArgspec(argspec: string): string {
  const list = (key: string) => {
    const m = new RegExp(`${key}=\\[([^\\]]*)\\]`).exec(argspec);
    return m ? [...m[1]!.matchAll(/'([^']*)'/g)].map((x) => x[1]!) : [];
  };
  const args = [...list('args'), ...list('kwonlyargs')].filter((a) => a !== 'self' && a !== 'cls');
  if (!/varargs=None/.test(argspec) && /varargs=/.test(argspec)) args.push('*');
  if (!/keywords=None/.test(argspec) && /keywords=/.test(argspec)) args.push('**');
  return args.join(',');
}

interface Block {
  kind: 'member' | 'member_method';
  name: string;
  mtype?: string | undefined;
  argspec?: string | undefined;
}

/** Golden files are protobuf text; the subset used is flat enough for a line scanner. */
function readGolden(text: string): { path: string; isClass: boolean; blocks: Block[] } {
  const unescaped = text.replace(/\\'/g, "'");
  const path = /^path: "([^"]+)"/m.exec(unescaped)?.[1] ?? '';
  const isClass = /^tf_class \{/m.test(unescaped);
  const blocks: Block[] = [];
  const re = /^ {2}(member|member_method) \{\n((?: {4}.*\n)*?) {2}\}/gm;
  for (const m of unescaped.matchAll(re)) {
    const body = m[2]!;
    blocks.push({
      kind: m[1] as Block['kind'],
      name: /name: "([^"]+)"/.exec(body)?.[1] ?? '',
      mtype: /mtype: "([^"]+)"/.exec(body)?.[1],
      argspec: /argspec: "([^"]+)"/.exec(body)?.[1],
    });
  }
  return { path, isClass, blocks };
}

/**
 * Golden files repeat every inherited method in every class (a Keras layer lists ~60), which is most of
 * the table. Each class names as its base the class it shares most members with (same name, same
 * arguments) and keeps only the members that chain does not give; the checker follows the chain. A
 * member the base has and the class lacks then counts as present: a miss, never a false report.
 */
function factorBases(names: Record<string, string>): Record<string, string> {
  const members = new Map<string, Map<string, string>>();
  for (const [k, v] of Object.entries(names)) if (v.startsWith('c:')) members.set(k, new Map());
  for (const [k, v] of Object.entries(names)) {
    const own = members.get(k.slice(0, k.lastIndexOf('.')));
    if (own) own.set(k.slice(k.lastIndexOf('.') + 1), v);
  }
  const classes = [...members.entries()].filter(([, m]) => m.size > 0);
  const bases: Record<string, string> = {};
  // A base must be smaller (or equal and earlier), so no chain loops.
  const before = (a: [string, Map<string, string>], b: [string, Map<string, string>]) =>
    a[1].size < b[1].size || (a[1].size === b[1].size && a[0] < b[0]);
  for (const entry of classes) {
    const [cls, own] = entry;
    let best: string | null = null;
    let bestShared = 4;
    for (const cand of classes) {
      if (cand[0] === cls || !before(cand, entry) || cand[1].size <= bestShared) continue;
      let shared = 0;
      for (const [n, v] of cand[1]) if (own.get(n) === v) shared++;
      if (shared > bestShared) [best, bestShared] = [cand[0], shared];
    }
    if (best) bases[cls] = best;
  }
  // A member is dropped where the base chain gives the same value; a base keeps its own full list.
  const resolve = (cls: string, n: string): string | undefined => {
    for (let c: string | undefined = cls; c; c = bases[c]) {
      const v = members.get(c)!.get(n);
      if (v !== undefined) return v;
    }
    return undefined;
  };
  for (const [cls, base] of Object.entries(bases)) {
    for (const [n, v] of members.get(cls)!) if (resolve(base, n) === v) delete names[`${cls}.${n}`];
  }
  return Object.fromEntries(Object.entries(bases).sort(([a], [b]) => (a < b ? -1 : 1)));
}

const tfPath = (p: string) => p.replace(/^tensorflow(?=\.|$)/, 'tf');

function main() {
  const { sources, out } = parseArgs();
  const names: Record<string, string> = {};
  for (const source of sources) {
    const files = readdirSync(source.dir)
      .filter((f) => f.endsWith('.pbtxt'))
      .sort();
    const local: Record<string, string> = {};
    const set = (k: string, v: string, strong: boolean) => {
      if (strong || !(k in local)) local[k] = v;
    };
    for (const file of files) {
      const { path, isClass, blocks } = readGolden(readFileSync(join(source.dir, file), 'utf8'));
      if (!path) continue;
      const base = tfPath(path);
      if (isClass) {
        const init = blocks.find((b) => b.kind === 'member_method' && b.name === '__init__');
        set(base, `c:${init?.argspec ? reduceArgspec(init.argspec) : '*,**'}`, true);
      } else set(base, 'm', true);
      for (const b of blocks) {
        if (b.name.startsWith('_')) continue;
        const key = `${base}.${b.name}`;
        if (b.kind === 'member_method') set(key, `f:${reduceArgspec(b.argspec ?? '')}`, false);
        else if (b.mtype === "<type 'module'>") set(key, 'm', false);
        // A class member is described in its own file, read as `c:`; until then it is at least a name.
        else if (b.mtype === "<type 'type'>" || /Meta|EnumType|pybind11_type|GeneratedProtocol/.test(b.mtype ?? ''))
          set(key, 'c:*,**', false);
        else set(key, 'v', false);
      }
    }
    for (const [k, v] of Object.entries(local))
      if (!(k in names) || names[k] === 'c:*,**' || names[k] === 'v') names[k] = v;
  }
  const bases = factorBases(names);
  const sorted = Object.fromEntries(Object.entries(names).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const table = {
    about:
      'TensorFlow 2 public Python API, reduced from the API golden files by benchmarks/migrate-tf2-api-reduce.ts. ' +
      'Values: m module, v constant/property, c:ARGS class (__init__ arguments), f:ARGS function; * = *args, ** = **kwargs. ' +
      'Licensed under the Apache License, Version 2.0; copyright The TensorFlow Authors and the Keras authors. See README.md here.',
    sources: sources.map(({ name, repo, commit, version, dir }) => ({
      name,
      repo,
      commit,
      version,
      path: dir.replace(/^.*?(tensorflow\/tools\/api\/golden\/v2|tf_keras\/api\/golden\/v2)$/, '$1'),
      license: 'Apache-2.0',
    })),
    names: sorted,
    bases,
  };
  writeFileSync(out, `${JSON.stringify(table, null, 0).replace(/,"(?=tf)/g, ',\n"')}\n`);
  console.log(`${out}: ${Object.keys(sorted).length} names`);
}

main();
