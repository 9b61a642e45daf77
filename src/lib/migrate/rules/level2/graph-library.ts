import { CallModel } from '../../call.ts';
import { type SyntaxNode, textOf } from '../../parse.ts';
import type { RuleContext } from '../context.ts';
import { assignedNames, assignedValue, calleeName, callsIn, tfMember } from './names.ts';

function isOptimizerCall(source: string, node: SyntaxNode | null): boolean {
  return (
    node?.name === 'CallExpression' && (tfMember(calleeName(source, node), 'train.')?.endsWith('Optimizer') ?? false)
  );
}

/**
 * A module of graph-building functions with no Session anywhere (TensorFlow's mnist.py tutorial
 * library: inference(), loss(), training() returning a train op) is run by some other file's Session.
 * Level 2 rewrites a graph only where it is built and run, so such a library stays as it is; this says
 * why at each function that has no TF2 form of the same contract, instead of leaving its tf.compat.v1
 * names unexplained: a function returning `optimizer.minimize(loss)` (TF2 optimizers differentiate a
 * loss function or a tf.GradientTape's record, not a finished tensor), and one that makes variables on
 * each call (a TF2 caller running it every step would make new variables every step).
 */
export function explainGraphLibrary(ctx: RuleContext, factories: Set<string>): void {
  const { source } = ctx;
  const calls = callsIn(ctx.parsed.tree, ctx.parsed.tree.topNode);
  // A Session, an Estimator (it runs model_fn's graph itself) or eager execution: not a library of graph builders.
  const runner = /(^|\.)(Session|InteractiveSession|enable_eager_execution)$|(^|\.)estimator\./;
  if (calls.some((c) => runner.test(calleeName(source, c) ?? ''))) return;
  for (const fn of ctx.parsed.tree.topNode.getChildren('FunctionDefinition')) {
    const name = fn.getChild('VariableName');
    const body = fn.getChild('Body');
    if (!name || !body) continue;
    const fnName = textOf(source, name);
    const optimizers = new Set<string>();
    for (const stmt of body.getChildren('AssignStatement')) {
      const targets = assignedNames(source, stmt);
      if (targets?.length === 1 && isOptimizerCall(source, assignedValue(stmt))) optimizers.add(targets[0]!);
    }
    const trainCall = callsIn(ctx.parsed.tree, body).find((c) => {
      const model = new CallModel(c, source, ctx.buffer);
      if (model.shortName !== 'minimize' && model.shortName !== 'apply_gradients') return false;
      const receiver = model.callee.firstChild;
      return (
        isOptimizerCall(source, receiver ?? null) ||
        (receiver?.name === 'VariableName' && optimizers.has(textOf(source, receiver)))
      );
    });
    if (trainCall) {
      ctx.report.warning(
        2,
        'not-converted',
        trainCall,
        `Level 2 left this graph code as it is: \`${fnName}()\` builds a training op for a Session in another file to run; ` +
          `a TF2 optimizer differentiates a loss function (or a tf.GradientTape's record of the forward pass), not a finished ` +
          `loss tensor, so this function and its callers must change together (a train step that computes the loss under ` +
          `the tape).`,
      );
    } else if (factories.has(fnName)) {
      ctx.report.warning(
        2,
        'not-converted',
        name,
        `Level 2 left this graph code as it is: \`${fnName}()\` makes variables on every call, which a graph built once ` +
          `called once; a TF2 caller running it every step would make new variables every step: make it a tf.Module or ` +
          `Keras layer built once.`,
      );
    }
  }
}
