import { CallModel } from '../../call.ts';
import { argWarnings, argumentOrders, functionWarnings, keywordRenames } from '../../data/tables.ts';
import type { RuleContext } from '../context.ts';
import type { SymbolTables } from './symbols.ts';
import { upgradeSymbol } from './symbols.ts';
import { type CallLog, transformers } from './transformers/index.ts';

/**
 * Upgrades one call, in tf_upgrade_v2's order: warnings first (later steps may remove the arguments
 * they are about), positional arguments to keywords where the order changed, keyword renames, the
 * special transformers, then the callee's own name (renamed last so the steps above match the TF1 name).
 */
export function upgradeCall(ctx: RuleContext, call: CallModel, tables: SymbolTables): void {
  const at = { from: call.node.from, to: call.node.to };
  const log: CallLog = {
    info: (rule, message) => ctx.report.info(1, rule, at, message),
    warning: (rule, message) => ctx.report.warning(1, rule, at, message),
    error: (rule, message) => ctx.report.error(1, rule, at, message),
  };
  const full = call.fullName;
  const glob = call.shortName ? `*.${call.shortName}` : null;
  const label = full ?? call.shortName ?? 'call';

  warnAboutCall(ctx, call, at, glob, label, tables.warnings);
  if (tables.renames && !call.opaque) {
    reorderArguments(call, log, label);
    renameKeywords(call, log, glob, label);
    const transformer = (full && transformers.get(full)) || (glob && transformers.get(glob));
    if (transformer) {
      if (call.hasStarArgs || call.hasStarKwargs) {
        log.warning(
          'star-args',
          `(Manual check required) upgrading ${label} may require modifying call arguments, but it was passed variable-length *args ` +
            `or **kwargs. The upgrade script cannot handle these automatically.`,
        );
      }
      transformer(call, log);
    }
  }
  if (call.replacement === null && call.name !== null && call.callee.name === 'MemberExpression') {
    call.name = upgradeSymbol(ctx, call.name, { from: call.callee.from, to: call.callee.to }, tables);
  }
  if (call.changed() && !call.commit()) {
    log.warning(
      'edit-conflict',
      `Two rules changed overlapping parts of this ${label} call; it was left partly converted. Please check it.`,
    );
  }
}

/**
 * Function warnings (`functions`: off after the import pre-pass found a versioned import) and
 * argument warnings (always on: tf_upgrade_v2's pre-pass does not clear them).
 */
function warnAboutCall(
  ctx: RuleContext,
  call: CallModel,
  at: { from: number; to: number },
  glob: string | null,
  label: string,
  functions: boolean,
): void {
  // `*.method` warnings apply to method calls only (`x.save()`, not `save()`).
  if (functions && glob && call.callee.name === 'MemberExpression') {
    const warning = functionWarnings.get(glob);
    if (warning)
      ctx.report.add(1, warning.severity, 'manual-check', at, `${glob} requires manual check. ${warning.message}`);
  }
  const list = [
    ...((glob && argWarnings.get(glob)) || []),
    ...((call.fullName && argWarnings.get(call.fullName)) || []),
  ];
  if (list.length === 0 || call.opaque) return;
  const variadic = call.hasStarArgs || call.hasStarKwargs;
  for (const warning of list) {
    if (!call.get(warning.arg, warning.position)) continue;
    const message = variadic
      ? `${label} called with *args or **kwargs that may include ${warning.arg}, requires manual check: ${warning.message}`
      : `${label} called with ${warning.arg} argument, requires manual check: ${warning.message}`;
    ctx.report.add(1, warning.severity, 'manual-check-arg', at, message);
  }
}

function reorderArguments(call: CallModel, log: CallLog, label: string): void {
  const order = call.fullName ? argumentOrders.get(call.fullName) : undefined;
  if (!order) return;
  if (call.hasStarArgs) {
    // tf_upgrade_v2 drops the *args here; we leave the arguments as they are and say so.
    log.warning(
      'star-args',
      `(Manual check required) upgrading ${label} may require re-ordering the call arguments, but it was passed variable-length ` +
        `positional *args. The upgrade script cannot handle these automatically.`,
    );
    return;
  }
  const positional = call.positional;
  if (positional.length === 0) return;
  if (positional.length > order.length) {
    log.warning(
      'reorder',
      `${label} is called with more positional arguments than it takes; arguments were left as they are.`,
    );
    return;
  }
  positional.forEach((state, i) => {
    state.keyword = order[i]!;
  });
  log.info('reorder', `Added keywords to args of function ${label}`);
}

function renameKeywords(call: CallModel, log: CallLog, glob: string | null, label: string): void {
  const renames = {
    ...((glob && keywordRenames.get(glob)) || {}),
    ...((call.fullName && keywordRenames.get(call.fullName)) || {}),
  };
  if (Object.keys(renames).length === 0) return;
  if (call.hasStarKwargs) {
    log.warning(
      'star-args',
      `(Manual check required) upgrading ${label} may require renaming or removing call arguments, but it was passed variable-length ` +
        `*args or **kwargs. The upgrade script cannot handle these automatically.`,
    );
  }
  for (const state of call.live) {
    if (state.keyword === null || !Object.hasOwn(renames, state.keyword)) continue;
    const renamed = renames[state.keyword];
    if (renamed === null || renamed === undefined) {
      log.info('keyword-removed', `Removed argument ${state.keyword} for function ${label}`);
      state.removed = true;
    } else {
      log.info('keyword-rename', `Renamed keyword argument for ${label} from ${state.keyword} to ${renamed}`);
      state.keyword = renamed;
    }
  }
}
