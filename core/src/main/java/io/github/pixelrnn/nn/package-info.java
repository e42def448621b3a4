/**
 * Layers of the PixelRNN paper (van den Oord et al., 2016): masked convolutions with masks A and B (Section 3.4), PixelCNN residual blocks and the shared output stack with skip connections (Sections 3.5 and 3.3). Layers are DJL blocks whose parameter shapes depend only on their configuration; masks are applied as {@code weight · mask} in the forward pass, never by editing parameters.
 */
package io.github.pixelrnn.nn;
