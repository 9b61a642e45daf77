import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { groupByWorkload, headline, headlineRatio, matmulReference, MODES, parseArchive } from './archive.ts';
import { resultFileName } from './schema.ts';

const DIR = 'benchmarks/results';
const files = Object.fromEntries(
  readdirSync(DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => [`${DIR}/${f}`, readFileSync(`${DIR}/${f}`, 'utf8')]),
);

describe('the archive as the site shows it', () => {
  const runs = parseArchive(files);

  it('labels every archived run with a known framework mode', () => {
    expect(runs.length).toBe(Object.keys(files).length);
    for (const r of runs)
      expect(
        MODES.map((m) => m.label),
        r.file,
      ).toContain(r.label);
    // WebGPU in headless Chromium here is SwiftShader: the label must say it is not a GPU.
    for (const r of runs.filter((r) => r.mode === 'tfjs-webgpu' && /software/i.test(r.provenance.gpu ?? '')))
      expect(r.display, r.file).toMatch(/software GPU/);
  });

  it('lists a mode without a run as not measured, never as a number', () => {
    const groups = groupByWorkload(runs);
    for (const g of groups) {
      for (const label of g.notMeasured)
        expect(
          g.runs.some((r) => r.label === label),
          `${g.id}: ${label}`,
        ).toBe(false);
      expect(g.notMeasured.length + new Set(g.runs.map((r) => r.label)).size).toBe(MODES.length);
    }
    // TensorFlow does not install on this project's machines: its modes are never filled in here.
    const tensorflowRuns = runs.filter((r) => r.framework.name === 'tensorflow');
    if (tensorflowRuns.length === 0) for (const g of groups) expect(g.notMeasured).toContain('TF1 graph + Session');
  });

  it('shows the step or forward measurement, or every case of a sweep', () => {
    for (const r of runs) {
      const shown = headline(r);
      expect(shown.length, r.file).toBeGreaterThan(0);
      if (shown.length === 1) expect(['step', 'forward']).toContain(shown[0]!.name);
      else expect(shown).toEqual(r.measurements);
    }
  });

  it('stops at a malformed file, naming it and the field', () => {
    const [name, text] = Object.entries(files)[0]!;
    const broken = JSON.parse(text);
    broken.measurements[0].median = -1;
    expect(() => parseArchive({ [name]: JSON.stringify(broken) })).toThrow(
      new RegExp(`${name.split('/').pop()!.replace(/\./g, '\\.')}: measurements\\.0\\.median`),
    );
  });
});

describe('a run superseded by a newer one', () => {
  const [name, text] = Object.entries(files).find(([f]) => f.includes('mnist-cnn-train--node--tfjs-wasm'))!;
  const older = JSON.parse(text);
  /** A copy of the run dated `iso`, as a [file name, text] pair named the way the archive requires. */
  const at = (iso: string, extra: object = {}): [string, string] => {
    const run = { ...older, ...extra, provenance: { ...older.provenance, date: iso } };
    return [`${DIR}/${resultFileName(run)}`, JSON.stringify(run)];
  };
  const later = new Date(Date.parse(older.provenance.date) + 86_400_000).toISOString();
  const latest = new Date(Date.parse(older.provenance.date) + 2 * 86_400_000).toISOString();

  it("is marked with the newest run of its workload, mode and device, and kept out of the group's current runs", () => {
    const [b, c] = [at(later), at(latest)];
    const runs = parseArchive(Object.fromEntries([[name, text], b, c]));
    const base = (path: string) => path.split('/').pop();
    expect(runs.map((r) => r.supersededBy)).toEqual([base(c[0]), base(c[0]), undefined]);
    const group = groupByWorkload(runs).find((g) => g.id === older.workload)!;
    expect(group.runs.map((r) => r.file)).toEqual([base(c[0])]);
    expect(group.superseded.map((r) => r.file)).toEqual([base(name), base(b[0])]);
    expect(group.notMeasured).not.toContain(group.runs[0]!.label);
  });

  it('is not superseded by a run on another device or of another mode', () => {
    const otherDevice = at(later, { backend: { ...older.backend, device: `${older.backend.device} (other)` } });
    const otherMode = at(later, { mode: 'tfjs-cpu', backend: { ...older.backend, name: 'cpu' } });
    const runs = parseArchive(Object.fromEntries([[name, text], otherDevice, otherMode]));
    expect(runs.every((r) => r.supersededBy === undefined)).toBe(true);
  });
});

describe('headlineRatio', () => {
  const pick = (needle: string) => Object.entries(files).find(([f]) => f.includes(needle))!;
  const [browserName, browserText] = pick('mnist-cnn-train--browser--tfjs-wasm');
  const [pythonName, pythonText] = pick('mnist-cnn-train--python--eager');
  const browser = JSON.parse(browserText);
  const step = (r: typeof browser) => r.measurements.find((m: { name: string }) => m.name === 'step').median as number;
  // A newer browser run at half the old step time, as a re-run after a faster kernel would be.
  const faster = {
    ...browser,
    measurements: browser.measurements.map(
      (m: { name: string; median: number; p10: number; p90: number; timesMs: number[] }) =>
        m.name === 'step'
          ? { ...m, median: m.median / 2, p10: m.p10 / 2, p90: m.p90 / 2, timesMs: m.timesMs.map((t) => t / 2) }
          : m,
    ),
    provenance: {
      ...browser.provenance,
      date: new Date(Date.parse(browser.provenance.date) + 86_400_000).toISOString(),
    },
  };
  const runs = parseArchive({
    [browserName]: browserText,
    [pythonName]: pythonText,
    [`${DIR}/${resultFileName(faster)}`]: JSON.stringify(faster),
  });
  const python = step(JSON.parse(pythonText));

  it("divides the current runs' medians, and the superseded ones for `previous`", () => {
    const now = headlineRatio(runs, 'mnist-cnn-train', 'tfjs wasm (browser)', 'PyTorch eager')!;
    expect(now.ratio).toBeCloseTo(step(faster) / python, 10);
    expect(now.over.supersededBy).toBeUndefined();
    const before = headlineRatio(runs, 'mnist-cnn-train', 'tfjs wasm (browser)', 'PyTorch eager', 'previous');
    // PyTorch has no superseded run here: nothing to pair, so no number.
    expect(before).toBeUndefined();
    // Once PyTorch is re-run too, `previous` pairs the two runs the new ones replaced.
    const pythonRun = JSON.parse(pythonText);
    const rerun = { ...pythonRun, provenance: { ...pythonRun.provenance, date: faster.provenance.date } };
    const both = parseArchive({
      ...Object.fromEntries(runs.map((r) => [r.file, JSON.stringify(r)])),
      [resultFileName(rerun)]: JSON.stringify(rerun),
    });
    const old = headlineRatio(both, 'mnist-cnn-train', 'tfjs wasm (browser)', 'PyTorch eager', 'previous')!;
    expect(old.ratio).toBeCloseTo(step(browser) / python, 10);
    expect([old.over.file, old.under.file]).toEqual([browserName.split('/').pop(), pythonName.split('/').pop()]);

    // A third pair a day later: `previous` moves to the middle pair, `first` stays on the oldest.
    const later = (r: typeof browser, factor: number) => ({
      ...r,
      measurements: r.measurements.map(
        (m: { name: string; median: number; p10: number; p90: number; timesMs: number[] }) =>
          m.name === 'step'
            ? {
                ...m,
                median: m.median * factor,
                p10: m.p10 * factor,
                p90: m.p90 * factor,
                timesMs: m.timesMs.map((t) => t * factor),
              }
            : m,
      ),
      provenance: { ...r.provenance, date: new Date(Date.parse(faster.provenance.date) + 86_400_000).toISOString() },
    });
    const [third, thirdPython] = [later(faster, 0.5), later(rerun, 1)];
    const three = parseArchive({
      ...Object.fromEntries(both.map((r) => [r.file, JSON.stringify(r)])),
      [resultFileName(third)]: JSON.stringify(third),
      [resultFileName(thirdPython)]: JSON.stringify(thirdPython),
    });
    const first = headlineRatio(three, 'mnist-cnn-train', 'tfjs wasm (browser)', 'PyTorch eager', 'first')!;
    expect([first.over.file, first.under.file]).toEqual([browserName.split('/').pop(), pythonName.split('/').pop()]);
    const middle = headlineRatio(three, 'mnist-cnn-train', 'tfjs wasm (browser)', 'PyTorch eager', 'previous')!;
    expect(middle.ratio).toBeCloseTo(step(faster) / python, 10);
    const newest = headlineRatio(three, 'mnist-cnn-train', 'tfjs wasm (browser)', 'PyTorch eager')!;
    expect(newest.ratio).toBeCloseTo(step(third) / python, 10);
  });

  it('gives no number for a mode without a run or a sweep', () => {
    expect(headlineRatio(runs, 'mnist-cnn-train', 'TF2 eager', 'PyTorch eager')).toBeUndefined();
    expect(headlineRatio(parseArchive(files), 'matmul-sweep', 'tfjs wasm (browser)', 'PyTorch eager')).toBeUndefined();
  });
});

describe('matmulReference', () => {
  it('turns each archived matmul sweep into gflops_n<size> figures, 2n³ over the median time', () => {
    const runs = parseArchive(files);
    const refs = matmulReference(runs);
    const sweeps = runs.filter((r) => r.workload === 'matmul-sweep' && !r.supersededBy);
    expect(refs).toHaveLength(sweeps.length);
    for (const [i, ref] of refs.entries()) {
      const first = sweeps[i]!.measurements[0]!;
      const n = first.params!.n!;
      expect(ref.bars[0]).toEqual({ quantity: 'gflops', label: `n${n}`, value: (2 * n ** 3) / (first.median * 1e6) });
      expect(ref.source).toContain(sweeps[i]!.provenance.cpu.model);
    }
  });
});
