import type { Transformer } from './helpers.ts';
import { withLastPart } from './helpers.ts';

/**
 * `tf.image.resize_bilinear(i, s)` -> `tf.image.resize(i, s, method=tf.image.ResizeMethod.BILINEAR)`.
 * The TF1 functions are `(images, size, align_corners, name, half_pixel_centers)`. TF2's resize has no
 * align_corners and always centres half pixels, so both are dropped (the warnings say so).
 *
 * Deliberate difference: tf_upgrade_v2 turns a 4th positional argument into `preserve_aspect_ratio`;
 * in TF1 that position is `name`, so we keep it as `name=` instead of changing what the call does.
 */
export const imageResizeToMethod: Transformer = (call, log) => {
  const method = (call.shortName ?? '').slice('resize_'.length).toUpperCase();
  const positional = call.positional;
  if (positional[3]) positional[3].keyword = 'name';
  if (positional[2]) positional[2].removed = true;
  for (const state of call.live) {
    if (state.keyword === 'align_corners') state.removed = true;
    if (state.keyword === 'half_pixel_centers') {
      state.removed = true;
      log.warning('image-resize', 'half_pixel_centers was removed: tf.image.resize always uses half-pixel centers.');
    }
  }
  call.appended.push(`method=tf.image.ResizeMethod.${method}`);
  call.name = withLastPart(call.name, 'resize');
  log.info(
    'image-resize',
    `Changed ${call.fullName} call to tf.image.resize(..., method=tf.image.ResizeMethod.${method}).`,
  );
};
