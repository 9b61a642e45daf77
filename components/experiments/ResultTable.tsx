import type { ComponentChildren } from 'preact';

export interface Column {
  label: string;
  /** Right-aligned in tabular figures, so digits line up down the column. */
  numeric?: boolean;
  /** Sentences: kept wide enough to read, the table scrolling sideways on a phone instead. */
  prose?: boolean;
}

export interface Cell {
  content: ComponentChildren;
  /** Columns this cell spans (a row that says why it has no figures). */
  span?: number;
}

export interface Row {
  key: string;
  header: ComponentChildren;
  cells: (ComponentChildren | Cell)[];
  /** data-* attributes tests and readers' scripts select rows by. */
  data?: Record<`data-${string}`, string>;
}

interface Props {
  /** The table's name for the scroll area a narrow screen gets (the caption's words, or what the table lists). */
  label: string;
  caption?: ComponentChildren;
  /** Every column, the row header's first; none for a two-column list with no header row. */
  columns?: Column[];
  rows: Row[];
  testId?: string;
}

const isCell = (c: ComponentChildren | Cell): c is Cell => typeof c === 'object' && c !== null && 'content' in c;

/**
 * Every table of the experiment panels: one look, figures right-aligned, one row header per row.
 * A table wider than a phone scrolls sideways in its own box, which the keyboard can focus and scroll.
 */
export function ResultTable({ label, caption, columns, rows, testId }: Props) {
  const cellClass = (c: Column | undefined) => (c?.numeric ? 'tfc-num' : c?.prose ? 'tfc-prose' : undefined);
  return (
    <div class="tfc-result-scroll" role="group" aria-label={label} tabIndex={0}>
      <table class="tfc-result-table" data-testid={testId}>
        {caption && <caption>{caption}</caption>}
        {columns && (
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c.label} scope="col" class={cellClass(c)}>
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
        )}
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} {...r.data}>
              <th scope="row">{r.header}</th>
              {r.cells.map((c, i) =>
                isCell(c) ? (
                  <td key={i} colSpan={c.span}>
                    {c.content}
                  </td>
                ) : (
                  <td key={i} class={cellClass(columns?.[i + 1])}>
                    {c}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
