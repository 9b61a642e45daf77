import type { Experiment, ExperimentOutput } from '../../runtime/experiment.ts';
import { spread } from '../../runtime/stats.ts';
import { throwIfAborted, type Timing } from '../../runtime/timing.ts';
import { loadMnistCached } from '../../training/data.ts';
import { linesOfCode, makeHarness, toDigits, type ClassifierStyle } from './harness.ts';
import { modelBuildingParams } from './params.ts';

export { metricLabel } from './labels.ts';

/**
 * The ways of writing the classifier, each a snippet file the chapter shows as is. The code and its
 * text are imported lazily: the page builds its form from this module without loading tfjs-layers
 * or the snippets.
 */
const STYLES: { name: string; load: () => Promise<ClassifierStyle>; source: () => Promise<string> }[] = [
  {
    name: 'graph',
    load: () => import('./shown/classifier.graph.ts').then((m) => m.trainGraph),
    source: () => import('./shown/classifier.graph.ts?raw').then((m) => m.default),
  },
  {
    name: 'keras',
    load: () => import('./shown/classifier.keras.ts').then((m) => m.trainKeras),
    source: () => import('./shown/classifier.keras.ts?raw').then((m) => m.default),
  },
  {
    name: 'module',
    load: () => import('./shown/classifier.module.ts').then((m) => m.trainModule),
    source: () => import('./shown/classifier.module.ts?raw').then((m) => m.default),
  },
];

/**
 * The Python tabs of the same classifier, counted the same way. They are content, which src/lib
 * does not import, so the page hands their text in (`ctx.texts`, by these file names).
 */
const PYTHON = ['tf1', 'tf2', 'torch', 'jax'] as const;
export const pythonTextName = (framework: (typeof PYTHON)[number]) => `classifier.${framework}.py`;

/**
 * One MNIST classifier written three ways (TF1 graph + Session with our tf1 library, Keras-style
 * tf.sequential + fit, PyTorch-style module + explicit loop), trained with the same settings one
 * after the other. Per style: time per epoch (first epoch apart), test accuracy, final loss, and
 * the lines of code of the snippet file that ran, counted from its text.
 */
export const modelBuilding: Experiment<typeof modelBuildingParams> = {
  id: 'model-building',
  title: 'One MNIST classifier, three ways of writing it',
  params: modelBuildingParams,
  async run(params, { tf, progress, signal, rng, readSiteFile, texts }): Promise<ExperimentOutput> {
    // Checked before training, so a page that forgot them fails at once, not minutes in.
    const python = PYTHON.map((name) => {
      const text = texts[pythonTextName(name)];
      if (text === undefined)
        throw new Error(`model-building counts the Python tabs' lines, but was given no ${pythonTextName(name)}`);
      return { name, text };
    });
    const [trainSplit, testSplit] = await Promise.all([
      loadMnistCached('train', readSiteFile),
      loadMnistCached('test', readSiteFile),
    ]);
    const train = toDigits(trainSplit, params.trainExamples);
    const test = toDigits(testSplit, params.testExamples);
    const metrics: Record<string, number> = {};
    const timings: Record<string, Timing> = {};
    for (const [i, style] of STYLES.entries()) {
      const trainStyle = await style.load();
      const epochMs: number[] = [];
      const losses: number[] = [];
      const harness = makeHarness(train, test, rng, signal, (ms, loss) => {
        epochMs.push(ms);
        losses.push(loss);
        progress((i + epochMs.length / (params.epochs + 1)) / STYLES.length, { [`loss_${style.name}`]: loss });
      });
      const { testAccuracy } = await trainStyle(tf, params, harness);
      throwIfAborted(signal);
      const rest = epochMs.slice(1);
      timings[`epoch_${style.name}`] = {
        protocol: { warmups: 0, runs: rest.length, readback: true },
        firstMs: epochMs[0]!,
        timesMs: rest,
        wall: spread(rest),
      };
      metrics[`epoch_ms_${style.name}`] = spread(rest).median;
      metrics[`first_epoch_ms_${style.name}`] = epochMs[0]!;
      metrics[`test_accuracy_${style.name}`] = testAccuracy;
      metrics[`final_loss_${style.name}`] = losses[losses.length - 1]!;
      metrics[`loc_ts_${style.name}`] = linesOfCode(await style.source(), '//');
    }
    for (const py of python) metrics[`loc_py_${py.name}`] = linesOfCode(py.text, '#');
    progress(1);
    return { metrics, timings };
  },
};
