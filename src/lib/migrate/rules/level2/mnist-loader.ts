import { CallModel } from '../../call.ts';
import { type SyntaxNode, textOf } from '../../parse.ts';
import type { RuleContext } from '../context.ts';
import { calleeName, freshName } from './names.ts';
import { lineSpan } from './text.ts';

/** read_data_sets' parameters in TF1's order: a positional argument is the one at its place here. */
const TF1_PARAMETERS = ['train_dir', 'fake_data', 'one_hot', 'dtype', 'reshape', 'validation_size', 'seed'];
const KNOWN = ['train_dir', 'fake_data', 'one_hot', 'reshape', 'validation_size'];

/**
 * The TF1 tutorials' MNIST loader, `from tensorflow.examples.tutorials.mnist import input_data`, is not
 * in TF2 (the import fails). It becomes a small loader written into the program: the same MNIST
 * images from `tf.keras.datasets.mnist.load_data()`, split and scaled as `read_data_sets` did
 * (validation = the first `validation_size` training images, float32 in [0, 1], flat rows unless
 * reshape=False, one-hot float64 labels or uint8 ones), behind the same interface: `.train`,
 * `.validation`, `.test` with `images`, `labels`, `num_examples`, `epochs_completed` and
 * `next_batch(batch_size, shuffle=True)`, which draws and wraps batches as TF1's did. Only
 * `read_data_sets(train_dir, fake_data=..., one_hot=..., reshape=..., validation_size=...)` calls;
 * anything else that uses the module (dtype, seed, its other members) leaves the import as it is, with
 * the reason. Where the program uses TF1's fake data (read_data_sets' fake_data, or next_batch given
 * more than a batch size and shuffle=), the loader keeps TF1's signatures and fake data sets: 10000
 * examples, no images, and next_batch(n, fake_data=True) giving n images of 784 ones with label 0
 * (or [1, 0, ..., 0] one-hot), without loading MNIST.
 */
export function rewriteMnistLoader(ctx: RuleContext, taken: Set<string>): void {
  const { source, buffer, report, parsed } = ctx;
  const top = parsed.tree.topNode;
  let importStmt: SyntaxNode | null = null;
  let alias = '';
  for (let stmt = top.firstChild; stmt; stmt = stmt.nextSibling) {
    const m = /^from\s+tensorflow\.examples\.tutorials\.mnist\s+import\s+input_data(?:\s+as\s+(\w+))?\s*$/.exec(
      textOf(source, stmt),
    );
    if (stmt.name === 'ImportStatement' && m) {
      importStmt = stmt;
      alias = m[1] ?? 'input_data';
    }
  }
  if (!importStmt) return;
  const leave = (at: { from: number; to: number }, why: string) =>
    report.warning(
      2,
      'mnist-loader',
      at,
      `The TF1 MNIST tutorial loader was left as it is (TF2 does not have it): ${why}.`,
    );
  const calls: { call: SyntaxNode; args: Map<string, string> }[] = [];
  const cursor = top.cursor();
  do {
    if (cursor.name !== 'VariableName' || source.slice(cursor.from, cursor.to) !== alias || cursor.from < importStmt.to)
      continue;
    const node = cursor.node;
    const member =
      node.parent?.name === 'MemberExpression' && node.parent.firstChild?.from === node.from ? node.parent : null;
    const call =
      member?.parent?.name === 'CallExpression' && member.parent.firstChild?.to === member.to ? member.parent : null;
    if (!call || calleeName(source, call) !== `${alias}.read_data_sets`) {
      leave({ from: node.from, to: node.to }, `\`${alias}\` is used here other than as ${alias}.read_data_sets(...)`);
      return;
    }
    const model = new CallModel(call, source, buffer);
    if (model.opaque || model.hasStarArgs || model.hasStarKwargs) {
      leave(call, 'read_data_sets with arguments this tool cannot read');
      return;
    }
    const args = new Map<string, string>();
    let position = 0;
    for (const a of model.live) {
      const keyword = a.keyword ?? TF1_PARAMETERS[position++] ?? '?';
      if (!KNOWN.includes(keyword)) {
        leave(
          a.arg,
          `read_data_sets(${keyword}=...) is not written out here (only train_dir, fake_data, one_hot, reshape, validation_size)`,
        );
        return;
      }
      args.set(keyword, model.valueText(a));
    }
    calls.push({ call, args });
  } while (cursor.next());
  const tfImport = /^import\s+tensorflow\s+as\s+tf\s*$/m.exec(source);
  if (!tfImport) {
    leave(
      importStmt,
      'the loader it would be replaced by calls tf.keras, and this file does not `import tensorflow as tf`',
    );
    return;
  }
  for (const module of ['collections', 'numpy']) {
    if (taken.has(module) && bindsOtherwise(ctx, module)) {
      leave(
        importStmt,
        `the loader needs \`import ${module}\`, and this file uses the name \`${module}\` for something else`,
      );
      return;
    }
  }
  const dataSet = freshName('MnistDataSet', taken);
  const read = freshName('read_mnist_data_sets', taken);
  const fake = calls.some(({ args }) => args.has('fake_data')) || passesFakeData(ctx);
  const shim = fake
    ? fakeDataShim(dataSet, read)
    : [
        "# TF1's tutorial loader (tensorflow.examples.tutorials.mnist.input_data) is not in TF2: the same MNIST",
        '# data from tf.keras.datasets (downloaded to ~/.keras/datasets, not train_dir), split and scaled as',
        '# read_data_sets did, with the same interface (images, labels, num_examples, next_batch).',
        'import collections',
        'import numpy',
        '',
        '',
        `class ${dataSet}:`,
        '    def __init__(self, images, labels):',
        '        self.images = images',
        '        self.labels = labels',
        '        self.num_examples = images.shape[0]',
        '        self.epochs_completed = 0',
        '        self._index_in_epoch = 0',
        '',
        '    def next_batch(self, batch_size, shuffle=True):',
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
        `def ${read}(train_dir, one_hot=False, reshape=True, validation_size=5000):`,
        '    (train_images, train_labels), (test_images, test_labels) = tf.keras.datasets.mnist.load_data()',
        '',
        '    def data_set(images, labels):',
        '        images = images.reshape(images.shape[0], 784) if reshape else images.reshape(images.shape[0], 28, 28, 1)',
        '        images = numpy.multiply(images.astype(numpy.float32), 1.0 / 255.0)',
        '        if one_hot:',
        '            labels = numpy.eye(10)[labels]',
        `        return ${dataSet}(images, labels)`,
        '',
        "    Datasets = collections.namedtuple('Datasets', ['train', 'validation', 'test'])",
        '    return Datasets(train=data_set(train_images[validation_size:], train_labels[validation_size:]),',
        '                    validation=data_set(train_images[:validation_size], train_labels[:validation_size]),',
        '                    test=data_set(test_images, test_labels))',
        '',
      ];
  // The program calls the loader where the tutorial import stood; a `tf` imported only further down
  // would not be bound yet when it runs.
  if (tfImport.index > importStmt.from) shim.splice(shim.indexOf('import numpy') + 1, 0, 'import tensorflow as tf');
  const span = lineSpan(parsed.lines, importStmt);
  buffer.replace(span.from, span.to, `${shim.join('\n')}\n`);
  report.info(
    2,
    'mnist-loader',
    importStmt,
    `The TF1 MNIST tutorial loader is not in TF2: it is replaced by ${read}() and ${dataSet}, written into the program, which load ` +
      `the same images with tf.keras.datasets.mnist and keep read_data_sets' split, scaling and next_batch.`,
  );
  for (const { call } of calls) {
    const callee = call.firstChild!;
    buffer.replace(callee.from, callee.to, read);
    report.info(
      2,
      'mnist-loader',
      call,
      `${alias}.read_data_sets -> ${read} (train_dir is no longer used: tf.keras.datasets keeps its copy in ~/.keras/datasets).`,
    );
  }
}

/**
 * Whether some `.next_batch(...)` call passes TF1's fake_data (by keyword, or positionally: TF1's
 * signature is next_batch(batch_size, fake_data=False, shuffle=True)), or arguments not read here.
 */
function passesFakeData(ctx: RuleContext): boolean {
  const { source, buffer } = ctx;
  const cursor = ctx.parsed.tree.topNode.cursor();
  do {
    if (cursor.name !== 'CallExpression') continue;
    const callee = cursor.node.firstChild;
    if (callee?.name !== 'MemberExpression' || callee.lastChild?.name !== 'PropertyName') continue;
    if (textOf(source, callee.lastChild) !== 'next_batch') continue;
    const model = new CallModel(cursor.node, source, buffer);
    if (model.opaque || model.hasStarArgs || model.hasStarKwargs) return true;
    if (model.positional.length > 1 || model.live.some((a) => a.keyword === 'fake_data')) return true;
  } while (cursor.next());
  return false;
}

/** The loader with TF1's fake data sets and TF1's parameter order (train_dir, fake_data, one_hot). */
function fakeDataShim(dataSet: string, read: string): string[] {
  return [
    "# TF1's tutorial loader (tensorflow.examples.tutorials.mnist.input_data) is not in TF2: the same MNIST",
    '# data from tf.keras.datasets (downloaded to ~/.keras/datasets, not train_dir), split and scaled as',
    '# read_data_sets did, with the same interface (images, labels, num_examples, next_batch) and fake data.',
    'import collections',
    'import numpy',
    '',
    '',
    `class ${dataSet}:`,
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
    `def ${read}(train_dir, fake_data=False, one_hot=False, reshape=True, validation_size=5000):`,
    "    Datasets = collections.namedtuple('Datasets', ['train', 'validation', 'test'])",
    '    if fake_data:',
    `        return Datasets(*(${dataSet}([], [], fake_data=True, one_hot=one_hot) for _ in range(3)))`,
    '    (train_images, train_labels), (test_images, test_labels) = tf.keras.datasets.mnist.load_data()',
    '',
    '    def data_set(images, labels):',
    '        images = images.reshape(images.shape[0], 784) if reshape else images.reshape(images.shape[0], 28, 28, 1)',
    '        images = numpy.multiply(images.astype(numpy.float32), 1.0 / 255.0)',
    '        if one_hot:',
    '            labels = numpy.eye(10)[labels]',
    `        return ${dataSet}(images, labels, one_hot=one_hot)`,
    '',
    '    return Datasets(train=data_set(train_images[validation_size:], train_labels[validation_size:]),',
    '                    validation=data_set(train_images[:validation_size], train_labels[:validation_size]),',
    '                    test=data_set(test_images, test_labels))',
    '',
  ];
}

/**
 * Whether `name` means something other than the module of that name here: used outside imports
 * without `import name`, or bound by `as name`.
 */
function bindsOtherwise(ctx: RuleContext, name: string): boolean {
  const { source } = ctx;
  const plainImport = new RegExp(`^\\s*import\\s+${name}\\s*$`, 'm').test(source);
  const cursor = ctx.parsed.tree.topNode.cursor();
  do {
    if (cursor.name !== 'VariableName' || source.slice(cursor.from, cursor.to) !== name) continue;
    const node = cursor.node;
    if (node.parent?.name === 'ImportStatement') {
      if (node.prevSibling?.name === 'as') return true;
      continue;
    }
    if (!plainImport) return true;
  } while (cursor.next());
  return false;
}
