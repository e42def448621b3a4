package io.github.pixelrnn.nn;

/**
 * The two causal masks of the PixelRNN paper (Section 3.4, Figure 2).
 *
 * <p>Mask A is used by the first layer only and hides the current sub-pixel from itself;
 * mask B is used by every later layer and lets a colour group see its own features at the
 * centre (which by then only carry information from strictly earlier sub-pixels).
 */
public enum MaskType {
    /** First layer: at the centre tap, output group g sees input groups &lt; g. */
    A,
    /** Later layers: at the centre tap, output group g sees input groups &lt;= g. */
    B
}
