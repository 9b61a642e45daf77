// Compares the text a reader sees on every built page of two builds: the check that a formatting-only
// commit (npm run -s format) changed no page text. Each dist/**/*.html is parsed with linkedom, its
// <script>, <style>, <template> and <noscript> dropped, and the body's text content compared with
// runs of whitespace collapsed to one space (so re-indented markup compares equal, but a space lost
// or gained between two words does not). Exits 1 when any page differs, naming it and showing where.
//
// Usage:
//   npm run -s build && rm -rf /tmp/dist-before && cp -r dist /tmp/dist-before
//   npm run -s format && npm run -s build
//   node scripts/compare-dist-text.mjs /tmp/dist-before dist
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseHTML } from 'linkedom';

const [before, after] = process.argv.slice(2);
if (!before || !after || process.argv.includes('--help')) {
  console.log('Usage: node scripts/compare-dist-text.mjs BEFORE_DIST AFTER_DIST');
  process.exit(before && after ? 0 : 2);
}

function htmlFiles(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...htmlFiles(path));
    else if (entry.name.endsWith('.html')) out.push(path);
  }
  return out;
}

/** Page path (relative to its dist) -> visible body text, whitespace collapsed. */
function pageTexts(dir) {
  const texts = new Map();
  for (const file of htmlFiles(dir)) {
    const { document } = parseHTML(readFileSync(file, 'utf8'));
    for (const node of document.querySelectorAll('script, style, template, noscript')) node.remove();
    const title = document.querySelector('title')?.textContent ?? '';
    const body = document.body?.textContent ?? '';
    texts.set(relative(dir, file), `${title} | ${body}`.replace(/\s+/g, ' ').trim());
  }
  return texts;
}

/** Every place two texts part, word by word, resynchronising on the next run of common words. */
function differences(a, b, context = 8, run = 6, reach = 200) {
  const x = a.split(' ');
  const y = b.split(' ');
  const same = (i, j) => x.slice(i, i + run).join(' ') === y.slice(j, j + run).join(' ');
  const out = [];
  let i = 0;
  let j = 0;
  while (i < x.length || j < y.length) {
    if (i < x.length && j < y.length && x[i] === y[j]) {
      i++;
      j++;
      continue;
    }
    let next = [x.length, y.length];
    search: for (let d = 1; d <= 2 * reach; d++) {
      for (let k = Math.max(0, d - reach); k <= Math.min(d, reach); k++) {
        if (i + k < x.length && j + d - k < y.length && same(i + k, j + d - k)) {
          next = [i + k, j + d - k];
          break search;
        }
      }
    }
    const lead = x.slice(Math.max(0, i - context), i).join(' ');
    out.push(
      `      before: …${lead} [${x.slice(i, next[0]).join(' ')}] ${x.slice(next[0], next[0] + context).join(' ')}…\n` +
        `      after:  …${lead} [${y.slice(j, next[1]).join(' ')}] ${y.slice(next[1], next[1] + context).join(' ')}…`,
    );
    [i, j] = next;
  }
  return out.join('\n');
}

const a = pageTexts(before);
const b = pageTexts(after);
let changed = 0;
for (const page of [...new Set([...a.keys(), ...b.keys()])].sort()) {
  if (!a.has(page) || !b.has(page)) {
    changed++;
    console.log(`${page}: only in ${a.has(page) ? before : after}`);
  } else if (a.get(page) !== b.get(page)) {
    changed++;
    console.log(`${page}: text differs\n${differences(a.get(page), b.get(page))}`);
  }
}
console.log(`${changed} of ${new Set([...a.keys(), ...b.keys()]).size} pages differ in visible text`);
process.exit(changed ? 1 : 0);
