/**
 * How far the converter gets on both corpora, with issue #13's targets marked PASS or FAIL: files fully
 * converted (no Session, placeholder, feed_dict or tf.compat.v1 left, output parses, TF2 API check
 * clean), partly converted (each remaining spot by output line and reason), refused (Level 2 changed
 * nothing); per TF1 idiom, how many files using it were fully converted; parse failures, API-check
 * failures, internal errors. The chapter computes the same figures at build time with the same
 * functions (src/lib/migrate/conversion.ts).
 *
 *   npm run -s bench:migrate-corpus [-- --json | --lines | --quiet]
 *
 * --lines prints the older per-program table of lines changed by Level 1 and Levels 1 + 2 (our corpus).
 * --quiet leaves out the per-file spots. Exit status 1 if a target fails or a third-party file is
 * missing or altered (sources.json pins each hash), so CI can use it.
 */
import { corpusStats, type Leftovers } from '../src/lib/migrate/index.ts';
import {
  corpusTargets,
  judgeConversion,
  summarize,
  type Conversion,
  type CorpusSummary,
} from '../src/lib/migrate/conversion.ts';
import { readCorpus, readThirdParty } from './migrate-corpus-file.ts';

const USAGE = 'usage: npm run -s bench:migrate-corpus [-- --json | --lines | --quiet]';
const args = process.argv.slice(2);
for (const a of args) {
  if (!['--json', '--lines', '--quiet'].includes(a)) {
    console.error(`bench:migrate-corpus: unknown option ${a}\n${USAGE}`);
    process.exit(2);
  }
}

if (args.includes('--lines')) {
  printLineTable();
  process.exit(0);
}

const thirdParty = readThirdParty();
const judged = {
  thirdParty: thirdParty.programs.map((p) => judgeConversion(p.name, p.source)),
  ours: readCorpus().map((p) => judgeConversion(p.name, p.source)),
};
const summaries = { thirdParty: summarize(judged.thirdParty), ours: summarize(judged.ours) };
const targets = corpusTargets(summaries.thirdParty, summaries.ours);
if (thirdParty.missing.length > 0)
  targets.push({
    label: 'third-party files present and matching sources.json',
    pass: false,
    value: `missing or altered: ${thirdParty.missing.join(', ')}`,
  });

if (args.includes('--json')) {
  console.log(JSON.stringify({ targets, summaries, files: judged, missing: thirdParty.missing }, null, 2));
} else {
  report('Third-party corpus (benchmarks/migrate-corpus/third-party)', judged.thirdParty, summaries.thirdParty);
  report('Our corpus (content/migrate-corpus)', judged.ours, summaries.ours);
  console.log('\nTargets (issue #13)');
  for (const t of targets) console.log(`  ${t.pass ? 'PASS' : 'FAIL'}  ${t.label}: ${t.value}`);
}
process.exitCode = targets.every((t) => t.pass) ? 0 : 1;

function report(title: string, files: Conversion[], s: CorpusSummary): void {
  console.log(`\n${title}: ${s.files} files`);
  console.log(`  fully converted ${s.fully}, partly ${s.partly}, refused ${s.refused}`);
  console.log(
    `  outputs that fail to parse: ${s.parseFailures} (inputs our parser cannot read cleanly: ${s.inputParseFailures})`,
  );
  console.log(`  outputs where the conversion wrote a name/keyword TF2 lacks: ${s.apiFailures}`);
  console.log(`  outputs still using a name TF2 lacks, kept from the input: ${s.carriedApi}`);
  console.log(`  internal errors: ${s.internalErrors}`);
  console.log('  per idiom (files using it in the input: fully converted / using it)');
  const width = Math.max(...s.idioms.map((i) => i.label.length));
  for (const i of s.idioms) console.log(`    ${i.label.padEnd(width)}  ${i.fully} / ${i.files}`);
  if (args.includes('--quiet')) return;
  for (const c of files) {
    console.log(`  ${c.name}: ${c.outcome}${c.idioms.length ? ` [${c.idioms.join(', ')}]` : ''}`);
    for (const e of c.internalErrors) console.log(`      internal error: ${e}`);
    for (const f of c.apiViolations)
      console.log(`      line ${f.line}: API check: ${f.message} (written by the conversion)`);
    for (const spot of c.spots) console.log(`      line ${spot.line}: ${spot.reason}`);
    for (const m of c.staleMentions) console.log(`      line ${m.line}: note: ${m.reason}`);
    for (const r of c.reasons) console.log(`      input line ${r.line}: not converted: ${r.message}`);
  }
}

/** The chapter's earlier table: lines changed per level and TF1 plumbing left, our corpus. */
function printLineTable(): void {
  const rows = corpusStats(readCorpus());
  const left = (l: Leftovers) => `${l.session}/${l.placeholder}/${l.feedDict}`;
  console.log(
    '| program | lines | changed by L1 | changed by L1+L2 | L1 parses | L1+L2 parses | Session/placeholder/feed_dict left after L1 | ' +
      'after L1+L2 |',
  );
  console.log('| --- | ---: | ---: | ---: | --- | --- | --- | --- |');
  for (const r of rows) {
    console.log(
      `| ${r.name} | ${r.lines} | ${r.level1ChangedLines} | ${r.totalChangedLines} | ${r.level1Parses ? 'yes' : 'no'} ` +
        `| ${r.parses ? 'yes' : 'no'} | ${left(r.level1Leftovers)} | ${left(r.leftovers)} |`,
    );
  }
  const sum = (f: (r: (typeof rows)[number]) => number) => rows.reduce((s, r) => s + f(r), 0);
  const total = (pick: (r: (typeof rows)[number]) => Leftovers) =>
    left({
      session: sum((r) => pick(r).session),
      placeholder: sum((r) => pick(r).placeholder),
      feedDict: sum((r) => pick(r).feedDict),
    });
  const changed = `${sum((r) => r.lines)} | ${sum((r) => r.level1ChangedLines)} | ${sum((r) => r.totalChangedLines)}`;
  console.log(
    `| total (${rows.length}) | ${changed} | | | ${total((r) => r.level1Leftovers)} | ${total((r) => r.leftovers)} |`,
  );
}
