import type { AnnotatedResult, ReportEntry } from '../../src/lib/migrate/index.ts';

interface Props {
  result: AnnotatedResult;
}

const MARK = { same: ' ', added: '+', removed: '-' } as const;

function Note({ entry }: { entry: ReportEntry }) {
  return (
    <li
      class={`tfc-migrate-note tfc-migrate-note--${entry.severity}`}
      data-severity={entry.severity}
      data-rule={entry.rule}
    >
      <span class="tfc-migrate-note-where">
        {entry.line}:{entry.col} {entry.severity}{' '}
        <abbr
          title={`Level ${entry.level}: ${entry.level === 1 ? 'what tf_upgrade_v2 does' : 'program-shape rewrites'}`}
        >
          L{entry.level}
        </abbr>
      </span>{' '}
      {entry.message}
    </li>
  );
}

/**
 * The TF1 -> TF2 diff, one row per line, with the report's notes beside the input line they are
 * about. Every piece of user text goes through JSX text nodes, so it is escaped, never parsed as HTML.
 */
export default function DiffView({ result }: Props) {
  return (
    <div class="tfc-migrate-diff" role="region" aria-label="Conversion: diff and notes" tabIndex={0}>
      <table>
        <thead>
          <tr>
            <th scope="col">TF1 line</th>
            <th scope="col">TF2 line</th>
            <th scope="col">
              <span class="sr-only">change</span>
            </th>
            <th scope="col">code, with the report's notes under their line</th>
          </tr>
        </thead>
        <tbody>
          {result.lines.map((line, i) => (
            <tr key={i} class={`tfc-migrate-line tfc-migrate-line--${line.kind}`} data-kind={line.kind}>
              <td class="tfc-migrate-ln">{line.oldLine ?? ''}</td>
              <td class="tfc-migrate-ln">{line.newLine ?? ''}</td>
              <td class="tfc-migrate-mark" aria-label={line.kind === 'same' ? undefined : line.kind}>
                {MARK[line.kind]}
              </td>
              <td class="tfc-migrate-code">
                <code>{line.text}</code>
                {line.notes.length > 0 && (
                  <ul class="tfc-migrate-notes">
                    {line.notes.map((entry, j) => (
                      <Note key={j} entry={entry} />
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {result.unplaced.length > 0 && (
        <ul class="tfc-migrate-unplaced">
          {result.unplaced.map((entry, j) => (
            <Note key={j} entry={entry} />
          ))}
        </ul>
      )}
    </div>
  );
}
