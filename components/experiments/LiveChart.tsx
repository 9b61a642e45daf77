import { useEffect, useRef, useState } from 'preact/hooks';
import type { ArchiveReference, LiveSeries } from '../../src/lib/runtime/live-series.ts';

/**
 * Draws a run's live series with Observable Plot: one bar chart per swept quantity, one line
 * chart per value that changes over the run. Plot loads with the first report, never with the page.
 */
export function LiveChart({ series, title, archive = [] }: { series: LiveSeries; title: string; archive?: ArchiveReference[] }) {
  const host = useRef<HTMLDivElement>(null);
  const [error, setError] = useState('');

  const empty = !series.bars.length && !series.lines.length;

  useEffect(() => {
    // No figures yet, no Plot: it is 120 KB and a reader who never runs anything never needs it.
    if (empty) return;
    let stale = false;
    void (async () => {
      try {
        const Plot = await import('@observablehq/plot');
        if (stale || !host.current) return;
        const charts: (SVGSVGElement | HTMLElement)[] = [];
        const quantities = [...new Set(series.bars.map((b) => b.quantity))];
        for (const quantity of quantities) {
          const bars = series.bars.filter((b) => b.quantity === quantity);
          const cases = new Set(bars.map((b) => b.label));
          // Archived runs of the same cases, drawn beside the reader's as coloured points.
          const refs = archive.flatMap((a) =>
            a.bars.filter((b) => b.quantity === quantity && cases.has(b.label) && b.value > 0).map((b) => ({ ...b, source: `archived: ${a.source}` })),
          );
          const positive = [...bars, ...refs].map((b) => b.value).filter((v) => v > 0);
          // Sweeps often span orders of magnitude (16 to a million elements): bars on a linear
          // axis would hide the small cases, so such a series is drawn as points on a log axis.
          const log = positive.length === bars.length + refs.length && Math.max(...positive) / Math.min(...positive) > 100;
          const archived = refs.length
            ? [Plot.line(refs, { x: 'label', y: 'value', stroke: 'source', strokeOpacity: 0.6 }), Plot.dot(refs, { x: 'label', y: 'value', stroke: 'source', tip: true })]
            : [];
          charts.push(
            Plot.plot({
              title: log ? `${quantity} (log scale)` : quantity,
              width: 340,
              height: 200,
              marginLeft: 60,
              x: { label: null, domain: bars.map((b) => b.label) },
              y: { label: quantity, grid: true, ...(log ? { type: 'log' as const } : {}) },
              ...(refs.length ? { color: { legend: true } } : {}),
              marks: log
                ? [...archived, Plot.line(bars, { x: 'label', y: 'value' }), Plot.dot(bars, { x: 'label', y: 'value', fill: 'currentColor', tip: true })]
                : [Plot.barY(bars, { x: 'label', y: 'value', tip: true }), Plot.ruleY([0]), ...archived],
            }),
          );
        }
        for (const metric of [...new Set(series.lines.map((p) => p.metric))]) {
          const points = series.lines.filter((p) => p.metric === metric);
          charts.push(
            Plot.plot({
              title: metric,
              width: 340,
              height: 200,
              marginLeft: 60,
              x: { label: 'progress report' },
              y: { label: metric, grid: true },
              marks: [Plot.lineY(points, { x: 'step', y: 'value' }), Plot.dot(points.slice(-1), { x: 'step', y: 'value' })],
            }),
          );
        }
        host.current.replaceChildren(...charts);
      } catch (e) {
        setError(`The chart could not be drawn: ${e instanceof Error ? e.message : String(e)}. The table below has every figure.`);
      }
    })();
    return () => {
      stale = true;
    };
  }, [series, empty]);

  if (empty) return null;
  return (
    <figure class="tfc-live-chart" aria-label={`${title}: live chart`}>
      <div ref={host} data-testid="live-chart" />
      {error && <p class="tfc-error">{error}</p>}
    </figure>
  );
}
