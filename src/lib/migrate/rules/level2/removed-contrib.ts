import { importAliases } from '../../api-check.ts';
import { dottedName } from '../../parse.ts';
import type { RuleContext } from '../context.ts';
import { callsIn } from './names.ts';
import type { Program } from './program.ts';

const DEFINITIONS = ['FunctionDefinition', 'ClassDefinition', 'DecoratedStatement'];

/**
 * tf.contrib modules whose models TF 2.16 does not have in any form (KMeans, random forests, tf.contrib.learn,
 * boosted trees, time series): they went to other libraries or were dropped. Others (layers, rnn, eager)
 * have TF2 counterparts other rules write.
 */
const GONE = ['factorization', 'tensor_forest', 'learn', 'boosted_trees', 'timeseries'];

/**
 * Graph code built on one of them cannot become TF2 functions: says so where it is called (its line
 * is where the reader has to start rewriting by hand), through `from tensorflow.contrib... import X` too.
 */
export function refuseRemovedContrib(ctx: RuleContext, p: Program): void {
  const { source } = ctx;
  if (!/\bcontrib\b/.test(source)) return;
  const aliases = importAliases(source);
  aliases.set('tf', 'tf');
  // A def's body is a block of its own, read (and refused) where it runs graph code.
  for (const stmt of p.stmts.filter((s) => !DEFINITIONS.includes(s.node.name))) {
    for (const call of callsIn(ctx.parsed.tree, stmt.node)) {
      const chain = call.firstChild ? dottedName(source, call.firstChild) : null;
      if (chain === null) continue;
      const dot = chain.indexOf('.');
      const head = aliases.get(dot < 0 ? chain : chain.slice(0, dot));
      const full = head === undefined ? null : head + (dot < 0 ? '' : chain.slice(dot));
      const module = full?.startsWith('tf.contrib.') ? full.split('.')[2]! : null;
      if (module === null || !GONE.includes(module)) continue;
      p.blockers.push({
        at: call,
        why:
          `\`${full}\` is from tf.contrib.${module}, which TensorFlow 2 does not have in any form; the graph code built on it ` +
          `cannot become TF2 functions, so this part is left for a rewrite by hand`,
      });
    }
  }
}
