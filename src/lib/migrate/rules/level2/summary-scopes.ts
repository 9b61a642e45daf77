import { CallModel } from '../../call.ts';
import { type SyntaxNode, textOf } from '../../parse.ts';
import type { RuleContext } from '../context.ts';
import { calleeName, isTf } from './names.ts';
import type { Program, Wrapper } from './program.ts';

type Blocker = (at: { from: number; to: number }, why: string) => void;

const SCOPE_WHY =
  'is made under a name or variable scope whose name is not a plain string literal: TF1 prefixed the summary tag with ' +
  'it, and the scope goes, so the TF2 tag is not known here';

/**
 * The name and variable scopes around graph code are removed (their bodies move into functions), but
 * TF1 named every summary made under them after the scope: `with tf.name_scope('cross_entropy'):
 * tf.summary.scalar('loss', l)` wrote the tag 'cross_entropy/loss'. So a summary the graph code makes
 * gets that prefix in its name, and TF2 writes the same tag; a call of a function making summaries is
 * run under `with tf.name_scope('<the prefix>'):` in the function computing it (see
 * helperScopePrefix), so its own scopes and names follow as in TF1. The prefix is TF1's: a scope
 * opened a second time at the same place was named `scope_1` (then `_2`...), as TF1's graph made its
 * names unique. A scope whose name is not a plain string literal, or ends with '/' (re-entering a
 * scope by its full name), leaves the tag unknown here: refused with the reason.
 */
export function prefixScopedSummaries(ctx: RuleContext, p: Program, blocker: Blocker): void {
  for (const s of p.summaries) {
    const prefix = removedScopePath(ctx, p, s.stmt);
    if (prefix === null) blocker(s.stmt, `this summary ${SCOPE_WHY}`);
    else if (prefix !== '') s.args[0] = prefixed(prefix, s.args[0]!);
  }
}

/**
 * The TF1 name scope that the removed scopes around a call of a summary-making function opened: ''
 * where none, null (with the reason) where it is not known.
 */
export function helperScopePrefix(
  ctx: RuleContext,
  p: Program,
  stmt: SyntaxNode,
  name: string,
  blocker: Blocker,
): string | null {
  const prefix = removedScopePath(ctx, p, stmt);
  if (prefix === null) blocker(stmt, `this call of \`${name}()\`, which makes summaries, ${SCOPE_WHY}`);
  return prefix;
}

/** `'loss'` -> `'cross_entropy/loss'`; another expression -> `'cross_entropy/' + (expression)`. */
function prefixed(prefix: string, name: string): string {
  const literal = /^(['"])([^'"\\]*)\1$/.exec(name);
  if (literal) return `${literal[1]}${prefix}/${literal[2]}${literal[1]}`;
  return `'${prefix}/' + (${name})`;
}

const pathCache = new WeakMap<Program, Map<Wrapper, string | null>>();

/** The full TF1 name scope of the removed scope wrappers around `stmt`: '' where none, null where not known. */
function removedScopePath(ctx: RuleContext, p: Program, stmt: SyntaxNode): string | null {
  let paths = pathCache.get(p);
  if (!paths) pathCache.set(p, (paths = scopePaths(ctx, p)));
  const around = p.wrappers.filter((w) => w.kind === 'scope' && w.body.from <= stmt.from && stmt.to <= w.body.to);
  if (around.length === 0) return '';
  return paths.get(around.reduce((a, b) => (b.body.from >= a.body.from ? b : a))) ?? null;
}

/** Each scope wrapper's full TF1 name scope, or null where it is not known from the text. */
function scopePaths(ctx: RuleContext, p: Program): Map<Wrapper, string | null> {
  const scopes = p.wrappers.filter((w) => w.kind === 'scope').sort((a, b) => a.node.from - b.node.from);
  const out = new Map<Wrapper, string | null>();
  const used = new Map<string, number>();
  for (const w of scopes) {
    const outer = scopes.filter((o) => o !== w && o.body.from <= w.node.from && w.node.to <= o.body.to);
    const parent = outer.length === 0 ? '' : out.get(outer.reduce((a, b) => (b.body.from >= a.body.from ? b : a)));
    const name = scopeName(ctx, w);
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

function scopeName(ctx: RuleContext, w: Wrapper): string | null {
  const { source } = ctx;
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
