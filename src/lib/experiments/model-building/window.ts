/**
 * The classifier's input window inside a 28x28 MNIST digit. Its own module because both the
 * harness (which crops it) and the parameters (whose `shift` bound it sets) need it, and the
 * harness already depends on the parameters' type.
 */
export const SIDE = 20;
/** Inputs of the classifier: a SIDE x SIDE window. */
export const INPUTS = SIDE * SIDE;
export const IMAGE_SIDE = 28;
/** Offset of the central window from the image's top and left edges. */
export const CENTRE = (IMAGE_SIDE - SIDE) / 2;
/** The largest shift the window can take and stay inside the image. */
export const MAX_SHIFT = CENTRE;
