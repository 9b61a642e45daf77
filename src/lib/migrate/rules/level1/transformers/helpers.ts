import type { ArgState, CallModel } from '../../../call.ts';
import type { SyntaxNode } from '../../../parse.ts';

/** Where a transformer reports; bound to the call it works on. */
export interface CallLog {
  info(rule: string, message: string): void;
  warning(rule: string, message: string): void;
  error(rule: string, message: string): void;
}

/**
 * Rewrites one call in place. Matched by the callee's name as written (before renames), like
 * tf_upgrade_v2's function transformers; runs after argument reorders and keyword renames.
 */
export type Transformer = (call: CallModel, log: CallLog) => void;

/** The value's text in parentheses, unless it is already a parenthesized expression. */
export function parenthesized(call: CallModel, state: ArgState): string {
  const text = call.valueText(state);
  return state.arg.value.name === 'ParenthesizedExpression' && state.replacement === null && state.wrap === null
    ? text
    : `(${text})`;
}

/**
 * The value's text as an operand of `x if <test> else y`: outer parentheses dropped when what is
 * inside may stand there unbracketed (tf_upgrade_v2 prints `"uniform" if True or False else ...`).
 */
export function conditionTest(call: CallModel, state: ArgState): string {
  const text = call.valueText(state);
  const node = state.arg.value;
  if (node.name !== 'ParenthesizedExpression' || state.replacement !== null || state.wrap !== null) return text;
  const inner = node.firstChild?.nextSibling;
  if (
    !inner ||
    inner.nextSibling?.name !== ')' ||
    inner.name === 'ConditionalExpression' ||
    inner.name === 'LambdaExpression'
  )
    return text;
  return text.slice(1, -1);
}

/** A string literal's value when it is a plain one-part literal, else null. */
export function stringLiteral(source: string, node: SyntaxNode): string | null {
  if (node.name !== 'String') return null;
  const text = source.slice(node.from, node.to);
  const match = /^([rRuU]?)('|")(.*)\2$/s.exec(text);
  return match ? (match[3] ?? '') : null;
}

export function isStringNode(node: SyntaxNode): boolean {
  return node.name === 'String' || node.name === 'FormatString' || node.name === 'ContinuedString';
}

/** `tf.x.y` with its last part replaced, as tf_upgrade_v2 does when it sets `func.attr`. */
export function withLastPart(name: string | null, last: string): string | null {
  if (name === null) return null;
  const dot = name.lastIndexOf('.');
  return dot < 0 ? last : `${name.slice(0, dot + 1)}${last}`;
}
