import type { Transformer } from './helpers.ts';

const DEFAULT_STEP = 'tf.compat.v1.train.get_or_create_global_step()';

/** TF2 summary writers need a step: add the global step when the TF1 contrib call had none. */
export const summaryStep: Transformer = (call, log) => {
  if (call.live.some((a) => a.keyword === 'step')) return;
  call.appended.push(`step=${DEFAULT_STEP}`);
  log.warning(
    'summary-step',
    `Summary API writing function ${call.fullName} now requires a 'step' argument; inserting default of ${DEFAULT_STEP}.`,
  );
};

/** `always_record_summaries()` / `never_record_summaries()` become `record_if(True / False)`. */
export function summaryRecordIf(condition: 'True' | 'False'): Transformer {
  return (call, log) => {
    call.appended.push(condition);
    log.info(
      'summary-record-if',
      `Adding \`${condition}\` argument to ${call.fullName} in anticipation of it being renamed to tf.compat.v2.summary.record_if()`,
    );
  };
}
