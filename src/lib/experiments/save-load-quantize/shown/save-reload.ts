// TypeScript (TensorFlow.js): save a trained model, load it back,
// and check that the reloaded model predicts exactly the same.
// The page's save/reload experiment runs this code.
import type * as tfc from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';

type Tf = typeof tfc;
type Layers = typeof tfl;

/** Saves to `url` (e.g. indexeddb://name), reloads, and returns
 *  the reloaded model. */
export async function saveAndReload(
  tfl: Layers,
  model: tfl.LayersModel,
  url: string,
) {
  await model.save(url);
  return tfl.loadLayersModel(url);
}

/** The two files a download gives (model.json, weights.bin),
 *  captured as bytes, then loaded back from those bytes. */
export async function throughFiles(
  tf: Tf,
  tfl: Layers,
  model: tfl.LayersModel,
) {
  let saved: tfc.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      const info = tf.io.getModelArtifactsInfoForJSON(artifacts);
      return { modelArtifactsInfo: info };
    }),
  );
  const { weightSpecs, weightData, ...rest } = saved!;
  const modelJson = JSON.stringify({
    ...rest,
    weightsManifest: [{ paths: ['weights.bin'], weights: weightSpecs }],
  });
  const weights = tf.io.concatenateArrayBuffers(
    Array.isArray(weightData) ? weightData : [weightData!],
  );
  const reloaded = await tfl.loadLayersModel(
    tf.io.fromMemory({ ...rest, weightSpecs, weightData: weights }),
  );
  return { reloaded, modelJson, weights };
}

/** Largest absolute difference between two models' outputs. */
export async function maxDifference(
  tf: Tf,
  a: tfl.LayersModel,
  b: tfl.LayersModel,
  x: tfc.Tensor,
) {
  const largest = tf.tidy(() => {
    const ya = a.predict(x) as tfc.Tensor;
    const yb = b.predict(x) as tfc.Tensor;
    return tf.max(tf.abs(tf.sub(ya, yb)));
  });
  // An async read: a GPU backend does not block the thread.
  const [value] = await largest.data();
  largest.dispose();
  return value!;
}
