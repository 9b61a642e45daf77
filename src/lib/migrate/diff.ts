/** One line of a line diff. Line numbers are 1-based; a side's number is absent where the line is not on it. */
export interface DiffLine {
  kind: 'same' | 'added' | 'removed';
  text: string;
  oldLine?: number;
  newLine?: number;
}

/**
 * Line diff of two texts (Myers' O(ND) shortest edit script). Common prefix and suffix are cut first,
 * which makes the usual case (a few changed lines in a long file) close to linear.
 */
export function diffLines(before: string, after: string): DiffLine[] {
  const a = before.split('\n');
  const b = after.split('\n');
  // Lines as small integers: the inner loop then compares numbers, not strings.
  const ids = new Map<string, number>();
  const id = (line: string) => {
    let n = ids.get(line);
    if (n === undefined) ids.set(line, (n = ids.size));
    return n;
  };
  const ia = Int32Array.from(a, id);
  const ib = Int32Array.from(b, id);
  let start = 0;
  while (start < a.length && start < b.length && ia[start] === ib[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && ia[endA - 1] === ib[endB - 1]) {
    endA--;
    endB--;
  }
  const out: DiffLine[] = [];
  for (let i = 0; i < start; i++) out.push({ kind: 'same', text: a[i]!, oldLine: i + 1, newLine: i + 1 });
  for (const [kind, i, j] of middle(ia, ib, start, endA, start, endB)) {
    if (kind === 'same') out.push({ kind, text: a[i]!, oldLine: i + 1, newLine: j + 1 });
    else if (kind === 'removed') out.push({ kind, text: a[i]!, oldLine: i + 1 });
    else out.push({ kind, text: b[j]!, newLine: j + 1 });
  }
  for (let i = endA, j = endB; i < a.length; i++, j++)
    out.push({ kind: 'same', text: a[i]!, oldLine: i + 1, newLine: j + 1 });
  return out;
}

type Step = ['same' | 'removed' | 'added', number, number];

function middle(a: Int32Array, b: Int32Array, a0: number, a1: number, b0: number, b1: number): Step[] {
  const n = a1 - a0;
  const m = b1 - b0;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = n === 0 && m === 0;
  for (let d = 0; d <= max && !found; d++) {
    // Only diagonals -d-1..d+1 are read back at step d: keep that window (memory O(D^2), not O(D*(N+M))).
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[a0 + x] === b[b0 + y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  // Walk back through the saved frontiers to recover the path.
  const steps: Step[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d > 0; d--) {
    const prev = trace[d]!;
    const at = (diagonal: number) => prev[diagonal + d + 1]!;
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const pk = down ? k + 1 : k - 1;
    const px = at(pk);
    const py = px - pk;
    while (x > px && y > py) steps.push(['same', a0 + --x, b0 + --y]);
    if (down) steps.push(['added', a0 + x, b0 + --y]);
    else steps.push(['removed', a0 + --x, b0 + y]);
  }
  while (x > 0 && y > 0) steps.push(['same', a0 + --x, b0 + --y]);
  return steps.reverse();
}

/** How many lines a diff adds or removes: the "lines changed" measure of the report and the stats. */
export function changedLineCount(before: string, after: string): number {
  if (before === after) return 0;
  return diffLines(before, after).filter((l) => l.kind !== 'same').length;
}
