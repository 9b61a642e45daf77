import type * as tfc from '@tensorflow/tfjs-core';
import type * as tflayers from '@tensorflow/tfjs-layers';
import { maxDifference, saveAndReload, throughFiles } from './shown/save-reload.ts';
import { IMAGE_SIZE, NUM_CLASSES } from '../../data/mnist.ts';
import type { Experiment, ExperimentOutput, OutputFile } from '../../runtime/experiment.ts';
import { checkpoint } from '../../runtime/timing.ts';
import { firstExamples, loadMnistCached, makeBatcher } from '../../training/data.ts';
import { progressEvery, trainingTiming } from '../../training/summary.ts';
import { saveLoadQuantizeParams } from './params.ts';
import { quantizeWeights, type QuantizeTo } from './quantize.ts';

export { metricLabel } from './labels.ts';

const now = () => performance.now();
const TRAIN_SHARE = 0.6;

/**
 * Deployment in miniature: a model trained in the page is saved, loaded back and checked to
 * predict exactly as before, once through IndexedDB (where the browser has it) and once through
 * the two files a download would give (model.json and weights.bin). Then its weights are quantized
 * to float16 and to 8-bit integers in TensorFlow.js's own format, reloaded through tfjs's loader,
 * and scored: size against accuracy.
 */
export const saveLoadQuantize: Experiment<typeof saveLoadQuantizeParams> = {
  id: 'save-load-quantize',
  title: 'Save, reload and quantize a model trained in the page',
  params: saveLoadQuantizeParams,
  async run(params, { tf, progress, signal, rng, readSiteFile }): Promise<ExperimentOutput> {
    const tfl = await import('@tensorflow/tfjs-layers');
    const [train, test] = await Promise.all([
      loadMnistCached('train', readSiteFile),
      loadMnistCached('test', readSiteFile),
    ]);
    const models: tflayers.LayersModel[] = [];
    const evalSet = firstExamples(test, Math.min(params.evalExamples, test.count));
    const x = tf.tensor2d(evalSet.xs, [evalSet.labels.length, IMAGE_SIZE]);
    const accuracy = async (m: tflayers.LayersModel) => {
      const classes = tf.tidy(() => tf.argMax(m.predict(x) as tfc.Tensor, 1));
      const predicted = await classes.data();
      classes.dispose();
      let correct = 0;
      for (let i = 0; i < predicted.length; i++) if (predicted[i] === evalSet.labels[i]) correct++;
      return correct / evalSet.labels.length;
    };
    try {
      const seed = params.seed;
      const model = tfl.sequential({
        layers: [
          tfl.layers.dense({
            units: params.hidden,
            activation: 'relu',
            inputShape: [IMAGE_SIZE],
            kernelInitializer: tfl.initializers.glorotUniform({ seed }),
          }),
          tfl.layers.dense({
            units: NUM_CLASSES,
            activation: 'softmax',
            kernelInitializer: tfl.initializers.glorotUniform({ seed: seed + 1 }),
          }),
        ],
      });
      models.push(model);
      model.compile({ optimizer: tf.train.adam(params.learningRate), loss: 'categoricalCrossentropy' });

      const next = makeBatcher(train, params.batchSize, rng);
      const every = progressEvery(params.steps);
      const stepMs: number[] = [];
      const losses: number[] = [];
      for (let step = 0; step < params.steps; step++) {
        await checkpoint(signal);
        const batch = next();
        const t0 = now();
        const [xs, ys] = [
          tf.tensor2d(batch.xs, [batch.size, IMAGE_SIZE]),
          tf.tensor2d(batch.ys, [batch.size, NUM_CLASSES]),
        ];
        try {
          losses.push((await model.trainOnBatch(xs, ys)) as number);
        } finally {
          tf.dispose([xs, ys]);
        }
        stepMs.push(now() - t0);
        if ((step + 1) % every === 0 || step + 1 === params.steps)
          progress(((step + 1) / params.steps) * TRAIN_SHARE, { loss: losses.at(-1)! });
      }
      const metrics: Record<string, number> = { test_accuracy: await accuracy(model) };
      const last = losses.slice(-10);
      metrics.final_loss = last.reduce((a, b) => a + b, 0) / last.length;

      await checkpoint(signal);
      // IndexedDB exists in browsers and their workers, not in Node: say which happened.
      metrics.indexeddb_tested = typeof indexedDB === 'undefined' ? 0 : 1;
      if (metrics.indexeddb_tested) {
        const url = `indexeddb://tfc-deployment-save-load-${seed}`;
        try {
          const reloaded = await saveAndReload(tfl, model, url);
          models.push(reloaded);
          metrics.indexeddb_max_diff = await maxDifference(tf, model, reloaded, x);
        } finally {
          await tf.io.removeModel(url).catch(() => undefined);
        }
      }
      progress(0.7);

      await checkpoint(signal);
      const files = await throughFiles(tf, tfl, model);
      models.push(files.reloaded);
      metrics.files_max_diff = await maxDifference(tf, model, files.reloaded, x);
      metrics.model_json_kb = new TextEncoder().encode(files.modelJson).byteLength / 1024;
      metrics.weights_kb = files.weights.byteLength / 1024;
      progress(0.8);

      const { weightsManifest, ...topology } = JSON.parse(files.modelJson) as tfc.io.ModelJSON;
      const specs = weightsManifest.flatMap((group) => group.weights);
      const encode = (text: string) => new TextEncoder().encode(text);
      // The reader can keep the model: the same two files tfjs's downloads:// handler writes, plus
      // an 8-bit set below. tf.loadLayersModel reads either from a folder served over HTTP.
      const output: OutputFile[] = [
        { name: 'model.json', type: 'application/json', bytes: encode(files.modelJson) },
        { name: 'weights.bin', type: 'application/octet-stream', bytes: new Uint8Array(files.weights) },
      ];
      for (const to of ['float16', 'uint8'] as QuantizeTo[]) {
        await checkpoint(signal);
        const q = quantizeWeights(specs, files.weights, to);
        const quantized = await tfl.loadLayersModel(
          tf.io.fromMemory({ modelTopology: topology.modelTopology, weightSpecs: q.specs, weightData: q.data }),
        );
        models.push(quantized);
        metrics[`${to}_kb`] = q.data.byteLength / 1024;
        if (to === 'uint8') {
          const manifest = [{ paths: ['weights-uint8.bin'], weights: q.specs }];
          output.push(
            {
              name: 'model-uint8.json',
              type: 'application/json',
              bytes: encode(JSON.stringify({ ...topology, weightsManifest: manifest })),
            },
            { name: 'weights-uint8.bin', type: 'application/octet-stream', bytes: new Uint8Array(q.data) },
          );
        }
        metrics[`${to}_accuracy`] = await accuracy(quantized);
        metrics[`${to}_max_diff`] = await maxDifference(tf, model, quantized, x);
        progress(to === 'float16' ? 0.9 : 1);
      }
      return { metrics, timings: { train_step: trainingTiming(stepMs, Math.min(5, params.steps - 2)) }, files: output };
    } finally {
      x.dispose();
      for (const m of models) {
        m.optimizer?.dispose();
        m.dispose();
      }
    }
  },
};
