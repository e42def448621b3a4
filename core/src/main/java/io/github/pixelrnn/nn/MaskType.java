package io.github.pixelrnn.nn;

/**
 * The two causal masks of the PixelRNN paper (Section 3.4, Figure 2), and the vertical stack's
 * kernel of the Gated PixelCNN.
 *
 * <p>Mask A is used by the first layer only and hides the current sub-pixel from itself;
 * mask B is used by every later layer and lets a colour group see its own features at the
 * centre (which by then only carry information from strictly earlier sub-pixels).
 */
public enum MaskType {
    /** First layer: at the centre tap, output group g sees input groups &lt; g. */
    A,
    /** Later layers: at the centre tap, output group g sees input groups &lt;= g. */
    B,
    /**
     * The vertical stack of a Gated PixelCNN (van den Oord et al. 2016b, Section 2.2): the rows
     * above and the whole centre row, every group. Its output at row r sees row r, to the right
     * of the pixel too, so it may only reach the pixels of rows below r (shifted down a row).
     */
    V
}
