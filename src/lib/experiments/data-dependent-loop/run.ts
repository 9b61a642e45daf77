import type { Experiment, ExperimentOutput } from '../../runtime/experiment.ts';
import { checkpoint, timeSteps } from '../../runtime/timing.ts';
import { newtonSqrtEager } from './shown/while-loop.eager.ts';
import { buildNewtonGraph, hostLoopOnSymbol } from './shown/while-loop.graph.ts';
import { createTf1 } from '../../tf1/index.ts';
import { dataDependentLoopParams } from './params.ts';

export { metricLabel } from './labels.ts';

/**
 * A loop whose trip count depends on tensor values: Newton's method for square roots, repeated
 * until no value changes by more than a tolerance. Written eagerly, a JavaScript loop reads the
 * change back each turn. Written as a tf1 graph, a host loop over a symbol silently never runs (a
 * node has no value while the graph is built), so the loop must be the graph's whileLoop op.
 * Reports iterations (eager, graph, the naive host loop; for the largest and smallest value), the
 * difference between the answers and their error against Math.sqrt, read-backs, kernels and graph
 * ops, and each version's time.
 */
export const dataDependentLoop: Experiment<typeof dataDependentLoopParams> = {
  id: 'data-dependent-loop',
  title: 'A data-dependent loop: eager JavaScript vs a graph whileLoop',
  params: dataDependentLoopParams,
  async run(params, { tf, backend, progress, signal, rng }): Promise<ExperimentOutput> {
    const { count, maxValue, tolerance, maxIterations, warmups, runs } = params;
    // Log-uniform in [1, maxValue]: small and large values, so the trip count depends on the data.
    const values = Float32Array.from({ length: count }, () => Math.exp(rng.next() * Math.log(maxValue)));
    const settings = { tolerance, maxIterations };
    const tf1 = createTf1(tf);
    const naive = await hostLoopOnSymbol(tf1, values, settings);
    const a = tf.tensor1d(values);
    const graph = buildNewtonGraph(tf1, settings);
    try {
      await checkpoint(signal);
      const eager = await newtonSqrtEager(tf, a, settings);
      const roots = (await eager.x.data()) as Float32Array;
      eager.x.dispose();
      await checkpoint(signal);
      // A failure of the graph half is reported with its reason rather than ending the run.
      let graphRun: Awaited<ReturnType<typeof graph.run>> | null = null;
      let graphError = '';
      try {
        graphRun = await graph.run(values);
      } catch (e) {
        graphError = `The tf1 graph version did not run on ${backend}: ${(e as Error).message}`;
      }
      let maxRelError = 0;
      let maxRelDiff = 0;
      let naiveError = 0;
      for (let i = 0; i < count; i++) {
        const exact = Math.sqrt(values[i]!);
        maxRelError = Math.max(maxRelError, Math.abs(roots[i]! - exact) / exact);
        if (graphRun) maxRelDiff = Math.max(maxRelDiff, Math.abs(roots[i]! - graphRun.roots[i]!) / exact);
        naiveError = Math.max(naiveError, Math.abs(naive.roots[i]! - exact) / exact);
      }
      progress(0.2);

      // The same loop on the largest value alone: how the trip count follows the data.
      const largest = tf.tensor1d([values.reduce((m, v) => Math.max(m, v), 1)]);
      const smallest = tf.tensor1d([values.reduce((m, v) => Math.min(m, v), Infinity)]);
      const [hi, lo] = [await newtonSqrtEager(tf, largest, settings), await newtonSqrtEager(tf, smallest, settings)];
      [hi.x, lo.x, largest, smallest].forEach((t) => t.dispose());

      // Kernels the loop launches, counted by the profiler in a separate pass.
      await checkpoint(signal);
      const profile = await tf.profile(async () => {
        (await newtonSqrtEager(tf, a, settings)).x.dispose();
      });
      progress(0.4);

      const timing = await timeSteps(tf, async () => (await newtonSqrtEager(tf, a, settings)).x, {
        warmups,
        runs,
        signal,
      });
      progress(0.7);
      // The graph step returns numbers; a one-element tensor lets timeSteps treat both alike.
      const graphTiming = graphRun
        ? await timeSteps(tf, async () => tf.scalar((await graph.run(values)).iterations), { warmups, runs, signal })
        : null;
      progress(1);
      return {
        metrics: {
          iterations_eager: eager.iterations,
          ...(graphRun
            ? {
                iterations_graph: graphRun.iterations,
                max_rel_diff_eager_graph: maxRelDiff,
                session_runs_graph: graphRun.sessionRuns,
                ops_graph: graphRun.opsExecuted,
                graph_ms: graphTiming!.wall.median,
              }
            : {}),
          iterations_host_loop: naive.iterations,
          host_loop_max_rel_error: naiveError,
          iterations_largest: hi.iterations,
          iterations_smallest: lo.iterations,
          max_rel_error_vs_sqrt: maxRelError,
          reads_eager: eager.reads,
          kernels_eager: profile.kernels.length,
          eager_ms: timing.wall.median,
        },
        timings: { loop_eager: timing, ...(graphTiming ? { loop_graph: graphTiming } : {}) },
        notes: {
          ...(graphError ? { graph: graphError } : {}),
          host_loop:
            `A JavaScript while over a tf1 node ran ${naive.iterations} times: Number(change) is ${naive.seen} while the ` +
            `graph is being built, so the test was false and the "roots" are the inputs themselves (largest relative ` +
            `error ${naiveError.toPrecision(3)}).`,
        },
      };
    } finally {
      a.dispose();
      graph.close();
    }
  },
};
