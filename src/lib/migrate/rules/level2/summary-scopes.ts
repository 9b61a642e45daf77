import { CallModel } from '../../call.ts';
import { type SyntaxNode, textOf } from '../../parse.ts';
import type { RuleContext } from '../context.ts';
import { calleeName, isTf } from './names.ts';
import type { Program, Wrapper } from './program.ts';

type Blocker = (at: { from: number; to: number }, why: string) => void;

/**
 * The name and variable scopes around graph code are removed (their bodies move into functions), but
 * TF1 named every summary made under them after the scope: `with tf.name_scope('cross_entropy'):
 * tf.summary.scalar('loss', l)` wrote the tag 'cross_entropy/loss'. So the v2 summary gets that
 * prefix in its name, and TF2 writes the same tag. The prefix is TF1's: a scope opened a second time
 * at the same place was named `scope_1` (then `_2`...), as TF1's graph made its names unique. A scope
 * whose name is not a plain string literal, or ends with '/' (re-entering a scope by its full name),
 * leaves the tag unknown here: refused with the reason.
 */
export function prefixScopedSummaries(ctx: RuleContext, p: Program, blocker: Blocker): void {
  const paths = scopePaths(ctx, p);
  const prefixOf = (stmt: SyntaxNode): string | null | undefined => {
    const around = p.wrappers.filter((w) => w.kind === 'scope' && w.body.from <= stmt.from && stmt.to <= w.body.to);
    if (around.length === 0) return undefined;
    const innermost = around.reduce((a, b) => (b.body.from >= a.body.from ? b : a));
    return paths.get(innermost) ?? null;
  };
  const refuse = (at: SyntaxNode) =>
    blocker(
      at,
      'this summary is made under a name or variable scope whose name is not a plain string literal: TF1 prefixed the ' +
        'summary tag with it, and the scope goes, so the TF2 tag is not known here',
    );
  for (const s of p.summaries) {
    const prefix = prefixOf(s.stmt);
    if (prefix === undefined) continue;
    if (prefix === null) refuse(s.stmt);
    else s.args[0] = prefixed(prefix, s.args[0]!);
  }
  for (const helper of p.summaryHelpers.values()) {
    const prefix = prefixOf(helper.caller.node);
    if (prefix === undefined) continue;
    if (prefix === null) {
      refuse(helper.caller.node);
      continue;
    }
    // The helper's own scopes stay (TF2 prefixes tags with them too): the outer prefix goes in front of the
    // outermost of them, and in front of the names of summaries outside them.
    const def = helperDef(helper.calls[0]?.call);
    const renames: { at: SyntaxNode; text: string }[] = [];
    let unknown: SyntaxNode | null = null;
    for (const w of def ? outermostScopes(ctx, def) : []) {
      if (w.literal === null) unknown ??= w.node;
      else renames.push({ at: w.literal, text: prefixed(prefix, textOf(ctx.source, w.literal)) });
    }
    if (unknown) {
      refuse(unknown);
      continue;
    }
    helper.scopeRenames = renames;
    for (const c of helper.calls) {
      if (def && insideScope(ctx, def, c.call)) continue;
      c.args[0] = prefixed(prefix, c.args[0]!);
      c.text = `tf.summary.${c.kind}(${c.args.join(', ')})`;
    }
  }
}

function helperDef(call: SyntaxNode | undefined): SyntaxNode | null {
  for (let n = call?.parent ?? null; n; n = n.parent) if (n.name === 'FunctionDefinition') return n;
  return null;
}

function scopeCall(ctx: RuleContext, stmt: SyntaxNode): SyntaxNode | null {
  if (stmt.name !== 'WithStatement') return null;
  const item = stmt.firstChild?.nextSibling;
  return item?.name === 'CallExpression' && isTf(calleeName(ctx.source, item), 'name_scope', 'variable_scope')
    ? item
    : null;
}

/** The scope `with` statements of a function not inside another one, with their name when it is a plain string literal. */
function outermostScopes(ctx: RuleContext, def: SyntaxNode): { node: SyntaxNode; literal: SyntaxNode | null }[] {
  const out: { node: SyntaxNode; literal: SyntaxNode | null }[] = [];
  const cursor = def.cursor();
  while (cursor.next() && cursor.from < def.to) {
    const item = scopeCall(ctx, cursor.node);
    if (!item || insideScope(ctx, def, cursor.node)) continue;
    const model = new CallModel(item, ctx.source, ctx.buffer);
    const arg = model.live.length === 1 ? model.get('name', 0) : undefined;
    const value = arg?.arg.value ?? null;
    const plain =
      value && /^(['"])[\w.-][\w./-]*\1$/.test(textOf(ctx.source, value)) && !/\/['"]$/.test(textOf(ctx.source, value));
    out.push({ node: cursor.node, literal: plain ? value : null });
  }
  return out;
}

function insideScope(ctx: RuleContext, def: SyntaxNode, node: SyntaxNode): boolean {
  for (let n = node.parent; n && n !== def; n = n.parent) if (scopeCall(ctx, n)) return true;
  return false;
}

/** `'loss'` -> `'cross_entropy/loss'`; another expression -> `'cross_entropy/' + (expression)`. */
function prefixed(prefix: string, name: string): string {
  const literal = /^(['"])([^'"\\]*)\1$/.exec(name);
  if (literal) return `${literal[1]}${prefix}/${literal[2]}${literal[1]}`;
  return `'${prefix}/' + (${name})`;
}

/** Each scope wrapper's full TF1 name scope, or null where it is not known from the text. */
function scopePaths(ctx: RuleContext, p: Program): Map<Wrapper, string | null> {
  const { source } = ctx;
  const scopes = p.wrappers.filter((w) => w.kind === 'scope').sort((a, b) => a.node.from - b.node.from);
  const out = new Map<Wrapper, string | null>();
  const used = new Map<string, number>();
  for (const w of scopes) {
    const outer = scopes.filter((o) => o !== w && o.body.from <= w.node.from && w.node.to <= o.body.to);
    const parent = outer.length === 0 ? '' : out.get(outer.reduce((a, b) => (b.body.from >= a.body.from ? b : a)));
    const name = scopeName(source, w, ctx);
    if (parent === null || parent === undefined || name === null) {
      out.set(w, null);
      continue;
    }
    const wish = parent ? `${parent}/${name}` : name;
    const seen = used.get(wish) ?? 0;
    used.set(wish, seen + 1);
    out.set(w, seen === 0 ? wish : `${wish}_${seen}`);
  }
  return out;
}

function scopeName(source: string, w: Wrapper, ctx: RuleContext): string | null {
  const item = w.node.firstChild?.nextSibling;
  if (item?.name !== 'CallExpression') return null;
  const model = new CallModel(item, source, ctx.buffer);
  const variableScope = isTf(calleeName(source, item), 'variable_scope');
  const arg = model.get(variableScope ? 'name_or_scope' : 'name', 0);
  const text = arg ? textOf(source, arg.arg.value) : '';
  const literal = /^(['"])([\w.-][\w./-]*)\1$/.exec(text);
  if (!literal || literal[2]!.endsWith('/')) return null;
  return literal[2]!;
}
