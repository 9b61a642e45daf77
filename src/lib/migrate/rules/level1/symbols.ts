import { functionWarnings, moduleDeprecations, symbolRenames } from '../../data/tables.ts';
import type { RuleContext } from '../context.ts';

export interface SymbolTables {
  renames: boolean;
  warnings: boolean;
}

/**
 * Handles one dotted name (`tf.a.b.c`), as tf_upgrade_v2 does for an attribute chain: from the whole
 * name down to `tf.a`, warn if that prefix has a function warning, rename it and stop if it has a new
 * name, else warn if it is a deprecated module. Returns the name to write (the input if unchanged).
 *
 * `at` is where the name stands in the input; the caller writes the returned name there.
 */
export function upgradeSymbol(
  ctx: RuleContext,
  name: string,
  at: { from: number; to: number },
  tables: SymbolTables,
): string {
  const parts = name.split('.');
  for (let length = parts.length; length >= 2; length--) {
    const prefix = parts.slice(0, length).join('.');
    if (tables.warnings) {
      const warning = functionWarnings.get(prefix);
      if (warning)
        ctx.report.add(1, warning.severity, 'manual-check', at, `${prefix} requires manual check. ${warning.message}`);
    }
    const renamed = tables.renames ? symbolRenames.get(prefix) : undefined;
    if (renamed) {
      ctx.report.info(1, 'rename', at, `Renamed \`${prefix}\` to \`${renamed}\``);
      return renamed + name.slice(prefix.length);
    }
    const deprecation = moduleDeprecations.get(prefix);
    if (deprecation) {
      ctx.report.add(
        1,
        deprecation.severity,
        'deprecated-module',
        at,
        `Using member ${name} in deprecated module ${prefix}. ${deprecation.message}`,
      );
    }
  }
  return name;
}
