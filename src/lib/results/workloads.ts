import { z } from 'astro/zod';
import raw from '../../../benchmarks/workloads.json' with { type: 'json' };

/**
 * benchmarks/workloads.json, checked: the one definition of every benchmark workload. The Speed
 * experiments take their defaults from it and every runner (Node, browser, Python) builds its
 * model and loop from it, so a change there changes all of them together.
 */
const layerSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('dense'), units: z.number().int().positive(), activation: z.enum(['relu', 'linear']) }),
  z.object({
    type: z.literal('conv2d'),
    filters: z.number().int().positive(),
    kernel: z.number().int().positive(),
    stride: z.literal(1),
    padding: z.literal('same'),
    activation: z.enum(['relu', 'linear']),
  }),
  z.object({ type: z.literal('maxpool2d'), size: z.number().int().positive(), stride: z.number().int().positive() }),
  z.object({ type: z.literal('flatten') }),
]);

const modelSchema = z.object({
  input: z.array(z.number().int().positive()).min(1),
  layout: z.string().optional(),
  layers: z.array(layerSchema).min(1),
  init: z.string(),
  loss: z.string(),
});

const common = {
  id: z.string().regex(/^[a-z0-9-]+$/),
  title: z.string(),
  batch: z.number().int().positive(),
  steps: z.number().int().positive(),
  warmup: z.number().int().nonnegative(),
  dtype: z.literal('float32'),
  seed: z.number().int().nonnegative(),
  timed: z.string(),
};

export const workloadSchema = z.discriminatedUnion('kind', [
  z.object({
    ...common,
    kind: z.literal('train'),
    model: z.string(),
    data: z.literal('mnist'),
    optimizer: z.object({ name: z.enum(['adam', 'sgd']), learningRate: z.number().positive() }),
  }),
  z.object({ ...common, kind: z.literal('infer'), model: z.string(), data: z.literal('mnist') }),
  z.object({ ...common, kind: z.literal('matmul'), sizes: z.array(z.number().int().positive()).min(1) }),
  z.object({
    ...common,
    kind: z.literal('dispatch'),
    sizes: z.array(z.number().int().positive()).min(1),
    ops: z.number().int().min(2),
  }),
]);
export type Workload = z.infer<typeof workloadSchema>;

export const workloadsFileSchema = z
  .object({
    format: z.literal('tfc-workloads-v1'),
    about: z.string(),
    data: z.record(z.string(), z.string()),
    models: z.record(z.string(), modelSchema),
    workloads: z.array(workloadSchema).min(1),
  })
  .superRefine((f, ctx) => {
    f.workloads.forEach((w, i) => {
      if (f.workloads.findIndex((o) => o.id === w.id) !== i)
        ctx.addIssue({
          code: 'custom',
          path: ['workloads', i, 'id'],
          message: `workload id "${w.id}" is listed twice`,
        });
      if ('model' in w && !f.models[w.model])
        ctx.addIssue({ code: 'custom', path: ['workloads', i, 'model'], message: `no model "${w.model}" in models` });
    });
  });
export type WorkloadsFile = z.infer<typeof workloadsFileSchema>;
export type Model = WorkloadsFile['models'][string];

export const workloadsFile: WorkloadsFile = workloadsFileSchema.parse(raw);
export const workloadIds = workloadsFile.workloads.map((w) => w.id);

export function getWorkload<K extends Workload['kind']>(id: string, kind?: K): Extract<Workload, { kind: K }> {
  const w = workloadsFile.workloads.find((x) => x.id === id);
  if (!w) throw new Error(`unknown workload "${id}"; known: ${workloadIds.join(', ')}`);
  if (kind && w.kind !== kind) throw new Error(`workload "${id}" is a ${w.kind} workload, not ${kind}`);
  return w as Extract<Workload, { kind: K }>;
}

export function getModel(name: string): Model {
  const m = workloadsFile.models[name];
  if (!m) throw new Error(`unknown model "${name}"`);
  return m;
}

/** Hidden width of the MLP: its first dense layer. */
export const mlpHidden = (m: Model) => {
  const l = m.layers[0];
  if (l?.type !== 'dense') throw new Error('the MLP model must start with a dense layer');
  return l.units;
};

/** Filters of the CNN's two convolutions. */
export const cnnFilters = (m: Model): [number, number] => {
  const convs = m.layers.flatMap((l) => (l.type === 'conv2d' ? [l.filters] : []));
  if (convs.length !== 2) throw new Error(`the CNN model must have two conv2d layers, has ${convs.length}`);
  return [convs[0]!, convs[1]!];
};
