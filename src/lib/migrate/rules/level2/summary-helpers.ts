import { type SyntaxNode, textOf } from '../../parse.ts';
import type { RuleContext } from '../context.ts';
import { calleeName, callsIn, tfMember } from './names.ts';
import type { GraphStmt, Program } from './program.ts';
import { readSummaryCall } from './summaries.ts';
import { helperScopePrefix } from './summary-scopes.ts';

/** A function of the graph code that makes summaries when called (`tf.summary.histogram('relu1', layer_1)` in a model function). */
export interface SummaryHelper {
  name: string;
  /**
   * The graph statements that call it, each with the TF1 name scope of the removed scopes around it
   * ('' for none): the function fetching the merged summary computes them, as fetching it ran them in
   * TF1, each under `with tf.name_scope(<that scope>):`.
   */
  callers: { stmt: GraphStmt; scope: string }[];
  /** Its summary calls and their TF2 text: no step, so they take the step of the writer.as_default() around the call. */
  calls: { call: SyntaxNode; text: string }[];
}

type Blocker = (at: { from: number; to: number }, why: string) => void;

/**
 * Functions defined in the block whose bodies make TF1 summaries, and that the graph code calls. In
 * TF1 the call put the summaries in the graph, and merge_all collected them; in TF2 each call writes
 * them, with the default writer and step (none outside a writer.as_default(): nothing is written, as
 * TF1 wrote nothing for runs that did not fetch the merged summary). Called before merge_all only.
 * Called more than once, each call must sit under removed scopes of its own (`with
 * tf.name_scope('weights'): describe(w)`, then 'biases'): TF1's tags were told apart by them, and the
 * TF2 calls run under the same name scopes, so they write the same tags. Two calls under one scope
 * were told apart only by TF1's _1 suffixes on the names inside, which TF2 does not repeat: refused.
 */
export function readSummaryHelpers(ctx: RuleContext, p: Program, blocker: Blocker): Map<string, SummaryHelper> {
  const { source } = ctx;
  const out = new Map<string, SummaryHelper>();
  const merge = p.stmts.find((s) => s.kind === 'merge');
  for (const stmt of p.stmts) {
    if (stmt.node.name !== 'FunctionDefinition') continue;
    const nameNode = stmt.node.getChild('VariableName');
    if (!nameNode) continue;
    const summaryCalls = callsIn(ctx.parsed.tree, stmt.node).filter(
      (c) => tfMember(calleeName(source, c), 'summary.') !== null,
    );
    if (summaryCalls.length === 0) continue;
    const name = textOf(source, nameNode);
    const uses = p.stmts
      .filter((s) => s.node.from >= stmt.node.to)
      .flatMap((s) =>
        callsIn(ctx.parsed.tree, s.node)
          .filter((c) => calleeName(source, c) === name)
          .map((call) => ({ call, stmt: s })),
      );
    if (uses.length === 0) continue;
    const callers: SummaryHelper['callers'] = [];
    let ok = true;
    for (const { call: use, stmt: caller } of uses) {
      if (!merge || use.from > merge.node.from) {
        blocker(use, `\`${name}()\` makes summaries that no tf.summary.merge_all() after the call collects`);
        ok = false;
      } else if (caller.kind !== 'compute') {
        blocker(use, `\`${name}()\` makes summaries and is called here other than to compute a graph tensor`);
        ok = false;
      } else if (callers.some((c) => c.stmt === caller)) {
        blocker(
          use,
          `\`${name}()\` makes summaries and is called twice in one statement: TF1 told their tags apart with _1`,
        );
        ok = false;
      } else {
        const scope = helperScopePrefix(ctx, p, caller.node, name, blocker);
        if (scope === null) ok = false;
        else if (callers.some((c) => c.scope === scope)) {
          blocker(
            use,
            `\`${name}()\` makes summaries and is called more than once under the same removed name scope: Level 2 tells ` +
              `the calls' tags apart only by the scopes around them (\`with tf.name_scope('weights'):\`); TF1 told them apart ` +
              `otherwise (a _1 suffix, or a scope named by an argument), which is not checked here`,
          );
          ok = false;
        } else callers.push({ stmt: caller, scope });
      }
    }
    if (!ok) continue;
    const calls: SummaryHelper['calls'] = [];
    for (const call of summaryCalls) {
      const read = readSummaryCall(ctx, call, call, blocker);
      if (read === null) {
        blocker(
          call,
          `\`${tfMember(calleeName(source, call), 'summary.')}\` in a function that makes summaries has no v2 form written here`,
        );
        continue;
      }
      if (read) calls.push({ call, text: `tf.summary.${read.kind}(${read.args.join(', ')})` });
    }
    out.set(name, { name, callers, calls });
  }
  return out;
}
