import { CallModel } from '../../call.ts';
import { type SyntaxNode, textOf } from '../../parse.ts';
import type { RuleContext } from '../context.ts';
import { calleeName, isTf } from './names.ts';
import type { Program } from './program.ts';
import { type JitPlan, planJitSetting } from './xla-config.ts';

/** What the Sessions' arguments set, to be said when the Sessions go, and ConfigProto statements that go with them. */
export interface SessionConfigPlan {
  notes: { at: SyntaxNode; settings: string[] }[];
  removals: SyntaxNode[];
  /** XLA settings kept, as tf.config.optimizer.set_jit, where the ConfigProto goes. */
  jit: JitPlan[];
}

/**
 * `tf.Session(config=...)` goes with the Session, and what it configured would go silently; so each
 * Session with arguments gets a warning naming the settings and their TF2 homes. A `config =
 * tf.ConfigProto(...)` bound in the graph code and used only by those Sessions and by `config.x.y = v`
 * statements goes too (it would be dead tf.compat.v1 code), its settings listed in the same warning.
 */
export function planSessionConfigs(ctx: RuleContext, p: Program): SessionConfigPlan {
  const { source } = ctx;
  const plan: SessionConfigPlan = { notes: [], removals: [], jit: [] };
  const sessionCalls: SyntaxNode[] = [];
  for (const w of p.wrappers)
    if (w.kind === 'session' && w.node.firstChild?.nextSibling?.name === 'CallExpression')
      sessionCalls.push(w.node.firstChild.nextSibling);
  for (const s of p.stmts) if (s.kind === 'session' && s.value?.name === 'CallExpression') sessionCalls.push(s.value);
  const configArgs = new Map<number, SyntaxNode>();
  for (const call of sessionCalls) {
    const model = new CallModel(call, source, ctx.buffer);
    if (model.live.length === 0) continue;
    const settings = model.live.map((a) => `${a.keyword ?? 'argument'}=${textOf(source, a.arg.value)}`);
    const config = model.get('config', 2);
    if (config?.arg.value.name === 'VariableName') configArgs.set(config.arg.value.from, call);
    plan.notes.push({ at: call, settings });
  }
  for (const s of p.stmts) {
    if (
      s.kind !== 'other' ||
      s.targets.length !== 1 ||
      s.value?.name !== 'CallExpression' ||
      !isTf(calleeName(source, s.value), 'ConfigProto')
    )
      continue;
    const name = s.targets[0]!;
    const settings: SyntaxNode[] = [];
    let only = true;
    const cursor = p.block.cursor();
    while (cursor.next() && cursor.from < p.block.to) {
      if (
        cursor.name !== 'VariableName' ||
        source.slice(cursor.from, cursor.to) !== name ||
        cursor.from === s.node.from
      )
        continue;
      if (configArgs.has(cursor.from)) continue;
      if (cursor.node.parent?.name === 'ArgList' && cursor.node.nextSibling?.name === 'AssignOp') continue; // `config=` keyword
      const set = p.stmts.find(
        (t) =>
          t.node.name === 'AssignStatement' &&
          t.node.from === cursor.from &&
          t.node.firstChild?.name === 'MemberExpression' &&
          t.node.getChildren('AssignOp').length === 1,
      );
      const head = set?.node.firstChild;
      if (
        set &&
        head &&
        head.to < (set.node.getChild('AssignOp')?.from ?? 0) &&
        !textOf(source, set.value ?? set.node).includes(name)
      )
        settings.push(set.node);
      else only = false;
    }
    const users = [...configArgs].filter(
      ([from]) => source.slice(from, from + name.length) === name && !/\w/.test(source[from + name.length] ?? ''),
    );
    if (!only || users.length === 0) continue;
    const jit = new Map(settings.map((t) => [t, planJitSetting(ctx, p, t, name)]));
    const dropped = settings.filter((t) => !jit.get(t));
    plan.removals.push(s.node, ...dropped);
    for (const j of jit.values()) if (j) plan.jit.push(j);
    const note = plan.notes.find((n) => n.at.from === users[0]![1].from);
    const carried = dropped.length === 0 && new CallModel(s.value, source, ctx.buffer).live.length === 0;
    if (note && carried && note.settings.length === 1) {
      // Everything this config set is kept by tf.config calls: nothing is dropped to warn about.
      plan.notes.splice(plan.notes.indexOf(note), 1);
      continue;
    }
    note?.settings.push(`${textOf(source, s.value)}`, ...dropped.map((t) => textOf(source, t).replace(/\s+/g, ' ')));
  }
  return plan;
}

export function sessionConfigMessage(settings: string[]): string {
  return (
    `Session arguments dropped with the Session (${settings.join('; ')}): TF2 has no session to configure; set what matters ` +
    `with tf.config (tf.config.experimental.set_memory_growth for allow_growth, tf.debugging.set_log_device_placement, ` +
    `tf.config.threading for thread counts, tf.config.optimizer.set_jit for XLA).`
  );
}
