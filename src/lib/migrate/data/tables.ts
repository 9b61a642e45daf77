/**
 * The tf_upgrade_v2 tables (Apache-2.0, The TensorFlow Authors; see README.md here), typed and indexed
 * for lookups. Imported as JSON modules so bundlers inline them: no file reads at run time.
 */
import deprecationsJson from './deprecations.json' with { type: 'json' };
import keywordRenamesJson from './keyword-renames.json' with { type: 'json' };
import renamesJson from './renames.json' with { type: 'json' };
import reordersJson from './reorders.json' with { type: 'json' };
import { notes } from './notes.ts';
import type { Severity } from '../types.ts';

export interface Warning {
  severity: Severity;
  message: string;
}

export interface ArgWarning extends Warning {
  arg: string;
  /** Index of the argument when passed positionally. */
  position: number;
}

/** Old symbol -> new symbol. */
export const symbolRenames: ReadonlyMap<string, string> = new Map(
  Object.entries(renamesJson as Record<string, string>),
);

/** Function -> its TF1 positional argument names (keys are pre-rename names). */
export const argumentOrders: ReadonlyMap<string, readonly string[]> = new Map(
  Object.entries(reordersJson as Record<string, string[]>),
);

/** Function (or `*.method`) -> old keyword -> new keyword, null meaning removed. */
export const keywordRenames: ReadonlyMap<string, Readonly<Record<string, string | null>>> = new Map(
  Object.entries(keywordRenamesJson as Record<string, Record<string, string | null>>),
);

const LEVEL: Record<string, Severity> = { INFO: 'info', WARNING: 'warning', ERROR: 'error' };
const ARG_SUFFIX = / \[only when arg `(\w+)` is passed; positional index (\d+)\]$/;

/** Module prefix -> warning, for any symbol used under it. */
export const moduleDeprecations = new Map<string, Warning>();
/** Full name or `*.method` -> warning whenever it appears. */
export const functionWarnings = new Map<string, Warning>();
/** Full name or `*.method` -> warnings that apply only when an argument is passed. */
export const argWarnings = new Map<string, ArgWarning[]>();

for (const [key, value] of Object.entries(deprecationsJson as Record<string, string>)) {
  const colon = value.indexOf(': ');
  const severity = LEVEL[value.slice(0, colon)] ?? 'warning';
  let message = value.slice(colon + 2);
  const note = notes[key];
  if (note) message = `${message} ${note}`;
  if (message.startsWith('[module] ')) {
    moduleDeprecations.set(key, { severity, message: message.slice('[module] '.length) });
    continue;
  }
  const argMatch = ARG_SUFFIX.exec(message);
  const paren = key.indexOf('(');
  if (argMatch && paren > 0) {
    const fn = key.slice(0, paren);
    const list = argWarnings.get(fn) ?? [];
    list.push({ severity, message: message.replace(ARG_SUFFIX, ''), arg: argMatch[1]!, position: Number(argMatch[2]) });
    argWarnings.set(fn, list);
    continue;
  }
  functionWarnings.set(key, { severity, message });
}
// Upstream emits argument warnings sorted by argument name.
for (const list of argWarnings.values())
  list.sort((a, b) => (a.arg < b.arg ? -1 : a.arg > b.arg ? 1 : a.position - b.position));
