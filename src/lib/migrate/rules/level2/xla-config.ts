import { type SyntaxNode, textOf } from '../../parse.ts';
import type { RuleContext } from '../context.ts';
import { assignedNames, assignedValue, isTf } from './names.ts';
import type { Program } from './program.ts';

/** The edits that turn a ConfigProto's XLA setting into its TF2 form. */
export interface JitPlan {
  edits: { at: SyntaxNode; text: string }[];
  /** The setting's TF1 text, for the report. */
  setting: string;
}

/**
 * A GlobalJitLevel value as `tf.config.optimizer.set_jit` takes it: ON_1 is XLA auto-clustering
 * ('autoclustering'); OFF and DEFAULT (0, off unless TF_XLA_FLAGS said otherwise, as TF2's False)
 * compile nothing. ON_2 is a second level that set_jit cannot name, so it stays a dropped setting.
 */
function jitValue(source: string, value: SyntaxNode): string | null {
  const text = textOf(source, value).replace(/\s+/g, '');
  if (isTf(text, 'OptimizerOptions.ON_1') || text === '1') return "'autoclustering'";
  if (isTf(text, 'OptimizerOptions.OFF', 'OptimizerOptions.DEFAULT') || text === '0' || text === '-1') return 'False';
  return null;
}

/**
 * `config.graph_options.optimizer_options.global_jit_level = v`, on a ConfigProto that only Sessions
 * use, becomes `tf.config.optimizer.set_jit(...)` in its place. `v` is a GlobalJitLevel constant, or a
 * name bound only to such constants (`jit_level = 0`, then `if FLAGS.xla: jit_level = ON_1`) and read
 * only by this setting: each binding then holds the set_jit value instead. Anything else: null, and
 * the setting is dropped with the Session's warning as before.
 */
export function planJitSetting(ctx: RuleContext, p: Program, setting: SyntaxNode, config: string): JitPlan | null {
  const { source } = ctx;
  const head = setting.firstChild;
  const value = assignedValue(setting);
  if (
    !head ||
    !value ||
    textOf(source, head).replace(/\s+/g, '') !== `${config}.graph_options.optimizer_options.global_jit_level`
  )
    return null;
  const text = (v: string) => `tf.config.optimizer.set_jit(${v})`;
  const constant = jitValue(source, value);
  if (constant !== null) return { edits: [{ at: setting, text: text(constant) }], setting: textOf(source, setting) };
  if (value.name !== 'VariableName') return null;
  const name = textOf(source, value);
  // A parameter of the function holding the graph code is bound by its callers, to values not seen here.
  const params = p.block.parent?.name === 'FunctionDefinition' ? p.block.parent.getChild('ParamList') : null;
  if (params && params.getChildren('VariableName').some((n) => textOf(source, n) === name)) return null;
  const edits: JitPlan['edits'] = [{ at: setting, text: text(name) }];
  const cursor = p.block.cursor();
  while (cursor.next() && cursor.from < p.block.to) {
    if (cursor.name !== 'VariableName' || source.slice(cursor.from, cursor.to) !== name || cursor.from === value.from)
      continue;
    const stmt = cursor.node.parent;
    const bound =
      stmt?.name === 'AssignStatement' && stmt.firstChild?.from === cursor.from ? assignedValue(stmt) : null;
    const names = stmt ? assignedNames(source, stmt) : null;
    const mapped = bound && names?.length === 1 ? jitValue(source, bound) : null;
    if (!bound || mapped === null) return null;
    edits.push({ at: bound, text: mapped });
  }
  return edits.length > 1 ? { edits, setting: textOf(source, setting).replace(/\s+/g, ' ') } : null;
}

export function jitMessage(setting: string): string {
  return (
    `${setting} -> tf.config.optimizer.set_jit: the same XLA auto-clustering, which TF2 applies only to code compiled into ` +
    `a graph, so every function replacing a Session.run here is a tf.function.`
  );
}
