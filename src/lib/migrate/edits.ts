/**
 * Text edits on source ranges. Rules never print a tree back: they replace or insert at offsets of the
 * original text, so everything they do not touch (comments, blank lines, odd spacing) stays as written.
 *
 * Rules run inner-first (an argument's calls before the call around them), so an outer rule may replace
 * a range that already holds inner edits: it builds its text from `render()` of that range, and the
 * inner edits are absorbed into the new one. Zero-width inserts say which side they stick to, which
 * decides both ordering at one offset and whether a range "contains" them:
 * - `left`: closes something that ends here (`)` of a wrap, `, kw=v` after the last argument);
 *   a later left insert at the same offset belongs to something bigger, so it goes after.
 * - `right`: opens something that starts here (`kw=` or `1 - (` before a value);
 *   a later right insert at the same offset goes before.
 */
export type Side = 'left' | 'right';

interface Edit {
  from: number;
  to: number;
  text: string;
  /** null for edits that replace a non-empty range. */
  side: Side | null;
  /** Order among zero-width edits on the same side of the same offset. */
  rank: number;
}

const group = (e: Edit) => (e.side === 'left' ? 0 : e.side === 'right' ? 1 : 2);

function compare(a: Edit, b: Edit): number {
  return a.from - b.from || group(a) - group(b) || a.rank - b.rank;
}

function contained(e: Edit, from: number, to: number): boolean {
  if (e.side === null) return from <= e.from && e.to <= to;
  return e.side === 'left' ? from < e.from && e.from <= to : from <= e.from && e.from < to;
}

export class EditBuffer {
  private readonly edits: Edit[] = [];

  readonly source: string;

  constructor(source: string) {
    this.source = source;
  }

  /** An independent copy, for a pass that may have to be thrown away. */
  clone(): EditBuffer {
    const copy = new EditBuffer(this.source);
    copy.edits.push(...this.edits.map((e) => ({ ...e })));
    return copy;
  }

  get size(): number {
    return this.edits.length;
  }

  /**
   * Replaces [from, to) with text, absorbing the edits it contains. Returns false, changing nothing, if
   * an existing edit straddles a boundary (two rules disagree; the caller reports it).
   */
  replace(from: number, to: number, text: string): boolean {
    if (from === to) {
      this.insert(from, text, 'right');
      return true;
    }
    const [lo, hi] = this.window(from, to);
    for (let i = lo; i < hi; i++) {
      const e = this.edits[i]!;
      if (e.side === null && !contained(e, from, to) && e.from < to && e.to > from) return false;
    }
    // A replacement starting before `from` may still reach into the range.
    for (let i = lo - 1; i >= 0; i--) {
      const e = this.edits[i]!;
      if (e.side !== null) continue;
      if (e.to > from) return false;
      break;
    }
    const kept: Edit[] = [];
    for (let i = lo; i < hi; i++) {
      const e = this.edits[i]!;
      if (!contained(e, from, to)) kept.push(e);
    }
    this.edits.splice(lo, hi - lo, ...kept);
    this.add({ from, to, text, side: null, rank: 0 });
    return true;
  }

  /** Deletes [from, to). */
  remove(from: number, to: number): boolean {
    return this.replace(from, to, '');
  }

  /** Inserts text at an offset, attached to the given side (see the file comment). */
  insert(at: number, text: string, side: Side): void {
    let rank = 0;
    const [lo, hi] = this.window(at, at);
    for (let i = lo; i < hi; i++) {
      const e = this.edits[i]!;
      if (e.from === at && e.side === side)
        rank = side === 'left' ? Math.max(rank, e.rank + 1) : Math.min(rank, e.rank - 1);
    }
    this.add({ from: at, to: at, text, side, rank });
  }

  /** The text of [from, to) with the edits it contains applied. */
  render(from = 0, to = this.source.length): string {
    const [lo, hi] = this.window(from, to);
    let out = '';
    let pos = from;
    for (let i = lo; i < hi; i++) {
      const e = this.edits[i]!;
      if (!contained(e, from, to)) continue;
      out += this.source.slice(pos, e.from) + e.text;
      pos = e.to;
    }
    return out + this.source.slice(pos, to);
  }

  /** Whether any edit lies inside [from, to). */
  touches(from: number, to: number): boolean {
    const [lo, hi] = this.window(from, to);
    for (let i = lo; i < hi; i++) if (contained(this.edits[i]!, from, to)) return true;
    return false;
  }

  private add(edit: Edit): void {
    let lo = 0;
    let hi = this.edits.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compare(this.edits[mid]!, edit) <= 0) lo = mid + 1;
      else hi = mid;
    }
    this.edits.splice(lo, 0, edit);
  }

  /** Index range of edits whose start lies in [from, to]. */
  private window(from: number, to: number): [number, number] {
    let lo = 0;
    let hi = this.edits.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.edits[mid]!.from < from) lo = mid + 1;
      else hi = mid;
    }
    let end = lo;
    while (end < this.edits.length && this.edits[end]!.from <= to) end++;
    return [lo, end];
  }
}
