import { CallModel } from '../../call.ts';
import type { RuleContext } from '../context.ts';
import { calleeName, callsIn, isTf } from './names.ts';

/**
 * `tf.app.run(main=main, argv=argv)` -> `sys.exit(main(argv))`. tf.app.run is absl's app.run with a
 * flag parser that keeps unknown flags; in a program that defines no absl flags (argparse, or none)
 * parsing flags does nothing, so what remains is calling main and exiting with its result. A program
 * with tf.app.flags is left: its flags need absl.flags and absl.app, a choice for its author.
 */
export function rewriteAppRun(ctx: RuleContext): void {
  const { source, buffer, report } = ctx;
  // tf.app.flags, or absl's own flags (`from absl import flags`), which tf.app.run parses just the same;
  // a bare `FLAGS` is not evidence: TF's tutorials bind argparse's result to that name.
  const usesFlags = /\btf\.(?:compat\.v1\.)?(?:app\.)?flags\b|\bDEFINE_\w+\s*\(|\bflags\.FLAGS\b|\babsl\b/.test(source);
  const importsSys = /^\s*import\s+(?:[\w.]+\s*,\s*)*sys\b(?!\s+as)/m.test(source);
  for (const call of callsIn(ctx.parsed.tree, ctx.parsed.tree.topNode)) {
    if (!isTf(calleeName(source, call), 'app.run')) continue;
    const model = new CallModel(call, source, buffer);
    const where = { from: call.from, to: call.to };
    const main = model.get('main', 0);
    const argv = model.get('argv', 1);
    const why = usesFlags
      ? 'the program defines flags (tf.app.flags or absl.flags), which tf.app.run parses; in TF2 that is absl.app.run with absl.flags'
      : !importsSys
        ? 'the module does not import sys, which the TF2 form (sys.exit(main(argv))) needs'
        : model.opaque || model.hasStarArgs || model.hasStarKwargs || !main || model.live.length > 2
          ? 'only tf.app.run(main, argv) with main given is rewritten'
          : null;
    if (why !== null) {
      report.warning(2, 'app-run', where, `tf.app.run left as tf.compat.v1.app.run: ${why}.`);
      continue;
    }
    if (!buffer.replace(call.from, call.to, `sys.exit(${model.valueText(main!)}(${argv ? model.valueText(argv) : 'sys.argv'}))`)) continue;
    report.info(2, 'app-run', where, 'tf.app.run -> sys.exit(main(argv)): the program defines no absl flags, so there is nothing else for app.run to do.');
  }
}
