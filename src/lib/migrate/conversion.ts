/**
 * How far the engine converts a program, judged on its output: fully (TF2 code with nothing of TF1's
 * graph plumbing, no tf.compat.v1, parsing, passing the TF2 API check), partly, or refused; and which
 * TF1 idioms the input used, so a corpus can be summarized per idiom. Pure like the engine, so the
 * chapter computes it at build time and the benchmark script prints the same figures.
 */
import { checkApi, type ApiFinding } from './api-check.ts';
import { migrate } from './index.ts';
import { LineIndex } from './lines.ts';
import { parsePython, parseSource } from './parse.ts';
import { plumbingUses } from './plumbing.ts';
import type { MigrateResult, ReportEntry } from './types.ts';

export type Outcome = 'fully' | 'partly' | 'refused';

/** Something in the output that keeps it from being plain TF2, by output line. */
export interface Spot {
  line: number;
  reason: string;
}

export interface Conversion {
  name: string;
  outcome: Outcome;
  /**
   * Whether the output parses: no more syntax errors than the input had. Lezer misreads a few inputs
   * CPython accepts (a backslash before a blank line); the conversion is not to blame for those.
   */
  parses: boolean;
  /** Syntax errors our parser finds in the input. */
  inputParseErrors: number;
  /**
   * API-check findings the conversion itself caused: a name or keyword TF2 lacks that the input did
   * not already use. Names carried over unchanged from the input (tf.contrib, tf.estimator) are spots.
   */
  apiViolations: ApiFinding[];
  /** Names or keywords TF2 lacks, kept as the input had them. */
  carriedApiFindings: ApiFinding[];
  spots: Spot[];
  /**
   * Comments and docstrings of the output that still name `tf.compat.v1`, typically an input comment
   * describing code the conversion replaced: text to update, not TF1 code, so they do not keep a file
   * from fully converted.
   */
  staleMentions: Spot[];
  /** The engine's own reasons for what it left (report entries `not-converted`), by input line. */
  reasons: ReportEntry[];
  /** Internal errors of the engine: report entries, a reverted Level 2, or an exception thrown here. */
  internalErrors: string[];
  idioms: IdiomId[];
}

/** TF1 plumbing left in the output, one spot per use (an InteractiveSession is named as such). */
function plumbingSpots(code: string): Spot[] {
  const lines = new LineIndex(code);
  return plumbingUses(code).map(({ word, from }) => ({
    line: lines.position(from).line,
    reason: `${/^[IA]/.test(word) ? 'an' : 'a'} ${word} is left`,
  }));
}

const findingKey = (f: ApiFinding) => `${f.kind}:${f.name}:${f.keyword ?? ''}`;

/** Runs the engine on one program and judges its output. Never throws: a crash is an internal error. */
export function judgeConversion(name: string, source: string): Conversion {
  let result: MigrateResult;
  try {
    result = migrate(source);
  } catch (error) {
    return {
      name,
      outcome: 'refused',
      parses: false,
      inputParseErrors: 0,
      apiViolations: [],
      carriedApiFindings: [],
      spots: [],
      staleMentions: [],
      reasons: [],
      internalErrors: [`migrate threw: ${String(error)}`],
      idioms: detectIdioms(source),
    };
  }
  return judgeResult(name, source, result);
}

/** Judges a conversion already made (separate so the judging can be tested on made-up results). */
export function judgeResult(name: string, source: string, result: MigrateResult): Conversion {
  const idioms = detectIdioms(source);
  const internalErrors = result.report
    .filter((e) => e.rule === 'internal-error' || e.rule === 'level2-reverted')
    .map((e) => e.message);
  const parseErrors = parseSource(result.code).parseErrors;
  const inputFindings = new Set(checkApi(source).findings.map(findingKey));
  const apiViolations: ApiFinding[] = [];
  const carriedApiFindings: ApiFinding[] = [];
  const spots: Spot[] = plumbingSpots(result.code);
  for (const f of checkApi(result.code).findings) {
    if (f.kind === 'compat-v1') spots.push({ line: f.line, reason: f.message });
    else if (inputFindings.has(findingKey(f))) {
      carriedApiFindings.push(f);
      spots.push({ line: f.line, reason: `${f.message}; kept from the input, no TF2 equivalent written` });
    } else apiViolations.push(f);
  }
  // A mention the API check does not see: in a string it is code (a spot); in a comment or docstring
  // it is prose about the program, reported apart (staleMentions).
  const compatLines = new Set(spots.map((s) => s.line));
  const staleMentions: Spot[] = [];
  const code = codeOnly(result.code);
  const lineIndex = new LineIndex(result.code);
  for (let at = result.code.indexOf('tf.compat.v1'); at >= 0; at = result.code.indexOf('tf.compat.v1', at + 1)) {
    const line = lineIndex.position(at).line;
    if (compatLines.has(line)) continue;
    compatLines.add(line);
    if (code.startsWith('tf.compat.v1', at)) spots.push({ line, reason: '`tf.compat.v1` is named in a string' });
    else
      staleMentions.push({
        line,
        reason:
          'a comment or docstring still names `tf.compat.v1`, which the code here no longer uses: update the text',
      });
  }
  for (const e of parseErrors)
    spots.push({
      line: e.line,
      reason: `syntax error: ${e.message}${result.parseErrors.length > 0 ? ' (the input has syntax errors for our parser too)' : ''}`,
    });
  spots.sort((a, b) => a.line - b.line);
  const fully =
    spots.length === 0 && apiViolations.length === 0 && internalErrors.length === 0 && !code.includes('tf.compat.v1');
  // Refused: Level 2 left the program exactly as Level 1 made it, and that is not TF2 yet.
  const outcome: Outcome = fully ? 'fully' : result.code === result.level1Code ? 'refused' : 'partly';
  return {
    name,
    outcome,
    parses: parseErrors.length <= result.parseErrors.length,
    inputParseErrors: result.parseErrors.length,
    apiViolations,
    carriedApiFindings,
    spots,
    staleMentions,
    reasons: result.report.filter((e) => e.rule === 'not-converted'),
    internalErrors,
    idioms,
  };
}

export type IdiomId =
  | 'variable-scope'
  | 'tf-layers'
  | 'rnn'
  | 'placeholder-with-default'
  | 'feed-helpers'
  | 'dict-fetches'
  | 'iterator-get-next'
  | 'queue-runners'
  | 'saver'
  | 'summaries'
  | 'session-config'
  | 'interactive-session'
  | 'app-flags'
  | 'estimator'
  | 'multi-gpu'
  | 'gan-var-list';

/**
 * The TF1 idioms the corpus is summarized by, detected in the input with regular expressions over the
 * code with comments and docstrings blanked out (a docstring mentioning a Saver is not one). Deliberately
 * simple: a label for grouping files, not an analysis.
 */
export const IDIOMS: readonly { id: IdiomId; label: string; pattern: RegExp }[] = [
  {
    id: 'variable-scope',
    label: 'variable_scope / reuse model functions',
    pattern: /\bvariable_scope\s*\(|\breuse\s*=/,
  },
  { id: 'tf-layers', label: 'tf.layers / tf.contrib.layers', pattern: /\btf\.(?:contrib\.)?layers\.\w/ },
  {
    id: 'rnn',
    label: 'dynamic_rnn / bidirectional_dynamic_rnn / static_rnn',
    pattern: /\b(?:static_|static_bidirectional_|bidirectional_dynamic_|dynamic_)rnn\s*\(/,
  },
  { id: 'placeholder-with-default', label: 'placeholder_with_default', pattern: /\bplaceholder_with_default\s*\(/ },
  {
    id: 'feed-helpers',
    label: 'feed-dict helpers / variables',
    pattern: /\bfeed_dict\s*=\s*(?![\s{])|\bdef\s+\w*feed\w*\s*\(/,
  },
  { id: 'dict-fetches', label: 'dict / nested fetches', pattern: /\.run\(\s*(?:\{|\[[^\]\n]*\[)/ },
  { id: 'iterator-get-next', label: 'tf.data iterator get_next', pattern: /\.get_next\s*\(/ },
  {
    id: 'queue-runners',
    label: 'queue runners',
    pattern:
      /\bstart_queue_runners\b|\bQueueRunner\b|\bstring_input_producer\b|\b(?:shuffle_)?batch(?:_join)?\s*\(\s*\[/,
  },
  { id: 'saver', label: 'tf.train.Saver', pattern: /\bSaver\s*\(/ },
  { id: 'summaries', label: 'FileWriter + merge_all', pattern: /\bFileWriter\s*\(|\bmerge_all(?:_summaries)?\s*\(/ },
  { id: 'session-config', label: 'Session(config)', pattern: /\bSession\s*\(\s*config\s*=|\bConfigProto\s*\(/ },
  {
    id: 'interactive-session',
    label: 'InteractiveSession / .eval()',
    pattern: /\bInteractiveSession\s*\(|\.eval\s*\(/,
  },
  { id: 'app-flags', label: 'tf.app.flags / tf.app.run', pattern: /\btf\.(?:app\.)?flags\b|\btf\.app\.run\b/ },
  { id: 'estimator', label: 'tf.estimator', pattern: /\btf\.(?:contrib\.)?(?:estimator|learn)\.\w/ },
  { id: 'multi-gpu', label: 'multi-GPU towers', pattern: /\btower\w*\b|\btf\.device\s*\([^)\n]*gpu:(?:[1-9]|%|\{)/i },
  { id: 'gan-var-list', label: 'GANs with var_list', pattern: /\bvar_list\s*=/ },
];

/** The code with comments and docstrings (strings standing as statements) blanked, offsets kept. */
export function codeOnly(source: string): string {
  const chars = source.split('');
  const cursor = parsePython(source).cursor();
  do {
    const docstring =
      (cursor.name === 'String' || cursor.name === 'FormatString') &&
      cursor.node.parent?.name === 'ExpressionStatement';
    if (cursor.name === 'Comment' || docstring) {
      for (let i = cursor.from; i < cursor.to; i++) if (chars[i] !== '\n') chars[i] = ' ';
    }
  } while (cursor.next());
  return chars.join('');
}

export function detectIdioms(source: string): IdiomId[] {
  const code = codeOnly(source);
  return IDIOMS.filter((i) => i.pattern.test(code)).map((i) => i.id);
}

export interface CorpusSummary {
  files: number;
  fully: number;
  partly: number;
  refused: number;
  /** Outputs with more syntax errors than their input. */
  parseFailures: number;
  /** Inputs our parser cannot read cleanly (CPython may; see Conversion.parses). */
  inputParseFailures: number;
  /** Outputs where the conversion wrote a name or keyword TF2 lacks. */
  apiFailures: number;
  /** Outputs that still use a name TF2 lacks, carried over from the input (counted among partly/refused). */
  carriedApi: number;
  internalErrors: number;
  idioms: { id: IdiomId; label: string; files: number; fully: number }[];
}

export function summarize(conversions: readonly Conversion[]): CorpusSummary {
  const count = (test: (c: Conversion) => boolean) => conversions.filter(test).length;
  return {
    files: conversions.length,
    fully: count((c) => c.outcome === 'fully'),
    partly: count((c) => c.outcome === 'partly'),
    refused: count((c) => c.outcome === 'refused'),
    parseFailures: count((c) => !c.parses),
    inputParseFailures: count((c) => c.inputParseErrors > 0),
    apiFailures: count((c) => c.apiViolations.length > 0),
    carriedApi: count((c) => c.carriedApiFindings.length > 0),
    internalErrors: count((c) => c.internalErrors.length > 0),
    idioms: IDIOMS.map(({ id, label }) => ({
      id,
      label,
      files: count((c) => c.idioms.includes(id)),
      fully: count((c) => c.idioms.includes(id) && c.outcome === 'fully'),
    })),
  };
}

/** The targets (#13), checked against a summary of each corpus. */
export interface Target {
  label: string;
  pass: boolean;
  value: string;
}

export function corpusTargets(thirdParty: CorpusSummary, ours: CorpusSummary): Target[] {
  const share = (s: CorpusSummary) => (s.files === 0 ? 0 : s.fully / s.files);
  const pct = (s: CorpusSummary) => `${s.fully} of ${s.files} (${(100 * share(s)).toFixed(1)} %)`;
  const both = (f: (s: CorpusSummary) => number) => f(thirdParty) + f(ours);
  return [
    {
      label: 'third-party corpus fully converted (target at least 80 %)',
      pass: thirdParty.files > 0 && share(thirdParty) >= 0.8,
      value: pct(thirdParty),
    },
    {
      label: 'our corpus fully converted (target 100 %)',
      pass: ours.files > 0 && ours.fully === ours.files,
      value: pct(ours),
    },
    {
      label: 'outputs that fail to parse (target 0)',
      pass: both((s) => s.parseFailures) === 0,
      value: String(both((s) => s.parseFailures)),
    },
    {
      label: 'outputs where the conversion wrote a name/keyword TF2 lacks (target 0)',
      pass: both((s) => s.apiFailures) === 0,
      value: String(both((s) => s.apiFailures)),
    },
    {
      label: 'internal errors (target 0)',
      pass: both((s) => s.internalErrors) === 0,
      value: String(both((s) => s.internalErrors)),
    },
  ];
}
