import { useEffect, useState } from 'preact/hooks';
import { compactNumber, logAxis } from '../../src/lib/runtime/chart-ticks.ts';
import type { ArchiveReference, LiveSeries } from '../../src/lib/runtime/live-series.ts';

/** The reader's series, named in the legend like the archived ones. */
const YOUR_RUN = 'your run';
/** The site's "live" green (--tfc-live), so the reader's line matches the live label. */
const YOUR_COLOUR = '#1a7f37';
/** Observable's categorical palette without its green, which would read as the reader's. */
const ARCHIVE_COLOURS = [
  '#4269d0',
  '#efb118',
  '#ff725c',
  '#a463f2',
  '#9c6b4e',
  '#ff8ab7',
  '#6cc5b0',
  '#97bbf5',
  '#9498a0',
];
const HEIGHT = 240;

/** The width of an element, kept current as the page reflows (0 until it is laid out). */
function useWidth(element: HTMLElement | null): number {
  const [width, setWidth] = useState(0);
  useEffect(() => {
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => {
      // Whole pixels only: a sub-pixel reflow should not redraw every chart.
      const next = Math.floor(entry?.contentRect.width ?? 0);
      setWidth((w) => (w === next ? w : next));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [element]);
  return width;
}

/**
 * One image with one name per plot: Plot labels its inner groups, which ARIA does not allow on a
 * <g> (the archive charts do the same, components/results/ArchiveChart.astro). The legend stays text.
 */
function asImage(chart: SVGSVGElement | HTMLElement, name: string) {
  for (const svg of chart instanceof SVGSVGElement ? [chart] : chart.querySelectorAll(':scope > svg')) {
    for (const el of svg.querySelectorAll('[aria-label]')) el.removeAttribute('aria-label');
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', name);
  }
  return chart;
}

/**
 * Draws a run's live series with Observable Plot, each chart the panel's full width: one chart
 * per swept quantity (the reader's run beside archived runs of the same cases), one line chart per
 * value that changes over the run. Plot loads with the first report, never with the page.
 */
export function LiveChart({
  series,
  title,
  archive = [],
}: {
  series: LiveSeries;
  title: string;
  archive?: ArchiveReference[];
}) {
  // A state, not a ref: the chart's element appears only with the first figures, and the width
  // observer must start then.
  const [host, setHost] = useState<HTMLDivElement | null>(null);
  const [error, setError] = useState('');
  const width = useWidth(host);

  const empty = !series.bars.length && !series.lines.length;

  useEffect(() => {
    // No figures yet, no Plot: it is 120 KB and a reader who never runs anything never needs it.
    if (empty || width === 0) return;
    let stale = false;
    void (async () => {
      try {
        const Plot = await import('@observablehq/plot');
        if (stale || !host) return;
        const charts: (SVGSVGElement | HTMLElement)[] = [];
        const quantities = [...new Set(series.bars.map((b) => b.quantity))];
        for (const quantity of quantities) {
          const bars = series.bars.filter((b) => b.quantity === quantity).map((b) => ({ ...b, source: YOUR_RUN }));
          const cases = new Set(bars.map((b) => b.label));
          // Archived runs of the same cases, drawn beside the reader's as coloured points.
          const refs = archive.flatMap((a) =>
            a.bars
              .filter((b) => b.quantity === quantity && cases.has(b.label) && b.value > 0)
              .map((b) => ({ ...b, source: `archived: ${a.source}` })),
          );
          const sources = [YOUR_RUN, ...new Set(refs.map((r) => r.source))];
          const positive = [...bars, ...refs].map((b) => b.value).filter((v) => v > 0);
          // Sweeps often span orders of magnitude (16 to a million elements): bars on a linear
          // axis would hide the small cases, so such a series is drawn as points on a log axis.
          const log =
            positive.length === bars.length + refs.length && Math.max(...positive) / Math.min(...positive) > 100;
          const archived = refs.length
            ? [
                Plot.line(refs, { x: 'label', y: 'value', stroke: 'source', strokeOpacity: 0.6 }),
                Plot.dot(refs, { x: 'label', y: 'value', stroke: 'source', tip: true }),
              ]
            : [];
          const name = `${quantity} for each case: your run${refs.length ? ' beside the archived runs' : ''}; the table has every figure`;
          const plot = Plot.plot({
            title: log ? `${quantity} (log scale)` : quantity,
            width,
            height: HEIGHT,
            marginLeft: 60,
            x: { label: null, domain: bars.map((b) => b.label) },
            y: log
              ? { label: quantity, grid: true, type: 'log', ...logAxis(positive), tickFormat: compactNumber }
              : { label: quantity, grid: true, tickFormat: compactNumber },
            color: { legend: true, domain: sources, range: [YOUR_COLOUR, ...ARCHIVE_COLOURS] },
            marks: log
              ? [
                  ...archived,
                  Plot.line(bars, { x: 'label', y: 'value', stroke: 'source', strokeWidth: 2.5 }),
                  Plot.dot(bars, { x: 'label', y: 'value', fill: 'source', r: 4, tip: true }),
                ]
              : [Plot.barY(bars, { x: 'label', y: 'value', fill: 'source', tip: true }), Plot.ruleY([0]), ...archived],
          });
          charts.push(asImage(plot, name));
        }
        for (const metric of [...new Set(series.lines.map((p) => p.metric))]) {
          const points = series.lines.filter((p) => p.metric === metric);
          const plot = Plot.plot({
            title: metric,
            width,
            height: HEIGHT,
            marginLeft: 60,
            x: { label: 'progress report' },
            y: { label: metric, grid: true },
            marks: [
              Plot.lineY(points, { x: 'step', y: 'value', stroke: YOUR_COLOUR, strokeWidth: 2 }),
              Plot.dot(points.slice(-1), { x: 'step', y: 'value', fill: YOUR_COLOUR }),
            ],
          });
          charts.push(asImage(plot, `${metric} at each progress report of your run`));
        }
        host.replaceChildren(...charts);
      } catch (e) {
        setError(
          `The chart could not be drawn: ${e instanceof Error ? e.message : String(e)}. The table below has every figure.`,
        );
      }
    })();
    return () => {
      stale = true;
    };
  }, [series, empty, width, host]);

  if (empty) return null;
  return (
    <figure class="tfc-live-chart" aria-label={`${title}: live chart`}>
      <div ref={setHost} data-testid="live-chart" />
      {error && <p class="tfc-error">{error}</p>}
    </figure>
  );
}
