import * as tf from '@tensorflow/tfjs';
import { execFileSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { readPublicFile } from '../../data/read-node.ts';
import { createRng } from '../../runtime/rng.ts';
import { Cancelled } from '../../runtime/timing.ts';
import { loadMnistCached } from '../../training/data.ts';
import { trainGraph } from './shown/classifier.graph.ts';
import { trainKeras } from './shown/classifier.keras.ts';
import { trainModule } from './shown/classifier.module.ts';
import { linesOfCode, makeHarness, toDigits, type ClassifierStyle, type Digits } from './harness.ts';
import { modelBuildingParams } from './params.ts';

const readSiteFile = readPublicFile();
let train: Digits;
let test: Digits;

beforeAll(async () => {
  execFileSync(process.execPath, ['scripts/build-data.ts'], { stdio: 'ignore' });
  const [a, b] = await Promise.all([loadMnistCached('train', readSiteFile), loadMnistCached('test', readSiteFile)]);
  train = toDigits(a, 1000);
  test = toDigits(b, 300);
  await tf.setBackend('cpu');
});

async function trainWith(style: ClassifierStyle, signal = new AbortController().signal) {
  const params = modelBuildingParams.parse({
    epochs: 3,
    hidden: 32,
    batchSize: 32,
    trainExamples: 1000,
    testExamples: 300,
  });
  const epochs: number[] = [];
  const before = tf.memory().numTensors;
  let result: { testAccuracy: number } | Cancelled;
  try {
    result = await style(
      tf,
      params,
      makeHarness(train, test, createRng(1), signal, (_, loss) => epochs.push(loss)),
    );
  } catch (e) {
    // A cancelled style may stop by throwing Cancelled (from the harness) or by returning early.
    if (!(e instanceof Cancelled)) throw e;
    result = e;
  }
  return {
    testAccuracy: 'testAccuracy' in result ? result.testAccuracy : NaN,
    epochs,
    leaked: tf.memory().numTensors - before,
  };
}

describe('the classifier styles', () => {
  it.each([
    ['graph', trainGraph],
    ['keras', trainKeras],
    ['module', trainModule],
  ])(
    '%s: learns real digits, reports every epoch, leaks nothing',
    async (_, style) => {
      const { testAccuracy, epochs, leaked } = await trainWith(style);
      expect(epochs).toHaveLength(3);
      expect(epochs[2]!).toBeLessThan(epochs[0]!);
      // 1,000 digits, 3 epochs, 32 hidden units: far above chance (0.1), short of the full run's 0.95.
      expect(testAccuracy).toBeGreaterThan(0.7);
      expect(leaked).toBe(0);
    },
    60_000,
  );

  it.each([
    ['graph', trainGraph],
    ['keras', trainKeras],
    ['module', trainModule],
  ])(
    '%s: stops within a batch when cancelled and frees everything',
    async (_, style) => {
      const controller = new AbortController();
      controller.abort();
      const { epochs, leaked } = await trainWith(style, controller.signal);
      expect(epochs.length).toBeLessThanOrEqual(1);
      expect(leaked).toBe(0);
    },
    60_000,
  );
});

describe('linesOfCode', () => {
  it('counts lines that are neither blank nor only a comment', () => {
    expect(linesOfCode('// a\n\nconst x = 1; // b\n/* c\n d */\n  y();\n', '//')).toBe(2);
    expect(linesOfCode('# a\nimport torch\n\n  # b\nx = 1  # c\n', '#')).toBe(2);
  });
});
