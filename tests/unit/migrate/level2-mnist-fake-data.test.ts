import { describe, expect, it } from 'vitest';
import { checkApi } from '../../../src/lib/migrate/api-check.ts';
import { migrate } from '../../../src/lib/migrate/index.ts';

/**
 * The MNIST loader rule with TF1's fake data (read_data_sets(fake_data=...), next_batch(n, fake_data)):
 * TF1's parameter order is kept, so a positional second argument is fake_data as it was in TF1.
 */
const py = (lines: string[]) => `${lines.join('\n')}\n`;
const head = ['import tensorflow as tf', 'from tensorflow.examples.tutorials.mnist import input_data'];

const fakeDataLoader = [
  "# TF1's tutorial loader (tensorflow.examples.tutorials.mnist.input_data) is not in TF2: the same MNIST",
  '# data from tf.keras.datasets (downloaded to ~/.keras/datasets, not train_dir), split and scaled as',
  '# read_data_sets did, with the same interface (images, labels, num_examples, next_batch) and fake data.',
  'import collections',
  'import numpy',
  '',
  '',
  'class MnistDataSet:',
  '    def __init__(self, images, labels, fake_data=False, one_hot=False):',
  '        self.images = images',
  '        self.labels = labels',
  '        self.num_examples = 10000 if fake_data else images.shape[0]',
  '        self.one_hot = one_hot',
  '        self.epochs_completed = 0',
  '        self._index_in_epoch = 0',
  '',
  '    def next_batch(self, batch_size, fake_data=False, shuffle=True):',
  '        if fake_data:',
  '            fake_image = [1] * 784',
  '            fake_label = [1] + [0] * 9 if self.one_hot else 0',
  '            return [fake_image for _ in range(batch_size)], [fake_label for _ in range(batch_size)]',
  '        start = self._index_in_epoch',
  '        if self.epochs_completed == 0 and start == 0 and shuffle:',
  '            perm = numpy.random.permutation(self.num_examples)',
  '            self.images, self.labels = self.images[perm], self.labels[perm]',
  '        if start + batch_size > self.num_examples:',
  '            self.epochs_completed += 1',
  '            rest_images, rest_labels = self.images[start:], self.labels[start:]',
  '            if shuffle:',
  '                perm = numpy.random.permutation(self.num_examples)',
  '                self.images, self.labels = self.images[perm], self.labels[perm]',
  '            self._index_in_epoch = batch_size - rest_images.shape[0]',
  '            end = self._index_in_epoch',
  '            return (numpy.concatenate((rest_images, self.images[:end]), axis=0),',
  '                    numpy.concatenate((rest_labels, self.labels[:end]), axis=0))',
  '        self._index_in_epoch += batch_size',
  '        return self.images[start:self._index_in_epoch], self.labels[start:self._index_in_epoch]',
  '',
  '',
  'def read_mnist_data_sets(train_dir, fake_data=False, one_hot=False, reshape=True, validation_size=5000):',
  "    Datasets = collections.namedtuple('Datasets', ['train', 'validation', 'test'])",
  '    if fake_data:',
  '        return Datasets(*(MnistDataSet([], [], fake_data=True, one_hot=one_hot) for _ in range(3)))',
  '    (train_images, train_labels), (test_images, test_labels) = tf.keras.datasets.mnist.load_data()',
  '',
  '    def data_set(images, labels):',
  '        images = images.reshape(images.shape[0], 784) if reshape else images.reshape(images.shape[0], 28, 28, 1)',
  '        images = numpy.multiply(images.astype(numpy.float32), 1.0 / 255.0)',
  '        if one_hot:',
  '            labels = numpy.eye(10)[labels]',
  '        return MnistDataSet(images, labels, one_hot=one_hot)',
  '',
  '    return Datasets(train=data_set(train_images[validation_size:], train_labels[validation_size:]),',
  '                    validation=data_set(train_images[:validation_size], train_labels[:validation_size]),',
  '                    test=data_set(test_images, test_labels))',
  '',
];

function loaderReport(out: ReturnType<typeof migrate>): string[] {
  return out.report
    .filter((e) => e.rule === 'mnist-loader')
    .map((e) => `${e.line}:${e.col} ${e.severity} ${e.message}`);
}

describe('Level 2: the MNIST loader with TF1 fake data', () => {
  it('writes the loader with fake data sets for read_data_sets(fake_data=...) and next_batch(n, fake_data=...)', () => {
    const out = migrate(
      py([
        ...head,
        'mnist = input_data.read_data_sets(FLAGS.data_dir, fake_data=FLAGS.fake_data)',
        'xs, ys = mnist.train.next_batch(100, fake_data=FLAGS.fake_data)',
      ]),
    );
    expect(out.parseErrors).toEqual([]);
    expect(out.code).toBe(
      py([
        head[0]!,
        ...fakeDataLoader,
        'mnist = read_mnist_data_sets(FLAGS.data_dir, fake_data=FLAGS.fake_data)',
        'xs, ys = mnist.train.next_batch(100, fake_data=FLAGS.fake_data)',
      ]),
    );
    expect(checkApi(out.code).findings).toEqual([]);
    expect(loaderReport(out).map((e) => e.split(' ').slice(0, 2).join(' '))).toEqual(['2:1 info', '3:9 info']);
  });

  it("reads a positional second argument as TF1 did: read_data_sets' and next_batch's fake_data, not one_hot or shuffle", () => {
    const out = migrate(
      py([
        ...head,
        "data_sets = input_data.read_data_sets('/tmp/data', FLAGS.fake_data, True)",
        'images, labels = data_sets.train.next_batch(50, FLAGS.fake_data)',
      ]),
    );
    expect(out.code).toBe(
      py([
        head[0]!,
        ...fakeDataLoader,
        "data_sets = read_mnist_data_sets('/tmp/data', FLAGS.fake_data, True)",
        'images, labels = data_sets.train.next_batch(50, FLAGS.fake_data)',
      ]),
    );
  });

  it('writes the fake-data loader when only next_batch passes fake_data', () => {
    const out = migrate(
      py([
        ...head,
        "mnist = input_data.read_data_sets('/tmp/data', one_hot=True)",
        'b = mnist.train.next_batch(10, True)',
      ]),
    );
    expect(out.code).toContain(
      '    def next_batch(self, batch_size, fake_data=False, shuffle=True):\n        if fake_data:\n',
    );
    expect(
      out.code.endsWith(
        "\nmnist = read_mnist_data_sets('/tmp/data', one_hot=True)\nb = mnist.train.next_batch(10, True)\n",
      ),
    ).toBe(true);
  });

  it('keeps the plain loader when nothing passes fake data', () => {
    const out = migrate(
      py([...head, "mnist = input_data.read_data_sets('/tmp/data')", 'b = mnist.train.next_batch(10, shuffle=False)']),
    );
    expect(out.code).toContain(
      '    def next_batch(self, batch_size, shuffle=True):\n        start = self._index_in_epoch\n',
    );
    expect(out.code).not.toContain('fake');
  });

  it('is left, with the reason, for dtype and seed, by keyword or at their TF1 places', () => {
    const left = (call: string) => {
      const out = migrate(py([...head, call]));
      expect(out.code).toContain('from tensorflow.examples.tutorials.mnist import input_data');
      return loaderReport(out)[0];
    };
    expect(left("m = input_data.read_data_sets('/tmp', False, True, tf.uint8)")).toMatch(
      /^3:52 warning .*read_data_sets\(dtype=\.\.\.\) is not written out here/,
    );
    expect(left("m = input_data.read_data_sets('/tmp', seed=3)")).toMatch(
      /^3:39 warning .*read_data_sets\(seed=\.\.\.\)/,
    );
  });
});
