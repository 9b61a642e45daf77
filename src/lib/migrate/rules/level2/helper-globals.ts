import { CallModel } from '../../call.ts';
import { statementsOf, type SyntaxNode, textOf } from '../../parse.ts';
import type { RuleContext } from '../context.ts';
import { callsIn, containsNode, namesIn } from './names.ts';
import { graphBindingBefore, type Program } from './program.ts';
import { localsOf } from './sites.ts';

type Fail = (at: { from: number; to: number }, why: string) => void;

/** A function defined in the block, with the names its body reads but does not bind (its globals). */
export interface Helper {
  def: SyntaxNode;
  name: string;
  free: Set<string>;
}

/** The text edits that pass a helper's graph globals to it, and the reads inside it they account for. */
export interface HelperGlobalsPlan {
  edits: { at: number; text: string }[];
  consumed: number[];
  notes: { at: SyntaxNode; message: string }[];
}

/**
 * Functions defined directly in the block (`def vae_loss(x, y): ... z_mean ...`), keyed by name. A
 * function with a `global` or `nonlocal` statement is left out: it rebinds names, which is not a read.
 */
export function helperFunctions(ctx: RuleContext, block: SyntaxNode): Map<string, Helper> {
  const { source } = ctx;
  const out = new Map<string, Helper>();
  for (const stmt of statementsOf(block)) {
    if (stmt.name !== 'FunctionDefinition') continue;
    const nameNode = stmt.getChild('VariableName');
    const body = stmt.getChild('Body');
    if (!nameNode || !body || containsNode(body, 'ScopeStatement')) continue;
    const locals = localsOf(source, stmt);
    const free = new Set([...namesIn(source, body)].filter((n) => !locals.has(n)));
    out.set(textOf(source, nameNode), { def: stmt, name: textOf(source, nameNode), free });
  }
  return out;
}

/**
 * Graph code that calls a helper reading graph tensors as globals (a loss function that reads
 * `z_mean`) reads those tensors too, at the call: adds to `uses` the free names of every helper
 * called in `node` that name a placeholder or graph tensor at that point (Python looks globals up
 * when the call runs, so the bindings made before it).
 */
export function addHelperReads(ctx: RuleContext, p: Program, node: SyntaxNode, uses: Set<string>): void {
  if (p.helpers.size === 0) return;
  for (const call of callsIn(ctx.parsed.tree, node)) {
    const callee = call.firstChild;
    if (callee?.name !== 'VariableName') continue;
    const helper = p.helpers.get(textOf(ctx.source, callee));
    if (!helper) continue;
    for (const name of helper.free) if (p.placeholders.has(name) || p.compute.has(name)) uses.add(name);
  }
}

/**
 * The graph tensors a helper reads as globals become locals of the functions that replace Session.run,
 * so the helper could no longer see them: they become keyword-only parameters (`def vae_loss(x, y, *,
 * z_mean, z_std)`) and every call passes them by name (`vae_loss(d, x, z_mean=z_mean, z_std=z_std)`),
 * the same tensors the TF1 call read. Only when each mention of the helper is a plain call in graph
 * code that moves into those functions; otherwise the reason is reported where the helper is used.
 */
export function planHelperGlobals(ctx: RuleContext, p: Program, fail: Fail): HelperGlobalsPlan {
  const { source } = ctx;
  const plan: HelperGlobalsPlan = { edits: [], consumed: [], notes: [] };
  const graphName = (n: string) => p.placeholders.has(n) || p.compute.has(n);
  const moved = p.stmts.filter((s) => s.kind === 'compute').map((s) => s.node);
  for (const helper of p.helpers.values()) {
    const reads = [...helper.free].filter(graphName).sort();
    // A helper that graph code never calls (one building feed dicts, say) is not graph code: its reads stay reported as uses.
    if (reads.length === 0 || !callsIn(ctx.parsed.tree, p.block).some((c) => calledIn(source, c, helper.name, moved)))
      continue;
    const what = `\`${helper.name}\` reads the graph tensors ${reads.map((r) => `\`${r}\``).join(', ')} as globals`;
    const params = helper.def.getChild('ParamList');
    if (!params || /[*/]/.test(textOf(source, params))) {
      fail(
        helper.def,
        `${what}, and its parameters have * or /, so they cannot be passed to it as keyword-only arguments`,
      );
      continue;
    }
    const calls: SyntaxNode[] = [];
    let ok = true;
    const cursor = p.block.cursor();
    while (cursor.next() && cursor.from < p.block.to) {
      if (cursor.name !== 'VariableName' || textOf(source, cursor.node) !== helper.name) continue;
      const node = cursor.node;
      if (node.parent?.from === helper.def.from && node.parent.name === 'FunctionDefinition') continue;
      const call =
        node.parent?.name === 'CallExpression' && node.parent.firstChild?.from === node.from ? node.parent : null;
      const model = call ? new CallModel(call, source, ctx.buffer) : null;
      const inGraph = moved.some((m) => m.from <= node.from && node.to <= m.to);
      const passed = model?.live.some((a) => a.keyword !== null && reads.includes(a.keyword));
      if (!call || !model || !inGraph || model.opaque || model.hasStarArgs || model.hasStarKwargs || passed) {
        fail(
          node,
          `${what}, which become locals of the functions that replace Session.run; it is used here other than called plainly ` +
            `in graph code, so they cannot be passed to it`,
        );
        ok = false;
        continue;
      }
      calls.push(call);
    }
    if (!ok) continue;
    // Each call's statement now reads the tensors too (tensors promoted after the first reading included),
    // and each must be bound by graph code before the call, as Python's global lookup would find it.
    for (const call of calls) {
      const stmt = p.stmts.find((s) => s.kind === 'compute' && s.node.from <= call.from && call.to <= s.node.to)!;
      for (const r of reads) stmt.uses.add(r);
      const unbound = reads.find((r) => !graphBindingBefore(p, r, stmt.node.from));
      if (unbound !== undefined) {
        fail(call, `${what}, and \`${unbound}\` is not bound by the graph code before this call`);
        ok = false;
      }
    }
    if (!ok) continue;
    plan.edits.push(closing(params, `*, ${reads.join(', ')}`));
    for (const call of calls)
      plan.edits.push(closing(call.getChild('ArgList')!, reads.map((r) => `${r}=${r}`).join(', ')));
    plan.notes.push({
      at: helper.def,
      message:
        `${what}: they are now keyword-only parameters of it, and each call passes the ones built before it, the tensors ` +
        `the TF1 call read`,
    });
    const body = helper.def.getChild('Body')!;
    const inner = body.cursor();
    while (inner.next() && inner.from < body.to)
      if (inner.name === 'VariableName' && reads.includes(textOf(source, inner.node))) plan.consumed.push(inner.from);
  }
  return plan;
}

function calledIn(source: string, call: SyntaxNode, name: string, moved: SyntaxNode[]): boolean {
  const callee = call.firstChild;
  return (
    callee?.name === 'VariableName' &&
    textOf(source, callee) === name &&
    moved.some((m) => m.from <= call.from && call.to <= m.to)
  );
}

/** An insert that adds `text` as the last items of a parenthesised list, after a comma where one is needed. */
function closing(list: SyntaxNode, text: string): { at: number; text: string } {
  const close = list.lastChild!;
  const last = close.prevSibling;
  const empty = !last || last.name === '(';
  const comma = last?.name === ',';
  return { at: close.from, text: `${empty ? '' : comma ? ' ' : ', '}${text}` };
}
