/**
 * TF1 initializer objects (`tf.compat.v1.random_uniform_initializer(-0.1, 0.1)`, what Level 1 leaves)
 * as TF2 ones, for get_variable's rewrite. Only where the TF2 class computes the same thing: TF2 changed
 * several defaults (random_uniform's range, the normals' stddev went from 1.0 to 0.05), so a parameter
 * whose default changed must be written in the call, and a `dtype=` given at construction (TF2 takes it
 * at call time) leaves the initializer as it was.
 */
interface Tf2Initializer {
  name: string;
  params: string[];
  /** Parameters whose TF1 default differs from TF2's: without them the rewrite would change values. */
  required: string[];
  /** Parameters that must be a number literal: TF1 fills a short list with its last element, TF2 refuses it. */
  scalar?: string[];
}

const TF2: Record<string, Tf2Initializer> = {
  zeros_initializer: { name: 'tf.zeros_initializer', params: [], required: [] },
  ones_initializer: { name: 'tf.ones_initializer', params: [], required: [] },
  constant_initializer: { name: 'tf.constant_initializer', params: ['value'], required: [], scalar: ['value'] },
  random_uniform_initializer: {
    name: 'tf.random_uniform_initializer',
    params: ['minval', 'maxval', 'seed'],
    required: ['minval', 'maxval'],
  },
  random_normal_initializer: {
    name: 'tf.random_normal_initializer',
    params: ['mean', 'stddev', 'seed'],
    required: ['stddev'],
  },
  truncated_normal_initializer: {
    name: 'tf.keras.initializers.TruncatedNormal',
    params: ['mean', 'stddev', 'seed'],
    required: ['stddev'],
  },
  glorot_uniform_initializer: { name: 'tf.keras.initializers.GlorotUniform', params: ['seed'], required: [] },
  glorot_normal_initializer: { name: 'tf.keras.initializers.GlorotNormal', params: ['seed'], required: [] },
};

/** Splits an argument list's text at its top-level commas; null if brackets or quotes do not balance. */
export function splitArgs(text: string): string[] | null {
  const out: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (c === ',' && depth === 0) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
    if (depth < 0) return null;
  }
  if (depth !== 0 || quote) return null;
  const last = text.slice(start);
  if (out.length === 0 && last.trim() === '') return [];
  out.push(last);
  return out.map((a) => a.trim());
}

/** The TF2 spelling of a TF1 initializer expression, or null to leave it as written. */
export function tf2Initializer(text: string): string | null {
  const m = /^tf\.compat\.v1\.(\w+)\(([\s\S]*)\)$/.exec(text.trim());
  const target = m ? TF2[m[1]!] : undefined;
  if (!m || !target) return null;
  const args = splitArgs(m[2]!);
  if (args === null || args.some((a) => a === '' || a.startsWith('*'))) return null;
  const given = new Map<string, string>();
  let position = 0;
  for (const a of args) {
    const kw = /^(\w+)\s*=(?!=)\s*([\s\S]+)$/.exec(a);
    const param = kw ? kw[1]! : target.params[position++];
    if (param === undefined || !target.params.includes(param) || given.has(param)) return null;
    given.set(param, kw ? kw[2]! : a);
  }
  if (target.required.some((p) => !given.has(p))) return null;
  if ((target.scalar ?? []).some((p) => given.has(p) && !/^-?(?:\d+\.?\d*|\.\d+)(?:e-?\d+)?$/i.test(given.get(p)!)))
    return null;
  return `${target.name}(${target.params
    .filter((p) => given.has(p))
    .map((p) => `${p}=${given.get(p)}`)
    .join(', ')})`;
}
