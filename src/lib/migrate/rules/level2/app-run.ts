import { CallModel } from '../../call.ts';
import { type SyntaxNode, textOf } from '../../parse.ts';
import type { RuleContext } from '../context.ts';
import { calleeName } from './names.ts';

const RUN = new Set(['tf.app.run', 'tf.compat.v1.app.run']);
const PARSER = 'flags_parser=lambda argv: absl.flags.FLAGS(argv, known_only=True)';

/**
 * `tf.app.run(main=main, argv=argv)` -> `absl.app.run(main, argv=argv, flags_parser=...)`. TF1's run is
 * absl's with one difference, kept by the flags_parser written out: it parses flags with
 * `FLAGS(argv, known_only=True)`, so flags nobody defined (the `unparsed` of argparse's
 * parse_known_args, passed on in argv) reach main instead of stopping the program. Without `main`, TF1
 * runs `__main__.main`: written as `main` only where the call is under `if __name__ == '__main__':` at
 * module level and the module defines `main`. `import absl.app` and `import absl.flags` go after
 * `import tensorflow as tf`. Left, with the reason, for star arguments, other arguments, a file that
 * uses the name `absl` already or has no `import tensorflow as tf` line.
 */
export function rewriteAppRun(ctx: RuleContext, taken: Set<string>): void {
  const { source, report, buffer } = ctx;
  const calls: SyntaxNode[] = [];
  ctx.parsed.tree.iterate({
    enter: (ref) => {
      if (ref.name === 'CallExpression' && RUN.has(calleeName(source, ref.node) ?? '')) calls.push(ref.node);
    },
  });
  if (calls.length === 0) return;
  const leave = (at: { from: number; to: number }, why: string) =>
    report.warning(
      2,
      'not-converted',
      at,
      `Level 2 left this call as it is: ${why}; in TF2, tf.compat.v1.app.run is absl.app.run with flags parsed by FLAGS(argv, ` +
        `known_only=True).`,
    );
  const importLine = /^import\s+tensorflow\s+as\s+tf[ \t]*(#.*)?$/m.exec(source);
  if (taken.has('absl') || !importLine) {
    for (const call of calls)
      leave(
        call,
        taken.has('absl')
          ? 'this file already uses the name `absl`'
          : 'this file does not `import tensorflow as tf` at the top level',
      );
    return;
  }
  const rewritten: { from: number; to: number }[] = [];
  for (const call of calls) {
    const model = new CallModel(call, source, buffer);
    if (model.opaque || model.hasStarArgs || model.hasStarKwargs) {
      leave(call, 'tf.app.run with star arguments');
      continue;
    }
    const main = model.get('main', 0);
    const argv = model.get('argv', 1);
    const other = model.live.find((a) => a !== main && a !== argv);
    if (other) {
      leave(other.arg, 'tf.app.run takes only main and argv');
      continue;
    }
    if (main && model.writtenValue(main).trim() === 'None') {
      leave(main.arg, 'tf.app.run(main=None) runs `__main__.main`: name the function');
      continue;
    }
    let mainText: string;
    if (main) mainText = model.valueText(main);
    else if (underMainGuard(source, call) && definesMain(ctx)) mainText = 'main';
    else {
      leave(
        call,
        'tf.app.run() without main runs `__main__.main`, which is this module\'s `main` only under `if __name__ == "__main__":` in a ' +
          'module that defines one',
      );
      continue;
    }
    const args = [mainText, ...(argv ? [`argv=${model.valueText(argv)}`] : []), PARSER];
    if (!buffer.replace(call.from, call.to, `absl.app.run(${args.join(', ')})`)) continue;
    rewritten.push({ from: model.callee.from, to: model.callee.to });
    report.info(
      2,
      'app-run-to-absl',
      call,
      'tf.app.run -> absl.app.run, with flags_parser parsing as TF1 did (known_only=True: flags nobody defined are passed on to ' +
        'main, not an error).',
    );
  }
  if (rewritten.length === 0) return;
  // Level 1's `tf.app.run` -> `tf.compat.v1.app.run` note is about text that is no longer there.
  report.drop(
    (e) => !(e.level === 1 && e.rule === 'rename' && rewritten.some((r) => e.from >= r.from && e.from < r.to)),
  );
  const at = importLine.index + importLine[0].length;
  buffer.insert(at, '\nimport absl.app\nimport absl.flags', 'right');
}

/** Whether the call is (in) a statement directly under a module-level `if __name__ == '__main__':`. */
function underMainGuard(source: string, call: SyntaxNode): boolean {
  for (let n: SyntaxNode | null = call.parent; n; n = n.parent) {
    if (n.name === 'FunctionDefinition' || n.name === 'ClassDefinition') return false;
    if (n.name === 'IfStatement' && n.parent?.name === 'Script') {
      const test = n.firstChild?.nextSibling;
      return (
        test !== null && test !== undefined && /^__name__\s*==\s*(['"])__main__\1$/.test(textOf(source, test).trim())
      );
    }
  }
  return false;
}

/** Whether the module has a top-level `def main`. */
function definesMain(ctx: RuleContext): boolean {
  for (let s = ctx.parsed.tree.topNode.firstChild; s; s = s.nextSibling) {
    if (
      s.name === 'FunctionDefinition' &&
      s.getChild('VariableName') &&
      textOf(ctx.source, s.getChild('VariableName')!) === 'main'
    )
      return true;
  }
  return false;
}
