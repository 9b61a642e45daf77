import { type SyntaxNode, textOf } from '../../parse.ts';
import type { RuleContext } from '../context.ts';
import { calleeName, callsIn, tfMember } from './names.ts';
import type { GraphStmt, Program } from './program.ts';
import { readSummaryCall } from './summaries.ts';

/** A function of the graph code that makes summaries when called (`tf.summary.histogram('relu1', layer_1)` in a model function). */
export interface SummaryHelper {
  name: string;
  /** The graph statement that calls it: the function fetching the merged summary computes it, as fetching it ran it in TF1. */
  caller: GraphStmt;
  /** Its summary calls and their TF2 text: no step, so they take the step of the writer.as_default() around the call. */
  calls: { call: SyntaxNode; text: string; kind: string; args: string[] }[];
  /** Its scopes' names with the prefix of the scopes around its call, which are removed: `'summaries'` -> `'weights/summaries'`. */
  scopeRenames?: { at: SyntaxNode; text: string }[];
}

type Blocker = (at: { from: number; to: number }, why: string) => void;

/**
 * Functions defined in the block whose bodies make TF1 summaries, and that the graph code calls. In
 * TF1 the call put the summaries in the graph, and merge_all collected them; in TF2 each call writes
 * them, with the default writer and step (none outside a writer.as_default(): nothing is written, as
 * TF1 wrote nothing for runs that did not fetch the merged summary). Called once and before merge_all
 * only: two calls were two summaries with names TF1 made unique, which TF2 may write under one name.
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
    if (uses.length > 1) {
      blocker(
        uses[1]!.call,
        `\`${name}()\` makes summaries and is called more than once: TF1 gave each call's summaries names of their own ` +
          `(a _1 suffix where no name scope told them apart); TF2 writes the tag as given, so two calls may share one; Level 2 ` +
          `writes a function's summaries for one call only`,
      );
      continue;
    }
    const { call: use, stmt: caller } = uses[0]!;
    if (!merge || use.from > merge.node.from) {
      blocker(use, `\`${name}()\` makes summaries that no tf.summary.merge_all() after the call collects`);
      continue;
    }
    if (caller.kind !== 'compute') {
      blocker(use, `\`${name}()\` makes summaries and is called here other than to compute a graph tensor`);
      continue;
    }
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
      if (read)
        calls.push({
          call,
          text: `tf.summary.${read.kind}(${read.args.join(', ')})`,
          kind: read.kind,
          args: read.args,
        });
    }
    out.set(name, { name, caller, calls });
  }
  return out;
}
