import { statementsOf } from '../../parse.ts';
import type { RuleContext } from '../context.ts';
import { rewriteAppRun } from './app-run.ts';
import { warnBoostedTrees } from './boosted-trees.ts';
import { rewriteContribFlatten } from './contrib-layers.ts';
import { convertProgram } from './convert.ts';
import { removeEnableEager } from './eager.ts';
import { rewriteEstimators } from './estimator.ts';
import { explainGraphLibrary } from './graph-library.ts';
import { rewriteMnistLoader } from './mnist-loader.ts';
import { rewriteGetVariable } from './get-variable.ts';
import { dropGraphContexts } from './graph-contexts.ts';
import { rewriteLosses } from './losses.ts';
import { keepLiteralNameScopes } from './name-scopes.ts';
import { identifiersOf } from './names.ts';
import { warnPre10Names } from './pre-1-0.ts';
import { readProgram, variableFactories } from './program.ts';

/**
 * Level 2: the program-shape rewrites tf_upgrade_v2 leaves to people. Each block that holds graph code
 * (the module, or a function body such as `main`) is read as a whole and rewritten, or left with
 * its reasons reported.
 */
export function runLevel2(ctx: RuleContext): void {
  warnPre10Names(ctx);
  warnBoostedTrees(ctx);
  removeEnableEager(ctx);
  rewriteGetVariable(ctx);
  rewriteLosses(ctx);
  rewriteContribFlatten(ctx);
  const factories = variableFactories(ctx);
  const taken = identifiersOf(ctx.source, ctx.parsed.tree.topNode);
  rewriteMnistLoader(ctx, taken);
  rewriteAppRun(ctx, taken);
  const modelFns = rewriteEstimators(ctx, taken, factories);
  const blocks = [ctx.parsed.tree.topNode];
  ctx.parsed.tree.iterate({
    enter: (ref) => {
      if (modelFns.some((fn) => fn.from === ref.from)) return false;
      if (ref.name === 'FunctionDefinition') {
        const body = ref.node.getChild('Body');
        if (body && statementsOf(body).length > 0) blocks.push(body);
      }
      return undefined;
    },
  });
  let programs = 0;
  for (const block of blocks) {
    const program = readProgram(ctx, block, factories);
    if (program) convertProgram(ctx, program, taken);
    if (program) programs++;
  }
  if (programs === 0) explainGraphLibrary(ctx, factories);
  dropGraphContexts(ctx);
  keepLiteralNameScopes(ctx);
}
