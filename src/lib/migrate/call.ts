import type { EditBuffer } from './edits.ts';
import { dottedName, type SyntaxNode, textOf } from './parse.ts';

/** One argument of a call as written. */
export interface Arg {
  kind: 'positional' | 'keyword' | 'star' | 'doublestar';
  /** The keyword as written (keyword arguments only). */
  keyword: string | null;
  keywordNode: SyntaxNode | null;
  value: SyntaxNode;
  /** From the keyword or star to the end of the value. */
  from: number;
  to: number;
  /** Offset of the comma after the argument, or -1. */
  commaAfter: number;
}

/** What a rule wants done to one argument; applied by `CallModel.commit`. */
export interface ArgState {
  readonly arg: Arg;
  /** Current keyword: null while positional. Setting it on a positional argument makes it a keyword. */
  keyword: string | null;
  removed: boolean;
  /** New text for the value, built from `valueText()` so inner edits are kept. */
  replacement: string | null;
  /** Text put around the value: [before, after]. */
  wrap: [string, string] | null;
}

/**
 * A call expression as data that rules can change: keywords added or renamed, arguments removed or
 * wrapped, arguments appended, the callee renamed. `commit` turns the changes into the fewest edits, so
 * the spacing and comments between arguments survive.
 */
export class CallModel {
  readonly callee: SyntaxNode;
  readonly argList: SyntaxNode;
  /** Dotted name of the callee as written, e.g. `tf.nn.dropout`; null if not a plain name chain. */
  readonly fullName: string | null;
  /** Last part of the callee name (`dropout`), also for `x.y().dropout`. */
  readonly shortName: string | null;
  /** Callee name after the rules; commit writes it if it differs from `fullName`. */
  name: string | null;
  readonly args: ArgState[];
  /** Arguments added at the end, already rendered (`kw=value` or a positional value). */
  readonly appended: string[] = [];
  /** Keyword arguments added before the first keyword argument (after the positional ones). */
  readonly prepended: string[] = [];
  /** Text added right after the call, e.g. `.to_sparse()`. */
  suffix = '';
  /** Replaces the whole call, for rules that restructure it (method call -> function call). */
  replacement: string | null = null;
  /** Replaces the whole argument list (between the parentheses), for rules that reorder arguments. */
  rebuiltArgs: string[] | null = null;
  /** Parsing the arguments failed (generator argument, syntax error): rules must leave the call alone. */
  readonly opaque: boolean;

  readonly node: SyntaxNode;
  readonly source: string;
  private readonly buffer: EditBuffer;

  constructor(node: SyntaxNode, source: string, buffer: EditBuffer) {
    this.node = node;
    this.source = source;
    this.buffer = buffer;
    this.callee = node.firstChild!;
    this.argList = node.lastChild!;
    this.fullName = dottedName(source, this.callee);
    this.name = this.fullName;
    this.shortName = lastName(source, this.callee);
    const parsed = parseArgs(source, this.argList);
    this.opaque = parsed === null;
    this.args = (parsed ?? []).map((arg) => ({
      arg,
      keyword: arg.keyword,
      removed: false,
      replacement: null,
      wrap: null,
    }));
  }

  get live(): ArgState[] {
    return this.args.filter((a) => !a.removed);
  }

  get positional(): ArgState[] {
    return this.live.filter((a) => a.keyword === null && a.arg.kind === 'positional');
  }

  get hasStarArgs(): boolean {
    return this.args.some((a) => a.arg.kind === 'star');
  }

  get hasStarKwargs(): boolean {
    return this.args.some((a) => a.arg.kind === 'doublestar');
  }

  /** The argument passed as keyword `name`, or else the positional one at `position` (stars skipped). */
  get(name: string | null, position?: number): ArgState | undefined {
    if (name !== null) {
      const byName = this.live.find((a) => a.keyword === name);
      if (byName) return byName;
    }
    return position === undefined ? undefined : this.positional[position];
  }

  /** The value's current text, including edits already made inside it. */
  valueText(state: ArgState): string {
    if (state.replacement !== null) return state.replacement;
    const text = this.buffer.render(state.arg.value.from, state.arg.value.to);
    return state.wrap ? state.wrap[0] + text + state.wrap[1] : text;
  }

  /** Source text of a value as written (for tests on literals such as `True` or `'RaggedTensor'`). */
  writtenValue(state: ArgState): string {
    return textOf(this.source, state.arg.value);
  }

  /** Current text of a range inside the call (edits already made there included). */
  renderRange(from: number, to: number): string {
    return this.buffer.render(from, to);
  }

  /** The call's current text (for rules that wrap or rebuild it). */
  render(): string {
    return this.buffer.render(this.node.from, this.node.to);
  }

  changed(): boolean {
    return (
      this.replacement !== null ||
      this.rebuiltArgs !== null ||
      this.appended.length > 0 ||
      this.prepended.length > 0 ||
      this.suffix !== '' ||
      this.name !== this.fullName ||
      this.args.some((a) => a.removed || a.keyword !== a.arg.keyword || a.replacement !== null || a.wrap !== null)
    );
  }

  /** Writes the changes as edits. Returns false if the buffer refused one (a conflicting edit). */
  commit(): boolean {
    const b = this.buffer;
    const node = this.node;
    if (this.replacement !== null) return b.replace(node.from, node.to, this.replacement);
    let ok = true;
    const open = this.argList.from + 1;
    const close = this.argList.lastChild?.name === ')' ? this.argList.lastChild.from : this.argList.to;
    if (this.rebuiltArgs !== null) {
      ok = b.replace(open, close, this.rebuiltArgs.join(', ')) && ok;
    } else {
      for (const state of this.args) {
        if (state.removed) continue;
        const { arg } = state;
        if (state.replacement !== null) ok = b.replace(arg.value.from, arg.value.to, state.replacement) && ok;
        else if (state.wrap) {
          b.insert(arg.value.from, state.wrap[0], 'right');
          b.insert(arg.value.to, state.wrap[1], 'left');
        }
        if (state.keyword !== arg.keyword) {
          if (arg.keywordNode && state.keyword !== null)
            ok = b.replace(arg.keywordNode.from, arg.keywordNode.to, state.keyword) && ok;
          else if (state.keyword !== null) b.insert(arg.from, `${state.keyword}=`, 'right');
        }
      }
      ok = this.commitRemovals() && ok;
      if (this.prepended.length > 0) {
        const firstKeyword = this.live.find((a) => a.keyword !== null || a.arg.kind === 'doublestar');
        if (firstKeyword) b.insert(firstKeyword.arg.from, `${this.prepended.join(', ')}, `, 'right');
        else this.appended.unshift(...this.prepended);
      }
      if (this.appended.length > 0) {
        const last = this.live.at(-1);
        const text = this.appended.join(', ');
        if (last) b.insert(last.arg.to, `, ${text}`, 'left');
        else b.insert(open, text, 'left');
      }
    }
    if (this.name !== null && this.name !== this.fullName)
      ok = b.replace(this.callee.from, this.callee.to, this.name) && ok;
    if (this.suffix) b.insert(node.to, this.suffix, 'left');
    return ok;
  }

  /**
   * Deletes removed arguments with the comma that joined them to a neighbour. A comment between the
   * arguments is kept: then only the comma and the argument go.
   */
  private commitRemovals(): boolean {
    const b = this.buffer;
    const args = this.args;
    let ok = true;
    const firstKept = args.findIndex((a) => !a.removed);
    for (let i = 0; i < args.length; i++) {
      const state = args[i]!;
      if (!state.removed) continue;
      const arg = state.arg;
      if (firstKept === -1) {
        // Everything goes: from the first argument to the last, with a trailing comma.
        const last = args.at(-1)!.arg;
        const end = last.commaAfter >= 0 ? last.commaAfter + 1 : last.to;
        return b.remove(args[0]!.arg.from, end) && ok;
      }
      if (i < firstKept) {
        if (i > 0) continue; // covered by the removal of argument 0
        const next = args[firstKept]!.arg;
        const gap = this.source.slice(arg.to, next.from);
        if (gap.includes('#')) {
          for (let j = 0; j < firstKept; j++) {
            const a = args[j]!.arg;
            ok = b.remove(a.from, a.commaAfter >= 0 ? a.commaAfter + 1 : a.to) && ok;
          }
        } else ok = b.remove(arg.from, next.from) && ok;
        continue;
      }
      const prev = args[i - 1]!.arg;
      const gap = this.source.slice(prev.to, arg.from);
      if (gap.includes('#') && prev.commaAfter >= 0) {
        ok = b.remove(prev.commaAfter, prev.commaAfter + 1) && ok;
        ok = b.remove(arg.from, arg.to) && ok;
      } else ok = b.remove(prev.to, arg.to) && ok;
    }
    return ok;
  }
}

function lastName(source: string, callee: SyntaxNode): string | null {
  if (callee.name === 'VariableName') return textOf(source, callee);
  if (callee.name === 'MemberExpression' && callee.lastChild?.name === 'PropertyName')
    return textOf(source, callee.lastChild);
  return null;
}

/** Splits an ArgList into arguments; null if it holds a generator or an error node. */
export function parseArgs(source: string, argList: SyntaxNode): Arg[] | null {
  const args: Arg[] = [];
  let pending: { kind: Arg['kind']; keywordNode: SyntaxNode | null; from: number } | null = null;
  for (let n = argList.firstChild; n; n = n.nextSibling) {
    const name = n.name;
    if (name === '(' || name === ')' || name === 'Comment') continue;
    if (n.type.isError || name === 'for' || name === 'async') return null;
    if (name === ',') {
      const last = args.at(-1);
      if (pending || !last || last.commaAfter >= 0) return null;
      last.commaAfter = n.from;
      continue;
    }
    if (name === '*' || name === '**') {
      pending = { kind: name === '*' ? 'star' : 'doublestar', keywordNode: null, from: n.from };
      continue;
    }
    if (name === 'VariableName' && n.nextSibling?.name === 'AssignOp') {
      pending = { kind: 'keyword', keywordNode: n, from: n.from };
      n = n.nextSibling;
      continue;
    }
    const kind = pending?.kind ?? 'positional';
    const keywordNode = pending?.keywordNode ?? null;
    args.push({
      kind,
      keyword: keywordNode ? textOf(source, keywordNode) : null,
      keywordNode,
      value: n,
      from: pending?.from ?? n.from,
      to: n.to,
      commaAfter: -1,
    });
    pending = null;
  }
  return pending ? null : args;
}
